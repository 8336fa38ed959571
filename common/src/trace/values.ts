/**
 * Decoding of the small OTLP value types shared by every format: IDs, 64-bit nanosecond times, enums and
 * AnyValue (trace-formats.md §0 "Keys and values"). Pure functions, no Node APIs (they also run in the webview).
 */
import { MAX_TRACE_NESTING_DEPTH, NestingTooDeepError } from './nesting';
import { SpanKind, StatusCode, type Attribute, type AttributeValue } from './types';

/** A value parsed from JSON (the model never trusts its shape). */
export type Json = unknown;
export type JsonObject = { readonly [key: string]: Json };

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a field by its lowerCamelCase key or its snake_case original (the Collector's reader accepts both). */
export function field(object: JsonObject, camel: string, snake: string): Json {
  const value = object[camel];
  return value !== undefined ? value : object[snake];
}

const HEX = /^[0-9a-fA-F]*$/;
const LOWER_HEX_32 = /^[0-9a-f]{32}$/;
const LOWER_HEX_16 = /^[0-9a-f]{16}$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const ZERO_32 = '0'.repeat(32);
const ZERO_16 = '0'.repeat(16);

/**
 * Normalises a trace or span ID to lower-case hex of `bytes` bytes. Accepts hex of any case (the OTLP spec's
 * own example is upper case), base64 as written by generic protobuf tools, and shorter hex (64-bit Jaeger or
 * Zipkin trace IDs) left-padded with zeros. "" means no ID; an all-zero ID is invalid and also becomes "".
 * Returns undefined when the text is not an ID at all.
 */
export function normalizeId(value: Json, bytes: number): string | undefined {
  if (typeof value === 'string') {
    // Fast path: what the Collector and the SDKs write (lower-case hex of the right length).
    if (bytes === 16 ? value.length === 32 && LOWER_HEX_32.test(value) : bytes === 8 && value.length === 16 && LOWER_HEX_16.test(value)) {
      return value === ZERO_32 || value === ZERO_16 ? '' : value;
    }
    if (value === '') return '';
  } else if (value === undefined || value === null) return '';
  else return undefined;
  const hexLength = bytes * 2;
  let hex: string;
  if (value.length === hexLength && HEX.test(value)) hex = value.toLowerCase();
  else if (value.length < hexLength && value.length % 2 === 0 && HEX.test(value)) hex = value.toLowerCase().padStart(hexLength, '0');
  else if (value.length === Math.ceil(bytes / 3) * 4 && BASE64.test(value)) hex = base64ToHex(value);
  else return undefined;
  return /^0+$/.test(hex) ? '' : hex;
}

/** Result of `parseHexId` (module scratch: no allocation per ID). */
export const parsedId = { hi: 0, lo: 0 };

/**
 * Parses a 16-hex-digit span ID (any case) into two 32-bit halves in `parsedId`. False when a character is
 * not hex or the length is not 16. Replaces a regex test and a retained string per span.
 */
export function parseHexId(text: string): boolean {
  if (text.length !== 16) return false;
  let hi = 0;
  let lo = 0;
  let bad = 0;
  for (let i = 0; i < 8; i++) {
    const digit = HEX_VALUE[text.charCodeAt(i) & 127]!;
    bad |= digit | text.charCodeAt(i);
    hi = (hi << 4) | (digit & 15);
  }
  for (let i = 8; i < 16; i++) {
    const digit = HEX_VALUE[text.charCodeAt(i) & 127]!;
    bad |= digit | text.charCodeAt(i);
    lo = (lo << 4) | (digit & 15);
  }
  // A non-hex character has the 0x80 bit in its table value; a non-ASCII one in its char code.
  if (bad & ~127) return false;
  parsedId.hi = hi >>> 0;
  parsedId.lo = lo >>> 0;
  return true;
}

/** Hex digit values by character code; 0x80 marks a character that is not a hex digit. */
const HEX_VALUE = new Int32Array(128).fill(0x80);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) HEX_VALUE[97 + c] = HEX_VALUE[65 + c] = 10 + c;

/** 16 lower-case hex digits from two 32-bit halves; "" for the all-zero (absent) ID. */
export function hexId(hi: number, lo: number): string {
  if (hi === 0 && lo === 0) return '';
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

const BASE64_DIGITS = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (BASE64_DIGITS[c.charCodeAt(0)] = i));
BASE64_DIGITS['-'.charCodeAt(0)] = 62; // URL-safe alphabet
BASE64_DIGITS['_'.charCodeAt(0)] = 63;

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const digit = BASE64_DIGITS[clean.charCodeAt(i)] ?? -1;
    if (digit < 0) throw new Error(`invalid base64 character ${JSON.stringify(clean[i])}`);
    buffer = (buffer << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return hex;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63]! : '=';
  }
  return out;
}

function base64ToHex(text: string): string {
  return bytesToHex(base64ToBytes(text));
}

/**
 * A nanosecond timestamp split into whole seconds and nanoseconds, both exact doubles. A 19-digit
 * nanosecond count is above 2^53, so it is never held in one Number.
 */
export interface SplitTime {
  seconds: number;
  nanos: number;
}

/** Thrown when a JSON number lost precision before we saw it; the reader then re-parses the line exactly. */
export class PrecisionLostError extends Error {
  constructor() {
    super('a 64-bit integer field holds a JSON number that is not an exact integer (beyond 2^53)');
  }
}

const DIGITS = /^\d+$/;

/** Parses a fixed64 nanosecond time given as a decimal string or a JSON number. Returns false if invalid. */
export function splitNanos(value: Json, out: SplitTime): boolean {
  if (typeof value === 'string') {
    // Digit by digit: no substrings, no regex (this runs for every span and event of a file).
    const length = value.length;
    if (length === 0 || length > 20) return false;
    const cut = length > 9 ? length - 9 : 0;
    // Seconds digits, then nanosecond digits: no branch per digit. A character outside 0-9 makes
    // `digit` or `9 - digit` negative, which sets the sign bit of `bad`.
    let seconds = 0;
    let nanos = 0;
    let bad = 0;
    for (let i = 0; i < cut; i++) {
      const digit = value.charCodeAt(i) - 48;
      bad |= digit | (9 - digit);
      seconds = seconds * 10 + digit;
    }
    for (let i = cut; i < length; i++) {
      const digit = value.charCodeAt(i) - 48;
      bad |= digit | (9 - digit);
      nanos = nanos * 10 + digit;
    }
    if (bad < 0) return false;
    out.seconds = seconds;
    out.nanos = nanos;
    return true;
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return false;
    if (!Number.isSafeInteger(value)) throw new PrecisionLostError();
    out.seconds = Math.floor(value / 1e9);
    out.nanos = value - out.seconds * 1e9;
    return true;
  }
  if (value === undefined) {
    out.seconds = 0;
    out.nanos = 0;
    return true;
  }
  return false;
}

/** Splits microseconds (Jaeger, Zipkin) into seconds and nanoseconds. */
export function splitMicros(micros: number, out: SplitTime): void {
  out.seconds = Math.floor(micros / 1e6);
  out.nanos = (micros - out.seconds * 1e6) * 1000;
}

/** Exact decimal nanoseconds from a split time. */
export function nanosToString(seconds: number, nanos: number): string {
  if (seconds === 0) return String(nanos);
  return String(seconds) + String(nanos).padStart(9, '0');
}

export function nanosToBigInt(seconds: number, nanos: number): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

const KIND_NAMES: Record<string, SpanKind> = {
  SPAN_KIND_UNSPECIFIED: SpanKind.Unspecified,
  SPAN_KIND_INTERNAL: SpanKind.Internal,
  SPAN_KIND_SERVER: SpanKind.Server,
  SPAN_KIND_CLIENT: SpanKind.Client,
  SPAN_KIND_PRODUCER: SpanKind.Producer,
  SPAN_KIND_CONSUMER: SpanKind.Consumer,
};

/** Span kind from an integer or an enum name; unknown values read as unspecified. */
export function parseKind(value: Json): SpanKind {
  if (typeof value === 'number') return value >= 0 && value <= 5 && Number.isInteger(value) ? value : SpanKind.Unspecified;
  if (typeof value === 'string') return KIND_NAMES[value] ?? (DIGITS.test(value) ? parseKind(Number(value)) : SpanKind.Unspecified);
  return SpanKind.Unspecified;
}

const STATUS_NAMES: Record<string, StatusCode> = {
  STATUS_CODE_UNSET: StatusCode.Unset,
  STATUS_CODE_OK: StatusCode.Ok,
  STATUS_CODE_ERROR: StatusCode.Error,
};

export function parseStatusCode(value: Json): StatusCode {
  if (typeof value === 'number') return value === 1 || value === 2 ? value : StatusCode.Unset;
  if (typeof value === 'string') return STATUS_NAMES[value] ?? (DIGITS.test(value) ? parseStatusCode(Number(value)) : StatusCode.Unset);
  return StatusCode.Unset;
}

/** Reads a uint32 counter or flags field (a number, or a decimal string from lenient writers). */
export function parseUint(value: Json): number {
  if (typeof value === 'number') return value >= 0 ? value >>> 0 : 0;
  if (typeof value === 'string' && DIGITS.test(value)) return Number(value) >>> 0;
  return 0;
}

interface AnyValueJson {
  readonly stringValue?: Json;
  readonly string_value?: Json;
  readonly boolValue?: Json;
  readonly bool_value?: Json;
  readonly intValue?: Json;
  readonly int_value?: Json;
  readonly doubleValue?: Json;
  readonly double_value?: Json;
  readonly arrayValue?: Json;
  readonly array_value?: Json;
  readonly kvlistValue?: Json;
  readonly kvlist_value?: Json;
  readonly bytesValue?: Json;
  readonly bytes_value?: Json;
}

/** Decodes an OTLP AnyValue (JSON), every shape of trace-formats.md §0; `depth` is how deep in another AnyValue. */
export function decodeAnyValue(json: Json, depth = 0): AttributeValue {
  if (typeof json !== 'object' || json === null) return null;
  if (depth > MAX_TRACE_NESTING_DEPTH) throw new NestingTooDeepError('an attribute value');
  const value = json as AnyValueJson;
  const s = value.stringValue ?? value.string_value;
  if (s !== undefined) return typeof s === 'string' ? s : String(s);
  const i = value.intValue ?? value.int_value;
  if (i !== undefined) return typeof i === 'number' && Number.isSafeInteger(i) ? i : decodeInt(i);
  const b = value.boolValue ?? value.bool_value;
  if (b !== undefined) return b === true || b === 'true';
  const d = value.doubleValue ?? value.double_value;
  if (d !== undefined) return typeof d === 'number' ? d : Number(d); // "NaN", "Infinity", "-Infinity"
  const a = value.arrayValue ?? value.array_value;
  if (a !== undefined) {
    const values = isObject(a) ? a['values'] : undefined;
    return Array.isArray(values) ? values.map((item) => decodeAnyValue(item, depth + 1)) : [];
  }
  const kv = value.kvlistValue ?? value.kvlist_value;
  if (kv !== undefined) {
    const values = isObject(kv) ? kv['values'] : undefined;
    return { kvlist: Array.isArray(values) ? decodeKeyValues(values, depth + 1) : [] };
  }
  const bytes = value.bytesValue ?? value.bytes_value;
  if (bytes !== undefined) return { bytes: typeof bytes === 'string' ? bytes : '' };
  return null;
}

/** An int64: a safe integer as a number, a larger one as `{ int: "…" }` so it stays exact. */
export function decodeInt(value: Json): AttributeValue {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new PrecisionLostError();
    return value;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : { int: value.replace(/^(-?)0+(?=\d)/, '$1') };
  }
  return null;
}

export function decodeKeyValues(list: readonly Json[], depth = 0): Attribute[] {
  const out: Attribute[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    const key = item['key'];
    out.push({ key: typeof key === 'string' ? key : String(key ?? ''), value: decodeAnyValue(item['value'], depth) });
  }
  return out;
}

/** Renders a value as one line of text (search, tables, the CLI). */
export function attributeText(value: AttributeValue): string {
  if (value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(attributeText).join(', ')}]`;
  if ('int' in value) return value.int;
  if ('bytes' in value) return value.bytes;
  if ('kvlist' in value) return `{${value.kvlist.map((a) => `${a.key}: ${attributeText(a.value)}`).join(', ')}}`;
  return '';
}
