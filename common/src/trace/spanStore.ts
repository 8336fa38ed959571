/**
 * The columnar span store: one row per span across typed arrays, names and keys interned, attributes and
 * events kept in shared flat columns and decoded only when a span's details are asked for. Readers of every
 * format (OTLP JSON and protobuf, Jaeger, Zipkin) write through `SpanStore.addSpan`.
 */
import { AttributeStore } from './attributeStore';
import { grow, StringTable } from './columns';
import { SpanKind, StatusCode, type Attribute, type AttributeValue, type SpanLink } from './types';
import { hexId, normalizeId, parsedId, parseHexId } from './values';

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
  /**
   * Its parent chain looped back to it and assembly cut it there. A mark, not a stored problem: assembly runs
   * again on every follow-mode snapshot of the trace, and a stored message would be added again each time.
   */
  Cycle: 64,
} as const;

const TRACE_CACHE_SLOTS = 64;

/**
 * The service of a resource without a usable `service.name` (missing, empty or not a string): OTel's
 * resource semantic conventions say SDKs use `unknown_service` then, and the Collector shows it as such.
 */
export const UNKNOWN_SERVICE = 'unknown_service';

/** A resource's service name from its attributes (the first `service.name`), by the rule above. */
function serviceNameOf(attributes: readonly Attribute[]): string {
  for (const attribute of attributes)
    if (attribute.key === 'service.name') return typeof attribute.value === 'string' && attribute.value ? attribute.value : UNKNOWN_SERVICE;
  return UNKNOWN_SERVICE;
}

export interface ResourceEntry {
  /** Interned service name, derived by addResource from `service.name` (one rule for every format). */
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
  /** Trace ID as read: normalised here (lower case, padded, base64 decoded) only when not seen before. */
  traceId: string;
  /** Span and parent IDs as 16 hex digits of any case, or "" for none; anything else is reported. */
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

/** Every per-span column of SpanStore: growSpans grows them together, so a new column is added here too. */
const SPAN_COLUMNS = [
  'trace',
  'nameId',
  'service',
  'resource',
  'scope',
  'kind',
  'status',
  'marks',
  'flags',
  'startSeconds',
  'startNanos',
  'endSeconds',
  'endNanos',
  'attrStart',
  'attrEnd',
  'eventStart',
  'file',
  'line',
  'nextInTrace',
  'parent',
  'spanIdHi',
  'spanIdLo',
  'parentIdHi',
  'parentIdLo',
] as const;
type SpanColumn = (typeof SPAN_COLUMNS)[number];

export class SpanStore {
  readonly strings = new StringTable();
  readonly files: string[] = [];
  readonly resources: ResourceEntry[] = [];
  readonly scopes: ScopeEntry[] = [];
  readonly traceIds: string[] = [];
  private readonly traceIndexById = new Map<string, number>();

  // Span columns: row i of each array is span i. All grow together (growSpans, over SPAN_COLUMNS), so each write
  // site sees one typed-array type and stays monomorphic (a generic growable column was 13% of reading time).
  spanCount = 0;
  private spanCapacity = 0;
  trace = new Uint32Array(0);
  nameId = new Uint32Array(0);
  service = new Uint32Array(0);
  resource = new Uint32Array(0);
  scope = new Uint32Array(0);
  kind = new Uint8Array(0);
  status = new Uint8Array(0);
  marks = new Uint8Array(0);
  flags = new Uint32Array(0);
  startSeconds = new Float64Array(0);
  startNanos = new Uint32Array(0);
  endSeconds = new Float64Array(0);
  endNanos = new Uint32Array(0);
  attrStart = new Uint32Array(0);
  attrEnd = new Uint32Array(0);
  eventStart = new Uint32Array(0);
  file = new Uint16Array(0);
  line = new Uint32Array(0);
  /** Next span of the same trace (-1 at the end): traces are linked lists, so appending is O(1). */
  nextInTrace = new Int32Array(0);
  /** Parent span index, set by assembly (-1: root, orphan, or not assembled yet). */
  parent = new Int32Array(0);
  /** Span and parent IDs as two 32-bit halves each (0, 0 = none): no string kept per span. */
  spanIdHi = new Uint32Array(0);
  spanIdLo = new Uint32Array(0);
  parentIdHi = new Uint32Array(0);
  parentIdLo = new Uint32Array(0);

  // Per-trace columns.
  private traceCapacity = 0;
  traceFirst = new Int32Array(0);
  traceLast = new Int32Array(0);
  traceSpanCount = new Uint32Array(0);

  // Attributes of spans and events, in one flat list; span i's own are [attrStart[i], attrEnd[i]), its events'
  // follow up to attrStart[i + 1].
  readonly attrs = new AttributeStore(this.strings);

  // Events: [eventStart[i], eventStart[i+1]) for span i.
  eventCount = 0;
  private eventCapacity = 0;
  eventName = new Uint32Array(0);
  eventSeconds = new Float64Array(0);
  eventNanos = new Uint32Array(0);
  eventAttrStart = new Uint32Array(0);
  eventAttrEnd = new Uint32Array(0);
  eventDropped = new Uint32Array(0);

  // Rare fields, kept sparse.
  readonly links = new Map<number, LinkInput[]>();
  readonly traceStates = new Map<number, string>();
  readonly statusMessages = new Map<number, string>();
  readonly dropped = new Map<number, [attributes: number, events: number, links: number]>();
  readonly problems = new Map<number, string[]>();

  private openSpan = -1;
  /** Old `traceLast` of each trace touched since the checkpoint (for rollback). */
  private journal: Map<number, number> | undefined;
  /** Per trace: the checkpoint number in which it was journaled (a typed-array test instead of Map.has per span). */
  private journalStamp = new Uint32Array(0);
  private checkpoints = 0;

  get traceCount(): number {
    return this.traceIds.length;
  }

  fileIndex(name: string): number {
    let index = this.files.indexOf(name);
    if (index < 0) index = this.files.push(name) - 1;
    return index;
  }

  /** Adds a resource; its service comes from its `service.name` attribute here, so every reader agrees. */
  addResource(entry: Omit<ResourceEntry, 'service'>): number {
    return this.resources.push({ ...entry, service: this.strings.intern(serviceNameOf(entry.attributes)) }) - 1;
  }

  addScope(entry: ScopeEntry): number {
    return this.scopes.push(entry) - 1;
  }

  private lastTraceId = '';
  /** Set by traceIndex when the ID read is not an ID; addSpan reports it on the span. */
  private badTraceId = false;
  private lastTraceIndex = -1;

  /**
   * Recently seen trace IDs by a slot taken from three of their characters: the spans of a batch interleave
   * a few traces, and comparing with the cached ID is cheaper than hashing each new 32-character string for
   * the Map (the Map lookup had 4% of the walk's profile samples; the whole-read benchmark cannot resolve the
   * difference). Cleared by rollback, which can drop trace IDs.
   */
  private readonly recentTraceId: string[] = new Array<string>(TRACE_CACHE_SLOTS).fill('');
  private readonly recentTraceIndex = new Int32Array(TRACE_CACHE_SLOTS).fill(-1);

  /** Index of a trace by its ID as read (`addSpan`'s rules); creates it when new. */
  traceIndex(raw: string): number {
    // Neighbouring spans often share a trace: a string comparison is cheaper than hashing a new ID string.
    if (raw === this.lastTraceId && this.lastTraceIndex >= 0) return this.lastTraceIndex;
    const length = raw.length;
    const slot =
      length < 3
        ? 0
        : (raw.charCodeAt(length - 1) * 31 + raw.charCodeAt(length - 2) * 7 + raw.charCodeAt(length >> 1)) & (TRACE_CACHE_SLOTS - 1);
    if (this.recentTraceId[slot] === raw && this.recentTraceIndex[slot]! >= 0) {
      this.lastTraceId = raw;
      return (this.lastTraceIndex = this.recentTraceIndex[slot]!);
    }
    // Only normalised IDs are keys, so a hit needs no normalising; a miss is normalised, then looked up again.
    let index = this.traceIndexById.get(raw);
    let traceId = raw;
    if (index === undefined) {
      const normalized = normalizeId(raw, 16);
      if (normalized === undefined) this.badTraceId = true;
      traceId = normalized ?? raw;
      index = this.traceIndexById.get(traceId);
    }
    if (index === undefined) {
      index = this.traceIds.push(traceId) - 1;
      this.traceIndexById.set(traceId, index);
      if (index >= this.traceCapacity) {
        this.traceCapacity = Math.max(64, this.traceCapacity * 2);
        this.traceFirst = grow(this.traceFirst, this.traceCapacity);
        this.traceLast = grow(this.traceLast, this.traceCapacity);
        this.traceSpanCount = grow(this.traceSpanCount, this.traceCapacity);
        this.journalStamp = grow(this.journalStamp, this.traceCapacity);
      }
      this.traceFirst[index] = -1;
      this.traceLast[index] = -1;
      this.traceSpanCount[index] = 0;
      this.journalStamp[index] = 0;
    }
    this.lastTraceId = raw;
    this.lastTraceIndex = index;
    this.recentTraceId[slot] = raw;
    this.recentTraceIndex[slot] = index;
    return index;
  }

  /** The spans of one trace, in the order they were read. */
  spansOfTrace(trace: number): Int32Array {
    const out = new Int32Array(this.traceSpanCount[trace]!);
    let i = 0;
    for (let span = this.traceFirst[trace]!; span >= 0; span = this.nextInTrace[span]!) out[i++] = span;
    return out;
  }

  findTrace(traceId: string): number {
    return this.traceIndexById.get(traceId) ?? -1;
  }

  /** Adds a span row; its attributes and events follow through addAttribute/addEvent. Returns the index. */
  addSpan(input: SpanInput): number {
    const index = this.spanCount;
    if (index === this.spanCapacity) this.growSpans();
    const trace = this.traceIndex(input.traceId);
    if (this.badTraceId) {
      this.badTraceId = false;
      this.addProblem(index, `traceId ${JSON.stringify(input.traceId)} is not a 16-byte hex or base64 ID`);
    }
    this.trace[index] = trace;
    this.nameId[index] = this.strings.intern(input.name);
    this.resource[index] = input.resource;
    this.service[index] = this.resources[input.resource]?.service ?? this.strings.intern(UNKNOWN_SERVICE);
    this.scope[index] = input.scope;
    this.kind[index] = input.kind;
    this.status[index] = input.status;
    this.marks[index] = input.marks;
    this.flags[index] = input.flags;
    this.startSeconds[index] = input.startSeconds;
    this.startNanos[index] = input.startNanos;
    this.endSeconds[index] = input.endSeconds;
    this.endNanos[index] = input.endNanos;
    this.attrStart[index] = this.attributeCount;
    this.attrEnd[index] = this.attributeCount;
    this.eventStart[index] = this.eventCount;
    this.file[index] = input.file;
    this.line[index] = input.line;
    this.nextInTrace[index] = -1;
    this.parent[index] = -1;
    if (input.spanId === '' || !parseHexId(input.spanId)) {
      if (input.spanId !== '') this.addProblem(index, `spanId ${JSON.stringify(input.spanId)} is not 16 hex digits`);
      parsedId.hi = parsedId.lo = 0;
    }
    this.spanIdHi[index] = parsedId.hi;
    this.spanIdLo[index] = parsedId.lo;
    if (input.parentSpanId === '' || !parseHexId(input.parentSpanId)) {
      if (input.parentSpanId !== '') this.addProblem(index, `parentSpanId ${JSON.stringify(input.parentSpanId)} is not 16 hex digits`);
      parsedId.hi = parsedId.lo = 0;
    }
    this.parentIdHi[index] = parsedId.hi;
    this.parentIdLo[index] = parsedId.lo;
    const last = this.traceLast[trace]!;
    if (this.journal && this.journalStamp[trace] !== this.checkpoints) {
      // First span of this trace in the current record: remember how to take it back.
      this.journalStamp[trace] = this.checkpoints;
      this.journal.set(trace, last);
    }
    if (last < 0) this.traceFirst[trace] = index;
    else this.nextInTrace[last] = index;
    this.traceLast[trace] = index;
    this.traceSpanCount[trace]!++;
    this.openSpan = index;
    this.spanCount = index + 1;
    return index;
  }

  private growSpans(): void {
    const n = (this.spanCapacity = Math.max(1024, this.spanCapacity * 2));
    for (const column of SPAN_COLUMNS) this.growColumn(column, n);
  }

  private growColumn<K extends SpanColumn>(column: K, capacity: number): void {
    (this as Pick<SpanStore, SpanColumn>)[column] = grow(this[column], capacity) as SpanStore[K];
  }

  private visit = new Int32Array(0);
  private stamp = 0;

  /** Scratch marks per span for graph walks (compared against `nextStamp()` values, never cleared). */
  visitMarks(): Int32Array {
    if (this.visit.length < this.spanCount) this.visit = grow(this.visit, this.spanCapacity);
    return this.visit;
  }

  nextStamp(): number {
    return ++this.stamp;
  }

  /** The span's ID as 16 lower-case hex digits ("" when it has none). */
  spanId(span: number): string {
    return hexId(this.spanIdHi[span]!, this.spanIdLo[span]!);
  }

  parentSpanId(span: number): string {
    return hexId(this.parentIdHi[span]!, this.parentIdLo[span]!);
  }

  hasParentId(span: number): boolean {
    return this.parentIdHi[span] !== 0 || this.parentIdLo[span] !== 0;
  }

  addAttribute(key: string, value: AttributeValue): void {
    this.attrs.add(key, value);
  }

  get attributeCount(): number {
    return this.attrs.count;
  }

  /** Adds an event to the span last added; its attributes must be added between begin and end. */
  beginEvent(name: string, seconds: number, nanos: number, droppedAttributes: number): void {
    const index = this.eventCount;
    if (index === this.eventCapacity) {
      const n = (this.eventCapacity = Math.max(1024, this.eventCapacity * 2));
      this.eventName = grow(this.eventName, n);
      this.eventSeconds = grow(this.eventSeconds, n);
      this.eventNanos = grow(this.eventNanos, n);
      this.eventAttrStart = grow(this.eventAttrStart, n);
      this.eventAttrEnd = grow(this.eventAttrEnd, n);
      this.eventDropped = grow(this.eventDropped, n);
    }
    this.eventName[index] = this.strings.intern(name);
    this.eventSeconds[index] = seconds;
    this.eventNanos[index] = nanos;
    this.eventAttrStart[index] = this.attributeCount;
    this.eventAttrEnd[index] = this.attributeCount;
    this.eventDropped[index] = droppedAttributes;
    this.eventCount = index + 1;
  }

  endEvent(): void {
    this.eventAttrEnd[this.eventCount - 1] = this.attributeCount;
  }

  /** Marks where the last span's own attributes end (its events' attributes come after). */
  endSpanAttributes(): void {
    this.attrEnd[this.openSpan] = this.attributeCount;
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
    return [this.attrStart[span]!, this.attrEnd[span]!];
  }

  eventRange(span: number): [start: number, end: number] {
    return [this.eventStart[span]!, span + 1 < this.spanCount ? this.eventStart[span + 1]! : this.eventCount];
  }

  attributes(start: number, end: number): Attribute[] {
    return this.attrs.list(start, end);
  }

  /** The value of one attribute of a span, or undefined; a linear scan of its few attributes. */
  attribute(span: number, key: string): AttributeValue | undefined {
    const [start, end] = this.attributeRange(span);
    const attrs = this.attrs;
    for (let a = start; a < end; a++) if (attrs.keyOf(a) === key) return attrs.value(a);
    return undefined;
  }

  name(span: number): string {
    return this.strings.get(this.nameId[span]!);
  }

  serviceName(span: number): string {
    return this.strings.get(this.service[span]!);
  }

  /** Start as ns since the epoch, as a double (for sorting and offsets; exact offsets use `offsetNs`). */
  startOffsetFrom(span: number, baseSeconds: number, baseNanos: number): number {
    return (this.startSeconds[span]! - baseSeconds) * 1e9 + (this.startNanos[span]! - baseNanos);
  }

  endOffsetFrom(span: number, baseSeconds: number, baseNanos: number): number {
    return (this.endSeconds[span]! - baseSeconds) * 1e9 + (this.endNanos[span]! - baseNanos);
  }

  durationNs(span: number): number {
    return (this.endSeconds[span]! - this.startSeconds[span]!) * 1e9 + (this.endNanos[span]! - this.startNanos[span]!);
  }

  /**
   * Remembers the current size so that a record can be taken back whole (`rollback`): a record that must
   * be re-read (a JSON number lost precision) or that fails half-way leaves nothing behind.
   */
  checkpoint(): Checkpoint {
    this.journal = new Map();
    this.checkpoints++;
    return {
      spans: this.spanCount,
      traces: this.traceCount,
      attributes: this.attributeCount,
      events: this.eventCount,
      resources: this.resources.length,
      scopes: this.scopes.length,
    };
  }

  commit(): void {
    this.journal = undefined;
    this.attrs.commit();
  }

  /** Takes back everything added since `checkpoint` (which must be the last one, not yet committed). */
  rollback(checkpoint: Checkpoint): void {
    const journal = this.journal ?? new Map<number, number>();
    this.journal = undefined;
    for (let span = checkpoint.spans; span < this.spanCount; span++) this.traceSpanCount[this.trace[span]!]!--;
    for (const [trace, oldLast] of journal) {
      if (trace >= checkpoint.traces) continue;
      this.traceLast[trace] = oldLast;
      if (oldLast >= 0) this.nextInTrace[oldLast] = -1;
      else this.traceFirst[trace] = -1;
    }
    for (const id of this.traceIds.splice(checkpoint.traces)) this.traceIndexById.delete(id);
    this.lastTraceIndex = -1;
    this.recentTraceIndex.fill(-1);
    this.spanCount = checkpoint.spans;
    this.attrs.rollback();
    this.eventCount = checkpoint.events;
    this.resources.length = checkpoint.resources;
    this.scopes.length = checkpoint.scopes;
    for (const map of [this.links, this.traceStates, this.statusMessages, this.dropped, this.problems]) {
      for (const key of map.keys()) if (key >= checkpoint.spans) map.delete(key);
    }
  }

  /** Approximate bytes held by the store's typed arrays (JS strings and values not counted). */
  typedBytes(): number {
    let total = 0;
    for (const value of Object.values(this)) if (ArrayBuffer.isView(value)) total += value.byteLength;
    total += this.attrs.typedBytes;
    return total;
  }
}
