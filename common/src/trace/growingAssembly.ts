/**
 * Assembly of a trace that grows (a big file read in chunks, follow mode): each snapshot applies only the spans
 * that arrived since the last one, so the work per chunk is proportional to the chunk, not to the trace. A
 * 100,000-span trace read in 4 MB chunks was re-assembled whole about 40 times (30–150 ms each on the viewer's
 * main thread). The result is the one `assembleTrace` gives over all the spans (test/unit/trace/
 * growingAssembly.test.ts feeds random chunkings of the samples and compares).
 *
 * The rare cases whose outcome depends on every span of the trace at once fall back to `assembleTrace` for
 * that trace from then on: duplicate span IDs and Zipkin shared halves (which half takes the children), spans
 * without timestamp (drawn at the base time, which moves as spans arrive), and parent cycles (where the cut
 * falls depends on the walk order).
 */
import { assembleTrace, type AssembledTrace } from './assemble';
import { Mark, type SpanStore } from './spanStore';
import { StatusCode, type TraceSummary } from './types';
import { nanosToString } from './values';

const ASSEMBLY_MARKS = Mark.Orphan | Mark.Duplicate | Mark.Skewed | Mark.Cycle;
/** Read-time marks that need the whole trace (duplicate IDs are found as spans arrive). */
const NEEDS_WHOLE_TRACE = Mark.Shared | Mark.NoTimestamp;

/** Below this many spans a trace is simply re-assembled whole (cheap, and no state kept per small trace). */
export const GROWING_ASSEMBLY_MIN_SPANS = 256;

/** The state kept for one trace between snapshots. */
export class GrowingAssembly {
  private readonly byId = new GrowingIdIndex();
  /** Spans whose parent ID is set but not (yet) in the trace, by the low 32 bits of that parent ID. */
  private readonly waiting = new Map<number, number[]>();
  private orphanCount = 0;
  private spanCount = 0;
  private errors = 0;
  private skewed = 0;
  private crossTraceLinks = 0;
  private readonly services: number[] = [];
  /** Times are compared as offsets from the first span's start (exact integers, as assembleTrace's). */
  private refSeconds = 0;
  private refNanos = 0;
  private baseSeconds = Infinity;
  private baseNanos = 0;
  private baseOffset = 0;
  private endMaxOffset = -Infinity;
  private root = -1;
  private rootStart = Infinity;
  /** Orphans by start, earliest on top; a span that found its parent since is dropped when it reaches the top. */
  private orphansByStart: number[] = [];

  constructor(private readonly trace: number) {}

  /**
   * Applies new spans of the trace (ascending indices, after every span applied before). Returns undefined when
   * the trace needs a whole assembly (see the file comment); the caller then drops this state.
   */
  apply(store: SpanStore, spans: readonly number[]): AssembledTrace | undefined {
    const marks = store.marks;
    if (this.spanCount === 0 && spans.length > 0) {
      this.refSeconds = store.startSeconds[spans[0]!]!;
      this.refNanos = store.startNanos[spans[0]!]!;
    }
    for (const span of spans) {
      if (marks[span]! & NEEDS_WHOLE_TRACE) return undefined;
      marks[span] = marks[span]! & ~ASSEMBLY_MARKS;
      const hi = store.spanIdHi[span]!;
      const lo = store.spanIdLo[span]!;
      if (hi === 0 && lo === 0) continue;
      if (this.byId.get(store, hi, lo) >= 0) return undefined; // a duplicate ID
      this.byId.set(store, lo, span);
    }

    // Parent links: the new spans', then the waiting spans whose parent just arrived.
    const parent = store.parent;
    const linked: number[] = [];
    for (const span of spans) {
      if (!store.hasParentId(span)) {
        parent[span] = -1;
        continue;
      }
      const hi = store.parentIdHi[span]!;
      const lo = store.parentIdLo[span]!;
      let resolved = this.byId.get(store, hi, lo);
      if (resolved === span) resolved = -1;
      parent[span] = resolved;
      if (resolved >= 0) linked.push(span);
      else {
        marks[span] = marks[span]! | Mark.Orphan;
        this.orphanCount++;
        const list = this.waiting.get(lo);
        if (list) list.push(span);
        else this.waiting.set(lo, [span]);
      }
    }
    for (const span of spans) {
      const hi = store.spanIdHi[span]!;
      const lo = store.spanIdLo[span]!;
      if (hi === 0 && lo === 0) continue;
      const list = this.waiting.get(lo);
      if (!list) continue;
      let kept = 0;
      for (const child of list) {
        if (child !== span && store.parentIdHi[child] === hi && store.parentIdLo[child] === lo) {
          parent[child] = span;
          marks[child] = marks[child]! & ~Mark.Orphan;
          this.orphanCount--;
          linked.push(child);
        } else list[kept++] = child;
      }
      if (kept === 0) this.waiting.delete(lo);
      else list.length = kept;
    }
    if (hasCycle(store, linked)) return undefined;

    const { startSeconds, startNanos, endSeconds, endNanos, status, service } = store;
    const refS = this.refSeconds;
    const refN = this.refNanos;
    const hasLinks = store.links.size > 0;
    const traceId = store.traceIds[this.trace]!;
    for (const span of spans) {
      const s = startSeconds[span]!;
      const n = startNanos[span]!;
      const start = (s - refS) * 1e9 + (n - refN);
      if (s < this.baseSeconds || (s === this.baseSeconds && n < this.baseNanos)) {
        this.baseSeconds = s;
        this.baseNanos = n;
        this.baseOffset = start;
      }
      const end = (endSeconds[span]! - refS) * 1e9 + (endNanos[span]! - refN);
      if (end > this.endMaxOffset) this.endMaxOffset = end;
      if (status[span] === StatusCode.Error) this.errors++;
      const serviceId = service[span]!;
      if (!this.services.includes(serviceId)) this.services.push(serviceId);
      if (marks[span]! & Mark.Orphan) {
        if (this.root < 0) this.pushOrphan(store, span);
      } else if (parent[span]! < 0 && start < this.rootStart) {
        this.root = span;
        this.rootStart = start;
      }
      if (hasLinks) {
        const links = store.links.get(span);
        if (links) for (const link of links) if (link.traceId && link.traceId !== traceId) this.crossTraceLinks++;
      }
    }
    // Skew is a property of a child and its parent: only the links made now can add to it.
    for (const span of linked) {
      const p = parent[span]!;
      const start = (startSeconds[span]! - refS) * 1e9 + (startNanos[span]! - refN);
      const end = (endSeconds[span]! - refS) * 1e9 + (endNanos[span]! - refN);
      const parentStart = (startSeconds[p]! - refS) * 1e9 + (startNanos[p]! - refN);
      const parentEnd = (endSeconds[p]! - refS) * 1e9 + (endNanos[p]! - refN);
      if (start < parentStart || end > parentEnd) {
        marks[span] = marks[span]! | Mark.Skewed;
        this.skewed++;
      }
    }
    this.spanCount += spans.length;
    return this.result(store);
  }

  private result(store: SpanStore): AssembledTrace {
    // A root stays a root (a trace that could lose it is assembled whole): the orphans' order is needed no more.
    if (this.root >= 0) this.orphansByStart.length = 0;
    const shown = this.root >= 0 ? this.root : this.earliestOrphan(store);
    const names: string[] = [];
    for (const id of this.services) names.push(store.strings.get(id));
    const summary: TraceSummary = {
      index: this.trace,
      traceId: store.traceIds[this.trace]!,
      rootName: shown >= 0 ? store.name(shown) : '',
      rootService: shown >= 0 ? store.serviceName(shown) : '',
      services: names.sort(),
      spanCount: this.spanCount,
      errorCount: this.errors,
      startNs: nanosToString(this.baseSeconds, this.baseNanos),
      durationNs: Math.max(0, this.endMaxOffset - this.baseOffset),
      hasOrphans: this.orphanCount > 0,
      duplicateSpanIds: 0,
      skewedSpans: this.skewed,
      crossTraceLinks: this.crossTraceLinks,
    };
    return { summary, baseSeconds: this.baseSeconds, baseNanos: this.baseNanos };
  }

  private startOf(store: SpanStore, span: number): number {
    return (store.startSeconds[span]! - this.refSeconds) * 1e9 + (store.startNanos[span]! - this.refNanos);
  }

  /** Heap order: earlier start first, then the first in span order (as assembleTrace's loop picks among equals). */
  private before(store: SpanStore, a: number, b: number): boolean {
    const sa = this.startOf(store, a);
    const sb = this.startOf(store, b);
    return sa < sb || (sa === sb && a < b);
  }

  private pushOrphan(store: SpanStore, span: number): void {
    const heap = this.orphansByStart;
    let i = heap.length;
    heap.push(span);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.before(store, span, heap[up]!)) break;
      heap[i] = heap[up]!;
      i = up;
    }
    heap[i] = span;
  }

  /** The earliest span still without its parent (spans that found theirs leave the heap as they surface). */
  private earliestOrphan(store: SpanStore): number {
    const heap = this.orphansByStart;
    while (heap.length > 0 && !(store.marks[heap[0]!]! & Mark.Orphan)) {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && this.before(store, heap[child + 1]!, heap[child]!)) child++;
        if (!this.before(store, heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return heap.length > 0 ? heap[0]! : -1;
  }
}

/**
 * The trace was acyclic before these links were made, so a cycle now goes through one of them: walk up from each
 * linked span (spans already known to reach a root are not walked again).
 */
function hasCycle(store: SpanStore, linked: readonly number[]): boolean {
  if (linked.length === 0) return false;
  const parent = store.parent;
  const seen = store.visitMarks();
  const visiting = store.nextStamp();
  const done = store.nextStamp();
  for (const start of linked) {
    let span = start;
    while (span >= 0 && seen[span] !== done && seen[span] !== visiting) {
      seen[span] = visiting;
      span = parent[span]!;
    }
    if (span >= 0 && seen[span] === visiting) return true;
    for (let s = start; s >= 0 && seen[s] === visiting; s = parent[s]!) seen[s] = done;
  }
  return false;
}

/** Span ID → span, open addressing over the low 32 bits of the ID (as assemble.ts's IdIndex), growing. */
class GrowingIdIndex {
  private slots = new Int32Array(64).fill(-1);
  private size = 0;

  get(store: SpanStore, hi: number, lo: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = (Math.imul(lo, 0x9e3779b1) >>> 0) & mask; ; i = (i + 1) & mask) {
      const span = slots[i]!;
      if (span < 0) return -1;
      if (store.spanIdLo[span] === lo && store.spanIdHi[span] === hi) return span;
    }
  }

  /** Adds a span whose ID is not in the index yet. */
  set(store: SpanStore, lo: number, span: number): void {
    if (2 * (this.size + 1) > this.slots.length) this.rehash(store);
    this.insert(lo, span);
    this.size++;
  }

  private insert(lo: number, span: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = (Math.imul(lo, 0x9e3779b1) >>> 0) & mask;
    while (slots[i]! >= 0) i = (i + 1) & mask;
    slots[i] = span;
  }

  private rehash(store: SpanStore): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    for (const span of old) if (span >= 0) this.insert(store.spanIdLo[span]!, span);
  }
}

/** Assembles the traces that received spans, incrementally for the big ones. */
export class TraceAssemblies {
  private readonly growing = new Map<number, GrowingAssembly>();
  /** Traces that need whole assemblies (duplicate IDs, shared halves, no timestamps, cycles). */
  private readonly whole = new Set<number>();

  constructor(private readonly growingFrom = GROWING_ASSEMBLY_MIN_SPANS) {}

  /** `newSpans`: the spans the trace received since its last assembly (ascending); `total`: its span count now. */
  assemble(store: SpanStore, trace: number, newSpans: readonly number[], total: number): AssembledTrace {
    let state = this.growing.get(trace);
    if (!state && !this.whole.has(trace) && total >= this.growingFrom) {
      state = new GrowingAssembly(trace);
      const all = store.spansOfTrace(trace);
      const result = state.apply(store, Array.from(all));
      if (result) {
        this.growing.set(trace, state);
        return result;
      }
      this.whole.add(trace);
    } else if (state) {
      const result = state.apply(store, newSpans);
      if (result) return result;
      this.growing.delete(trace);
      this.whole.add(trace);
    }
    return assembleTrace(store, trace);
  }
}
