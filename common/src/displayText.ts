/**
 * Text from a file shown to a person outside markdown (VS Code notifications, the output channel): invisible and
 * direction-changing characters are shown as ⟨U+XXXX⟩ (a right-to-left override would show `txt.exe` as
 * `exe.txt`), and a notification's only markup, `[label](target)` links, is broken apart. Shared by the client and
 * the server's markdown helpers (server/src/service/text/markdown.ts).
 */

/** C0/C1 controls (but tab), bidirectional overrides, embeddings, isolates and marks, zero-width characters. */
const INVISIBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Invisible and direction-changing characters as ⟨U+XXXX⟩ (line breaks kept). */
export function showInvisible(text: string): string {
  INVISIBLE.lastIndex = 0;
  return text.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Invisible and direction-changing characters as ⟨U+XXXX⟩, line breaks as spaces. */
export function visible(text: string): string {
  return showInvisible(text.replace(/\r\n|\r|\n/g, ' '));
}

/**
 * How the trace viewer shows a string from a trace file: invisible characters shown, and at most `max` characters
 * (a 1 MB service name is not laid out whole), then how long it was.
 */
export function displayed(text: string, max = 10_000): string {
  const shown = text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)` : text;
  return HAS_INVISIBLE.test(shown) ? showInvisible(shown) : shown;
}

const HAS_INVISIBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** Text for a VS Code notification, which renders `[label](target)` as a link: the link syntax is broken apart. */
export function notificationText(text: string): string {
  return visible(text).replace(/\]\s*\(/g, '] (');
}
