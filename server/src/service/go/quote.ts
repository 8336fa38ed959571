/**
 * Go's `strconv.Quote` (what `%q` prints): apimachinery's field.Error shows string values with it, and
 * net/url's errors quote the URL with it. Printable Unicode stays as is; everything else is escaped the Go way.
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    switch (char) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (isGoPrintable(code)) out += char;
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0xfffd && char !== '\uFFFD') out += '\\ufffd';
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/** An approximation of Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and ASCII space. */
function isGoPrintable(code: number): boolean {
  if (code < 0x20 || code === 0x7f) return false;
  if (code < 0x7f) return true;
  if (code >= 0x80 && code < 0xa0) return false;
  if (code === 0xad) return false; // soft hyphen is format (Cf)
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(code));
}
