/**
 * The JSON side of a trace file: UTF-8 bytes in any chunks → lines → records. JSON lines by default; when the
 * first line is not a whole JSON value (a pretty-printed document or array) the text is kept and parsed as one
 * document at the end, and if that fails too, line by line so that whole-line records still load.
 * Lines are split on the bytes (UTF-8 never uses 0x0A inside a character) and decoded one at a time.
 */
import { PrecisionLostError } from './values';
import { errorMessage } from '../errors';

export interface JsonRecordSink {
  /** Reads one parsed record; throws an Error whose message says what is wrong with it. */
  read(value: unknown, line: number): void;
  /** Runs `read` so that a record failing half-way leaves nothing behind, and reports failures. */
  readWhole(value: unknown, text: string, line: number): void;
  bad(line: number, reason: string): void;
}

export class JsonTextReader {
  private readonly decoder = new TextDecoder('utf-8');
  /** Bytes of a line not yet complete (the end of the last chunk), as chunks. */
  private carry: Uint8Array[] = [];
  private carryLength = 0;
  private line = 1;
  private documentMode = false;
  private sawContent = false;
  private documentLines: { text: string; line: number }[] = [];

  constructor(private readonly sink: JsonRecordSink) {}

  /**
   * Lines are found in the bytes and decoded one by one (as a bare JSON.parse of each line would be): decoding
   * whole chunks and slicing the text measured slower, and a line split across chunks is the only copy made.
   */
  append(bytes: Uint8Array): void {
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
      let lineBytes = bytes.subarray(from, newline);
      if (this.carryLength) lineBytes = this.takeCarry(lineBytes);
      this.handle(this.decodeLine(lineBytes), this.line++);
      from = newline + 1;
    }
  }

  end(): void {
    if (this.carryLength) this.handle(this.decodeLine(this.takeCarry(new Uint8Array(0))), this.line);
    if (this.documentMode) this.finishDocument();
  }

  private takeCarry(tail: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.carryLength + tail.length);
    let offset = 0;
    for (const chunk of this.carry) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(tail, offset);
    this.carry = [];
    this.carryLength = 0;
    return out;
  }

  /** Decodes one line; the file's leading BOM (first line only) is dropped. */
  private decodeLine(bytes: Uint8Array): string {
    const text = this.decoder.decode(bytes);
    return this.line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  private handle(text: string, line: number): void {
    if (this.documentMode) {
      this.documentLines.push({ text, line });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // Blank lines are rare, so they are recognised only when parsing fails (no extra pass over every line).
      if (isBlank(text)) return;
      const isFirst = !this.sawContent;
      this.sawContent = true;
      if (isFirst && !looksLikeBrokenRecord(text)) {
        // The first line is not a whole JSON value: the file is one (pretty-printed) document, read at the end.
        this.documentMode = true;
        this.documentLines.push({ text, line });
        return;
      }
      this.sink.bad(line, `invalid JSON: ${errorMessage(error)}`);
      return;
    }
    this.sawContent = true;
    this.sink.readWhole(value, text, line);
  }

  private finishDocument(): void {
    const lines = this.documentLines;
    this.documentLines = [];
    let text = '';
    let value: unknown;
    try {
      // Throws RangeError beyond V8's longest string (536,870,888 characters): then it is read line by line too.
      text = lines.map((l) => l.text).join('\n');
      value = JSON.parse(text);
    } catch {
      // Not one document either: every line on its own, so the good ones still load.
      for (const { text: lineText, line } of lines) {
        if (isBlank(lineText)) continue;
        let lineValue: unknown;
        try {
          lineValue = JSON.parse(lineText);
        } catch (lineError) {
          this.sink.bad(line, `invalid JSON: ${errorMessage(lineError)}`);
          continue;
        }
        this.sink.readWhole(lineValue, lineText, line);
      }
      return;
    }
    if (lines.length) this.sink.readWhole(value, text, lines[0]!.line);
  }
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
