/**
 * Growable typed-array columns and an interning string table: the compact storage under the trace model.
 * Spans live as rows across these columns instead of one JS object each (a plain object per span costs
 * about 2.5 times the file's size; see trace-formats.md §9).
 */

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** A typed array that doubles its capacity as rows are pushed. `data` may be replaced on growth. */
export class Column<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(private readonly make: TypedArrayConstructor<T>, capacity = 1024) {
    this.data = new make(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length] = value;
    return this.length++;
  }

  /** Ensures room for `needed` rows in total. */
  grow(needed: number): void {
    if (needed <= this.data.length) return;
    let capacity = Math.max(16, this.data.length * 2);
    while (capacity < needed) capacity *= 2;
    const next = new this.make(capacity);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Bytes held, including spare capacity (for memory accounting in benchmarks). */
  get byteLength(): number {
    return this.data.byteLength;
  }
}

/** Strings stored once and referred to by index (span names, attribute keys, service names…). */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  intern(text: string): number {
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.index.set(text, id);
    }
    return id;
  }

  get(id: number): string {
    return this.strings[id]!;
  }

  get size(): number {
    return this.strings.length;
  }
}
