/**
 * Shortening text from a file before it goes into a message or an explanation: a diagnostic never repeats the whole
 * value it sits on (every unknown gate of a 1,000-gate `--feature-gates` value used to quote the whole value: 20 MB
 * of diagnostics for a 20 KB file).
 */
export const MAX_QUOTED_CHARACTERS = 80;

/** `text` itself when short, else its start, an ellipsis and how long it was. */
export function abbreviate(text: string, max = MAX_QUOTED_CHARACTERS): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in two.
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`;
}
