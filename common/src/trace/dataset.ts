/**
 * A snapshot of everything read so far: counts, bad lines, the trace list, and queries over spans. Span and
 * trace indices are stable across snapshots (the store only grows), so a viewer keeps its selection when
 * follow mode brings a newer snapshot.
 */
import { assembleTrace, type AssembledTrace } from './assemble';
import { criticalPath, criticalPathInSlices } from './criticalPath';
import { kubernetesInfo, requestBreakdown } from './kubernetes';
import { operationsTable } from './operations';
import { searchSpans, type SearchResult } from './search';
import { Mark, type SpanStore } from './spanStore';
import { buildTree, buildTreeInSlices, type BuiltTree } from './tree';
import {
  SpanKind,
  StatusCode,
  type BadLine,
  type CriticalPathSegment,
  type DatasetCounts,
  type KubernetesRequestInfo,
  type OperationStats,
  type RequestBreakdown,
  type SpanDetails,
  type SpanEvent,
  type SpanLink,
  type TraceSummary,
  type TraceTree,
} from './types';
import { nanosToBigInt, nanosToString } from './values';

export class TraceDataset {
  /** Number of spans and traces in this snapshot (spans 0…spanCount-1 are valid indices). */
  readonly spanCount: number;
  readonly traceCount: number;
  private readonly trees = new Map<number, BuiltTree>();
  private operationsCache: OperationStats[] | undefined;
  private servicesCache: readonly string[] | undefined;
  private errorSpansCache: number | undefined;

  /** @internal Made by TraceDatasetBuilder.snapshot(). */
  constructor(
    private readonly store: SpanStore,
    private readonly assembled: readonly AssembledTrace[],
    readonly badLines: readonly BadLine[],
    /** Increases with every snapshot that has new data. */
    readonly version: number,
  ) {
    this.spanCount = store.spanCount;
    this.traceCount = assembled.length;
  }

  get counts(): DatasetCounts {
    return {
      traces: this.traceCount,
      spans: this.spanCount,
      services: this.services.length,
      errorSpans: this.errorSpans,
      badLines: this.badLines.length,
    };
  }

  /**
   * Spans with status Error, from the trace summaries: every span 0…spanCount-1 belongs to exactly one
   * assembled trace (snapshot re-assembles each trace that received spans), and assembly counts every span
   * of it, duplicates included; synthetic roots are not spans. Worked out once per snapshot, on first use.
   */
  get errorSpans(): number {
    if (this.errorSpansCache === undefined) {
      let errors = 0;
      for (const a of this.assembled) errors += a.summary.errorCount;
      this.errorSpansCache = errors;
    }
    return this.errorSpansCache;
  }

  /**
   * Service names of all spans, sorted: the union of the trace summaries' services (the same spans), so no
   * span scan. Worked out once per snapshot, on first use; the array is shared, hence readonly.
   */
  get services(): readonly string[] {
    if (!this.servicesCache) {
      const names = new Set<string>();
      for (const a of this.assembled) for (const name of a.summary.services) names.add(name);
      this.servicesCache = [...names].sort();
    }
    return this.servicesCache;
  }

  /** The trace list, in order of first appearance in the files. */
  get traces(): TraceSummary[] {
    return this.assembled.map((a) => a.summary);
  }

  trace(index: number): TraceSummary {
    return this.assembled[index]!.summary;
  }

  /** Index of a trace by its 32-hex ID (any case), or -1. */
  findTrace(traceId: string): number {
    const index = this.store.findTrace(traceId.toLowerCase().padStart(32, '0'));
    return index < this.traceCount ? index : -1;
  }

  // Cheap per-span reads for list and waterfall rendering (no allocation).
  spanName(span: number): string {
    return this.store.name(span);
  }
  spanService(span: number): string {
    return this.store.serviceName(span);
  }
  spanTrace(span: number): number {
    return this.store.trace[span]!;
  }
  spanKind(span: number): SpanKind {
    return this.store.kind[span]!;
  }
  spanStatus(span: number): StatusCode {
    return this.store.status[span]!;
  }
  isError(span: number): boolean {
    return this.store.status[span] === StatusCode.Error;
  }
  spanDurationNs(span: number): number {
    return this.store.durationNs(span);
  }
  spanParent(span: number): number {
    return this.store.parent[span]!;
  }
  spanId(span: number): string {
    return this.store.spanId(span);
  }
  /** Marks: orphan (parent missing), duplicate span ID, clock skew, Zipkin shared, no timestamp/duration. */
  spanMarks(span: number): {
    orphan: boolean;
    duplicate: boolean;
    skewed: boolean;
    shared: boolean;
    noTimestamp: boolean;
    noDuration: boolean;
  } {
    const m = this.store.marks[span]!;
    return {
      orphan: (m & Mark.Orphan) !== 0,
      duplicate: (m & Mark.Duplicate) !== 0,
      skewed: (m & Mark.Skewed) !== 0,
      shared: (m & Mark.Shared) !== 0,
      noTimestamp: (m & Mark.NoTimestamp) !== 0,
      noDuration: (m & Mark.NoDuration) !== 0,
    };
  }

  /** The span tree of a trace in depth-first order (built on first use, then cached). */
  tree(traceIndex: number): TraceTree {
    return this.builtTree(traceIndex);
  }

  /** The same tree, built a slice per `next()` (see tree.ts) and then kept as `tree` keeps it. */
  *treeInSlices(traceIndex: number): Generator<void, TraceTree> {
    const cached = this.trees.get(traceIndex);
    if (cached) return cached;
    this.checkTrace(traceIndex);
    const tree = yield* buildTreeInSlices(this.store, traceIndex, this.assembled[traceIndex]!);
    this.keepTree(traceIndex, tree);
    return tree;
  }

  /** Row of a span in its trace's tree. */
  rowOf(span: number): number {
    return this.builtTree(this.spanTrace(span)).rowOfSpan.get(span) ?? -1;
  }

  /** Everything about one span, decoded now. */
  spanDetails(span: number): SpanDetails {
    if (!(span >= 0 && span < this.spanCount)) throw new RangeError(`span index ${span} is not in this data set (0…${this.spanCount - 1})`);
    const store = this.store;
    const trace = store.trace[span]!;
    const { baseSeconds, baseNanos } = this.assembled[trace]!;
    const noTimestamp = (store.marks[span]! & Mark.NoTimestamp) !== 0;
    const [attrFrom, attrTo] = store.attributeRange(span);
    const [eventFrom, eventTo] = store.eventRange(span);
    const startSeconds = store.startSeconds[span]!;
    const startNanos = store.startNanos[span]!;
    const events: SpanEvent[] = [];
    for (let e = eventFrom; e < eventTo; e++) {
      const seconds = store.eventSeconds[e]!;
      const nanos = store.eventNanos[e]!;
      events.push({
        name: store.strings.get(store.eventName[e]!),
        timeNs: nanosToString(seconds, nanos),
        offsetNs: (seconds - startSeconds) * 1e9 + (nanos - startNanos),
        attributes: store.attributes(store.eventAttrStart[e]!, store.eventAttrEnd[e]!),
        droppedAttributesCount: store.eventDropped[e]!,
      });
    }
    const traceId = store.traceIds[trace]!;
    const links: SpanLink[] = (store.links.get(span) ?? []).map((link) => {
      const linkedTrace = link.traceId ? store.findTrace(link.traceId) : -1;
      let linkedSpanIndex = -1;
      if (linkedTrace >= 0 && linkedTrace < this.traceCount && link.spanId) {
        for (const candidate of store.spansOfTrace(linkedTrace)) {
          if (candidate < this.spanCount && store.spanId(candidate) === link.spanId) {
            linkedSpanIndex = candidate;
            break;
          }
        }
      }
      return { ...link, linkedSpanIndex, crossTrace: link.traceId !== '' && link.traceId !== traceId };
    });
    const resource = store.resources[store.resource[span]!]!;
    const scope = store.scopes[store.scope[span]!]!;
    const dropped = store.dropped.get(span) ?? [0, 0, 0];
    const startNsBig = nanosToBigInt(startSeconds, startNanos);
    const endNsBig = nanosToBigInt(store.endSeconds[span]!, store.endNanos[span]!);
    return {
      index: span,
      traceId,
      spanId: store.spanId(span),
      parentSpanId: store.parentSpanId(span),
      traceState: store.traceStates.get(span) ?? '',
      name: store.name(span),
      service: store.serviceName(span),
      kind: store.kind[span]!,
      flags: store.flags[span]!,
      startNs: noTimestamp ? '' : nanosToString(startSeconds, startNanos),
      endNs: noTimestamp ? '' : nanosToString(store.endSeconds[span]!, store.endNanos[span]!),
      startNsBig,
      endNsBig,
      durationNs: store.durationNs(span),
      startOffsetNs: noTimestamp ? this.tree(trace).startOffsets[this.rowOf(span)]! : store.startOffsetFrom(span, baseSeconds, baseNanos),
      status: { code: store.status[span]!, message: store.statusMessages.get(span) ?? '' },
      attributes: store.attributes(attrFrom, attrTo),
      resource: { attributes: resource.attributes, droppedAttributesCount: resource.droppedAttributesCount, schemaUrl: resource.schemaUrl },
      scope: { name: scope.name, version: scope.version, attributes: scope.attributes, schemaUrl: scope.schemaUrl },
      events,
      links,
      droppedAttributesCount: dropped[0],
      droppedEventsCount: dropped[1],
      droppedLinksCount: dropped[2],
      source: { file: store.files[store.file[span]!]!, line: store.line[span]! },
      problems: this.problemsOf(span),
    };
  }

  private problemsOf(span: number): string[] {
    const problems = [...(this.store.problems.get(span) ?? [])];
    const m = this.store.marks[span]!;
    if (m & Mark.Cycle) problems.push('its parent chain loops back to itself; shown under the synthetic root');
    if (m & Mark.Orphan)
      problems.push(`parent span ${this.store.parentSpanId(span)} is not in the data set; shown under the synthetic root`);
    if (m & Mark.Duplicate) problems.push(`another span of this trace has the same span ID ${this.store.spanId(span)}`);
    if (m & Mark.Skewed) problems.push('starts before its parent or ends after it (clock skew between hosts?)');
    if (m & Mark.NoTimestamp) problems.push("has no timestamp; drawn at its parent's start");
    if (m & Mark.NoDuration) problems.push('has no duration or end time');
    return problems;
  }

  /** Text search that filters; see search.ts. */
  search(query: string): SearchResult {
    return searchSpans(this.store, this.spanCount, this.traceCount, query);
  }

  /** Critical path of a trace, segments in time order; spanIndex -1 is the synthetic root. */
  criticalPath(traceIndex: number): CriticalPathSegment[] {
    return criticalPath(this.builtTree(traceIndex));
  }

  /** The same, computed a slice per `next()` (see criticalPath.ts); the tree is built at the first call. */
  *criticalPathInSlices(traceIndex: number): Generator<void, CriticalPathSegment[]> {
    return yield* criticalPathInSlices(this.builtTree(traceIndex));
  }

  /** Verb, resource, namespace, audit ID… of a kube-apiserver or etcd span; undefined for other spans. */
  kubernetes(span: number): KubernetesRequestInfo | undefined {
    return kubernetesInfo(this.store, span);
  }

  /** Where a request span's time went (authentication, authorization, admission webhooks, storage/etcd, serialization, other). */
  requestBreakdown(span: number): RequestBreakdown | undefined {
    return requestBreakdown(this.store, this.builtTree(this.spanTrace(span)), span);
  }

  /** Operations by service and span name, slowest p95 first. */
  operations(): OperationStats[] {
    return (this.operationsCache ??= operationsTable(this.store, this.spanCount));
  }

  /** Bytes held by the typed columns (for benchmarks; JS strings and decoded values are extra). */
  get typedBytes(): number {
    return this.store.typedBytes();
  }

  private builtTree(traceIndex: number): BuiltTree {
    let tree = this.trees.get(traceIndex);
    if (!tree) {
      this.checkTrace(traceIndex);
      tree = buildTree(this.store, traceIndex, this.assembled[traceIndex]!);
      this.keepTree(traceIndex, tree);
    }
    return tree;
  }

  private checkTrace(traceIndex: number): void {
    if (!(traceIndex >= 0 && traceIndex < this.traceCount)) throw new RangeError(`trace index ${traceIndex} is not in this data set`);
  }

  private keepTree(traceIndex: number, tree: BuiltTree): void {
    if (this.trees.size >= 16) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(traceIndex, tree);
  }
}

export { assembleTrace };
