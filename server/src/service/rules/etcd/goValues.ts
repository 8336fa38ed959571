/**
 * Go's parsing of flag values, as etcd's flags see them: `strconv.ParseBool` for BoolVar and
 * `strconv.ParseInt(s, 0, 64)` for IntVar (Go src/flag/flag.go boolValue.Set / intValue.Set, whose errors
 * flag.go numError turns into "parse error" or "value out of range").
 */

/** strconv.ParseBool: exactly twelve spellings (shared with the feature-gate parser). */
export { parseGoBool } from '../feature-gates';

export type GoIntResult = { ok: true; value: bigint } | { ok: false; reason: 'parse error' | 'value out of range' };

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * strconv.ParseInt(s, 0, 64): optional sign, then `0x`/`0o`/`0b` or a leading `0` (octal) or decimal, with `_`
 * allowed only between digits or after a base prefix (strconv underscoreOK).
 */
export function parseGoInt(text: string): GoIntResult {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]*|0[oO][0-7_]*|0[bB][01_]*|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!match) return { ok: false, reason: 'parse error' };
  const [, sign, body] = match as unknown as [string, string, string];
  const prefixed = /^0[xXoObB]/.test(body);
  const digits = (prefixed ? body.slice(2) : body).replace(/_/g, '');
  if (prefixed && digits.length === 0) return { ok: false, reason: 'parse error' };
  if (body.includes('_') && !underscoresOk(body)) return { ok: false, reason: 'parse error' };
  const radix = prefixed
    ? { x: 16, o: 8, b: 2 }[body[1]!.toLowerCase() as 'x' | 'o' | 'b']
    : body.length > 1 && body.startsWith('0')
      ? 8
      : 10;
  let value = 0n;
  for (const digit of digits) value = value * BigInt(radix) + BigInt(parseInt(digit, radix));
  if (sign === '-') value = -value;
  if (value > INT64_MAX || value < INT64_MIN) return { ok: false, reason: 'value out of range' };
  return { ok: true, value };
}

/** strconv underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoresOk(body: string): boolean {
  let previous = '^';
  let i = 0;
  if (/^0[xXoObB]/.test(body)) {
    previous = '0';
    i = 2;
  } else if (body.startsWith('0')) {
    previous = '0';
  }
  for (; i < body.length; i++) {
    const char = body[i]!;
    if (char === '_') {
      if (previous !== '0') return false;
      previous = '_';
    } else {
      previous = '0';
    }
  }
  return previous !== '_';
}
