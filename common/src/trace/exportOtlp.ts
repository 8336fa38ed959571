/**
 * Export: one trace (or the spans of it a search kept) as an OTLP/JSON `ExportTraceServiceRequest` on one line,
 * the form the Collector's file exporter writes (docs: trace formats, OTLP/JSON), so the result opens in this viewer,
 * in Jaeger (OTLP upload) and in any OTLP tool. Spans are grouped by resource and instrumentation scope, as OTLP
 * nests them. IDs are lower-case hex and times decimal nanosecond strings, as OTLP/JSON requires.
 *
 * Two losses, said here: the trace model keeps numbers as JavaScript numbers, so an integral double attribute (2.0)
 * is written back as `intValue`; and a span without a timestamp (Zipkin allows it) has no times in OTLP either, which
 * OTLP readers take as time 0. Everything else round-trips (the unit test reads every sample back).
 */
import type { TraceDataset } from './dataset';
import type { Attribute, AttributeValue, SpanDetails } from './types';

type OtlpValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { bytesValue: string }
  | { arrayValue: { values: OtlpValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } }
  | Record<string, never>;

interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}

/** Spans of `traceIndex` (all, or those `include` keeps) as one OTLP/JSON line, without the final newline. */
export function traceToOtlpJson(dataset: TraceDataset, traceIndex: number, include?: (span: number) => boolean): string {
  const groups = new Map<string, { resource: SpanDetails['resource']; scope: SpanDetails['scope']; spans: object[] }>();
  for (const span of dataset.tree(traceIndex).spans) {
    if (span < 0 || (include && !include(span))) continue; // negative: the synthetic root of orphans
    const details = dataset.spanDetails(span);
    const key = JSON.stringify([details.resource, details.scope]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { resource: details.resource, scope: details.scope, spans: [] }));
    group.spans.push(otlpSpan(details));
  }
  const byResource = new Map<string, { resource: SpanDetails['resource']; scopeSpans: object[] }>();
  for (const group of groups.values()) {
    const key = JSON.stringify(group.resource);
    let entry = byResource.get(key);
    if (!entry) byResource.set(key, (entry = { resource: group.resource, scopeSpans: [] }));
    entry.scopeSpans.push({
      scope: { name: group.scope.name, version: group.scope.version, attributes: keyValues(group.scope.attributes) },
      spans: group.spans,
      ...(group.scope.schemaUrl ? { schemaUrl: group.scope.schemaUrl } : {}),
    });
  }
  const resourceSpans = [...byResource.values()].map(({ resource, scopeSpans }) => ({
    resource: { attributes: keyValues(resource.attributes), droppedAttributesCount: resource.droppedAttributesCount },
    scopeSpans,
    ...(resource.schemaUrl ? { schemaUrl: resource.schemaUrl } : {}),
  }));
  return JSON.stringify({ resourceSpans });
}

function otlpSpan(span: SpanDetails): object {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.traceState ? { traceState: span.traceState } : {}),
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    ...(span.flags ? { flags: span.flags } : {}),
    name: span.name,
    kind: span.kind,
    ...(span.startNs ? { startTimeUnixNano: span.startNs, endTimeUnixNano: span.endNs } : {}),
    attributes: keyValues(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({
      timeUnixNano: event.timeNs,
      name: event.name,
      attributes: keyValues(event.attributes),
      droppedAttributesCount: event.droppedAttributesCount,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      ...(link.traceState ? { traceState: link.traceState } : {}),
      attributes: keyValues(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount,
      ...(link.flags ? { flags: link.flags } : {}),
    })),
    droppedLinksCount: span.droppedLinksCount,
    status: { code: span.status.code, ...(span.status.message ? { message: span.status.message } : {}) },
  };
}

function keyValues(attributes: readonly Attribute[]): OtlpKeyValue[] {
  return attributes.map((attribute) => ({ key: attribute.key, value: otlpValue(attribute.value) }));
}

function otlpValue(value: AttributeValue): OtlpValue {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(otlpValue) } };
  if ('int' in value) return { intValue: value.int };
  if ('bytes' in value) return { bytesValue: value.bytes };
  if ('kvlist' in value) return { kvlistValue: { values: keyValues(value.kvlist) } };
  return {};
}
