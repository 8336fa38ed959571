/**
 * The JSON side of a trace file: UTF-8 bytes in any chunks → lines → records. JSON lines by default; when the
 * first line is not a whole JSON value (a pretty-printed document or array) the bytes are kept and parsed as one
 * document at the end, and if that fails too, line by line so that whole-line records still load.
 * Lines are split on the bytes (UTF-8 never uses 0x0A inside a character) and decoded one at a time; a record over
 * LARGE_JSON_BYTES (a long line, a large document) is read from its bytes by jsonLarge.ts, never decoded whole.
 */
import { JaegerDataStream, matchDataPrefix } from './jaegerDataStream';
import { JsonBytes, LARGE_JSON_BYTES, parseLargeJson } from './jsonLarge';
import { NestingTooDeepError } from './nesting';
import { PrecisionLostError } from './values';
import { errorMessage } from '../errors';

export interface JsonRecordSink {
  /** Reads one parsed record; throws an Error whose message says what is wrong with it. */
  read(value: unknown, line: number): void;
  /**
   * Runs `read` so that a record failing half-way leaves nothing behind, and reports failures. `quoted` parses the
   * record again with bare 16+-digit integers quoted (for a PrecisionLostError).
   */
  readWhole(value: unknown, quoted: () => unknown, line: number): void;
  bad(line: number, reason: string): void;
}

/** A parsed record, and how to parse it again with big integers quoted. Records over LARGE_JSON_BYTES: jsonLarge.ts. */
export function parseRecord(bytes: JsonBytes, from: number, to: number): { value: unknown; quoted: () => unknown } {
  if (to - from > LARGE_JSON_BYTES)
    return { value: parseLargeJson(bytes, from, to), quoted: () => parseLargeJson(bytes, from, to, { quoteBig: quoteBigIntegers }) };
  const text = bytes.text(from, to);
  return { value: JSON.parse(text), quoted: () => JSON.parse(quoteBigIntegers(text)) };
}

const EMPTY = new Uint8Array(0);
const NEWLINE_BYTES = Uint8Array.of(0x0a);

export class JsonTextReader {
  private readonly decoder = new TextDecoder('utf-8');
  /** Bytes of a line not yet complete (the end of the last chunk), as chunks. */
  private carry: Uint8Array[] = [];
  private carryLength = 0;
  private line = 1;
  private sawContent = false;
  /** A (pretty-printed) document: its bytes from its first line on, as they came (copied), parsed at the end. */
  private document: { chunks: Uint8Array[]; line: number } | undefined;
  /** The file's first bytes, held while they may still begin a Jaeger `{"data":[` document; then undefined. */
  private head: Uint8Array | undefined = new Uint8Array(0);
  /** Such a document, read trace by trace as its bytes arrive (jaegerDataStream.ts). */
  private stream: JaegerDataStream | undefined;

  constructor(private readonly sink: JsonRecordSink) {}

  /**
   * Lines are found in the bytes and decoded one by one (as a bare JSON.parse of each line would be): decoding
   * whole chunks and slicing the text measured slower, and a line split across chunks is the only copy made.
   * Once the file is a document, bytes are only kept.
   */
  append(bytes: Uint8Array): void {
    if (this.head) {
      const head = new Uint8Array(this.head.length + bytes.length);
      head.set(this.head);
      head.set(bytes, this.head.length);
      const prefix = matchDataPrefix(head);
      if (prefix === 'more' && head.length < 4096) {
        this.head = head;
        return;
      }
      this.head = undefined;
      bytes = head;
      if (typeof prefix === 'object') {
        this.stream = new JaegerDataStream(this.sink, prefix.line, parseRecord);
        bytes = head.subarray(prefix.start);
      }
    }
    if (this.stream) {
      const after = this.stream.append(bytes);
      if (after < 0) return;
      // The document closed: what follows is read as lines (JSON lines of such documents, say).
      this.line = this.stream.line;
      this.sawContent = true;
      this.stream = undefined;
      bytes = bytes.subarray(after);
    }
    if (this.document) {
      this.document.chunks.push(bytes.slice());
      return;
    }
    let from = 0;
    for (;;) {
      const newline = bytes.indexOf(10, from);
      if (newline < 0) {
        if (from < bytes.length) {
          const rest = bytes.slice(from); // copied: the caller may reuse its buffer
          this.carry.push(rest);
          this.carryLength += rest.length;
        }
        return;
      }
      this.handleLine(bytes.subarray(from, newline), this.line++);
      from = newline + 1;
      // handleLine may have found the file to be one document: keep the rest of the bytes for it.
      const document = this.document as { chunks: Uint8Array[] } | undefined;
      if (document) {
        if (from < bytes.length) document.chunks.push(bytes.slice(from));
        return;
      }
    }
  }

  end(): void {
    if (this.head) {
      const head = this.head;
      this.head = undefined;
      if (head.length) this.append(head);
    }
    if (this.stream) {
      this.stream.end();
      this.stream = undefined;
      return;
    }
    if (this.carryLength) this.handleLine(EMPTY, this.line);
    if (this.document) this.finishDocument();
  }

  /** One line: the carried start of it, then `tail`. A long line is not joined (jsonLarge.ts reads the chunks). */
  private handleLine(tail: Uint8Array, line: number): void {
    const chunks = this.carryLength ? [...this.carry, tail] : [tail];
    this.carry = [];
    this.carryLength = 0;
    const bytes = new JsonBytes(chunks);
    // The file's leading BOM (first line only) is dropped.
    const from = line === 1 && bytes.length >= 3 && bytes.slice(0, 3).every((b, i) => b === BOM[i]) ? 3 : 0;
    let record: { value: unknown; quoted: () => unknown };
    try {
      record =
        bytes.length - from > LARGE_JSON_BYTES ? parseRecord(bytes, from, bytes.length) : this.parseLine(bytes.slice(from, bytes.length));
    } catch (error) {
      if (error instanceof NestingTooDeepError) {
        // Valid JSON too deep to walk (a long line is split by jsonLarge.ts, which stops at the limit).
        this.sawContent = true;
        this.sink.bad(line, error.message);
        return;
      }
      // Blank lines are rare, so they are recognised only when parsing fails (no extra pass over every line).
      if (isBlankRange(bytes, from, bytes.length)) return;
      const isFirst = !this.sawContent;
      this.sawContent = true;
      if (isFirst && !looksLikeBrokenRecord(bytes.text(from, Math.min(bytes.length, from + 256)))) {
        // The first line is not a whole JSON value: the file is one (pretty-printed) document, read at the end.
        this.document = { chunks: [...chunks.map((c) => c.slice()), NEWLINE_BYTES], line };
        if (from) this.document.chunks[0] = this.document.chunks[0]!.subarray(from);
        return;
      }
      this.sink.bad(line, `invalid JSON: ${errorMessage(error)}`);
      return;
    }
    this.sawContent = true;
    this.sink.readWhole(record.value, record.quoted, line);
  }

  private parseLine(bytes: Uint8Array): { value: unknown; quoted: () => unknown } {
    const text = this.decoder.decode(bytes);
    return { value: JSON.parse(text), quoted: () => JSON.parse(quoteBigIntegers(text)) };
  }

  private finishDocument(): void {
    const { chunks, line } = this.document!;
    this.document = undefined;
    const bytes = new JsonBytes(chunks);
    let record: { value: unknown; quoted: () => unknown };
    try {
      record = parseRecord(bytes, 0, bytes.length);
    } catch {
      // Not one document either: every line on its own, so the good ones still load.
      this.eachLine(bytes, line);
      return;
    }
    this.sink.readWhole(record.value, record.quoted, line);
  }

  private eachLine(bytes: JsonBytes, firstLine: number): void {
    let lineNumber = firstLine;
    let start = 0;
    const lineEnds: number[] = [];
    bytes.scan(0, bytes.length, (chunk, from, to, base) => {
      for (let i = chunk.indexOf(10, from); i >= 0 && i < to; i = chunk.indexOf(10, i + 1)) lineEnds.push(base + i);
      return -1;
    });
    if (lineEnds[lineEnds.length - 1] !== bytes.length - 1) lineEnds.push(bytes.length);
    for (const end of lineEnds) {
      const number = lineNumber++;
      const from = start;
      start = end + 1;
      if (isBlankRange(bytes, from, end)) continue;
      let record: { value: unknown; quoted: () => unknown };
      try {
        record = parseRecord(bytes, from, end);
      } catch (lineError) {
        this.sink.bad(number, `invalid JSON: ${errorMessage(lineError)}`);
        continue;
      }
      this.sink.readWhole(record.value, record.quoted, number);
    }
  }
}

const BOM = [0xef, 0xbb, 0xbf];

function isBlankRange(bytes: JsonBytes, from: number, to: number): boolean {
  return to - from <= LARGE_JSON_BYTES ? isBlank(bytes.text(from, to)) : isBlankBytes(bytes, from, to);
}

/** Only ASCII whitespace (and BOMs) in bytes [from, to): a long line is not decoded to tell. */
function isBlankBytes(bytes: JsonBytes, from: number, to: number): boolean {
  const content = bytes.scan(from, to, (chunk, start, end, base) => {
    for (let i = start; i < end; i++) {
      const b = chunk[i]!;
      if (b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a) continue;
      // U+FEFF as UTF-8
      if (b === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf) {
        i += 2;
        continue;
      }
      return base + i;
    }
    return -1;
  });
  return content < 0;
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  return (first <= 32 || first === 0xfeff) && text.trim().replace(/^\uFEFF/, '') === '';
}

/** A long line starting like an OTLP record is a damaged JSON line, not the start of a pretty-printed document. */
function looksLikeBrokenRecord(text: string): boolean {
  return text.length > 64 && /^\uFEFF?\s*\{\s*"(resourceSpans|resource_spans)"\s*:\s*\[\s*\{/.test(text);
}

/** Quotes bare integers of 16+ digits (outside strings) so JSON.parse keeps them exact. */
export function quoteBigIntegers(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|(?<![.\d])(-?\d{16,})(?![.eE\d])/g, (match, digits: string | undefined) =>
    digits ? `"${digits}"` : match,
  );
}

export { PrecisionLostError };
