/**
 * The trace model: reads trace files and answers what a trace viewer and `kube-tracing summarize` ask.
 * Pure and platform-neutral (Uint8Array in, TextDecoder, no Node APIs): it runs in the webview, the CLI
 * and the tests alike. Formats and their quirks: docs/trace-formats.md §0.
 *
 * Reading
 * ```ts
 * const builder = new TraceDatasetBuilder();
 * builder.append('traces.json', chunk);   // any number of times, as bytes arrive (follow mode too)
 * builder.append('traces-2025-05-17T12-27-08.769.json', bytes); // rotated files: more files of one data set
 * builder.end('traces.json');             // the file is complete: flushes a last line without newline
 * const dataset = builder.snapshot();     // cheap: assembles what each trace received (growingAssembly.ts)
 * ```
 * Each file's container is detected from its first bytes: JSON lines, one JSON document or array (with or
 * without BOM), Collector `format: proto` frames (4-byte big-endian length), or one bare protobuf TracesData.
 * Inside JSON: OTLP (camelCase or snake_case, legacy instrumentationLibrarySpans, `{"result":…}` and
 * `{"batches":…}` wrappers), Jaeger (API envelope, download file, bare trace) and Zipkin v2.
 * A record that cannot be read is listed in `dataset.badLines` (file, 1-based line or frame number, reason);
 * every other record loads.
 *
 * The data set (`TraceDataset`)
 * - `counts` {traces, spans, services, errorSpans, badLines}; `services`; `badLines`.
 * - `traces`: one `TraceSummary` per trace (root name, services, span count, duration, errors, start,
 *   orphans, duplicate IDs, clock skew, cross-trace links), in order of first appearance.
 * - Spans are integers 0…spanCount-1, stable across snapshots. Cheap reads: `spanName`, `spanService`,
 *   `spanTrace`, `spanKind`, `isError`, `spanDurationNs`, `spanParent`, `spanMarks`.
 * - `tree(trace)`: depth-first rows with depth, parent row, start/end offsets and subtree sizes, for a
 *   virtualized waterfall; orphans hang under a synthetic root row (span -1).
 * - `spanDetails(span)`: attributes, resource and scope, events, links (with the linked span's index and
 *   whether it crosses traces), status, kind, flags, dropped counts, exact times (decimal strings and
 *   BigInt), source file and line, and problems (orphan, duplicate, skew…). Decoded on demand.
 * - `search(text)`: flags per span, 1 = matches, 2 = ancestor kept visible.
 * - `criticalPath(trace)`: segments in time order, computed in linear time.
 * - `kubernetes(span)`: verb, resource, namespace, name, audit ID… of kube-apiserver and etcd spans;
 *   `requestBreakdown(span)`: authentication, authorization, admission webhooks, storage/etcd,
 *   serialization and other time of a request.
 * - `operations()`: by service and span name: count, errors, p50, p95, max; slowest first.
 *
 * Time: offsets and durations are numbers of nanoseconds (exact below 2^53 ns, i.e. 104 days); absolute
 * times are exact decimal strings or BigInt.
 *
 * A snapshot reads the shared store: after more `append` calls, take a new `snapshot()` and drop the old one.
 */
import { type AssembledTrace } from './assemble';
import { TraceDataset } from './dataset';
import { TraceFileReader } from './fileReader';
import { TraceAssemblies } from './growingAssembly';
import { SpanStore } from './spanStore';
import type { BadLine } from './types';

export class TraceDatasetBuilder {
  private readonly store = new SpanStore();
  private readonly readers = new Map<string, TraceFileReader>();
  private readonly badLines: BadLine[] = [];
  private readonly assembled: AssembledTrace[] = [];
  private readonly assemblies: TraceAssemblies;
  /** Spans already assembled; traces of spans after this index are re-assembled on the next snapshot. */
  private assembledSpans = 0;
  private badLinesSeen = 0;
  private version = 0;
  private latest: TraceDataset | undefined;

  /**
   * `growingFrom`: traces of at least this many spans are assembled incrementally (growingAssembly.ts); tests
   * compare with Infinity (whole assemblies only) and 1 (every trace incrementally).
   */
  constructor(options: { readonly growingFrom?: number } = {}) {
    this.assemblies = new TraceAssemblies(options.growingFrom);
  }

  /** Feeds more bytes of a file (the next bytes after those already given). */
  append(fileName: string, bytes: Uint8Array): void {
    this.reader(fileName).append(bytes);
  }

  /** Marks a file complete: a last line without a final newline is read now, a truncated frame reported. */
  end(fileName: string): void {
    this.reader(fileName).end();
  }

  /** Convenience: one whole file. */
  addFile(fileName: string, bytes: Uint8Array): this {
    this.append(fileName, bytes);
    this.end(fileName);
    return this;
  }

  /** The data set as read so far. Returns the same object when nothing changed since the last call. */
  snapshot(): TraceDataset {
    const store = this.store;
    if (this.latest && this.assembledSpans === store.spanCount && this.badLinesSeen === this.badLines.length) return this.latest;
    // The spans each trace received since the last snapshot: a big trace applies only those (growingAssembly.ts).
    const dirty: number[] = [];
    const newSpans: number[][] = [];
    const slot = new Int32Array(store.traceCount).fill(-1);
    const trace = store.trace;
    for (let span = this.assembledSpans; span < store.spanCount; span++) {
      const t = trace[span]!;
      const k = slot[t]!;
      if (k >= 0) newSpans[k]!.push(span);
      else {
        slot[t] = dirty.length;
        dirty.push(t);
        newSpans.push([span]);
      }
    }
    for (let k = 0; k < dirty.length; k++) {
      const index = dirty[k]!;
      this.assembled[index] = this.assemblies.assemble(store, index, newSpans[k]!, store.traceSpanCount[index]!);
    }
    this.assembledSpans = store.spanCount;
    this.badLinesSeen = this.badLines.length;
    this.latest = new TraceDataset(store, this.assembled.slice(), this.badLines.slice(), ++this.version);
    return this.latest;
  }

  private reader(fileName: string): TraceFileReader {
    let reader = this.readers.get(fileName);
    if (!reader) {
      reader = new TraceFileReader(this.store, fileName, this.store.fileIndex(fileName), this.badLines);
      this.readers.set(fileName, reader);
    }
    return reader;
  }
}

/** Reads whole files into a data set in one call (CLI, tests). */
export function readTraceFiles(files: Iterable<{ name: string; bytes: Uint8Array }>): TraceDataset {
  const builder = new TraceDatasetBuilder();
  for (const file of files) builder.addFile(file.name, file.bytes);
  return builder.snapshot();
}

export { TraceDataset } from './dataset';
export { SEARCH_ANCESTOR, SEARCH_MATCH, type SearchResult } from './search';
export { attributeText } from './values';
export {
  compareTraces,
  MIN_CHANGE_NS,
  MIN_RELATIVE_CHANGE,
  type ComparedPath,
  type ComparedTrace,
  type PathChange,
  type TraceComparison,
} from './compare';
export * from './types';
