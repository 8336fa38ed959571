/**
 * Builds the depth-first span tree of one trace for a virtualized waterfall (see `TraceTree`). Children are
 * ordered by start time; spans whose parent never arrived go under one synthetic root row (span -1).
 * A span without a timestamp (Zipkin) is drawn at its parent's start.
 */
import type { AssembledTrace } from './assemble';
import { Mark, type SpanStore } from './spanStore';
import type { TraceTree } from './types';

export interface BuiltTree extends TraceTree {
  readonly rowOfSpan: SpanLookup;
}

/**
 * Span index → a number, for the spans of one trace. A trace's spans usually sit close together in the store (a
 * file holds a trace's spans in a few batches), so this is an array over their index range, with a Map only for
 * a trace scattered across a file: a Map of 100,000 entries was a third of building a 100,000-span tree.
 */
export class SpanLookup {
  private readonly base: number;
  private readonly table: Int32Array | undefined;
  private readonly map: Map<number, number> | undefined;

  constructor(spans: Int32Array) {
    let min = 0;
    let max = -1;
    if (spans.length > 0) {
      min = spans[0]!;
      max = spans[0]!;
      for (let i = 1; i < spans.length; i++) {
        const span = spans[i]!;
        if (span < min) min = span;
        else if (span > max) max = span;
      }
    }
    this.base = min;
    const range = max - min + 1;
    if (range <= 4 * spans.length + 1024) this.table = new Int32Array(range).fill(-1);
    else this.map = new Map();
  }

  /** `value` must not be negative. */
  set(span: number, value: number): void {
    if (this.table) this.table[span - this.base] = value;
    else this.map!.set(span, value);
  }

  get(span: number): number | undefined {
    if (!this.table) return this.map!.get(span);
    const value = this.table[span - this.base];
    return value === undefined || value < 0 ? undefined : value;
  }
}

export function buildTree(store: SpanStore, trace: number, assembled: AssembledTrace): BuiltTree {
  const steps = buildTreeInSlices(store, trace, assembled);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Spans handled between two pauses of `buildTreeInSlices`. */
export const TREE_SLICE_SPANS = 16_384;

/**
 * `buildTree` pausing (`yield`) every `TREE_SLICE_SPANS` spans or so, for a viewer that builds a 100,000-span tree
 * a few milliseconds per task (over 100 ms in one piece on a busy machine). What more spans may change between
 * pauses (parents, orphan marks: the reader goes on meanwhile) is read in the first phase, in one go; the rest
 * reads only what a span keeps for good (its times).
 */
export function* buildTreeInSlices(store: SpanStore, trace: number, assembled: AssembledTrace): Generator<void, BuiltTree> {
  const spans = store.spansOfTrace(trace);
  const n = spans.length;
  const local = new SpanLookup(spans);
  for (let i = 0; i < n; i++) local.set(spans[i]!, i);
  const marks = store.marks;
  const parent = store.parent;
  // Local parent index per span: -1 a top-level root, -2 an orphan.
  const parentOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[spans[i]!]!;
    parentOf[i] = p >= 0 ? local.get(p)! : marks[spans[i]!]! & Mark.Orphan ? -2 : -1;
  }
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++)
    start[i] = marks[spans[i]!]! & Mark.NoTimestamp ? NaN : store.startOffsetFrom(spans[i]!, assembled.baseSeconds, assembled.baseNanos);
  yield;

  // Children lists (CSR), each sorted by start; top-level roots and orphans apart.
  const childCount = new Uint32Array(n + 1);
  const roots: number[] = [];
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parentOf[i]!;
    if (p >= 0) childCount[p]!++;
    else if (p === -2) orphans.push(i);
    else roots.push(i);
  }
  const childStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = childStart[i]! + childCount[i]!;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parentOf[i]!;
    if (p >= 0) children[fill[p]!++] = i;
  }
  yield;
  let work = 0;
  const byStart = (a: number, b: number) => (start[a]! || 0) - (start[b]! || 0) || a - b;
  for (let i = 0; i < n; i++) {
    if (++work >= TREE_SLICE_SPANS) {
      work = 0;
      yield;
    }
    if (childCount[i]! > 1) {
      work += childCount[i]!;
      const list = children.subarray(childStart[i]!, childStart[i + 1]!);
      // Exporters mostly write children in start order: a linear check spares the sort (and its comparator calls).
      let sorted = true;
      for (let k = 1; k < list.length && sorted; k++) sorted = byStart(list[k - 1]!, list[k]!) <= 0;
      if (!sorted) list.sort(byStart);
    }
  }
  roots.sort(byStart);
  orphans.sort(byStart);

  const rows = n + (orphans.length ? 1 : 0);
  const tree = {
    traceIndex: trace,
    spans: new Int32Array(rows),
    depths: new Uint16Array(rows),
    parentRows: new Int32Array(rows),
    startOffsets: new Float64Array(rows),
    endOffsets: new Float64Array(rows),
    subtreeSizes: new Uint32Array(rows),
    rowOfSpan: new SpanLookup(spans),
  };
  let row = 0;
  const stack: number[] = []; // local span indices; -1 marks "close the row on top of rowStack"
  const rowStack: number[] = [];
  function* place(top: number[], depth: number, parentRow: number): Generator<void, void> {
    for (let k = top.length - 1; k >= 0; k--) stack.push(top[k]!);
    while (stack.length) {
      if (++work >= TREE_SLICE_SPANS) {
        work = 0;
        yield;
      }
      const item = stack.pop()!;
      if (item < 0) {
        const done = rowStack.pop()!;
        tree.subtreeSizes[done] = row - done - 1;
        continue;
      }
      const span = spans[item]!;
      const parentRowOf = rowStack.length ? rowStack[rowStack.length - 1]! : parentRow;
      const d = depth + rowStack.length;
      const s = Number.isNaN(start[item]!) ? (parentRowOf >= 0 ? tree.startOffsets[parentRowOf]! : 0) : start[item]!;
      tree.spans[row] = span;
      tree.depths[row] = Math.min(d, 65535);
      tree.parentRows[row] = parentRowOf;
      tree.startOffsets[row] = s;
      tree.endOffsets[row] = s + store.durationNs(span);
      tree.rowOfSpan.set(span, row);
      rowStack.push(row);
      row++;
      stack.push(-1);
      for (let c = childStart[item + 1]! - 1; c >= childStart[item]!; c--) stack.push(children[c]!);
    }
  }
  yield* place(roots, 0, -1);
  if (orphans.length) {
    const syntheticRow = row++;
    tree.spans[syntheticRow] = -1;
    tree.depths[syntheticRow] = 0;
    tree.parentRows[syntheticRow] = -1;
    yield* place(orphans, 1, syntheticRow);
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = syntheticRow + 1; r < row; r++) {
      if (tree.parentRows[r] !== syntheticRow) continue;
      lo = Math.min(lo, tree.startOffsets[r]!);
      hi = Math.max(hi, tree.endOffsets[r]!);
    }
    tree.startOffsets[syntheticRow] = lo;
    tree.endOffsets[syntheticRow] = hi;
    tree.subtreeSizes[syntheticRow] = row - syntheticRow - 1;
  }
  return tree;
}
