/**
 * The columnar span store: one row per span across typed arrays, names and keys interned, attributes and
 * events kept in shared flat columns and decoded only when a span's details are asked for. Readers of every
 * format (OTLP JSON and protobuf, Jaeger, Zipkin) write through `SpanStore.addSpan`.
 */
import { Column, StringTable } from './columns';
import { SpanKind, StatusCode, type Attribute, type AttributeValue, type SpanLink } from './types';

/** Per-span marks (bit flags in `SpanStore.marks`). */
export const Mark = {
  /** Zipkin span without `timestamp`: its start is unknown and shown at its parent's start. */
  NoTimestamp: 1,
  /** Zipkin span without `duration`, or an OTLP span without end time. */
  NoDuration: 2,
  /** Zipkin `shared: true`: the server half of an ID the client half also uses. */
  Shared: 4,
  /** Another span of the same trace has this span ID. */
  Duplicate: 8,
  /** The parent span ID is set but no such span is in the data set. */
  Orphan: 16,
  /** Starts before its parent or ends after it. */
  Skewed: 32,
} as const;

export interface ResourceEntry {
  readonly service: number;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly schemaUrl: string;
}

export interface ScopeEntry {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
  readonly schemaUrl: string;
}

/** A span as readers hand it over; attributes and events are added right after with addAttribute/addEvent. */
export interface SpanInput {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: SpanKind;
  status: StatusCode;
  flags: number;
  startSeconds: number;
  startNanos: number;
  endSeconds: number;
  endNanos: number;
  resource: number;
  scope: number;
  file: number;
  line: number;
  marks: number;
}

export interface LinkInput extends Omit<SpanLink, 'linkedSpanIndex' | 'crossTrace'> {}

export interface Checkpoint {
  readonly spans: number;
  readonly traces: number;
  readonly attributes: number;
  readonly events: number;
  readonly resources: number;
  readonly scopes: number;
}

export class SpanStore {
  readonly strings = new StringTable();
  readonly files: string[] = [];
  readonly resources: ResourceEntry[] = [];
  readonly scopes: ScopeEntry[] = [];
  readonly traceIds: string[] = [];
  private readonly traceIndexById = new Map<string, number>();

  // Span columns.
  readonly trace = new Column(Uint32Array);
  readonly nameId = new Column(Uint32Array);
  readonly service = new Column(Uint32Array);
  readonly resource = new Column(Uint32Array);
  readonly scope = new Column(Uint32Array);
  readonly kind = new Column(Uint8Array);
  readonly status = new Column(Uint8Array);
  readonly marks = new Column(Uint8Array);
  readonly flags = new Column(Uint32Array);
  readonly startSeconds = new Column(Float64Array);
  readonly startNanos = new Column(Uint32Array);
  readonly endSeconds = new Column(Float64Array);
  readonly endNanos = new Column(Uint32Array);
  readonly attrStart = new Column(Uint32Array);
  readonly attrEnd = new Column(Uint32Array);
  readonly eventStart = new Column(Uint32Array);
  readonly file = new Column(Uint16Array);
  readonly line = new Column(Uint32Array);
  /** Next span of the same trace (-1 at the end): traces are linked lists, so appending is O(1). */
  readonly nextInTrace = new Column(Int32Array);
  /** Parent span index, set by assembly (-1: root, orphan, or not assembled yet). */
  readonly parent = new Column(Int32Array);
  readonly spanIds: string[] = [];
  readonly parentSpanIds: string[] = [];

  // Per-trace columns.
  readonly traceFirst = new Column(Int32Array);
  readonly traceLast = new Column(Int32Array);
  readonly traceSpanCount = new Column(Uint32Array);

  // Attributes of spans, events and links, in one flat list: [attrStart[i], attrStart[i+1]) for span i.
  readonly attrKey = new Column(Uint32Array);
  readonly attrValue: AttributeValue[] = [];

  // Events: [eventStart[i], eventStart[i+1]) for span i.
  readonly eventName = new Column(Uint32Array);
  readonly eventSeconds = new Column(Float64Array);
  readonly eventNanos = new Column(Uint32Array);
  readonly eventAttrStart = new Column(Uint32Array);
  readonly eventAttrEnd = new Column(Uint32Array);
  readonly eventDropped = new Column(Uint32Array);

  // Rare fields, kept sparse.
  readonly links = new Map<number, LinkInput[]>();
  readonly traceStates = new Map<number, string>();
  readonly statusMessages = new Map<number, string>();
  readonly dropped = new Map<number, [attributes: number, events: number, links: number]>();
  readonly problems = new Map<number, string[]>();

  private openSpan = -1;
  /** Old `traceLast` of each trace touched since the checkpoint (for rollback). */
  private journal: Map<number, number> | undefined;

  get spanCount(): number {
    return this.trace.length;
  }

  get traceCount(): number {
    return this.traceIds.length;
  }

  fileIndex(name: string): number {
    let index = this.files.indexOf(name);
    if (index < 0) index = this.files.push(name) - 1;
    return index;
  }

  addResource(entry: ResourceEntry): number {
    return this.resources.push(entry) - 1;
  }

  addScope(entry: ScopeEntry): number {
    return this.scopes.push(entry) - 1;
  }

  traceIndex(traceId: string): number {
    let index = this.traceIndexById.get(traceId);
    if (index === undefined) {
      index = this.traceIds.push(traceId) - 1;
      this.traceIndexById.set(traceId, index);
      this.traceFirst.push(-1);
      this.traceLast.push(-1);
      this.traceSpanCount.push(0);
    }
    return index;
  }

  /** The spans of one trace, in the order they were read. */
  spansOfTrace(trace: number): Int32Array {
    const out = new Int32Array(this.traceSpanCount.get(trace));
    let i = 0;
    for (let span = this.traceFirst.get(trace); span >= 0; span = this.nextInTrace.get(span)) out[i++] = span;
    return out;
  }

  findTrace(traceId: string): number {
    return this.traceIndexById.get(traceId) ?? -1;
  }

  /** Adds a span row; its attributes and events follow through addAttribute/addEvent. Returns the index. */
  addSpan(input: SpanInput): number {
    const index = this.trace.length;
    const trace = this.traceIndex(input.traceId);
    this.trace.push(trace);
    this.nameId.push(this.strings.intern(input.name));
    this.resource.push(input.resource);
    this.service.push(this.resources[input.resource]?.service ?? this.strings.intern('unknown_service'));
    this.scope.push(input.scope);
    this.kind.push(input.kind);
    this.status.push(input.status);
    this.marks.push(input.marks);
    this.flags.push(input.flags);
    this.startSeconds.push(input.startSeconds);
    this.startNanos.push(input.startNanos);
    this.endSeconds.push(input.endSeconds);
    this.endNanos.push(input.endNanos);
    this.attrStart.push(this.attrKey.length);
    this.attrEnd.push(this.attrKey.length);
    this.eventStart.push(this.eventName.length);
    this.file.push(input.file);
    this.line.push(input.line);
    this.nextInTrace.push(-1);
    this.parent.push(-1);
    this.spanIds.push(input.spanId);
    this.parentSpanIds.push(input.parentSpanId);
    const last = this.traceLast.get(trace);
    if (this.journal && !this.journal.has(trace)) this.journal.set(trace, last);
    if (last < 0) this.traceFirst.set(trace, index);
    else this.nextInTrace.set(last, index);
    this.traceLast.set(trace, index);
    this.traceSpanCount.set(trace, this.traceSpanCount.get(trace) + 1);
    this.openSpan = index;
    return index;
  }

  addAttribute(key: string, value: AttributeValue): void {
    this.attrKey.push(this.strings.intern(key));
    this.attrValue.push(value);
  }

  /** Adds an event to the span last added; its attributes must be added between begin and end. */
  beginEvent(name: string, seconds: number, nanos: number, droppedAttributes: number): void {
    this.eventName.push(this.strings.intern(name));
    this.eventSeconds.push(seconds);
    this.eventNanos.push(nanos);
    this.eventAttrStart.push(this.attrKey.length);
    this.eventAttrEnd.push(this.attrKey.length);
    this.eventDropped.push(droppedAttributes);
  }

  endEvent(): void {
    this.eventAttrEnd.set(this.eventAttrEnd.length - 1, this.attrKey.length);
  }

  /** Marks where the last span's own attributes end (its events' attributes come after). */
  endSpanAttributes(): void {
    this.attrEnd.set(this.openSpan, this.attrKey.length);
  }

  addLink(link: LinkInput): void {
    let list = this.links.get(this.openSpan);
    if (!list) this.links.set(this.openSpan, (list = []));
    list.push(link);
  }

  setRare(traceState: string, statusMessage: string, droppedAttributes: number, droppedEvents: number, droppedLinks: number): void {
    const span = this.openSpan;
    if (traceState) this.traceStates.set(span, traceState);
    if (statusMessage) this.statusMessages.set(span, statusMessage);
    if (droppedAttributes || droppedEvents || droppedLinks) this.dropped.set(span, [droppedAttributes, droppedEvents, droppedLinks]);
  }

  addProblem(span: number, problem: string): void {
    const list = this.problems.get(span);
    if (list) list.push(problem);
    else this.problems.set(span, [problem]);
  }

  /** The span's own attribute range in the flat attribute columns. */
  attributeRange(span: number): [start: number, end: number] {
    const start = this.attrStart.get(span);
    return [start, this.attrEnd.get(span)];
  }

  eventRange(span: number): [start: number, end: number] {
    const start = this.eventStart.get(span);
    const end = span + 1 < this.spanCount ? this.eventStart.get(span + 1) : this.eventName.length;
    return [start, end];
  }

  attributes(start: number, end: number): Attribute[] {
    const out: Attribute[] = [];
    for (let a = start; a < end; a++) out.push({ key: this.strings.get(this.attrKey.get(a)), value: this.attrValue[a]! });
    return out;
  }

  /** The value of one attribute of a span, or undefined; a linear scan of its few attributes. */
  attribute(span: number, key: string): AttributeValue | undefined {
    const [start, end] = this.attributeRange(span);
    for (let a = start; a < end; a++) if (this.strings.get(this.attrKey.get(a)) === key) return this.attrValue[a];
    return undefined;
  }

  name(span: number): string {
    return this.strings.get(this.nameId.get(span));
  }

  serviceName(span: number): string {
    return this.strings.get(this.service.get(span));
  }

  /** Start as ns since the epoch, as a double (for sorting and offsets; exact offsets use `offsetNs`). */
  startOffsetFrom(span: number, baseSeconds: number, baseNanos: number): number {
    return (this.startSeconds.get(span) - baseSeconds) * 1e9 + (this.startNanos.get(span) - baseNanos);
  }

  endOffsetFrom(span: number, baseSeconds: number, baseNanos: number): number {
    return (this.endSeconds.get(span) - baseSeconds) * 1e9 + (this.endNanos.get(span) - baseNanos);
  }

  durationNs(span: number): number {
    return (this.endSeconds.get(span) - this.startSeconds.get(span)) * 1e9 + (this.endNanos.get(span) - this.startNanos.get(span));
  }

  /**
   * Remembers the current size so that a record can be taken back whole (`rollback`): a record that must
   * be re-read (a JSON number lost precision) or that fails half-way leaves nothing behind.
   */
  checkpoint(): Checkpoint {
    this.journal = new Map();
    return {
      spans: this.spanCount,
      traces: this.traceCount,
      attributes: this.attrKey.length,
      events: this.eventName.length,
      resources: this.resources.length,
      scopes: this.scopes.length,
    };
  }

  commit(): void {
    this.journal = undefined;
  }

  rollback(checkpoint: Checkpoint): void {
    const journal = this.journal ?? new Map<number, number>();
    this.journal = undefined;
    for (let span = checkpoint.spans; span < this.spanCount; span++) {
      const trace = this.trace.get(span);
      this.traceSpanCount.set(trace, this.traceSpanCount.get(trace) - 1);
    }
    for (const [trace, oldLast] of journal) {
      if (trace >= checkpoint.traces) continue;
      this.traceLast.set(trace, oldLast);
      if (oldLast >= 0) this.nextInTrace.set(oldLast, -1);
      else this.traceFirst.set(trace, -1);
    }
    for (const id of this.traceIds.splice(checkpoint.traces)) this.traceIndexById.delete(id);
    this.traceFirst.length = this.traceLast.length = this.traceSpanCount.length = checkpoint.traces;
    for (const column of [this.trace, this.nameId, this.service, this.resource, this.scope, this.kind, this.status, this.marks, this.flags,
      this.startSeconds, this.startNanos, this.endSeconds, this.endNanos, this.attrStart, this.attrEnd, this.eventStart, this.file, this.line, this.nextInTrace, this.parent]) {
      column.length = checkpoint.spans;
    }
    this.spanIds.length = this.parentSpanIds.length = checkpoint.spans;
    this.attrKey.length = this.attrValue.length = checkpoint.attributes;
    for (const column of [this.eventName, this.eventSeconds, this.eventNanos, this.eventAttrStart, this.eventAttrEnd, this.eventDropped]) {
      column.length = checkpoint.events;
    }
    this.resources.length = checkpoint.resources;
    this.scopes.length = checkpoint.scopes;
    for (const map of [this.links, this.traceStates, this.statusMessages, this.dropped, this.problems]) {
      for (const key of map.keys()) if (key >= checkpoint.spans) map.delete(key);
    }
  }

  /** Approximate bytes held by the store's typed arrays (JS strings and values not counted). */
  typedBytes(): number {
    let total = 0;
    for (const value of Object.values(this)) if (value instanceof Column) total += value.byteLength;
    return total;
  }
}
