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

/**
 * Why a file cannot be shown as traces (for "Open Trace in Side Panel"), judged from the start of its bytes;
 * undefined when it can. The viewer reads JSON and JSON Lines (OTLP, Jaeger, Zipkin: sniffed above) and OTLP
 * protobuf (binary: the Collector's length-prefixed frames, or one TracesData starting with field 1, byte 0x0a),
 * so text that is not JSON, such as a YAML manifest (it used to open as 131 unreadable lines), is refused.
 */
export function notATraceFile(fileName: string, prefix: Uint8Array): string | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  if (prefix.length === 0) return `${base} is empty (or unreadable): there are no traces to show.`;
  // The zstd magic 28 B5 2F FD: the file exporter's whole-file stream (exporter.file.nativeCompression).
  const zstd = prefix[0] === 0x28 && prefix[1] === 0xb5 && prefix[2] === 0x2f && prefix[3] === 0xfd;
  const looksBinary = zstd || prefix[0] === 0x0a || prefix.subarray(0, 1024).includes(0);
  if (looksBinary) return undefined; // OTLP protobuf or zstd: the viewer's reader says what it finds
  const text = new TextDecoder().decode(prefix);
  if (!/^\uFEFF?\s*[[{]/.test(text)) {
    return `${base} is not a trace file: the viewer reads OTLP, Jaeger or Zipkin traces as JSON or JSON Lines, or OTLP protobuf.`;
  }
  if (sniffTraceFormat(text) === undefined) {
    return `${base} is JSON but does not look like traces: its start has no OTLP (resourceSpans), Jaeger (operationName and spanID) or Zipkin (traceId, id and timestamp) keys.`;
  }
  return undefined;
}
