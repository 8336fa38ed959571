/**
 * Turns the bytes of one trace file, delivered in any number of chunks (follow mode appends), into records:
 * JSON lines, one JSON document (pretty-printed, or an array), the Collector's `format: proto` frames
 * (4-byte big-endian length + ExportTraceServiceRequest), or one bare protobuf TracesData
 * (trace-formats.md §0 "Container and framing"). A record that cannot be read becomes a BadLine; the rest load.
 * zstd, as the Collector's file exporter writes it (fileexporter README "File Format"): each frame compressed on
 * its own (`compression: zstd`), or the whole file one zstd stream of any number of frames (the
 * `exporter.file.nativeCompression` gate), whose content is read by an inner reader exactly like a plain file.
 */
import { Decompress, decompress } from 'fzstd';
import { readJsonValue } from './formats/dispatch';
import { readProtoTracesData } from './formats/otlpProto';
import { errorMessage } from '../errors';
import { JsonBytes } from './jsonLarge';
import { JsonTextReader, parseRecord, PrecisionLostError, type JsonRecordSink } from './jsonLines';
import type { SpanStore } from './spanStore';
import type { BadLine } from './types';

type Mode = 'detect' | 'json' | 'framed' | 'bare-proto' | 'zstd';

const NEWLINE = 0x0a;
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export class TraceFileReader implements JsonRecordSink {
  private mode: Mode = 'detect';
  /** Bytes not yet consumed (a partial line or frame), as chunks to avoid quadratic copying. */
  private pending: Uint8Array[] = [];
  /** The first chunk not wholly consumed, and where its unconsumed bytes start. */
  private pendingIndex = 0;
  private pendingStart = 0;
  private pendingLength = 0;
  /** Protobuf frames: the number of the next frame (1-based). */
  private line = 1;
  private byteOffset = 0;
  private readonly json = new JsonTextReader(this);
  private ended = false;
  /** A bare TracesData whose top level could not be followed: the rest of the file is dropped. */
  private bareFailed = false;
  /** The whole-file zstd stream: the decoder, and the reader of what it yields. */
  private zstd: { decoder: Decompress; inner: TraceFileReader } | undefined;

  constructor(
    private readonly store: SpanStore,
    readonly fileName: string,
    private readonly fileIndex: number,
    private readonly badLines: BadLine[],
  ) {}

  append(bytes: Uint8Array): void {
    if (this.ended) throw new Error(`${this.fileName}: append after end`);
    if (bytes.length === 0) return;
    if (this.mode === 'detect') {
      this.pushPending(bytes.slice());
      if (!this.detect()) return;
      const all = this.takePending(this.pendingLength);
      this.feed(all);
      return;
    }
    this.feed(bytes);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.mode === 'detect') {
      if (this.pendingLength === 0) return;
      this.mode = 'json';
      this.feed(this.takePending(this.pendingLength));
    }
    switch (this.mode) {
      case 'json':
        this.json.end();
        break;
      case 'framed':
        if (this.pendingLength)
          this.bad(this.line, `truncated frame at byte ${this.byteOffset}: the file ends ${this.pendingLength} byte(s) into it`);
        break;
      case 'bare-proto':
        // What is left is a field cut short (or its length runs past the end): the decoder says how.
        if (this.pendingLength && !this.bareFailed) this.readProto(this.takePending(this.pendingLength), 1);
        break;
      case 'zstd':
        this.endZstd();
        break;
    }
  }

  private pushZstd(bytes: Uint8Array): void {
    const zstd = this.zstd!;
    if (this.ended) return;
    try {
      zstd.decoder.push(bytes);
      this.byteOffset += bytes.length;
    } catch (error) {
      this.failZstd(error);
    }
  }

  private endZstd(): void {
    const zstd = this.zstd;
    if (!zstd) return;
    try {
      zstd.decoder.push(new Uint8Array(0), true);
    } catch (error) {
      this.failZstd(error);
    }
    zstd.inner.end();
    this.zstd = undefined;
  }

  /** A damaged or cut stream: what was decoded before stays loaded; the rest of the file cannot be read. */
  private failZstd(error: unknown): void {
    const zstd = this.zstd!;
    this.zstd = undefined;
    this.ended = true;
    zstd.inner.end();
    const reason = /code 5|unexpected EOF/i.test(errorMessage(error)) ? 'the file ends inside a zstd frame' : errorMessage(error);
    this.bad(
      1,
      `zstd stream (exporter.file.nativeCompression), within its first ${this.byteOffset} compressed byte(s) or after: ${reason}`,
    );
  }

  /** Picks the container from the first bytes; false while they are not enough to tell. */
  private detect(): boolean {
    const head = this.peek(Math.min(this.pendingLength, 64));
    if (this.pendingLength < 4) return false;
    if (ZSTD_MAGIC.every((b, i) => head[i] === b)) {
      const inner = new TraceFileReader(this.store, this.fileName, this.fileIndex, this.badLines);
      // fzstd hands out each decoded block once; the inner reader keeps what it needs.
      this.zstd = { decoder: new Decompress((data) => data.length && inner.append(data)), inner };
      this.mode = 'zstd';
      return true;
    }
    let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === NEWLINE)) i++;
    if (i === head.length) return head.length === 64; // all whitespace so far: wait (or treat as JSON if long)
    const first = head[i]!;
    // JSON starts with `{` or `[` after a BOM or whitespace; a frame length with 00 (messages under 16 MiB);
    // a bare TracesData with 0A (field 1, length-delimited), which is also "\n", hence the order of tests.
    if (first === 0x7b || first === 0x5b) this.mode = 'json';
    else if (head[0] === 0x00) this.mode = 'framed';
    else if (head[0] === 0x0a) this.mode = 'bare-proto';
    else this.mode = 'json'; // not trace data we know; per-line errors will say so
    return true;
  }

  private feed(bytes: Uint8Array): void {
    switch (this.mode) {
      case 'json':
        this.json.append(bytes);
        break;
      case 'framed':
        this.pushPending(bytes.slice());
        this.drainFrames();
        break;
      case 'bare-proto':
        if (this.bareFailed) break;
        this.pushPending(bytes.slice());
        this.drainBareFields();
        break;
      case 'zstd':
        this.pushZstd(bytes);
        break;
      case 'detect':
        break;
    }
  }

  /** @internal JsonRecordSink: reads one record (throws on a bad one). */
  read(value: unknown, line: number): void {
    readJsonValue(value, { store: this.store, file: this.fileIndex, line });
  }

  /** @internal JsonRecordSink: a record loads whole or not at all; a 64-bit number that lost precision is re-read. */
  readWhole(value: unknown, quoted: () => unknown, line: number): void {
    const checkpoint = this.store.checkpoint();
    try {
      this.read(value, line);
      this.store.commit();
    } catch (error) {
      this.store.rollback(checkpoint);
      if (!(error instanceof PrecisionLostError)) {
        this.bad(line, errorMessage(error));
        return;
      }
      // A 64-bit number was written as a bare JSON number above 2^53: re-read the record with it quoted.
      const again = this.store.checkpoint();
      try {
        this.read(quoted(), line);
        this.store.commit();
      } catch (second) {
        this.store.rollback(again);
        this.bad(line, errorMessage(second));
      }
    }
  }

  private drainFrames(): void {
    while (this.pendingLength >= 4) {
      const head = this.peek(4);
      const length = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
      if (this.pendingLength < 4 + length) return;
      this.takePending(4);
      const frame = this.takePending(length);
      const number = ++this.line - 1;
      if (ZSTD_MAGIC.every((b, i) => frame[i] === b)) this.readCompressedFrame(frame, number);
      else this.readProto(frame, number);
      this.byteOffset += 4 + length;
    }
  }

  /**
   * A bare TracesData is read one top-level field at a time as its bytes arrive: each `resource_spans` is a TracesData
   * of its own on the wire (a repeated field), loaded or reported on its own. Holding the whole file and then a
   * joined copy of it needed 6.6× its size at the peak.
   */
  private drainBareFields(): void {
    while (this.pendingLength > 0) {
      const head = this.peek(Math.min(this.pendingLength, 20));
      const tag = readVarint(head, 0);
      if (tag === undefined) return; // the tag is not all here yet
      const wire = tag.value & 7;
      let end: number;
      if (wire === 0) {
        const value = readVarint(head, tag.next);
        if (value === undefined) return;
        end = value.next;
      } else if (wire === 1) end = tag.next + 8;
      else if (wire === 5) end = tag.next + 4;
      else if (wire === 2) {
        const length = readVarint(head, tag.next);
        if (length === undefined) return;
        end = length.next + length.value;
      } else {
        this.bareFailed = true;
        this.bad(1, `protobuf record 1 at byte ${this.byteOffset}: unsupported wire type ${wire}; the rest of the file is not read`);
        this.takePending(this.pendingLength);
        return;
      }
      if (this.pendingLength < end) return;
      const field = this.takePending(end);
      if (tag.value >>> 3 === 1 && wire === 2) this.readProto(field, 1);
      this.byteOffset += end;
    }
  }

  /** `compression: zstd` without the gate: each frame is one zstd frame holding an OTLP JSON or protobuf batch. */
  private readCompressedFrame(frame: Uint8Array, number: number): void {
    let plain: Uint8Array;
    try {
      plain = decompress(frame);
    } catch (error) {
      this.bad(number, `zstd frame ${number} at byte ${this.byteOffset} (compression: zstd): ${errorMessage(error)}`);
      return;
    }
    let i = 0;
    while (i < plain.length && (plain[i] === 0x20 || plain[i] === NEWLINE || plain[i] === 0x0d || plain[i] === 0x09)) i++;
    if (plain[i] !== 0x7b) {
      this.readProto(plain, number);
      return;
    }
    let record: { value: unknown; quoted: () => unknown };
    try {
      record = parseRecord(new JsonBytes([plain]), i, plain.length);
    } catch (error) {
      this.bad(number, `zstd frame ${number} at byte ${this.byteOffset} (compression: zstd): invalid JSON: ${errorMessage(error)}`);
      return;
    }
    this.readWhole(record.value, record.quoted, number);
  }

  private readProto(bytes: Uint8Array, record: number): void {
    const checkpoint = this.store.checkpoint();
    try {
      readProtoTracesData(bytes, { store: this.store, file: this.fileIndex, line: record });
      this.store.commit();
    } catch (error) {
      this.store.rollback(checkpoint);
      const at = this.mode === 'framed' || this.byteOffset > 0 ? ` at byte ${this.byteOffset}` : '';
      this.bad(record, `protobuf record ${record}${at}: ${errorMessage(error)}`);
    }
  }

  /** @internal JsonRecordSink */
  bad(line: number, reason: string): void {
    this.badLines.push({ file: this.fileName, line, reason });
  }

  private pushPending(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
  }

  /**
   * The next `count` bytes, consumed or not. A view into the first chunk when they lie in it; a copy only when they
   * span chunks. (Copying everything pending on each frame made an 8.8 MB file of small frames take 42 s.)
   */
  private peek(count: number): Uint8Array {
    return this.slicePending(count, false);
  }

  private takePending(count: number): Uint8Array {
    return this.slicePending(count, true);
  }

  private slicePending(count: number, consume: boolean): Uint8Array {
    const first = this.pending[this.pendingIndex];
    if (first && first.length - this.pendingStart >= count) {
      const view = first.subarray(this.pendingStart, this.pendingStart + count);
      if (consume) this.consume(count);
      return view;
    }
    const out = new Uint8Array(count);
    let offset = 0;
    let start = this.pendingStart;
    for (let i = this.pendingIndex; i < this.pending.length && offset < count; i++) {
      const chunk = this.pending[i]!;
      const part = chunk.subarray(start, Math.min(chunk.length, start + count - offset));
      out.set(part, offset);
      offset += part.length;
      start = 0;
    }
    if (consume) this.consume(count);
    return out;
  }

  /** Drops `count` bytes from the front: an index moves (shift() per chunk was quadratic with 1-byte appends). */
  private consume(count: number): void {
    this.pendingLength -= count;
    let left = count;
    while (left > 0) {
      const available = this.pending[this.pendingIndex]!.length - this.pendingStart;
      if (left < available) {
        this.pendingStart += left;
        break;
      }
      left -= available;
      this.pendingIndex++;
      this.pendingStart = 0;
    }
    if (this.pendingIndex === this.pending.length) {
      this.pending = [];
      this.pendingIndex = 0;
    } else if (this.pendingIndex > 1024 && this.pendingIndex * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingIndex);
      this.pendingIndex = 0;
    }
  }
}

/**
 * A varint at `at` of `bytes` and where it ends; undefined while it runs past the bytes given. A varint of more than
 * 10 bytes (never valid) is returned as read so far, the caller's length check then fails at end().
 */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (!(b & 0x80)) return { value, next: i + 1 };
  }
  return bytes.length >= at + 10 ? { value: Number.MAX_SAFE_INTEGER, next: at + 10 } : undefined;
}
