/**
 * Attribute storage without one retained JS value per attribute. Keys are interned; numbers and booleans go
 * in typed arrays; the string values of one record (one JSONL line, one protobuf frame) are joined into one
 * string when the record is committed, and each attribute keeps only its offset and length in it. So the
 * millions of small strings JSON.parse makes die young instead of being promoted and traced by every GC, and
 * text search runs one regular expression over a few hundred long strings.
 */
import { grow, type StringTable } from './columns';
import type { Attribute, AttributeValue } from './types';

const enum Kind {
  Null = 0,
  String = 1,
  /** An integer in [0, 2^32): kept in `slot` itself. */
  Uint = 2,
  /** Any other number: `slot` indexes `numbers`. */
  Number = 3,
  True = 4,
  False = 5,
  /** Arrays, kvlists, bytes, int64 beyond 2^53: `slot` indexes `complex`. */
  Complex = 6,
}

/** Separates joined values; a search hit that spans it is not a match inside one value. */
const SEPARATOR = '\u0000';

export class AttributeStore {
  count = 0;
  private capacity = 0;
  key = new Uint32Array(0);
  kind = new Uint8Array(0);
  /** Per kind: a string's offset in its record's blob, a small integer itself, or an index into `numbers`/`complex`. */
  slot = new Uint32Array(0);
  /** A string's length in its blob (strings only). */
  stringLength = new Uint32Array(0);
  private numbers: number[] = [];
  private complex: AttributeValue[] = [];

  /** Joined string values, one per committed record, and the first attribute of each. */
  readonly blobs: string[] = [];
  blobStart = new Uint32Array(16);
  private pending: string[] = [];
  private pendingLength = 0;
  private recordStart = 0;

  constructor(private readonly strings: StringTable) {}

  add(key: string, value: AttributeValue): void {
    const index = this.count;
    if (index === this.capacity) {
      const n = (this.capacity = Math.max(4096, this.capacity * 2));
      this.key = grow(this.key, n);
      this.kind = grow(this.kind, n);
      this.slot = grow(this.slot, n);
      this.stringLength = grow(this.stringLength, n);
    }
    this.key[index] = this.strings.intern(key);
    if (typeof value === 'string') {
      this.kind[index] = Kind.String;
      this.slot[index] = this.pendingLength;
      this.stringLength[index] = value.length;
      this.pending.push(value);
      this.pendingLength += value.length + 1;
    } else if (typeof value === 'number') {
      if (value >= 0 && value <= 0xffffffff && Number.isInteger(value) && !Object.is(value, -0)) {
        this.kind[index] = Kind.Uint;
        this.slot[index] = value;
      } else {
        this.kind[index] = Kind.Number;
        this.slot[index] = this.numbers.push(value) - 1;
      }
    } else if (typeof value === 'boolean') this.kind[index] = value ? Kind.True : Kind.False;
    else if (value === null) this.kind[index] = Kind.Null;
    else {
      this.kind[index] = Kind.Complex;
      this.slot[index] = this.complex.push(value) - 1;
    }
    this.count = index + 1;
  }

  /** Ends the current record: its string values become one string. */
  commit(): void {
    if (this.count === this.recordStart) return;
    const blob = this.blobs.length;
    if (blob + 1 >= this.blobStart.length) this.blobStart = grow(this.blobStart, this.blobStart.length * 2);
    this.blobStart[blob] = this.recordStart;
    this.blobs.push(this.pending.join(SEPARATOR));
    this.blobStart[blob + 1] = this.count;
    this.pending = [];
    this.pendingLength = 0;
    this.recordStart = this.count;
  }

  /** Drops the attributes added since the last commit (a record that failed). */
  rollback(): void {
    this.count = this.recordStart;
    this.pending = [];
    this.pendingLength = 0;
  }

  value(index: number): AttributeValue {
    switch (this.kind[index]) {
      case Kind.String: {
        const start = this.slot[index]!;
        return this.blobs[this.blobOf(index)]!.slice(start, start + this.stringLength[index]!);
      }
      case Kind.Uint:
        return this.slot[index]!;
      case Kind.Number:
        return this.numbers[this.slot[index]!]!;
      case Kind.True:
        return true;
      case Kind.False:
        return false;
      case Kind.Complex:
        return this.complex[this.slot[index]!]!;
      default:
        return null;
    }
  }

  keyOf(index: number): string {
    return this.strings.get(this.key[index]!);
  }

  list(start: number, end: number): Attribute[] {
    const out: Attribute[] = [];
    for (let i = start; i < end; i++) out.push({ key: this.keyOf(i), value: this.value(i) });
    return out;
  }

  /** The committed record (blob) holding attribute `index`: binary search over record starts. */
  blobOf(index: number): number {
    let lo = 0;
    let hi = this.blobs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blobStart[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Calls `onMatch(attributeIndex)` for each committed string value that `pattern` (global) matches inside,
   * at most once per value, in increasing order.
   */
  searchStrings(pattern: RegExp, onMatch: (attribute: number) => void): void {
    for (let blob = 0; blob < this.blobs.length; blob++) {
      const text = this.blobs[blob]!;
      const first = this.blobStart[blob]!;
      const end = this.blobStart[blob + 1]!;
      pattern.lastIndex = 0;
      let cursor = first;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const at = match.index;
        const matchEnd = at + Math.max(1, match[0].length);
        // The string attribute whose [slot, slot + stringLength] reaches the match; attributes are in offset order.
        while (cursor < end && !(this.kind[cursor] === Kind.String && this.slot[cursor]! + this.stringLength[cursor]! >= matchEnd))
          cursor++;
        if (cursor >= end) break;
        if (this.slot[cursor]! <= at) {
          onMatch(cursor);
          // One report per value: continue after it.
          pattern.lastIndex = this.slot[cursor]! + this.stringLength[cursor]! + 1;
          cursor++;
        } else pattern.lastIndex = at + 1; // the match crossed a separator: not inside one value
      }
    }
  }

  get typedBytes(): number {
    return this.key.byteLength + this.kind.byteLength + this.slot.byteLength + this.stringLength.byteLength + this.blobStart.byteLength;
  }
}
