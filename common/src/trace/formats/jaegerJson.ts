/**
 * Jaeger query/UI JSON (trace-formats.md §5): a trace `{traceID, spans, processes}` as inside the API envelope,
 * the "Download Results" file, or bare. Times are µs; int64 tags above 2^53 come as strings; binary is base64.
 * Mirrors jaegertracing/jaeger internal/uimodel/model.go (8498073f) and the OTLP→Jaeger conventions of
 * collector-contrib pkg/translator/jaeger (span.kind, otel.status_code, error=true, otel.scope.name).
 */
import type { RecordContext } from './otlpJson';
import { isJsonList, type JsonList } from '../jsonLarge';
import { Mark, UNKNOWN_SERVICE } from '../spanStore';
import { SpanKind, StatusCode, type Attribute, type AttributeValue } from '../types';
import { decodeInt, isObject, normalizeId, splitMicros, type Json, type JsonObject, type SplitTime } from '../values';

const KINDS: Record<string, SpanKind> = {
  server: SpanKind.Server,
  client: SpanKind.Client,
  producer: SpanKind.Producer,
  consumer: SpanKind.Consumer,
  internal: SpanKind.Internal,
};

export function readJaegerTrace(trace: Json, context: RecordContext): void {
  if (!isObject(trace) || !isJsonList(trace['spans'])) throw new Error('a Jaeger trace needs a spans array');
  const { store } = context;
  const processes = isObject(trace['processes']) ? trace['processes'] : {};
  const resourceByProcess = new Map<string, number>();
  const resourceOf = (process: Json, key: string): number => {
    const cached = key ? resourceByProcess.get(key) : undefined;
    if (cached !== undefined) return cached;
    // The attribute shows the file's serviceName (UNKNOWN_SERVICE when absent); the store derives the service
    // from it, so an empty serviceName is unknown_service as in every other format.
    const serviceName = isObject(process) && typeof process['serviceName'] === 'string' ? process['serviceName'] : UNKNOWN_SERVICE;
    const tags = isObject(process) && Array.isArray(process['tags']) ? decodeTags(process['tags']) : [];
    const index = store.addResource({
      attributes: [{ key: 'service.name', value: serviceName }, ...tags],
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
    if (key) resourceByProcess.set(key, index);
    return index;
  };
  // Jaeger names the scope per span (otel.scope.* tags); spans of one library share one entry, as processes
  // share resources above. Per record, like resourceByProcess: a record that fails is rolled back whole.
  const scopeByNameAndVersion = new Map<string, number>();
  const scopeOf = (name: string, version: string): number => {
    const key = `${name.length}:${name}${version}`; // length prefix: no two pairs share a key
    let index = scopeByNameAndVersion.get(key);
    if (index === undefined) {
      index = store.addScope({ name, version, attributes: [], schemaUrl: '' });
      scopeByNameAndVersion.set(key, index);
    }
    return index;
  };
  const start: SplitTime = { seconds: 0, nanos: 0 };
  const end: SplitTime = { seconds: 0, nanos: 0 };
  for (const span of trace['spans'] as JsonList) {
    if (!isObject(span)) continue;
    const processId = typeof span['processID'] === 'string' ? span['processID'] : '';
    const resource =
      isObject(span['process']) && !processId ? resourceOf(span['process'], '') : resourceOf(processes[processId], processId);
    const tags = Array.isArray(span['tags']) ? decodeTags(span['tags']) : [];
    const tag = (key: string) => tags.find((t) => t.key === key)?.value;
    const scopeName = tag('otel.scope.name') ?? tag('otel.library.name');
    const scopeVersion = tag('otel.scope.version') ?? tag('otel.library.version');
    const scope = scopeOf(typeof scopeName === 'string' ? scopeName : '', typeof scopeVersion === 'string' ? scopeVersion : '');
    const statusTag = tag('otel.status_code');
    const errorTag = tag('error');
    const status =
      statusTag === 'ERROR' || errorTag === true || errorTag === 'true'
        ? StatusCode.Error
        : statusTag === 'OK'
          ? StatusCode.Ok
          : StatusCode.Unset;
    const kindTag = tag('span.kind');

    const references = Array.isArray(span['references']) ? span['references'].filter(isObject) : [];
    const childOf = references.find((r) => r['refType'] === 'CHILD_OF');
    const parent = childOf ? childOf['spanID'] : span['parentSpanID'];
    const startMicros = typeof span['startTime'] === 'number' ? span['startTime'] : Number(span['startTime']);
    const durationMicros = typeof span['duration'] === 'number' ? span['duration'] : Number(span['duration']);
    splitMicros(Number.isFinite(startMicros) ? startMicros : 0, start);
    splitMicros((Number.isFinite(startMicros) ? startMicros : 0) + (Number.isFinite(durationMicros) ? durationMicros : 0), end);
    const traceId = normalizeId(span['traceID'] ?? trace['traceID'], 16);
    const spanId = normalizeId(span['spanID'], 8);
    const index = store.addSpan({
      traceId: traceId ?? '',
      spanId: spanId ?? '',
      parentSpanId: normalizeId(parent, 8) ?? '',
      name: typeof span['operationName'] === 'string' ? span['operationName'] : '',
      kind: typeof kindTag === 'string' ? (KINDS[kindTag] ?? SpanKind.Unspecified) : SpanKind.Unspecified,
      status,
      flags: typeof span['flags'] === 'number' ? span['flags'] >>> 0 : 0,
      startSeconds: start.seconds,
      startNanos: start.nanos,
      endSeconds: end.seconds,
      endNanos: end.nanos,
      resource,
      scope,
      file: context.file,
      line: context.line,
      marks: Number.isFinite(startMicros) ? 0 : Mark.NoTimestamp,
    });
    if (traceId === undefined) store.addProblem(index, `traceID ${JSON.stringify(span['traceID'])} is not a hex ID`);
    if (spanId === undefined) store.addProblem(index, `spanID ${JSON.stringify(span['spanID'])} is not a hex ID`);
    for (const t of tags) store.addAttribute(t.key, t.value);
    store.endSpanAttributes();
    for (const log of Array.isArray(span['logs']) ? span['logs'] : []) {
      if (!isObject(log)) continue;
      const fields = Array.isArray(log['fields']) ? decodeTags(log['fields']) : [];
      const eventField = fields.find((f) => f.key === 'event');
      splitMicros(typeof log['timestamp'] === 'number' ? log['timestamp'] : 0, start);
      store.beginEvent(typeof eventField?.value === 'string' ? eventField.value : 'log', start.seconds, start.nanos, 0);
      for (const f of fields) if (f !== eventField) store.addAttribute(f.key, f.value);
      store.endEvent();
    }
    for (const reference of references) {
      if (reference === childOf) continue;
      store.addLink({
        traceId: normalizeId(reference['traceID'], 16) ?? '',
        spanId: normalizeId(reference['spanID'], 8) ?? '',
        traceState: '',
        attributes: [],
        droppedAttributesCount: 0,
        flags: 0,
        ...(reference['refType'] === 'FOLLOWS_FROM' ? { type: 'FOLLOWS_FROM' as const } : {}),
      });
    }
    const description = tag('otel.status_description');
    store.setRare('', typeof description === 'string' ? description : '', 0, 0, 0);
  }
}

/** Jaeger KeyValue `{key, type, value}` → attributes, keeping int64 exact and binary as base64. */
function decodeTags(list: readonly Json[]): Attribute[] {
  const out: Attribute[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    out.push({ key: String(item['key'] ?? ''), value: decodeTagValue(item) });
  }
  return out;
}

function decodeTagValue(tag: JsonObject): AttributeValue {
  const value = tag['value'];
  switch (tag['type']) {
    case 'int64':
      return decodeInt(typeof value === 'number' || typeof value === 'string' ? value : null);
    case 'float64':
      return typeof value === 'number' ? value : Number(value);
    case 'bool':
      return value === true || value === 'true';
    case 'binary':
      return { bytes: typeof value === 'string' ? value : '' };
    default:
      return typeof value === 'string'
        ? value
        : value === undefined || value === null
          ? null
          : typeof value === 'number' || typeof value === 'boolean'
            ? value
            : JSON.stringify(value);
  }
}
