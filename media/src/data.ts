/**
 * What the viewer UI reads from the trace model. The UI depends on this narrow interface, not on the model's
 * internals; `model.ts` adapts common/src/trace's data set to it. Span and trace numbers are indexes into the
 * data set; every string here comes from the trace file and is shown as text only.
 */
import type {
  BadLine,
  CriticalPathSegment,
  DatasetCounts,
  KubernetesRequestInfo,
  OperationStats,
  RequestBreakdown,
  SpanDetails,
  TraceSummary,
  TraceTree,
} from '../../common/src/trace/types';

export type {
  BadLine,
  CriticalPathSegment,
  DatasetCounts,
  KubernetesRequestInfo,
  OperationStats,
  RequestBreakdown,
  SpanDetails,
  TraceSummary,
  TraceTree,
};

export interface SearchMatches {
  /** Per span: 1 = matches (2 = only an ancestor of a match; the waterfall works that out per trace itself). */
  readonly spanFlags: Uint8Array;
  /** Per trace: number of matching spans. */
  readonly matchesPerTrace: Uint32Array;
  readonly matchCount: number;
}

export interface ViewerData {
  /** Grows as bytes arrive; callers re-read after each `changed` notification. */
  readonly version: number;
  /** The trace as one OTLP/JSON line; with search flags, only the spans shown (matches and their ancestors). */
  exportTrace(traceIndex: number, searchFlags: Uint8Array | undefined): string;
  counts(): DatasetCounts;
  /** One entry per trace, index = trace index. */
  traces(): readonly TraceSummary[];
  /** Service names of all spans, sorted. */
  services(): readonly string[];
  tree(traceIndex: number): TraceTree;
  /** The same, a slice of the work per `next()`, then kept for `tree` (a big trace about to be drawn). */
  treeInSlices(traceIndex: number): Generator<void, TraceTree>;
  /** Cheap per-row accessors for the waterfall (no details decoded). */
  spanName(spanIndex: number): string;
  spanService(spanIndex: number): string;
  spanIsError(spanIndex: number): boolean;
  details(spanIndex: number): SpanDetails;
  criticalPath(traceIndex: number): readonly CriticalPathSegment[];
  /** The same, a slice of the work per `next()`, for a big trace (a few milliseconds per task). */
  criticalPathInSlices(traceIndex: number): Generator<void, readonly CriticalPathSegment[]>;
  kubernetesInfo(spanIndex: number): KubernetesRequestInfo | undefined;
  requestBreakdown(spanIndex: number): RequestBreakdown | undefined;
  operations(): readonly OperationStats[];
  badLines(): readonly BadLine[];
  /** Spans whose name, service, span ID or attributes contain `text` (case-insensitive). */
  search(text: string): SearchMatches;
  /** Span index by trace and span ID, or -1 (for same-file links). */
  findSpan(traceId: string, spanId: string): number;
  /** The trace a span belongs to. */
  traceOfSpan(spanIndex: number): number;
}
