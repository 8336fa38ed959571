/**
 * Zipkin v2 JSON (trace-formats.md §6): an array of spans. Times are µs and may be absent; errors are the
 * `error` tag; `shared: true` marks the server half of an ID the client half also uses.
 * Mirrors openzipkin/zipkin-api zipkin2-api.yaml (069ec8d1).
 */
import type { RecordContext } from './otlpJson';
import { Mark, UNKNOWN_SERVICE } from '../spanStore';
import { SpanKind, StatusCode } from '../types';
import { isObject, normalizeId, splitMicros, type Json, type SplitTime } from '../values';

const KINDS: Record<string, SpanKind> = {
  SERVER: SpanKind.Server,
  CLIENT: SpanKind.Client,
  PRODUCER: SpanKind.Producer,
  CONSUMER: SpanKind.Consumer,
};

export function readZipkinSpans(spans: Iterable<Json>, context: RecordContext): void {
  const { store } = context;
  const resourceByService = new Map<string, number>();
  const scope = store.addScope({ name: '', version: '', attributes: [], schemaUrl: '' });
  const start: SplitTime = { seconds: 0, nanos: 0 };
  const end: SplitTime = { seconds: 0, nanos: 0 };
  for (const span of spans) {
    if (!isObject(span)) throw new Error('a Zipkin span array holds something that is not a span object');
    const local = isObject(span['localEndpoint']) ? span['localEndpoint'] : {};
    // Also the cache key, so missing and empty share one resource; the store derives the service from the attribute.
    const serviceName = typeof local['serviceName'] === 'string' && local['serviceName'] ? local['serviceName'] : UNKNOWN_SERVICE;
    let resource = resourceByService.get(serviceName);
    if (resource === undefined) {
      const attributes = [{ key: 'service.name', value: serviceName }];
      for (const key of ['ipv4', 'ipv6', 'port'])
        if (local[key] !== undefined) attributes.push({ key: `endpoint.${key}`, value: String(local[key]) });
      resource = store.addResource({ attributes, droppedAttributesCount: 0, schemaUrl: '' });
      resourceByService.set(serviceName, resource);
    }
    const tags = isObject(span['tags']) ? span['tags'] : {};
    const timestamp = span['timestamp'];
    const duration = span['duration'];
    let marks = span['shared'] === true ? Mark.Shared : 0;
    if (typeof timestamp !== 'number') marks |= Mark.NoTimestamp;
    if (typeof duration !== 'number') marks |= Mark.NoDuration;
    const startMicros = typeof timestamp === 'number' ? timestamp : 0;
    splitMicros(startMicros, start);
    splitMicros(startMicros + (typeof duration === 'number' ? duration : 0), end);
    const traceId = normalizeId(span['traceId'], 16);
    const spanId = normalizeId(span['id'], 8);
    const index = store.addSpan({
      traceId: traceId ?? '',
      spanId: spanId ?? '',
      parentSpanId: normalizeId(span['parentId'], 8) ?? '',
      name: typeof span['name'] === 'string' ? span['name'] : '',
      kind: typeof span['kind'] === 'string' ? (KINDS[span['kind']] ?? SpanKind.Unspecified) : SpanKind.Unspecified,
      status: 'error' in tags ? StatusCode.Error : StatusCode.Unset,
      flags: span['debug'] === true ? 1 : 0,
      startSeconds: start.seconds,
      startNanos: start.nanos,
      endSeconds: end.seconds,
      endNanos: end.nanos,
      resource,
      scope,
      file: context.file,
      line: context.line,
      marks,
    });
    if (traceId === undefined) store.addProblem(index, `traceId ${JSON.stringify(span['traceId'])} is not a hex ID`);
    if (spanId === undefined) store.addProblem(index, `id ${JSON.stringify(span['id'])} is not a hex ID`);
    for (const [key, value] of Object.entries(tags)) store.addAttribute(key, typeof value === 'string' ? value : JSON.stringify(value));
    const remote = span['remoteEndpoint'];
    if (isObject(remote)) for (const [key, value] of Object.entries(remote)) store.addAttribute(`remoteEndpoint.${key}`, String(value));
    store.endSpanAttributes();
    for (const annotation of Array.isArray(span['annotations']) ? span['annotations'] : []) {
      if (!isObject(annotation)) continue;
      splitMicros(typeof annotation['timestamp'] === 'number' ? annotation['timestamp'] : startMicros, start);
      store.beginEvent(typeof annotation['value'] === 'string' ? annotation['value'] : '', start.seconds, start.nanos, 0);
      store.endEvent();
    }
    const errorTag = tags['error'];
    store.setRare('', typeof errorTag === 'string' ? errorTag : '', 0, 0, 0);
  }
}
