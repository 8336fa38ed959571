/**
 * Recognises what one parsed JSON value is and hands it to the right reader (trace-formats.md §0, §1.4, §5, §6):
 * OTLP `{"resourceSpans":…}` (also snake_case), the `{"result":…}` (Jaeger api_v3) and `{"batches":…}` (Tempo)
 * wrappers, Jaeger `{"data":[trace…]}` envelopes and bare traces, Zipkin v2 span arrays and arrays of arrays,
 * and a JSON array of any of these. Throws an Error whose message says what the value is not.
 */
import { isJsonList, LazyJsonArray } from '../jsonLarge';
import { readJaegerTrace } from './jaegerJson';
import { readResourceSpans, type RecordContext } from './otlpJson';
import { readZipkinSpans } from './zipkinJson';
import { MAX_TRACE_NESTING_DEPTH, NestingTooDeepError } from '../nesting';
import { field, isObject, type Json } from '../values';

/** `depth`: how many wrapper arrays and `result` objects hold this value. */
export function readJsonValue(value: Json, context: RecordContext, depth = 0): void {
  if (depth > MAX_TRACE_NESTING_DEPTH) throw new NestingTooDeepError('trace data');
  if (isJsonList(value)) {
    if (value.length === 0) return;
    const first = value instanceof LazyJsonArray ? value.at(0) : value[0];
    if (isObject(first) && 'traceId' in first && 'id' in first) return readZipkinSpans(value, context);
    // An array of Zipkin traces (arrays) or of any other trace values.
    for (const item of value) readJsonValue(item, context, depth + 1);
    return;
  }
  if (!isObject(value)) throw new Error(`expected a JSON object or array of trace data, found ${value === null ? 'null' : typeof value}`);
  const resourceSpans = field(value, 'resourceSpans', 'resource_spans');
  if (resourceSpans !== undefined) return readResourceSpans(resourceSpans, context);
  if ('result' in value) return readJsonValue(value['result'], context, depth + 1);
  if ('batches' in value) return readResourceSpans(value['batches'], context);
  const data = value['data'];
  if (isJsonList(data)) {
    for (const trace of data) readJaegerTrace(trace, context);
    return;
  }
  if (isJsonList(value['spans']) && ('traceID' in value || 'processes' in value)) return readJaegerTrace(value, context);
  if ('traceId' in value && 'id' in value) return readZipkinSpans([value], context);
  const keys = Object.keys(value).slice(0, 5).join(', ');
  throw new Error(
    `not trace data: expected resourceSpans (OTLP), data/spans (Jaeger) or a Zipkin span array, found keys ${keys || '(none)'}`,
  );
}
