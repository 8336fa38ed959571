/**
 * JSON records too large to parse at once (issue 14: a reader's memory within about 4× the file size). JSON.parse of
 * a 200 MB line needs the bytes, the decoded text and every object of the record alive together (4.3× the file for
 * 1e6 spans on one line, 8.7× for a pretty-printed document kept as lines). A record over LARGE_JSON_BYTES is read
 * from its bytes instead, as the chunks they arrived in (never joined), by a structural scan: an object's members are
 * parsed one by one, and an array where trace formats keep their long lists (`resourceSpans`, `scopeSpans`, `spans`,
 * Jaeger `data`, a top-level array) becomes a LazyJsonArray whose elements are parsed only as a reader iterates it.
 * What a reader took from an element is in the store; the element's objects are garbage at once. Any other array is
 * parsed whole, so readers see plain arrays everywhere else.
 */
import { MAX_TRACE_NESTING_DEPTH, NestingTooDeepError } from './nesting';
import type { Json } from './values';

/** Records up to this size are parsed by JSON.parse as they are (the fast path of every usual file). */
export const LARGE_JSON_BYTES = 1 << 20;

/** Keys whose array value a reader iterates once, element by element (otlpJson, jaegerJson, dispatch). */
const LIST_KEYS = new Set([
  'resourceSpans',
  'resource_spans',
  'scopeSpans',
  'scope_spans',
  'instrumentationLibrarySpans',
  'instrumentation_library_spans',
  'spans',
  'data',
  'batches',
]);

const decoder = new TextDecoder('utf-8');

/** The bytes of one JSON text, as the chunks they came in; offsets are into their concatenation. */
export class JsonBytes {
  readonly length: number;
  private readonly starts: number[] = [];

  constructor(private readonly chunks: readonly Uint8Array[]) {
    let length = 0;
    for (const chunk of chunks) {
      this.starts.push(length);
      length += chunk.length;
    }
    this.length = length;
  }

  /** Bytes [from, to): a view when they lie in one chunk, else a copy. */
  slice(from: number, to: number): Uint8Array {
    let c = this.chunkAt(from);
    const chunk = this.chunks[c]!;
    const local = from - this.starts[c]!;
    if (local + (to - from) <= chunk.length) return chunk.subarray(local, local + (to - from));
    const out = new Uint8Array(to - from);
    for (let at = from; at < to; c++) {
      const start = this.starts[c]!;
      const part = this.chunks[c]!.subarray(at - start, Math.min(this.chunks[c]!.length, to - start));
      out.set(part, at - from);
      at += part.length;
    }
    return out;
  }

  text(from: number, to: number): string {
    return decoder.decode(this.slice(from, to));
  }

  /**
   * Calls `visit(chunk, localFrom, localTo, base)` for the parts of [from, to) in each chunk, in order, until it
   * returns a number ≥ 0 (the absolute offset where it stopped), which is returned; -1 when it never did.
   */
  scan(from: number, to: number, visit: (chunk: Uint8Array, start: number, end: number, base: number) => number): number {
    for (let c = this.chunkAt(from); c < this.chunks.length && this.starts[c]! < to; c++) {
      const base = this.starts[c]!;
      const chunk = this.chunks[c]!;
      const stop = visit(chunk, Math.max(0, from - base), Math.min(chunk.length, to - base), base);
      if (stop >= 0) return stop;
    }
    return -1;
  }

  private chunkAt(offset: number): number {
    // Binary search: the last chunk starting at or before offset.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

export interface LargeJsonOptions {
  /** Parse with bare integers of 16+ digits quoted (the re-read after a PrecisionLostError). */
  readonly quoteBig?: (text: string) => string;
}

/** A long JSON array read element by element: iterate it once (or ask `at(i)`); nothing parsed is kept. */
export class LazyJsonArray implements Iterable<Json> {
  constructor(
    private readonly bytes: JsonBytes,
    /** Element i is bytes [bounds[2i], bounds[2i+1]). */
    private readonly bounds: Float64Array,
    readonly length: number,
    private readonly depth: number,
    private readonly options: LargeJsonOptions,
  ) {}

  at(index: number): Json {
    if (!(index >= 0 && index < this.length)) return undefined;
    // An element of a list is a list again in Zipkin's array of traces (arrays of spans), hence inList.
    return parseRange(this.bytes, this.bounds[2 * index]!, this.bounds[2 * index + 1]!, true, this.depth + 1, this.options);
  }

  *[Symbol.iterator](): Iterator<Json> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** An array as a reader iterates it: a plain array, or a LazyJsonArray standing at a list key of a large record. */
export type JsonList = readonly Json[] | LazyJsonArray;

export function isJsonList(value: Json): value is JsonList {
  return Array.isArray(value) || value instanceof LazyJsonArray;
}

/** Parses bytes [from, to) holding one JSON value; large containers as described above. Throws on invalid JSON. */
export function parseLargeJson(bytes: JsonBytes, from: number, to: number, options: LargeJsonOptions = {}): Json {
  return parseRange(bytes, from, to, true, 0, options);
}

function parseRange(bytes: JsonBytes, from: number, to: number, inList: boolean, depth: number, options: LargeJsonOptions): Json {
  if (depth > MAX_TRACE_NESTING_DEPTH) throw new NestingTooDeepError('trace data');
  if (to - from <= LARGE_JSON_BYTES) return parseSmall(bytes, from, to, options);
  const start = skipSpace(bytes, from, to);
  const first = start < to ? bytes.slice(start, start + 1)[0] : undefined;
  if (first === 0x5b /* [ */) {
    if (!inList) return parseSmall(bytes, from, to, options);
    const bounds = splitContainer(bytes, start, to, false);
    return new LazyJsonArray(bytes, bounds, bounds.length / 2, depth, options);
  }
  if (first !== 0x7b /* { */) return parseSmall(bytes, from, to, options);
  const members = splitContainer(bytes, start, to, true);
  const object: Record<string, Json> = {};
  for (let m = 0; m < members.length; m += 4) {
    const key = parseSmall(bytes, members[m]!, members[m + 1]!, {});
    if (typeof key !== 'string') throw new SyntaxError(`invalid JSON: an object key at byte ${members[m]! - from} is not a string`);
    const value = parseRange(bytes, members[m + 2]!, members[m + 3]!, LIST_KEYS.has(key), depth + 1, options);
    // As JSON.parse does: an own property even for "__proto__", the last of duplicate keys.
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return object;
}

function parseSmall(bytes: JsonBytes, from: number, to: number, options: LargeJsonOptions): Json {
  const text = bytes.text(from, to);
  return JSON.parse(options.quoteBig ? options.quoteBig(text) : text) as Json;
}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function skipSpace(bytes: JsonBytes, from: number, to: number): number {
  const at = bytes.scan(from, to, (chunk, start, end, base) => {
    for (let i = start; i < end; i++) if (!isSpace(chunk[i]!)) return base + i;
    return -1;
  });
  return at < 0 ? to : at;
}

/**
 * Scans the object or array starting at `open` (its `{` or `[`) and ending before `to` (only whitespace may follow).
 * Returns, for an array, [start, end) of each element; for an object, [keyStart, keyEnd, valueStart, valueEnd) of
 * each member. Strings and nesting are followed byte by byte; what is inside an element is left to its own parse.
 */
function splitContainer(bytes: JsonBytes, open: number, to: number, isObject: boolean): Float64Array {
  let out = new Float64Array(64);
  let count = 0;
  const push = (value: number) => {
    if (count === out.length) {
      const grown = new Float64Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = value;
  };
  let depth = 0;
  let inString = false;
  let escaped = false;
  let partStart = open + 1;
  let sawColon = false;
  const fail = (what: string, at: number): never => {
    throw new SyntaxError(`invalid JSON: ${what} at byte ${at - open} of a ${bytes.length}-byte record`);
  };
  const endPart = (at: number, last: boolean) => {
    const start = skipSpace(bytes, partStart, at);
    if (start === at) {
      // Only `[]` and `{}` may be empty; `[1,]` and `[,1]` may not.
      if (last && count === 0) return;
      fail('an empty element', at);
    }
    if (isObject) {
      if (!sawColon) fail('a member without ":"', at);
      push(at); // valueEnd
    } else {
      push(start);
      push(at);
    }
    sawColon = false;
  };
  const closeAt = bytes.scan(open, to, (chunk, start, end, base) => {
    // The state in locals while in a chunk (closure variables cost a context load per byte).
    let d = depth;
    let quoted = inString;
    let escape = escaped;
    let stop = -1;
    for (let i = start; i < end; i++) {
      const b = chunk[i]!;
      if (quoted) {
        if (escape) escape = false;
        else if (b === 0x5c) escape = true;
        else if (b === 0x22) quoted = false;
        continue;
      }
      if (b === 0x22) quoted = true;
      else if (b === 0x7b || b === 0x5b) d++;
      else if (b === 0x7d || b === 0x5d) {
        if (--d === 0) {
          if (b !== (isObject ? 0x7d : 0x5d)) fail(`"${String.fromCharCode(b)}" closing ${isObject ? 'an object' : 'an array'}`, base + i);
          endPart(base + i, true);
          stop = base + i;
          break;
        }
      } else if (d === 1) {
        if (b === 0x2c) {
          endPart(base + i, false);
          partStart = base + i + 1;
        } else if (b === 0x3a && isObject) {
          if (sawColon) fail('a second ":" in a member', base + i);
          push(skipSpace(bytes, partStart, base + i));
          push(base + i);
          push(base + i + 1);
          sawColon = true;
        }
      }
    }
    depth = d;
    inString = quoted;
    escaped = escape;
    return stop;
  });
  if (closeAt < 0) fail(inString ? 'a string not closed' : `${isObject ? 'an object' : 'an array'} not closed`, to);
  if (skipSpace(bytes, closeAt + 1, to) !== to) fail('more after the value', closeAt + 1);
  return out.subarray(0, count);
}
