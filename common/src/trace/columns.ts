/**
 * Growing typed arrays and an interning string table: the compact storage under the trace model.
 * Spans live as rows across these columns instead of one JS object each (a plain object per span costs
 * about 2.5 times the file's size; see trace-formats.md §9).
 */

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** A copy of `array` with room for `capacity` rows (typed arrays cannot grow in place). */
export function grow<T extends TypedArray>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (length: number): T })(capacity);
  next.set(array as never);
  return next;
}

const CACHE_SLOTS = 1024;

/** Strings stored once and referred to by index (span names, attribute keys, service names…). */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  /**
   * A direct-mapped cache in front of the map: attribute keys and span names repeat in every span, and each
   * arrives as a new string object, which the map would hash in full; comparing with the cached one is cheaper.
   */
  private readonly cacheText: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly cacheId = new Int32Array(CACHE_SLOTS).fill(-1);

  intern(text: string): number {
    const length = text.length;
    const slot =
      length === 0
        ? 0
        : (length * 31 + text.charCodeAt(0) * 7 + text.charCodeAt(length - 1) * 3 + text.charCodeAt(length >> 1)) & (CACHE_SLOTS - 1);
    if (this.cacheText[slot] === text && this.cacheId[slot]! >= 0) return this.cacheId[slot]!;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.index.set(text, id);
    }
    this.cacheText[slot] = this.strings[id]!;
    this.cacheId[slot] = id;
    return id;
  }

  get(id: number): string {
    return this.strings[id]!;
  }

  get size(): number {
    return this.strings.length;
  }
}
