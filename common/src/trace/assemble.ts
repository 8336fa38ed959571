/**
 * Trace assembly (trace-formats.md §0 "Trace assembly"): resolves each span's parent inside its trace,
 * keeps duplicates and Zipkin shared halves, marks orphans and clock skew (never clamps them), and builds
 * the trace list row. Runs per trace, so follow mode only re-assembles the traces that received spans.
 */
import { Mark, type SpanStore } from './spanStore';
import { StatusCode, type TraceSummary } from './types';
import { nanosToString } from './values';

const ASSEMBLY_MARKS = Mark.Orphan | Mark.Duplicate | Mark.Skewed;

export interface AssembledTrace {
  readonly summary: TraceSummary;
  /** Earliest start of the trace (the origin of every offset), split as the store keeps times. */
  readonly baseSeconds: number;
  readonly baseNanos: number;
}

export function assembleTrace(store: SpanStore, trace: number): AssembledTrace {
  const spans = store.spansOfTrace(trace);
  const marks = store.marks;
  const byId = new IdIndex();
  for (const span of spans) {
    marks[span] = marks[span]! & ~ASSEMBLY_MARKS;
    const hi = store.spanIdHi[span]!;
    const lo = store.spanIdLo[span]!;
    if (hi === 0 && lo === 0) continue;
    const existing = byId.get(store, hi, lo);
    if (existing < 0) byId.set(store, hi, lo, span);
    else {
      const isShared = (marks[span]! & Mark.Shared) !== 0;
      const wasShared = (marks[existing]! & Mark.Shared) !== 0;
      if (isShared && !wasShared) byId.set(store, hi, lo, span); // Zipkin: children belong to the server (shared) half
      else if (isShared === wasShared) {
        marks[span] = marks[span]! | Mark.Duplicate;
        marks[existing] = marks[existing]! | Mark.Duplicate;
      }
    }
  }

  const parent = store.parent;
  for (const span of spans) {
    const hasParentId = store.hasParentId(span);
    let resolved = hasParentId ? byId.get(store, store.parentIdHi[span]!, store.parentIdLo[span]!) : -1;
    // Zipkin: the shared (server) half hangs under the client half of the same ID.
    if (marks[span]! & Mark.Shared && (store.spanIdHi[span] !== 0 || store.spanIdLo[span] !== 0)) {
      const client = findClientHalf(store, spans, span);
      if (client >= 0) resolved = client;
    }
    if (resolved === span) resolved = -1;
    parent[span] = resolved;
    if (hasParentId && resolved < 0) marks[span] = marks[span]! | Mark.Orphan;
  }
  breakCycles(store, spans);

  // Base time: earliest start among spans that have one.
  let baseSeconds = Infinity;
  let baseNanos = 0;
  for (const span of spans) {
    if (marks[span]! & Mark.NoTimestamp) continue;
    const s = store.startSeconds[span]!;
    const n = store.startNanos[span]!;
    if (s < baseSeconds || (s === baseSeconds && n < baseNanos)) {
      baseSeconds = s;
      baseNanos = n;
    }
  }
  if (baseSeconds === Infinity) baseSeconds = 0;

  let endMax = 0;
  let errors = 0;
  let skewed = 0;
  let duplicates = 0;
  let orphans = 0;
  let crossTraceLinks = 0;
  const services = new Set<number>();
  let root = -1;
  let earliestOrphan = -1;
  const traceId = store.traceIds[trace]!;
  for (const span of spans) {
    const noTime = marks[span]! & Mark.NoTimestamp;
    const start = noTime ? 0 : store.startOffsetFrom(span, baseSeconds, baseNanos);
    const end = noTime ? store.durationNs(span) : store.endOffsetFrom(span, baseSeconds, baseNanos);
    if (end > endMax) endMax = end;
    if (store.status[span] === StatusCode.Error) errors++;
    services.add(store.service[span]!);
    if (marks[span]! & Mark.Duplicate) duplicates++;
    if (marks[span]! & Mark.Orphan) {
      orphans++;
      if (earliestOrphan < 0 || start < store.startOffsetFrom(earliestOrphan, baseSeconds, baseNanos)) earliestOrphan = span;
    }
    const p = parent[span]!;
    if (p < 0 && !(marks[span]! & Mark.Orphan) && (root < 0 || start < store.startOffsetFrom(root, baseSeconds, baseNanos))) root = span;
    if (p >= 0 && !noTime && !(marks[p]! & Mark.NoTimestamp)) {
      const parentStart = store.startOffsetFrom(p, baseSeconds, baseNanos);
      const parentEnd = store.endOffsetFrom(p, baseSeconds, baseNanos);
      if (start < parentStart || end > parentEnd) {
        marks[span] = marks[span]! | Mark.Skewed;
        skewed++;
      }
    }
    const links = store.links.get(span);
    if (links) for (const link of links) if (link.traceId && link.traceId !== traceId) crossTraceLinks++;
  }
  const shown = root >= 0 ? root : earliestOrphan;
  const summary: TraceSummary = {
    index: trace,
    traceId,
    rootName: shown >= 0 ? store.name(shown) : '',
    rootService: shown >= 0 ? store.serviceName(shown) : '',
    services: [...services].map((s) => store.strings.get(s)).sort(),
    spanCount: spans.length,
    errorCount: errors,
    startNs: nanosToString(baseSeconds, baseNanos),
    durationNs: endMax,
    hasOrphans: orphans > 0,
    duplicateSpanIds: duplicates,
    skewedSpans: skewed,
    crossTraceLinks,
  };
  return { summary, baseSeconds, baseNanos };
}

function findClientHalf(store: SpanStore, spans: Int32Array, shared: number): number {
  const hi = store.spanIdHi[shared];
  const lo = store.spanIdLo[shared];
  for (const span of spans) if (span !== shared && store.spanIdHi[span] === hi && store.spanIdLo[span] === lo && !(store.marks[span]! & Mark.Shared)) return span;
  return -1;
}

/**
 * Span ID → span index within one trace, keyed by the low 32 bits (a small integer key hashes fast); the rare
 * trace with two IDs sharing their low half falls back to an exact string-keyed map.
 */
class IdIndex {
  private readonly byLow = new Map<number, number>();
  private exact: Map<string, number> | undefined;

  get(store: SpanStore, hi: number, lo: number): number {
    const span = this.byLow.get(lo);
    if (span === undefined) return -1;
    if (store.spanIdHi[span] === hi) return span;
    return this.exact?.get(`${hi}:${lo}`) ?? -1;
  }

  set(store: SpanStore, hi: number, lo: number, span: number): void {
    const existing = this.byLow.get(lo);
    if (existing === undefined || store.spanIdHi[existing] === hi) this.byLow.set(lo, span);
    else (this.exact ??= new Map()).set(`${hi}:${lo}`, span);
  }
}

/** A parent chain that loops (bad data) would never be reached from a root: cut it and mark it an orphan. */
function breakCycles(store: SpanStore, spans: Int32Array): void {
  const parent = store.parent;
  const state = new Map<number, 1 | 2>(); // 1 visiting, 2 done
  for (const start of spans) {
    const path: number[] = [];
    let span = start;
    while (span >= 0 && !state.has(span)) {
      state.set(span, 1);
      path.push(span);
      span = parent[span]!;
    }
    if (span >= 0 && state.get(span) === 1) {
      store.addProblem(span, 'its parent chain loops back to itself; shown under the synthetic root');
      parent[span] = -1;
      store.marks[span] = store.marks[span]! | Mark.Orphan;
    }
    for (const s of path) state.set(s, 2);
  }
}
