/**
 * Go's `netip.ParseAddr`, only as far as net/url needs it: whether the text is an IPv4 address, an IPv6
 * address (zone allowed), or not an address, with Go's exact error text. net/url calls it for bracketed hosts
 * since Go 1.24.8 / 1.25.2 (CVE-2025-47912): `invalid host: ParseAddr("localhost"): unable to parse IP`.
 * Mirrors go/src/net/netip/netip.go ParseAddr, parseIPv4Fields, parseIPv6 and parseAddrError.Error.
 */
import { goQuoteBytes, type ByteString } from './quote';

/** is4In6: an IPv4-mapped IPv6 address (::ffff:a.b.c.d), which netip's Is4In6 reports. */
export type ParsedAddr = { ok: true; is4: boolean; is4In6?: boolean } | { ok: false; error: string };

function fail(input: ByteString, msg: string, at = ''): ParsedAddr {
  const where = at ? ` (at ${goQuoteBytes(at)})` : '';
  return { ok: false, error: `ParseAddr(${goQuoteBytes(input)}): ${msg}${where}` };
}

export function parseAddr(s: ByteString): ParsedAddr {
  for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case '.':
        return parseIPv4Fields(s, 0, s.length) ?? { ok: true, is4: true };
      case ':':
        return parseIPv6(s);
      // Go assumes this was meant to be an IPv6 address with a zone, missing its address.
      case '%':
        return fail(s, 'missing IPv6 address');
    }
  }
  return fail(s, 'unable to parse IP');
}

/** null when `input[off:end]` is a dotted IPv4 address, else the failure (reported against the whole input). */
function parseIPv4Fields(input: ByteString, off: number, end: number): ParsedAddr | null {
  const s = input.slice(off, end);
  let val = 0,
    pos = 0,
    digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && val === 0) return fail(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c - 0x30);
      digits++;
      if (val > 255) return fail(input, 'IPv4 field has value >255');
    } else if (s[i] === '.') {
      // .1.2.3   1.2.3.   1..2.3
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return fail(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) return fail(input, 'IPv4 address too long'); // 1.2.3.4.5
      pos++;
      val = 0;
      digits = 0;
    } else {
      return fail(input, 'unexpected character', s.slice(i));
    }
  }
  return pos < 3 ? fail(input, 'IPv4 address too short') : null;
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

function parseIPv6(input: ByteString): ParsedAddr {
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent !== -1) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    if (zone === '') return fail(input, 'zone must be a non-empty string');
  }
  let ellipsis = -1; // position of '::' in fields
  const ip: number[] = new Array<number>(16).fill(0);
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return { ok: true, is4: false }; // "::"
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const digit = hexValue(s[off]);
      if (digit < 0) break;
      acc = acc * 16 + digit;
      if (off > 3) return fail(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) return fail(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) return fail(input, 'each colon-separated field must have at least one digit', s);
    if (s[off] === '.') {
      // An embedded IPv4 address, which must be the last 32 bits.
      if (ellipsis < 0 && i !== 12) return fail(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) return fail(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const end = input.length - (zone.length > 0 ? zone.length + 1 : 0);
      const ipv4Failure = parseIPv4Fields(input, end - s.length, end);
      if (ipv4Failure) return ipv4Failure;
      input
        .slice(end - s.length, end)
        .split('.')
        .forEach((field, k) => (ip[i + k] = Number(field)));
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':') return fail(input, 'unexpected character, want colon', s);
    if (s.length === 1) return fail(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return fail(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return fail(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) return fail(input, 'address string too short');
  } else if (ellipsis >= 0) {
    return fail(input, 'the :: must expand to at least one field of zeros');
  }
  // The fields after '::' move to the end; the ones in between are zero.
  if (i < 16 && ellipsis >= 0) {
    const tail = ip.slice(ellipsis, i);
    ip.fill(0, ellipsis);
    tail.forEach((byte, k) => (ip[16 - tail.length + k] = byte));
  }
  const is4In6 = ip.slice(0, 10).every((byte) => byte === 0) && ip[10] === 0xff && ip[11] === 0xff;
  return { ok: true, is4: false, is4In6 };
}
