/**
 * OTLP/JSON reader: `TracesData` / `ExportTraceServiceRequest` as the Collector file exporter and the SDK
 * serializers write it (trace-formats.md §1), with the lenient extras of §0: snake_case keys, the legacy
 * `instrumentationLibrarySpans`, enum names, base64 IDs, numbers or strings for 64-bit fields.
 * Mirrors the field list of opentelemetry-proto trace/v1/trace.proto (ac2c4b5).
 */
import type { SpanInput, SpanStore } from '../spanStore';
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

/** Reads the `resourceSpans` array of one record. Returns the number of spans added. */
export function readResourceSpans(list: Json, context: RecordContext): number {
  if (!Array.isArray(list)) throw new Error('resourceSpans is not an array');
  let added = 0;
  for (const resourceSpans of list) {
    if (!isObject(resourceSpans)) continue;
    const resource = resourceSpans['resource'];
    const resourceAttributes = isObject(resource) && Array.isArray(resource['attributes']) ? decodeKeyValues(resource['attributes']) : [];
    const serviceName = resourceAttributes.find((a) => a.key === 'service.name')?.value;
    const resourceIndex = context.store.addResource({
      service: context.store.strings.intern(typeof serviceName === 'string' && serviceName ? serviceName : 'unknown_service'),
      attributes: resourceAttributes,
      droppedAttributesCount: isObject(resource) ? parseUint(field(resource, 'droppedAttributesCount', 'dropped_attributes_count')) : 0,
      schemaUrl: stringField(resourceSpans, 'schemaUrl', 'schema_url'),
    });
    // Legacy names only when scopeSpans is absent (proto v0.18 deprecation note).
    let scopeList = field(resourceSpans, 'scopeSpans', 'scope_spans');
    let scopeKey = 'scope';
    if (scopeList === undefined) {
      scopeList = field(resourceSpans, 'instrumentationLibrarySpans', 'instrumentation_library_spans');
      scopeKey = 'instrumentationLibrary';
    }
    if (!Array.isArray(scopeList)) continue;
    for (const scopeSpans of scopeList) {
      if (!isObject(scopeSpans)) continue;
      const scope = scopeKey === 'scope' ? scopeSpans['scope'] : field(scopeSpans, 'instrumentationLibrary', 'instrumentation_library');
      const scopeIndex = context.store.addScope({
        name: isObject(scope) ? stringField(scope, 'name', 'name') : '',
        version: isObject(scope) ? stringField(scope, 'version', 'version') : '',
        attributes: isObject(scope) && Array.isArray(scope['attributes']) ? decodeKeyValues(scope['attributes']) : [],
        schemaUrl: stringField(scopeSpans, 'schemaUrl', 'schema_url'),
      });
      const spans = scopeSpans['spans'];
      if (!Array.isArray(spans)) continue;
      for (const span of spans) if (isObject(span)) added += readSpan(span, resourceIndex, scopeIndex, context);
    }
  }
  return added;
}

function stringField(object: JsonObject, camel: string, snake: string): string {
  const value = field(object, camel, snake);
  return typeof value === 'string' ? value : '';
}

function readSpan(span: JsonObject, resource: number, scope: number, context: RecordContext): number {
  const { store } = context;
  const problems: string[] = [];
  const traceId = normalizeId(field(span, 'traceId', 'trace_id'), 16);
  const spanId = normalizeId(field(span, 'spanId', 'span_id'), 8);
  const parentSpanId = normalizeId(field(span, 'parentSpanId', 'parent_span_id'), 8);
  if (traceId === undefined) problems.push(`traceId ${JSON.stringify(field(span, 'traceId', 'trace_id'))} is not a 16-byte hex or base64 ID`);
  if (spanId === undefined) problems.push(`spanId ${JSON.stringify(field(span, 'spanId', 'span_id'))} is not an 8-byte hex or base64 ID`);
  if (parentSpanId === undefined) problems.push(`parentSpanId ${JSON.stringify(field(span, 'parentSpanId', 'parent_span_id'))} is not an 8-byte ID`);
  if (!splitNanos(field(span, 'startTimeUnixNano', 'start_time_unix_nano'), time)) problems.push('startTimeUnixNano is not a decimal nanosecond time');
  const startSeconds = time.seconds;
  const startNanos = time.nanos;
  time.seconds = startSeconds;
  time.nanos = startNanos;
  let marks = 0;
  const endValue = field(span, 'endTimeUnixNano', 'end_time_unix_nano');
  if (!splitNanos(endValue, time)) problems.push('endTimeUnixNano is not a decimal nanosecond time');
  if (endValue === undefined) marks |= 2; // Mark.NoDuration
  const status = span['status'];
  const name = span['name'];
  const input: SpanInput = {
    traceId: traceId ?? '',
    spanId: spanId ?? '',
    parentSpanId: parentSpanId ?? '',
    name: typeof name === 'string' ? name : '',
    kind: parseKind(span['kind']) as SpanKind,
    status: isObject(status) ? parseStatusCode(status['code']) : StatusCode.Unset,
    flags: parseUint(span['flags']),
    startSeconds,
    startNanos,
    endSeconds: time.seconds,
    endNanos: time.nanos,
    resource,
    scope,
    file: context.file,
    line: context.line,
    marks,
  };
  const index = store.addSpan(input);
  for (const problem of problems) store.addProblem(index, problem);

  const attributes = span['attributes'];
  if (Array.isArray(attributes)) {
    for (const kv of attributes) {
      if (!isObject(kv)) continue;
      const key = kv['key'];
      store.addAttribute(typeof key === 'string' ? key : String(key), decodeAnyValue(kv['value']));
    }
  }
  store.endSpanAttributes();

  const events = span['events'];
  if (Array.isArray(events)) {
    for (const event of events) {
      if (!isObject(event)) continue;
      if (!splitNanos(field(event, 'timeUnixNano', 'time_unix_nano'), time)) store.addProblem(index, 'an event timeUnixNano is not a decimal nanosecond time');
      const eventName = event['name'];
      store.beginEvent(typeof eventName === 'string' ? eventName : '', time.seconds, time.nanos, parseUint(field(event, 'droppedAttributesCount', 'dropped_attributes_count')));
      const eventAttributes = event['attributes'];
      if (Array.isArray(eventAttributes)) {
        for (const kv of eventAttributes) {
          if (!isObject(kv)) continue;
          const key = kv['key'];
          store.addAttribute(typeof key === 'string' ? key : String(key), decodeAnyValue(kv['value']));
        }
      }
      store.endEvent();
    }
  }

  const links = span['links'];
  if (Array.isArray(links)) {
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

  store.setRare(
    stringField(span, 'traceState', 'trace_state'),
    isObject(status) && typeof status['message'] === 'string' ? status['message'] : '',
    parseUint(field(span, 'droppedAttributesCount', 'dropped_attributes_count')),
    parseUint(field(span, 'droppedEventsCount', 'dropped_events_count')),
    parseUint(field(span, 'droppedLinksCount', 'dropped_links_count')),
  );
  return 1;
}
