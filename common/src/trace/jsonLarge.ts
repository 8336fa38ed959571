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

/**
 * The structure of a large container, found in one pass over the record: for an array, [start, end) of each element;
 * for an object, [keyStart, keyEnd, valueStart, valueEnd) of each member; and the large containers inside it that
 * were followed too (list elements and list-key arrays over LARGE_JSON_BYTES), by their start offset.
 */
interface Skeleton {
  readonly isObject: boolean;
  readonly bounds: Float64Array;
  readonly children: Map<number, Skeleton> | undefined;
}

/** A long JSON array read element by element: iterate it once (or ask `at(i)`); nothing parsed is kept. */
export class LazyJsonArray implements Iterable<Json> {
  readonly length: number;

  constructor(
    private readonly bytes: JsonBytes,
    private readonly skeleton: Skeleton,
    private readonly depth: number,
    private readonly options: LargeJsonOptions,
  ) {
    this.length = skeleton.bounds.length / 2;
  }

  at(index: number): Json {
    if (!(index >= 0 && index < this.length)) return undefined;
    const start = this.skeleton.bounds[2 * index]!;
    const child = this.skeleton.children?.get(start);
    if (child) return valueOf(this.bytes, child, this.depth + 1, this.options);
    return parseSmall(this.bytes, start, this.skeleton.bounds[2 * index + 1]!, this.options);
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
  if (to - from <= LARGE_JSON_BYTES) return parseSmall(bytes, from, to, options);
  const skeleton = scanSkeleton(bytes, from, to);
  return skeleton ? valueOf(bytes, skeleton, 0, options) : parseSmall(bytes, from, to, options);
}

function valueOf(bytes: JsonBytes, skeleton: Skeleton, depth: number, options: LargeJsonOptions): Json {
  if (!skeleton.isObject) return new LazyJsonArray(bytes, skeleton, depth, options);
  const { bounds, children } = skeleton;
  const object: Record<string, Json> = {};
  for (let m = 0; m < bounds.length; m += 4) {
    const key = parseSmall(bytes, bounds[m]!, bounds[m + 1]!, {});
    if (typeof key !== 'string') throw new SyntaxError(`invalid JSON: an object key at byte ${bounds[m]!} is not a string`);
    const child = children?.get(bounds[m + 2]!);
    const value = child ? valueOf(bytes, child, depth + 1, options) : parseSmall(bytes, bounds[m + 2]!, bounds[m + 3]!, options);
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

const encoder = new TextEncoder();
/** The list keys as they are written, quotes included, compared with a key's bytes without decoding it. */
const LIST_KEY_BYTES = [...LIST_KEYS].map((key) => encoder.encode(JSON.stringify(key)));
const RESULT_KEY_BYTES = encoder.encode('"result"');
/** Lists of spans: their elements hold no list, so they are skipped, not followed (no call per member of a span). */
const SPANS_KEY_BYTES = encoder.encode('"spans"');

/** A container being scanned; reused (a span object is one too, and there may be millions). */
class Frame {
  isObject = false;
  /** An array of spans: elements are skipped like any value, not followed. */
  leaf = false;
  start = 0;
  /** Where the current element's or member's (key or value) content starts, -1 before any. */
  first = -1;
  sawColon = false;
  keyFirst = 0;
  keyEnd = 0;
  parts = new Float64Array(16);
  count = 0;
  children: Map<number, Skeleton> | undefined;

  reset(isObject: boolean, start: number, leaf: boolean): void {
    this.isObject = isObject;
    this.leaf = leaf;
    this.start = start;
    this.first = -1;
    this.sawColon = false;
    this.count = 0;
    this.children = undefined;
  }

  push(value: number): void {
    if (this.count === this.parts.length) {
      const grown = new Float64Array(this.parts.length * 2);
      grown.set(this.parts);
      this.parts = grown;
    }
    this.parts[this.count++] = value;
  }
}

/**
 * One pass over bytes [from, to) holding an object or array (undefined for any other value). Followed, with their
 * elements or members recorded: the root, every element of a followed array that is itself an object or array
 * (but not of a `spans` array: a span holds no list), an array under a list key and an object under `result` of a
 * followed object. Anything else is skipped by counting
 * brackets (and parsed whole by JSON.parse when asked for). A followed container up to LARGE_JSON_BYTES is dropped when
 * it closes: JSON.parse reads it from its range. Strings are followed byte by byte so no bracket inside one counts.
 */
function scanSkeleton(bytes: JsonBytes, from: number, to: number): Skeleton | undefined {
  const open = skipSpace(bytes, from, to);
  const head = open < to ? bytes.slice(open, open + 1)[0] : undefined;
  if (head !== 0x7b && head !== 0x5b) return undefined;
  const fail = (what: string, at: number): never => {
    throw new SyntaxError(`invalid JSON: ${what} at byte ${at - from} of a ${to - from}-byte record`);
  };
  const stack: Frame[] = [];
  const pool: Frame[] = [];
  const enter = (isObject: boolean, at: number, leaf: boolean): Frame => {
    if (stack.length > MAX_TRACE_NESTING_DEPTH) throw new NestingTooDeepError('trace data');
    const frame = pool.pop() ?? new Frame();
    frame.reset(isObject, at, leaf);
    stack.push(frame);
    return frame;
  };
  const endPart = (f: Frame, at: number, last: boolean) => {
    if (f.first < 0) {
      // Only `[]` and `{}` may be empty; `[1,]`, `[,1]` and `{"a":}` may not.
      if (last && f.count === 0 && !f.sawColon) return;
      fail(f.sawColon ? 'a member without a value' : 'an empty element', at);
    }
    if (f.isObject) {
      if (!f.sawColon) fail('a member without ":"', at);
      f.push(f.keyFirst);
      f.push(f.keyEnd);
    }
    f.push(f.first);
    f.push(at);
    f.first = -1;
    f.sawColon = false;
  };
  /** Whether the container opened by `bracket` inside frame f is followed: 0 no, 1 yes, 2 yes as a list of spans. */
  const follows = (f: Frame, bracket: number): number => {
    if (!f.isObject) return f.leaf ? 0 : 1;
    if (!f.sawColon) return 0; // a container as a key: JSON.parse reports it
    const key = bytes.slice(f.keyFirst, f.keyEnd);
    let end = key.length;
    while (end > 0 && isSpace(key[end - 1]!)) end--;
    const is = (candidate: Uint8Array) => candidate.length === end && candidate.every((b, i) => key[i] === b);
    if (bracket === 0x7b) return is(RESULT_KEY_BYTES) ? 1 : 0;
    return is(SPANS_KEY_BYTES) ? 2 : LIST_KEY_BYTES.some(is) ? 1 : 0;
  };
  let root: Skeleton | undefined;
  let f = enter(head === 0x7b, open, false);
  let skip = 0;
  let quoted = false;
  let escaped = false;
  const closeAt = bytes.scan(open + 1, to, (chunk, start, end, base) => {
    // The hot loop: state in locals; everything at a followed container's own level calls out.
    let q = quoted;
    let e = escaped;
    let s = skip;
    let stop = -1;
    for (let i = start; i < end; i++) {
      const b = chunk[i]!;
      if (q) {
        if (e) e = false;
        else if (b === 0x5c) e = true;
        else if (b === 0x22) q = false;
        continue;
      }
      if (s > 0) {
        if (b === 0x22) q = true;
        else if (b === 0x7b || b === 0x5b) s++;
        else if (b === 0x7d || b === 0x5d) s--;
        continue;
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      const at = base + i;
      if (b === 0x2c) endPart(f, at, false);
      else if (b === 0x3a && f.isObject) {
        if (f.sawColon || f.first < 0) fail(f.sawColon ? 'a second ":" in a member' : 'a member without a key', at);
        f.keyFirst = f.first;
        f.keyEnd = at;
        f.first = -1;
        f.sawColon = true;
      } else if (b === 0x7d || b === 0x5d) {
        if (b !== (f.isObject ? 0x7d : 0x5d)) fail(`"${String.fromCharCode(b)}" closing ${f.isObject ? 'an object' : 'an array'}`, at);
        endPart(f, at, true);
        const closed = stack.pop()!;
        const skeleton: Skeleton | undefined =
          stack.length === 0 || at + 1 - closed.start > LARGE_JSON_BYTES
            ? { isObject: closed.isObject, bounds: closed.parts.slice(0, closed.count), children: closed.children }
            : undefined;
        pool.push(closed);
        if (stack.length === 0) {
          root = skeleton;
          stop = at;
          break;
        }
        f = stack[stack.length - 1]!;
        if (skeleton) (f.children ??= new Map()).set(closed.start, skeleton);
      } else {
        const first = f.first < 0;
        if (first) f.first = at;
        if (b === 0x22) q = true;
        else if (b === 0x7b || b === 0x5b) {
          const follow = first ? follows(f, b) : 0;
          if (follow) f = enter(b === 0x7b, at, follow === 2);
          else s = 1;
        }
      }
    }
    quoted = q;
    escaped = e;
    skip = s;
    return stop;
  });
  if (closeAt < 0) fail(quoted ? 'a string not closed' : `${stack[0]!.isObject ? 'an object' : 'an array'} not closed`, to);
  if (skipSpace(bytes, closeAt + 1, to) !== to) fail('more after the value', closeAt + 1);
  return root;
}
