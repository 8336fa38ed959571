/**
 * Trace assembly (trace-formats.md §0 "Trace assembly"): resolves each span's parent inside its trace,
 * keeps duplicates and Zipkin shared halves, marks orphans and clock skew (never clamps them), and builds
 * the trace list row. Runs per trace, so follow mode only re-assembles the traces that received spans (and a big
 * trace only applies its new spans: growingAssembly.ts).
 */
import { Mark, type SpanStore } from './spanStore';
import { StatusCode, type TraceSummary } from './types';
import { nanosToString } from './values';

const ASSEMBLY_MARKS = Mark.Orphan | Mark.Duplicate | Mark.Skewed | Mark.Cycle;

export interface AssembledTrace {
  readonly summary: TraceSummary;
  /** Earliest start of the trace (the origin of every offset), split as the store keeps times. */
  readonly baseSeconds: number;
  readonly baseNanos: number;
}

export function assembleTrace(store: SpanStore, trace: number): AssembledTrace {
  const spans = store.spansOfTrace(trace);
  const marks = store.marks;
  const byId = new IdIndex(spans.length);
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
      if (isShared && !wasShared)
        byId.set(store, hi, lo, span); // Zipkin: children belong to the server (shared) half
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
  // Services of the trace: a handful of ids, so a short list beats a Set.
  const services: number[] = [];
  let lastService = -1;
  let root = -1;
  let rootStart = Infinity;
  let earliestOrphan = -1;
  let earliestOrphanStart = Infinity;
  const traceId = store.traceIds[trace]!;
  const hasLinks = store.links.size > 0;
  const { startSeconds, startNanos, endSeconds, endNanos, status, service } = store;
  for (const span of spans) {
    const m = marks[span]!;
    const noTime = m & Mark.NoTimestamp;
    const start = noTime ? 0 : (startSeconds[span]! - baseSeconds) * 1e9 + (startNanos[span]! - baseNanos);
    const end = noTime ? store.durationNs(span) : (endSeconds[span]! - baseSeconds) * 1e9 + (endNanos[span]! - baseNanos);
    if (end > endMax) endMax = end;
    if (status[span] === StatusCode.Error) errors++;
    const serviceId = service[span]!;
    if (serviceId !== lastService) {
      lastService = serviceId;
      if (!services.includes(serviceId)) services.push(serviceId);
    }
    if (m & Mark.Duplicate) duplicates++;
    const p = parent[span]!;
    if (m & Mark.Orphan) {
      orphans++;
      if (start < earliestOrphanStart) {
        earliestOrphan = span;
        earliestOrphanStart = start;
      }
    } else if (p < 0 && start < rootStart) {
      root = span;
      rootStart = start;
    }
    if (p >= 0 && !noTime && !(marks[p]! & Mark.NoTimestamp)) {
      const parentStart = (startSeconds[p]! - baseSeconds) * 1e9 + (startNanos[p]! - baseNanos);
      const parentEnd = (endSeconds[p]! - baseSeconds) * 1e9 + (endNanos[p]! - baseNanos);
      if (start < parentStart || end > parentEnd) {
        marks[span] = marks[span]! | Mark.Skewed;
        skewed++;
      }
    }
    if (hasLinks) {
      const links = store.links.get(span);
      if (links) for (const link of links) if (link.traceId && link.traceId !== traceId) crossTraceLinks++;
    }
  }
  const shown = root >= 0 ? root : earliestOrphan;
  const summary: TraceSummary = {
    index: trace,
    traceId,
    rootName: shown >= 0 ? store.name(shown) : '',
    rootService: shown >= 0 ? store.serviceName(shown) : '',
    services: serviceNames(store, services),
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

/**
 * Sorted names of a trace's service ids. A plain loop: `[...ids].map(…).sort()` here deoptimized
 * assembleTrace ("wrong map" at the sort) about 17 times per read of the 200k-span benchmark file.
 */
function serviceNames(store: SpanStore, ids: readonly number[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < ids.length; i++) names.push(store.strings.get(ids[i]!));
  return names.sort();
}

function findClientHalf(store: SpanStore, spans: Int32Array, shared: number): number {
  const hi = store.spanIdHi[shared];
  const lo = store.spanIdLo[shared];
  for (const span of spans)
    if (span !== shared && store.spanIdHi[span] === hi && store.spanIdLo[span] === lo && !(store.marks[span]! & Mark.Shared)) return span;
  return -1;
}

/**
 * Span ID → span index within one trace: an open-addressing hash table in one Int32Array, keyed by the low
 * 32 bits of the ID and checked against both halves (no Map, no strings: this runs once per span).
 */
class IdIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(size: number) {
    let capacity = 16;
    while (capacity < size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get(store: SpanStore, hi: number, lo: number): number {
    const { slots, mask } = this;
    for (let i = (Math.imul(lo, 0x9e3779b1) >>> 0) & mask; ; i = (i + 1) & mask) {
      const span = slots[i]!;
      if (span < 0) return -1;
      if (store.spanIdLo[span] === lo && store.spanIdHi[span] === hi) return span;
    }
  }

  /** Adds or replaces the span for this ID. */
  set(store: SpanStore, hi: number, lo: number, span: number): void {
    const { slots, mask } = this;
    for (let i = (Math.imul(lo, 0x9e3779b1) >>> 0) & mask; ; i = (i + 1) & mask) {
      const existing = slots[i]!;
      if (existing < 0 || (store.spanIdLo[existing] === lo && store.spanIdHi[existing] === hi)) {
        slots[i] = span;
        return;
      }
    }
  }
}

/** A parent chain that loops (bad data) would never be reached from a root: cut it and mark it an orphan. */
function breakCycles(store: SpanStore, spans: Int32Array): void {
  const parent = store.parent;
  const seen = store.visitMarks();
  const visiting = store.nextStamp();
  const done = store.nextStamp();
  for (const start of spans) {
    let span = start;
    while (span >= 0 && seen[span] !== done && seen[span] !== visiting) {
      seen[span] = visiting;
      span = parent[span]!;
    }
    if (span >= 0 && seen[span] === visiting) {
      // Marked, not addProblem: this runs on every re-assembly (follow mode), and the mark is cleared first.
      parent[span] = -1;
      store.marks[span] = store.marks[span]! | Mark.Orphan | Mark.Cycle;
    }
    for (let s = start; s >= 0 && seen[s] === visiting; s = parent[s]!) seen[s] = done;
  }
}
