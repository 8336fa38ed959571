/**
 * Adapts the trace model (common/src/trace: `TraceDatasetBuilder` and `TraceDataset`) to what
 * the viewer UI reads (`ViewerData`), and maps the host's sources (files, possibly rotated and re-created)
 * to the model's file names.
 *
 * Follow mode and `end()`: the model reads a last line without newline, and a whole pretty-printed document,
 * only at `end(file)`, after which that file takes no more bytes. Static files must be ended when the initial
 * read completes, so bytes appended later (follow mode) go to a continuation of the file under its own name,
 * `<file> (appended after byte N)`, whose unreadable lines are numbered from N. The Collector writes whole
 * lines ending in a newline, so a continuation starts at a line boundary.
 */
import { TraceDatasetBuilder, type TraceDataset } from '../../common/src/trace';
import type {
  DatasetCounts,
  KubernetesRequestInfo,
  RequestBreakdown,
  SpanDetails,
  TraceSummary,
  TraceTree,
  ViewerData,
  CriticalPathSegment,
  OperationStats,
  BadLine,
  SearchMatches,
} from './data';
import { traceToOtlpJson } from '../../common/src/trace/exportOtlp';

interface SourceState {
  /** The model's name for the bytes that arrive now (changes to a continuation after end). */
  name: string;
  readonly label: string;
  received: number;
  ended: boolean;
  /** The host's initial read of the file is parsed (stays true while follow mode appends). */
  initialReadDone: boolean;
}

export class LoadingDataset {
  private readonly builder = new TraceDatasetBuilder();
  private readonly sources = new Map<number, SourceState>();
  private readonly usedNames = new Set<string>();
  private snapshot: TraceDataset | undefined;
  private current: DatasetView | undefined;

  startSource(id: number, label: string): void {
    this.sources.set(id, { name: this.uniqueName(label), label, received: 0, ended: false, initialReadDone: false });
  }

  /** Feeds bytes of a source; returns the bytes received for it so far. */
  append(id: number, bytes: Uint8Array): number {
    const source = this.sources.get(id);
    if (!source) throw new Error(`bytes for unknown source ${id}`);
    if (source.ended) {
      source.name = this.uniqueName(`${source.label} (appended after byte ${source.received})`);
      source.ended = false;
    }
    this.builder.append(source.name, bytes);
    source.received += bytes.length;
    return source.received;
  }

  /** The initial read of a source is complete (or the file was replaced): read what is left. */
  endSource(id: number): void {
    const source = this.sources.get(id);
    if (!source || source.ended) return;
    this.builder.end(source.name);
    source.ended = true;
    source.initialReadDone = true;
  }

  /** Every source started so far has had its initial read parsed (follow-mode continuations do not count). */
  initialReadsDone(): boolean {
    if (this.sources.size === 0) return false;
    for (const source of this.sources.values()) if (!source.initialReadDone) return false;
    return true;
  }

  /** What the model holds, when it changed since the last call (for the host's 'loaded' report). */
  takeLoadReport(maxBadLines: number): { counts: DatasetCounts; firstBadLines: BadLine[] } | undefined {
    const latest = this.builder.snapshot();
    if (latest.version === this.reportedVersion) return undefined;
    this.reportedVersion = latest.version;
    return { counts: latest.counts, firstBadLines: latest.badLines.slice(0, maxBadLines) };
  }
  private reportedVersion = -1;

  /** True when the model has data not yet shown; takes the new snapshot. */
  changed(): boolean {
    const next = this.builder.snapshot();
    if (next === this.snapshot) return false;
    this.snapshot = next;
    this.current = new DatasetView(next);
    return true;
  }

  view(): ViewerData {
    if (!this.current) this.changed();
    return this.current!;
  }

  private uniqueName(label: string): string {
    let name = label;
    for (let n = 2; this.usedNames.has(name); n++) name = `${label} (#${n})`;
    this.usedNames.add(name);
    return name;
  }
}

/** One snapshot as the UI sees it. Derived lists are computed once per snapshot. */
class DatasetView implements ViewerData {
  private tracesCache: TraceSummary[] | undefined;
  private countsCache: DatasetCounts | undefined;

  constructor(private readonly dataset: TraceDataset) {}

  get version(): number {
    return this.dataset.version;
  }
  counts(): DatasetCounts {
    return (this.countsCache ??= this.dataset.counts);
  }
  traces(): readonly TraceSummary[] {
    return (this.tracesCache ??= this.dataset.traces);
  }
  services(): readonly string[] {
    return this.dataset.services; // memoized per snapshot by the data set
  }
  tree(traceIndex: number): TraceTree {
    return this.dataset.tree(traceIndex);
  }
  treeInSlices(traceIndex: number): Generator<void, TraceTree> {
    return this.dataset.treeInSlices(traceIndex);
  }
  spanName(span: number): string {
    return this.dataset.spanName(span);
  }
  spanService(span: number): string {
    return this.dataset.spanService(span);
  }
  spanIsError(span: number): boolean {
    return this.dataset.isError(span);
  }
  /**
   * The last span decoded. A click asks for the same span's details several times (the details pane, the saved
   * state's span ID, the waterfall's event ticks), and a decode resolves links by scanning the linked trace.
   * One entry suffices (the selected span), and it stays valid: this view is one snapshot, never updated.
   */
  private lastDetails: { readonly span: number; readonly details: SpanDetails } | undefined;
  details(span: number): SpanDetails {
    if (this.lastDetails?.span === span) return this.lastDetails.details;
    const details = this.dataset.spanDetails(span);
    this.lastDetails = { span, details };
    return details;
  }
  criticalPath(traceIndex: number): readonly CriticalPathSegment[] {
    return this.dataset.criticalPath(traceIndex);
  }
  criticalPathInSlices(traceIndex: number): Generator<void, readonly CriticalPathSegment[]> {
    return this.dataset.criticalPathInSlices(traceIndex);
  }
  kubernetesInfo(span: number): KubernetesRequestInfo | undefined {
    return this.dataset.kubernetes(span);
  }
  requestBreakdown(span: number): RequestBreakdown | undefined {
    return this.dataset.requestBreakdown(span);
  }
  operations(): readonly OperationStats[] {
    return this.dataset.operations();
  }
  badLines(): readonly BadLine[] {
    return this.dataset.badLines;
  }
  exportTrace(traceIndex: number, searchFlags: Uint8Array | undefined): string {
    return traceToOtlpJson(this.dataset, traceIndex, searchFlags ? (span) => searchFlags[span] !== 0 : undefined);
  }
  search(text: string): SearchMatches {
    const result = this.dataset.search(text);
    return { spanFlags: result.flags, matchesPerTrace: result.matchesPerTrace, matchCount: result.matchCount };
  }
  findSpan(traceId: string, spanId: string): number {
    const trace = this.dataset.findTrace(traceId);
    if (trace < 0) return -1;
    const spans = this.dataset.tree(trace).spans;
    for (let r = 0; r < spans.length; r++) {
      const span = spans[r]!;
      if (span >= 0 && this.dataset.spanId(span) === spanId) return span;
    }
    return -1;
  }
  traceOfSpan(span: number): number {
    return this.dataset.spanTrace(span);
  }
}
