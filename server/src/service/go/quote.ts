/**
 * Go's `strconv.Quote` (what `%q` prints): apimachinery's field.Error shows string values with it, and
 * net/url's errors quote the URL with it. Go strings are UTF-8 bytes, so quoting works on bytes: printable
 * runes stay as they are, other runes are escaped, and bytes that are not valid UTF-8 become `\xNN`
 * (e.g. net/url's `invalid URL escape "%z\xc3"`, which cuts a multi-byte rune in half).
 * Mirrors go/src/strconv/quote.go appendQuotedWith; IsPrint is approximated with Unicode categories.
 */

/** A Go string held as a JS "binary string": one char per byte (0–255), so Go's byte indexing ports as is. */
export type ByteString = string;

const encoder = new TextEncoder();

export function toByteString(value: string): ByteString {
  const bytes = encoder.encode(value);
  let out = '';
  // Chunked so a 10 MB value does not overflow the call stack of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

export function goQuote(value: string): string {
  return goQuoteBytes(toByteString(value));
}

/** `strconv.Quote` of a Go string given as bytes. */
export function goQuoteBytes(bytes: ByteString): string {
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const [rune, width] = decodeRune(bytes, i);
    if (rune === -1) {
      out += `\\x${bytes.charCodeAt(i).toString(16).padStart(2, '0')}`;
      i += 1;
      continue;
    }
    out += quoteRune(rune);
    i += width;
  }
  return out + '"';
}

function quoteRune(code: number): string {
  switch (code) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (isGoPrintable(code)) return String.fromCodePoint(code);
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** utf8.DecodeRuneInString: the rune and its width, or -1 for a byte that does not start a valid encoding. */
function decodeRune(bytes: ByteString, at: number): [number, number] {
  const b0 = bytes.charCodeAt(at);
  if (b0 < 0x80) return [b0, 1];
  const cont = (k: number) => {
    const b = bytes.charCodeAt(at + k);
    return at + k < bytes.length && b >= 0x80 && b <= 0xbf ? b & 0x3f : -1;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [-1, 1] : [((b0 & 0x1f) << 6) | c1, 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const c1 = cont(1),
      c2 = cont(2);
    if (c1 < 0 || c2 < 0) return [-1, 1];
    const rune = ((b0 & 0x0f) << 12) | (c1 << 6) | c2;
    return rune < 0x800 || (rune >= 0xd800 && rune <= 0xdfff) ? [-1, 1] : [rune, 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const c1 = cont(1),
      c2 = cont(2),
      c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return [-1, 1];
    const rune = ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
    return rune < 0x10000 || rune > 0x10ffff ? [-1, 1] : [rune, 4];
  }
  return [-1, 1];
}

/** An approximation of Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and ASCII space. */
function isGoPrintable(code: number): boolean {
  if (code < 0x20 || code === 0x7f) return false;
  if (code < 0x7f) return true;
  if (code >= 0x80 && code < 0xa0) return false;
  if (code === 0xad) return false; // soft hyphen is format (Cf)
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(code));
}
