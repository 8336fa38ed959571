/**
 * A Jaeger JSON document `{"data":[trace, …], …}` read trace by trace as its bytes arrive (issue 13 §3): parsing the
 * whole document at end() held the viewer's main thread for up to 2.4 s at 100k spans. A byte scanner keeps its
 * string, escape and depth state across chunks, so each element of `data` is parsed and added as soon as its closing
 * bracket arrives; work per chunk follows the chunk's size. Each trace is read exactly as the whole document read it
 * (its own resources and scopes, the document's line on its spans); an element over LARGE_JSON_BYTES is read by
 * jsonLarge.ts as before. A broken element is reported with its index and line, and the other traces still load.
 * Only a document whose first key is `data` is streamed (what the query API and Jaeger UI's download write).
 */
import { JsonBytes } from './jsonLarge';
import type { JsonRecordSink } from './jsonLines';
import { NestingTooDeepError } from './nesting';
import { errorMessage } from '../errors';

const enum State {
  /** Between elements of `data`: after `[` or `,` an element is expected. */
  Between,
  /** Inside an element (an object or array: depth > 0; a bare scalar: depth 0). */
  Element,
  /** After the `]` of `data`: the rest of the top-level object, kept to be checked at its close. */
  Tail,
  /** The document has closed: white space up to the end of its line, then the bytes go back to the line reader. */
  After,
}

const PREFIX = [0x7b, 0x22, 0x64, 0x61, 0x74, 0x61, 0x22, 0x3a, 0x5b]; // {"data":[  (white space between tokens allowed)
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Where the elements of `data` start in the first bytes of a file (after a BOM, white space, `{`, `"data"`, `:`,
 * `[`), and the line the `{` is on; 'more' while the bytes so far are a prefix of that; 'no' when they are not.
 */
export function matchDataPrefix(head: Uint8Array): { start: number; line: number } | 'more' | 'no' {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let line = 1;
  let matched = 0;
  for (; i < head.length; i++) {
    const b = head[i]!;
    const inKey = matched >= 2 && matched < 7; // no white space inside "data"
    if (!inKey && isSpace(b)) {
      if (b === 0x0a && matched === 0) line++;
      continue;
    }
    if (b !== PREFIX[matched]) return 'no';
    if (++matched === PREFIX.length) return { start: i + 1, line };
  }
  return 'more';
}

/** Where scanElement resumes: the stream's own fields. */
interface ElementScan {
  depth: number;
  line: number;
  quoted: boolean;
  escaped: boolean;
}

/**
 * The hot loop, a small function of its own (inlined into append() it ran at 5× a plain loop's time): inside an
 * element only quotes, backslashes in strings, brackets and newlines matter. Returns where the element closes, -1
 * when it goes on past `bytes`. A raw newline is invalid inside a string, so not counting one there only shifts the
 * line named in that element's error.
 */
function scanElement(bytes: Uint8Array, from: number, at: ElementScan): number {
  let depth = at.depth;
  let line = at.line;
  let quoted = at.quoted;
  let escaped = at.escaped;
  let closed = -1;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (quoted) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) {
        quoted = false;
        if (depth === 0) {
          closed = i;
          break;
        }
      }
    } else if (c === 0x22) quoted = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) {
        closed = i;
        break;
      }
    } else if (c === 0x0a) line++;
  }
  at.depth = depth;
  at.line = line;
  at.quoted = quoted;
  at.escaped = escaped;
  return closed;
}

export class JaegerDataStream {
  private state = State.Between;
  private expectElement = true;
  private count = 0;
  depth = 0;
  quoted = false;
  escaped = false;
  private scalar = false;
  /** The current element's (or the tail's) bytes from earlier chunks, copied; and from where in the current chunk. */
  private parts: Uint8Array[] = [];
  private partStart = 0;
  private elementLine = 0;
  /** The line being scanned. */
  line: number;

  constructor(
    private readonly sink: JsonRecordSink,
    /** The document's line: what its spans carry, as when it was read whole. */
    private readonly documentLine: number,
    /** jsonLines.ts parseRecord (passed in: jsonLines imports this file). */
    private readonly parse: (bytes: JsonBytes, from: number, to: number) => { value: unknown; quoted: () => unknown },
  ) {
    this.line = documentLine;
  }

  /** Scans `bytes`; -1 while the document goes on, else the offset of the first byte after it (and its line). */
  append(bytes: Uint8Array): number {
    this.partStart = this.state === State.Element || this.state === State.Tail ? 0 : -1;
    for (let i = 0; i < bytes.length; i++) {
      if (this.state === State.Element && (this.depth > 0 || this.quoted)) {
        const closed = scanElement(bytes, i, this);
        i = closed < 0 ? bytes.length : closed;
        if (closed < 0) break;
        this.endElement(bytes, closed + 1);
        continue;
      }
      const b = bytes[i]!;
      if (b === 0x0a) this.line++;
      if (this.quoted) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x22) {
          this.quoted = false;
          if (this.state === State.Element && this.depth === 0) this.endElement(bytes, i + 1);
        }
        continue;
      }
      switch (this.state) {
        case State.Element:
          if (this.depth === 0) {
            // A bare scalar element ends at a delimiter, which is then read between elements.
            if (b === 0x2c || b === 0x5d || isSpace(b)) {
              if (b === 0x0a) this.line--;
              this.endElement(bytes, i);
              i--;
            }
          } else if (b === 0x22) this.quoted = true;
          else if (b === 0x7b || b === 0x5b) this.depth++;
          else if ((b === 0x7d || b === 0x5d) && --this.depth === 0) this.endElement(bytes, i + 1);
          break;
        case State.Between:
          if (isSpace(b)) break;
          if (b === 0x2c) {
            if (this.expectElement) this.badSyntax(`an empty element at line ${this.line}`);
            this.expectElement = true;
          } else if (b === 0x5d) {
            if (this.expectElement && this.count > 0) this.badSyntax(`a "," before "]" at line ${this.line}`);
            this.state = State.Tail;
            this.depth = 0;
            this.parts = [];
            this.partStart = i + 1;
          } else {
            if (!this.expectElement) this.badSyntax(`a missing "," before line ${this.line}`);
            this.expectElement = false;
            this.state = State.Element;
            this.elementLine = this.line;
            this.parts = [];
            this.partStart = i;
            this.scalar = b !== 0x7b && b !== 0x5b;
            this.depth = this.scalar ? 0 : 1;
            if (b === 0x22) this.quoted = true;
          }
          break;
        case State.Tail:
          if (b === 0x22) this.quoted = true;
          else if (b === 0x7b || b === 0x5b) this.depth++;
          else if (b === 0x7d || b === 0x5d) {
            if (this.depth-- === 0) {
              this.parts.push(bytes.subarray(this.partStart, i + 1));
              this.checkTail();
              this.state = State.After;
            }
          }
          break;
        case State.After:
          if (b === 0x0a) return i + 1;
          if (!isSpace(b)) return i;
          break;
      }
    }
    if (this.partStart >= 0 && (this.state === State.Element || this.state === State.Tail)) this.parts.push(bytes.slice(this.partStart)); // copied: the caller may reuse its buffer
    return this.state === State.After ? bytes.length : -1;
  }

  /** The file ended: an element or the document left open is reported (the traces before it stay loaded). */
  end(): void {
    if (this.state === State.Element && this.scalar && !this.quoted) {
      this.endElement(new Uint8Array(0), 0);
    }
    if (this.state === State.After) return;
    const where = this.state === State.Element ? `inside data[${this.count}] (line ${this.elementLine})` : 'before the document closes';
    this.sink.bad(this.documentLine, `invalid JSON: the file ends ${where}`);
  }

  private endElement(bytes: Uint8Array, end: number): void {
    this.parts.push(bytes.subarray(Math.max(this.partStart, 0), end));
    const json = new JsonBytes(this.parts);
    this.parts = [];
    this.partStart = -1;
    this.state = State.Between;
    const index = this.count++;
    let record: { value: unknown; quoted: () => unknown };
    try {
      record = this.parse(json, 0, json.length);
    } catch (error) {
      this.sink.bad(
        this.documentLine,
        error instanceof NestingTooDeepError
          ? error.message
          : `invalid JSON in data[${index}] (line ${this.elementLine}): ${errorMessage(error)}`,
      );
      return;
    }
    this.sink.readWhole({ data: [record.value] }, () => ({ data: [record.quoted()] }), this.documentLine);
  }

  private checkTail(): void {
    const tail = new JsonBytes(this.parts);
    this.parts = [];
    try {
      JSON.parse(`{"data":[]${tail.text(0, tail.length)}`);
    } catch (error) {
      this.badSyntax(`after the data array: ${errorMessage(error)}`);
    }
  }

  private badSyntax(what: string): void {
    this.sink.bad(this.documentLine, `invalid JSON: ${what}`);
  }
}
