/**
 * Text from a file going into markdown (hovers, completion documentation). The extension runs in untrusted
 * workspaces, so a cloned repository's manifest must not put links (`[x](command:…)`), HTML or formatting into a
 * hover, nor break out of a code span with a backtick of its own: every file-derived string goes through codeSpan()
 * or plainText(). Both shorten long text (abbreviate.ts) and show invisible and direction-changing characters
 * (a right-to-left override would show `txt.exe` as `exe.txt`) as ⟨U+202E⟩.
 */
import { visible } from '../../../../common/src/displayText';
import { abbreviate } from './abbreviate';

/** `text` as an inline code span that nothing in it can end early: the fence is longer than any backtick run inside. */
export function codeSpan(text: string): string {
  const shown = visible(abbreviate(text));
  if (shown === '') return '(empty)';
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space on each side when both are there: pad when the text touches a backtick or is padded.
  const pad = shown.startsWith('`') || shown.endsWith('`') || (shown.startsWith(' ') && shown.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * `text` as literal markdown text inside a sentence (visible() has removed line breaks, so no line-start syntax
 * applies): the characters that open links, images, HTML, entities, code, emphasis, tables and strikethrough are
 * backslash-escaped; dots, slashes and colons stay readable in the raw markdown.
 */
export function plainText(text: string): string {
  return visible(abbreviate(text)).replace(/[\\`*_[\]<>&!|~]/g, '\\$&');
}
