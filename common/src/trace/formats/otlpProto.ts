/**
 * A hand-written decoder of the protobuf wire format for OTLP `TracesData` / `ExportTraceServiceRequest`
 * (same field 1 on the wire), field numbers from opentelemetry-proto trace/v1/trace.proto and
 * common/v1/common.proto (ac2c4b5; trace-formats.md §1.2, §3). Unknown fields are skipped, as protobuf says.
 * The legacy field 1000 (instrumentation_library_spans) is read when field 2 (scope_spans) is absent.
 */
import type { RecordContext } from './otlpJson';
import { SpanKind, StatusCode, type Attribute, type AttributeValue, type SpanLink } from '../types';
import { MAX_TRACE_NESTING_DEPTH, NestingTooDeepError } from '../nesting';
import { bytesToBase64, bytesToHex } from '../values';

const utf8 = new TextDecoder('utf-8');

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new Error(`truncated varint at byte ${this.pos}`);
      const b = this.bytes[this.pos++]!;
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return shift < 28 ? result >>> 0 : result;
      shift += 7;
      if (shift > 63) throw new Error(`varint longer than 10 bytes at byte ${this.pos}`);
    }
  }

  /** A varint as a signed 64-bit integer, exact. */
  int64(): AttributeValue {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error(`truncated varint at byte ${this.pos}`);
      const b = this.bytes[this.pos++]!;
      value |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
      shift += 7n;
      if (shift > 63n) throw new Error(`varint longer than 10 bytes at byte ${this.pos}`);
    }
    const signed = BigInt.asIntN(64, value);
    const n = Number(signed);
    return Number.isSafeInteger(n) ? n : { int: signed.toString() };
  }

  fixed32(): number {
    this.need(4);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** A fixed64 nanosecond time as [seconds, nanos], exact. */
  fixed64Time(): [number, number] {
    const lo = this.fixed32();
    const hi = this.fixed32();
    const value = (BigInt(hi) << 32n) | BigInt(lo);
    return [Number(value / 1_000_000_000n), Number(value % 1_000_000_000n)];
  }

  double(): number {
    this.need(8);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** A length-delimited field: returns its [start, end). */
  delimited(): [number, number] {
    const length = this.varint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  string(): string {
    const [start, end] = this.delimited();
    return utf8.decode(this.bytes.subarray(start, end));
  }

  raw(): Uint8Array {
    const [start, end] = this.delimited();
    return this.bytes.subarray(start, end);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        break;
      case 1:
        this.need(8);
        this.pos += 8;
        break;
      case 2:
        this.delimited();
        break;
      case 5:
        this.need(4);
        this.pos += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }

  sub([start, end]: [number, number]): Reader {
    return new Reader(this.bytes, start, end);
  }

  private need(count: number): void {
    if (this.pos + count > this.end) throw new Error(`message truncated at byte ${this.pos} (needs ${count} more byte(s))`);
  }
}

/** Reads one TracesData message. */
export function readProtoTracesData(bytes: Uint8Array, context: RecordContext): void {
  const reader = new Reader(bytes);
  while (!reader.done) {
    const tag = reader.varint();
    if (tag >>> 3 === 1 && (tag & 7) === 2) readResourceSpans(reader.sub(reader.delimited()), context);
    else reader.skip(tag & 7);
  }
}

function readResourceSpans(reader: Reader, context: RecordContext): void {
  let attributes: Attribute[] = [];
  let dropped = 0;
  let schemaUrl = '';
  const scopeSpans: [number, number][] = [];
  const legacy: [number, number][] = [];
  while (!reader.done) {
    const tag = reader.varint();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === 2) {
      const resource = reader.sub(reader.delimited());
      while (!resource.done) {
        const t = resource.varint();
        if (t >>> 3 === 1 && (t & 7) === 2) attributes.push(readKeyValue(resource.sub(resource.delimited())));
        else if (t >>> 3 === 2 && (t & 7) === 0) dropped = resource.varint();
        else resource.skip(t & 7);
      }
    } else if (field === 2 && (tag & 7) === 2) scopeSpans.push(reader.delimited());
    else if (field === 1000 && (tag & 7) === 2) legacy.push(reader.delimited());
    else if (field === 3 && (tag & 7) === 2) schemaUrl = reader.string();
    else reader.skip(tag & 7);
  }
  const { store } = context;
  const resource = store.addResource({
    attributes,
    droppedAttributesCount: dropped,
    schemaUrl,
  });
  for (const range of scopeSpans.length ? scopeSpans : legacy) readScopeSpans(reader.sub(range), resource, context);
}

function readScopeSpans(reader: Reader, resource: number, context: RecordContext): void {
  let name = '';
  let version = '';
  let schemaUrl = '';
  const attributes: Attribute[] = [];
  const spans: [number, number][] = [];
  while (!reader.done) {
    const tag = reader.varint();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === 2) {
      const scope = reader.sub(reader.delimited());
      while (!scope.done) {
        const t = scope.varint();
        if (t >>> 3 === 1 && (t & 7) === 2) name = scope.string();
        else if (t >>> 3 === 2 && (t & 7) === 2) version = scope.string();
        else if (t >>> 3 === 3 && (t & 7) === 2) attributes.push(readKeyValue(scope.sub(scope.delimited())));
        else scope.skip(t & 7);
      }
    } else if (field === 2 && (tag & 7) === 2) spans.push(reader.delimited());
    else if (field === 3 && (tag & 7) === 2) schemaUrl = reader.string();
    else reader.skip(tag & 7);
  }
  const scope = context.store.addScope({ name, version, attributes, schemaUrl });
  for (const range of spans) readSpan(reader.sub(range), resource, scope, context);
}

interface ProtoEvent {
  seconds: number;
  nanos: number;
  name: string;
  attributes: Attribute[];
  dropped: number;
}

function readSpan(reader: Reader, resource: number, scope: number, context: RecordContext): void {
  let traceId = '';
  let spanId = '';
  let parentSpanId = '';
  let traceState = '';
  let name = '';
  let kind = SpanKind.Unspecified;
  let start: [number, number] = [0, 0];
  let end: [number, number] = [0, 0];
  let flags = 0;
  let status = StatusCode.Unset;
  let statusMessage = '';
  const dropped = [0, 0, 0];
  const attributes: Attribute[] = [];
  const events: ProtoEvent[] = [];
  const links: Omit<SpanLink, 'linkedSpanIndex' | 'crossTrace'>[] = [];
  while (!reader.done) {
    const tag = reader.varint();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        traceId = id(reader.raw());
        break;
      case 2:
        spanId = id(reader.raw());
        break;
      case 3:
        traceState = reader.string();
        break;
      case 4:
        parentSpanId = id(reader.raw());
        break;
      case 5:
        name = reader.string();
        break;
      case 6:
        kind = Math.min(reader.varint(), 5) as SpanKind;
        break;
      case 7:
        start = reader.fixed64Time();
        break;
      case 8:
        end = reader.fixed64Time();
        break;
      case 9:
        attributes.push(readKeyValue(reader.sub(reader.delimited())));
        break;
      case 10:
        dropped[0] = reader.varint();
        break;
      case 11:
        events.push(readEvent(reader.sub(reader.delimited())));
        break;
      case 12:
        dropped[1] = reader.varint();
        break;
      case 13:
        links.push(readLink(reader.sub(reader.delimited())));
        break;
      case 14:
        dropped[2] = reader.varint();
        break;
      case 15: {
        const s = reader.sub(reader.delimited());
        while (!s.done) {
          const t = s.varint();
          if (t >>> 3 === 2 && (t & 7) === 2) statusMessage = s.string();
          else if (t >>> 3 === 3 && (t & 7) === 0) {
            const code = s.varint();
            status = code === StatusCode.Ok || code === StatusCode.Error ? code : StatusCode.Unset;
          } else s.skip(t & 7);
        }
        break;
      }
      case 16:
        flags = wire === 5 ? reader.fixed32() : (reader.skip(wire), 0);
        break;
      default:
        reader.skip(wire);
    }
  }
  const { store } = context;
  store.addSpan({
    traceId,
    spanId,
    parentSpanId,
    name,
    kind,
    status,
    flags,
    startSeconds: start[0],
    startNanos: start[1],
    endSeconds: end[0],
    endNanos: end[1],
    resource,
    scope,
    file: context.file,
    line: context.line,
    marks: 0,
  });
  for (const a of attributes) store.addAttribute(a.key, a.value);
  store.endSpanAttributes();
  for (const e of events) {
    store.beginEvent(e.name, e.seconds, e.nanos, e.dropped);
    for (const a of e.attributes) store.addAttribute(a.key, a.value);
    store.endEvent();
  }
  for (const link of links) store.addLink(link);
  store.setRare(traceState, statusMessage, dropped[0]!, dropped[1]!, dropped[2]!);
}

function readEvent(reader: Reader): ProtoEvent {
  const event: ProtoEvent = { seconds: 0, nanos: 0, name: '', attributes: [], dropped: 0 };
  while (!reader.done) {
    const tag = reader.varint();
    switch (tag >>> 3) {
      case 1:
        [event.seconds, event.nanos] = reader.fixed64Time();
        break;
      case 2:
        event.name = reader.string();
        break;
      case 3:
        event.attributes.push(readKeyValue(reader.sub(reader.delimited())));
        break;
      case 4:
        event.dropped = reader.varint();
        break;
      default:
        reader.skip(tag & 7);
    }
  }
  return event;
}

function readLink(reader: Reader): Omit<SpanLink, 'linkedSpanIndex' | 'crossTrace'> {
  let traceId = '';
  let spanId = '';
  let traceState = '';
  let dropped = 0;
  let flags = 0;
  const attributes: Attribute[] = [];
  while (!reader.done) {
    const tag = reader.varint();
    switch (tag >>> 3) {
      case 1:
        traceId = id(reader.raw());
        break;
      case 2:
        spanId = id(reader.raw());
        break;
      case 3:
        traceState = reader.string();
        break;
      case 4:
        attributes.push(readKeyValue(reader.sub(reader.delimited())));
        break;
      case 5:
        dropped = reader.varint();
        break;
      case 6:
        flags = (tag & 7) === 5 ? reader.fixed32() : (reader.skip(tag & 7), 0);
        break;
      default:
        reader.skip(tag & 7);
    }
  }
  return { traceId, spanId, traceState, attributes, droppedAttributesCount: dropped, flags };
}

function readKeyValue(reader: Reader, depth = 0): Attribute {
  let key = '';
  let value: AttributeValue = null;
  while (!reader.done) {
    const tag = reader.varint();
    if (tag >>> 3 === 1 && (tag & 7) === 2) key = reader.string();
    else if (tag >>> 3 === 2 && (tag & 7) === 2) value = readAnyValue(reader.sub(reader.delimited()), depth);
    else reader.skip(tag & 7);
  }
  return { key, value };
}

/** An AnyValue; `depth` is how deep in another AnyValue (arrays and kvlists recurse). */
function readAnyValue(reader: Reader, depth: number): AttributeValue {
  if (depth > MAX_TRACE_NESTING_DEPTH) throw new NestingTooDeepError('an attribute value');
  let value: AttributeValue = null;
  while (!reader.done) {
    const tag = reader.varint();
    switch (tag >>> 3) {
      case 1:
        value = reader.string();
        break;
      case 2:
        value = reader.varint() !== 0;
        break;
      case 3:
        value = reader.int64();
        break;
      case 4:
        value = reader.double();
        break;
      case 5: {
        const list: AttributeValue[] = [];
        const array = reader.sub(reader.delimited());
        while (!array.done) {
          const t = array.varint();
          if (t >>> 3 === 1 && (t & 7) === 2) list.push(readAnyValue(array.sub(array.delimited()), depth + 1));
          else array.skip(t & 7);
        }
        value = list;
        break;
      }
      case 6: {
        const kvlist: Attribute[] = [];
        const kv = reader.sub(reader.delimited());
        while (!kv.done) {
          const t = kv.varint();
          if (t >>> 3 === 1 && (t & 7) === 2) kvlist.push(readKeyValue(kv.sub(kv.delimited()), depth + 1));
          else kv.skip(t & 7);
        }
        value = { kvlist };
        break;
      }
      case 7:
        value = { bytes: bytesToBase64(reader.raw()) };
        break;
      default:
        reader.skip(tag & 7);
    }
  }
  return value;
}

/** An ID from raw bytes; all zero or empty means none (trace-formats.md §0). */
function id(bytes: Uint8Array): string {
  const hex = bytesToHex(bytes);
  return /^0*$/.test(hex) ? '' : hex;
}
