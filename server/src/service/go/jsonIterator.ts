/**
 * json-iterator v1.1.11 decoding a JSON object into a small struct of `*string` and `*int32` fields, as apimachinery
 * decoded config files up to Kubernetes 1.22 (runtime/serializer/json caseSensitiveJSONIterator): its error text,
 * excerpts included. Mirrors github.com/json-iterator/go iter.go (nextToken, ReportError, isObjectEnd),
 * iter_object.go (readObjectStart, readFieldHash), iter_int.go (ReadInt32, readUint32, assertInteger),
 * iter_str.go (ReadString), iter_skip.go (Skip), reflect_optional.go (ReadNil) and reflect_struct_decoder.go (the
 * four-field struct decoder and structFieldDecoder, which prefix the error with the struct type and each field
 * decoded from the failing one on).
 * Works on the UTF-8 bytes; returns undefined when the input leaves what is modelled (the caller says less).
 */

export interface IteratorField {
  /** The JSON name, matched case-sensitively. */
  json: string;
  /** The Go field name, as the error prefix names it. */
  go: string;
  type: 'string' | 'int32';
}

export interface IteratorError {
  message: string;
  /** JSON name of the field whose value failed, when a field's decoder failed. */
  field?: string;
}

class NotModelled extends Error {}

const MAX_INT32 = 2147483647;
const SAFE_TO_MULTIPLY_10 = 429496729;

class Iterator {
  head = 0;
  error: string | undefined;
  constructor(readonly buf: Buffer) {}

  get tail(): number {
    return this.buf.length;
  }

  nextToken(): number {
    for (let i = this.head; i < this.tail; i++) {
      const c = this.buf[i]!;
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) continue;
      this.head = i + 1;
      return c;
    }
    this.head = this.tail;
    return 0;
  }

  reportError(operation: string, message: string): void {
    if (this.error !== undefined) return;
    const peekStart = Math.max(0, this.head - 10);
    const parsing = goString(this.buf.subarray(peekStart, Math.min(this.tail, this.head + 10)));
    const context = goString(this.buf.subarray(Math.max(0, this.head - 50), Math.min(this.tail, this.head + 50)));
    this.error = `${operation}: ${message}, error found in #${this.head - peekStart} byte of ...|${parsing}|..., bigger context ...|${context}|...`;
  }

  readNil(): boolean {
    const c = this.nextToken();
    if (c === 0x6e /* n */) {
      this.head += 3;
      return true;
    }
    this.head--;
    return false;
  }

  readString(): void {
    const c = this.nextToken();
    if (c === 0x22) {
      this.skipStringBody();
      return;
    }
    if (c === 0x6e) {
      this.head += 3;
      return;
    }
    this.reportError('ReadString', `expects " or n, but found ${byteText(c)}`);
  }

  readInt32(): void {
    const c = this.nextToken();
    if (c === 0x2d /* - */) {
      const value = this.readUint32(this.buf[this.head++] ?? 0);
      if (value !== undefined && value > MAX_INT32 + 1) this.reportError('ReadInt32', `overflow: ${value}`);
      return;
    }
    const value = this.readUint32(c);
    if (value !== undefined && value > MAX_INT32) this.reportError('ReadInt32', `overflow: ${value}`);
  }

  private assertInteger(): void {
    if (this.head < this.tail && this.buf[this.head] === 0x2e /* . */) this.reportError('assertInteger', 'can not decode float as int');
  }

  private readUint32(c: number): number | undefined {
    const first = digit(c);
    if (first === 0) {
      this.assertInteger();
      return 0;
    }
    if (first === undefined) {
      // string([]byte{byte(invalidCharForNumber)}): the byte 0xff, not UTF-8.
      this.reportError('readUint32', 'unexpected character: \ufffd');
      return undefined;
    }
    let value = first;
    if (this.tail - this.head > 10) {
      // The unrolled reads of the next seven digits, then head moves past them at once.
      let i = this.head;
      for (let n = 0; n < 7; n++, i++) {
        const d = digit(this.buf[i]!);
        if (d === undefined) {
          this.head = i;
          this.assertInteger();
          return value;
        }
        value = value * 10 + d;
      }
      this.head = i;
      if (digit(this.buf[i]!) === undefined) {
        this.assertInteger();
        return value;
      }
    }
    for (let i = this.head; i < this.tail; i++) {
      const d = digit(this.buf[i]!);
      if (d === undefined) {
        this.head = i;
        this.assertInteger();
        return value;
      }
      if (value > SAFE_TO_MULTIPLY_10) {
        const next = (value * 10 + d) % 2 ** 32;
        if (next < value) {
          this.reportError('readUint32', 'overflow');
          return undefined;
        }
        value = next;
        continue;
      }
      value = value * 10 + d;
    }
    throw new NotModelled(); // a number running to the end of the buffer: not in an object
  }

  /** readFieldHash: the key's raw text (no escapes modelled), past its ':'. */
  readFieldName(): string {
    const c = this.nextToken();
    if (c !== 0x22) throw new NotModelled();
    const end = this.buf.indexOf(0x22, this.head);
    if (end < 0) throw new NotModelled();
    const name = this.buf.subarray(this.head, end);
    if (name.includes(0x5c /* \ */)) throw new NotModelled();
    this.head = end + 1;
    if (this.nextToken() !== 0x3a /* : */) throw new NotModelled();
    return name.toString('utf8');
  }

  isObjectEnd(): boolean {
    const c = this.nextToken();
    if (c === 0x2c) return false;
    if (c === 0x7d) return true;
    this.reportError('isObjectEnd', `object ended prematurely, unexpected char ${byteText(c)}`);
    return true;
  }

  private skipStringBody(): void {
    for (let i = this.head; i < this.tail; i++) {
      const c = this.buf[i]!;
      if (c === 0x5c) {
        i++;
        continue;
      }
      if (c === 0x22) {
        this.head = i + 1;
        return;
      }
    }
    throw new NotModelled();
  }

  /** Skip of a whole JSON value (the input is valid JSON: meta.go's encoding/json has read it already). */
  skip(): void {
    const c = this.nextToken();
    if (c === 0x22) return this.skipStringBody();
    if (c === 0x7b || c === 0x5b) {
      let depth = 1;
      while (depth > 0) {
        const t = this.nextToken();
        if (t === 0) throw new NotModelled();
        if (t === 0x22) this.skipStringBody();
        else if (t === 0x7b || t === 0x5b) depth++;
        else if (t === 0x7d || t === 0x5d) depth--;
      }
      return;
    }
    // A number or literal: up to the next delimiter.
    let i = this.head;
    while (i < this.tail && !/[\s,}\]]/.test(String.fromCharCode(this.buf[i]!))) i++;
    this.head = i;
  }
}

const digit = (c: number): number | undefined => (c >= 0x30 && c <= 0x39 ? c - 0x30 : undefined);

/** `string([]byte{c})` as it reaches a JSON-encoded message: a byte above 0x7f alone is not UTF-8. */
const byteText = (c: number): string => (c < 0x80 ? String.fromCharCode(c) : '\ufffd');

/** Go's string(bytes) once JSON-encoded: every byte of an invalid UTF-8 sequence becomes U+FFFD. */
function goString(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const sequence = length ? bytes.subarray(i, i + length) : undefined;
    const decoded = sequence && sequence.length === length ? sequence.toString('utf8') : '';
    if (length === 0 || decoded.includes('\ufffd') || decoded.length === 0) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += decoded;
    i += length;
  }
  return out;
}

/**
 * The error json-iterator gives decoding `json` into the struct `typeName` (`v1alpha1.TracingConfiguration`) of
 * `fields`, or null when it decodes; undefined when the input is not modelled.
 */
export function jsonIteratorStructError(
  json: string,
  typeName: string,
  fields: readonly IteratorField[],
): IteratorError | null | undefined {
  const iter = new Iterator(Buffer.from(json, 'utf8'));
  try {
    if (iter.nextToken() !== 0x7b) return undefined;
    if (iter.nextToken() === 0x7d) return null;
    iter.head--;
    let failed: string | undefined;
    const prefixes: string[] = [];
    for (;;) {
      const name = iter.readFieldName();
      const field = fields.find((f) => f.json === name);
      if (!field) iter.skip();
      else {
        if (!iter.readNil()) {
          if (field.type === 'string') iter.readString();
          else iter.readInt32();
        }
        if (iter.error !== undefined) {
          failed ??= field.json;
          prefixes.unshift(field.go);
        }
      }
      if (iter.isObjectEnd()) break;
    }
    if (iter.error === undefined) return null;
    return { message: `${typeName}.${prefixes.map((p) => `${p}: `).join('')}${iter.error}`, ...(failed ? { field: failed } : {}) };
  } catch (error) {
    if (error instanceof NotModelled) return undefined;
    throw error;
  }
}
