/**
 * OTLP/JSON reader: `TracesData` / `ExportTraceServiceRequest` as the Collector file exporter and the SDK
 * serializers write it (trace-formats.md §1), with the lenient extras of §0: snake_case keys, the legacy
 * `instrumentationLibrarySpans`, enum names, base64 IDs, numbers or strings for 64-bit fields.
 * Mirrors the field list of opentelemetry-proto trace/v1/trace.proto (ac2c4b5).
 */
import { isJsonList, LazyJsonArray } from '../jsonLarge';
import { Mark, type SpanInput, type SpanStore } from '../spanStore';
import { SpanKind, StatusCode } from '../types';
import {
  decodeAnyValue,
  decodeKeyValues,
  field,
  isObject,
  normalizeId,
  parseKind,
  parseStatusCode,
  parseUint,
  splitNanos,
  type Json,
  type JsonObject,
  type SplitTime,
} from '../values';

export interface RecordContext {
  readonly store: SpanStore;
  readonly file: number;
  readonly line: number;
}

const time: SplitTime = { seconds: 0, nanos: 0 };

/** Reads the `resourceSpans` array of one record. */
export function readResourceSpans(list: Json, context: RecordContext): void {
  if (!isJsonList(list)) throw new Error('resourceSpans is not an array');
  for (const resourceSpans of list) {
    if (!isObject(resourceSpans)) continue;
    const resourceIndex = addResourceEntry(resourceSpans['resource'], stringField(resourceSpans, 'schemaUrl', 'schema_url'), context.store);
    // Legacy names only when scopeSpans is absent (proto v0.18 deprecation note).
    let scopeList = field(resourceSpans, 'scopeSpans', 'scope_spans');
    let scopeKey = 'scope';
    if (scopeList === undefined) {
      scopeList = field(resourceSpans, 'instrumentationLibrarySpans', 'instrumentation_library_spans');
      scopeKey = 'instrumentationLibrary';
    }
    if (!isJsonList(scopeList)) continue;
    for (const scopeSpans of scopeList) {
      if (!isObject(scopeSpans)) continue;
      const scope = scopeKey === 'scope' ? scopeSpans['scope'] : field(scopeSpans, 'instrumentationLibrary', 'instrumentation_library');
      const scopeIndex = addScopeEntry(scope, stringField(scopeSpans, 'schemaUrl', 'schema_url'), context.store);
      const spans = scopeSpans['spans'];
      if (Array.isArray(spans)) {
        for (let i = 0; i < spans.length; i++) {
          const span: Json = spans[i];
          if (typeof span === 'object' && span !== null) readSpan(span as JsonObject, resourceIndex, scopeIndex, context);
        }
      } else if (spans instanceof LazyJsonArray) {
        // A record over LARGE_JSON_BYTES: each span parsed as it is read (jsonLarge.ts).
        for (const span of spans)
          if (typeof span === 'object' && span !== null) readSpan(span as JsonObject, resourceIndex, scopeIndex, context);
      }
    }
  }
}

/** Adds a Resource (the store derives its service from `service.name`); returns its index. */
function addResourceEntry(resource: Json, schemaUrl: string, store: SpanStore): number {
  const attributes = isObject(resource) && Array.isArray(resource['attributes']) ? decodeKeyValues(resource['attributes']) : [];
  return store.addResource({
    attributes,
    droppedAttributesCount: isObject(resource) ? parseUint(field(resource, 'droppedAttributesCount', 'dropped_attributes_count')) : 0,
    schemaUrl,
  });
}

/** Adds an InstrumentationScope (or legacy InstrumentationLibrary); returns its index. */
function addScopeEntry(scope: Json, schemaUrl: string, store: SpanStore): number {
  return store.addScope({
    name: isObject(scope) ? stringField(scope, 'name', 'name') : '',
    version: isObject(scope) ? stringField(scope, 'version', 'version') : '',
    attributes: isObject(scope) && Array.isArray(scope['attributes']) ? decodeKeyValues(scope['attributes']) : [],
    schemaUrl,
  });
}

/** Adds the links of the span last added. */
function addLinks(store: SpanStore, links: readonly Json[]): void {
  for (const link of links) {
    if (!isObject(link)) continue;
    const linkAttributes = link['attributes'];
    store.addLink({
      traceId: normalizeId(field(link, 'traceId', 'trace_id'), 16) ?? '',
      spanId: normalizeId(field(link, 'spanId', 'span_id'), 8) ?? '',
      traceState: stringField(link, 'traceState', 'trace_state'),
      attributes: Array.isArray(linkAttributes) ? decodeKeyValues(linkAttributes) : [],
      droppedAttributesCount: parseUint(field(link, 'droppedAttributesCount', 'dropped_attributes_count')),
      flags: parseUint(link['flags']),
    });
  }
}

function stringField(object: JsonObject, camel: string, snake: string): string {
  const value = field(object, camel, snake);
  return typeof value === 'string' ? value : '';
}

/** The keys a span may have (camelCase as written; snake_case as the Collector's reader also accepts). */
interface SpanJson {
  readonly traceId?: Json;
  readonly trace_id?: Json;
  readonly spanId?: Json;
  readonly span_id?: Json;
  readonly parentSpanId?: Json;
  readonly parent_span_id?: Json;
  readonly traceState?: Json;
  readonly trace_state?: Json;
  readonly name?: Json;
  readonly kind?: Json;
  readonly flags?: Json;
  readonly startTimeUnixNano?: Json;
  readonly start_time_unix_nano?: Json;
  readonly endTimeUnixNano?: Json;
  readonly end_time_unix_nano?: Json;
  readonly attributes?: Json;
  readonly events?: Json;
  readonly links?: Json;
  readonly status?: Json;
  readonly droppedAttributesCount?: Json;
  readonly dropped_attributes_count?: Json;
  readonly droppedEventsCount?: Json;
  readonly dropped_events_count?: Json;
  readonly droppedLinksCount?: Json;
  readonly dropped_links_count?: Json;
}

interface EventJson {
  readonly timeUnixNano?: Json;
  readonly time_unix_nano?: Json;
  readonly name?: Json;
  readonly attributes?: Json;
  readonly droppedAttributesCount?: Json;
  readonly dropped_attributes_count?: Json;
}

interface KeyValueJson {
  readonly key?: Json;
  readonly value?: Json;
}

const input: SpanInput = {
  traceId: '',
  spanId: '',
  parentSpanId: '',
  name: '',
  kind: SpanKind.Unspecified,
  status: StatusCode.Unset,
  flags: 0,
  startSeconds: 0,
  startNanos: 0,
  endSeconds: 0,
  endNanos: 0,
  resource: 0,
  scope: 0,
  file: 0,
  line: 0,
  marks: 0,
};

/**
 * One span. This is the hot path of reading (once per span of a 200,000-span file), so fields are read by
 * name (monomorphic property loads, camelCase first) and nothing is allocated per span but the row itself.
 */
function readSpan(object: JsonObject, resource: number, scope: number, context: RecordContext): void {
  const { store } = context;
  const span = object as SpanJson;
  const rawTraceId = span.traceId ?? span.trace_id;
  const rawSpanId = span.spanId ?? span.span_id;
  const rawParent = span.parentSpanId ?? span.parent_span_id;
  // Hex IDs of the usual length go to the store as they are (it parses and checks them without a regex).
  const traceId = typeof rawTraceId === 'string' && rawTraceId.length === 32 ? rawTraceId : normalizeId(rawTraceId, 16);
  const spanId = typeof rawSpanId === 'string' && rawSpanId.length === 16 ? rawSpanId : normalizeId(rawSpanId, 8);
  const parentSpanId =
    typeof rawParent === 'string' && (rawParent.length === 16 || rawParent === '') ? rawParent : normalizeId(rawParent, 8);
  let problem = '';
  if (traceId === undefined) problem = `traceId ${JSON.stringify(rawTraceId)} is not a 16-byte hex or base64 ID`;
  if (spanId === undefined) problem = `spanId ${JSON.stringify(rawSpanId)} is not an 8-byte hex or base64 ID`;
  if (parentSpanId === undefined) problem = `parentSpanId ${JSON.stringify(rawParent)} is not an 8-byte ID`;
  if (!splitNanos(span.startTimeUnixNano ?? span.start_time_unix_nano, time))
    problem = 'startTimeUnixNano is not a decimal nanosecond time';
  input.startSeconds = time.seconds;
  input.startNanos = time.nanos;
  const endValue = span.endTimeUnixNano ?? span.end_time_unix_nano;
  if (!splitNanos(endValue, time)) problem = 'endTimeUnixNano is not a decimal nanosecond time';
  const status = span.status;
  const name = span.name;
  input.traceId = traceId ?? '';
  input.spanId = spanId ?? '';
  input.parentSpanId = parentSpanId ?? '';
  input.name = typeof name === 'string' ? name : '';
  input.kind = parseKind(span.kind);
  input.status = typeof status === 'object' && status !== null ? parseStatusCode((status as { code?: Json }).code) : StatusCode.Unset;
  input.flags = parseUint(span.flags);
  input.endSeconds = time.seconds;
  input.endNanos = time.nanos;
  input.resource = resource;
  input.scope = scope;
  input.file = context.file;
  input.line = context.line;
  input.marks = endValue === undefined ? Mark.NoDuration : 0;
  const index = store.addSpan(input);
  if (problem) store.addProblem(index, problem);

  const attributes = span.attributes;
  if (Array.isArray(attributes)) addAttributes(store, attributes);
  store.endSpanAttributes();

  const events = span.events;
  if (Array.isArray(events) && events.length) {
    for (let e = 0; e < events.length; e++) {
      const event = events[e] as EventJson | null;
      if (typeof event !== 'object' || event === null) continue;
      if (!splitNanos(event.timeUnixNano ?? event.time_unix_nano, time))
        store.addProblem(index, 'an event timeUnixNano is not a decimal nanosecond time');
      const eventName = event.name;
      const dropped = event.droppedAttributesCount ?? event.dropped_attributes_count;
      store.beginEvent(
        typeof eventName === 'string' ? eventName : '',
        time.seconds,
        time.nanos,
        dropped === undefined ? 0 : parseUint(dropped),
      );
      const eventAttributes = event.attributes;
      if (Array.isArray(eventAttributes)) addAttributes(store, eventAttributes);
      store.endEvent();
    }
  }

  const links = span.links;
  if (Array.isArray(links) && links.length) addLinks(store, links);

  const traceState = span.traceState ?? span.trace_state;
  const message = typeof status === 'object' && status !== null ? (status as { message?: Json }).message : undefined;
  const droppedAttributes = span.droppedAttributesCount ?? span.dropped_attributes_count;
  const droppedEvents = span.droppedEventsCount ?? span.dropped_events_count;
  const droppedLinks = span.droppedLinksCount ?? span.dropped_links_count;
  if (traceState || message || droppedAttributes || droppedEvents || droppedLinks) {
    store.setRare(
      typeof traceState === 'string' ? traceState : '',
      typeof message === 'string' ? message : '',
      parseUint(droppedAttributes),
      parseUint(droppedEvents),
      parseUint(droppedLinks),
    );
  }
}

function addAttributes(store: SpanStore, list: readonly Json[]): void {
  for (let i = 0; i < list.length; i++) {
    const kv = list[i] as KeyValueJson | null;
    if (typeof kv !== 'object' || kv === null) continue;
    const key = kv.key;
    store.addAttribute(typeof key === 'string' ? key : String(key), decodeAnyValue(kv.value));
  }
}
