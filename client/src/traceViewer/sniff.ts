/**
 * A cheap look at the start of a JSON/JSONL file: does it hold traces? Used for the "Open in Trace Viewer"
 * CodeLens, so it reads only a prefix and never parses. Keys come from docs/trace-formats.md §1, §5, §6:
 * OTLP/JSON (camelCase and snake_case, legacy instrumentationLibrarySpans, Tempo's `batches` of
 * ResourceSpans, Jaeger api_v3's `result` wrapper), Jaeger JSON (`operationName` + `spanID`) and Zipkin v2
 * (`traceId` + `id` + `localEndpoint` or `timestamp`).
 */

/** How much of the file the sniff looks at. */
export const SNIFF_PREFIX_CHARS = 64 * 1024;

export type TraceFormatGuess = 'otlp' | 'jaeger' | 'zipkin';

export function sniffTraceFormat(prefix: string): TraceFormatGuess | undefined {
  const text = prefix.length > SNIFF_PREFIX_CHARS ? prefix.slice(0, SNIFF_PREFIX_CHARS) : prefix;
  const start = text.replace(/^\uFEFF?\s*/, '');
  if (!start.startsWith('{') && !start.startsWith('[')) return undefined;
  if (/"(resourceSpans|resource_spans|scopeSpans|scope_spans|instrumentationLibrarySpans|instrumentation_library_spans)"\s*:/.test(text)) {
    return 'otlp';
  }
  if (/"batches"\s*:/.test(text) && /"(spanId|span_id)"\s*:/.test(text)) return 'otlp';
  if (/"operationName"\s*:/.test(text) && /"spanID"\s*:/.test(text)) return 'jaeger';
  if (/"traceId"\s*:/.test(text) && /"id"\s*:/.test(text) && /"(localEndpoint|remoteEndpoint|timestamp|duration)"\s*:/.test(text)) {
    return 'zipkin';
  }
  return undefined;
}
