/**
 * The critical path of a trace: the chain of work that decided when the trace ended. Same definition as
 * Jaeger UI's (jaegertracing/jaeger-ui packages/jaeger-ui/src/components/TracePage/CriticalPath/index.tsx,
 * c321fb32): from the end of a span, walk back through the last-finishing child that ended before the
 * point reached so far; the gaps between such children are the span's own time on the path.
 *
 * Linear time when children end in the order they start (the usual case): each row's children are ranked by
 * end time, sorted only when they are not in order already, and each child is looked at once as the cursor only
 * moves backwards. Children are clipped to their parent's
 * interval for this computation only (clock skew is still shown as it is).
 *
 * `criticalPathInSlices` is the same computation as a generator that pauses every `SLICE_ROWS` rows or so: a
 * viewer runs it a few milliseconds per task, so a 100,000-span trace's path (100–240 ms in one piece on a busy
 * machine) does not hold the webview's main thread.
 */
import type { CriticalPathSegment, TraceTree } from './types';

/** Rows (or children, or segments) handled between two pauses of `criticalPathInSlices`. */
export const SLICE_ROWS = 16_384;

export function criticalPath(tree: TraceTree): CriticalPathSegment[] {
  const steps = criticalPathInSlices(tree);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The critical path, pausing (`yield`) every `SLICE_ROWS` units of work; returns the segments. */
export function* criticalPathInSlices(tree: TraceTree): Generator<void, CriticalPathSegment[]> {
  const rows = tree.spans.length;
  if (rows === 0) return [];
  const { parentRows, startOffsets, endOffsets } = tree;

  // Children of each row (and of a virtual top row, index `rows`) ordered by end time, latest first.
  const { children, childStart } = yield* childrenByEndInSlices(parentRows, endOffsets);
  const next = childStart.slice(0, rows + 1); // per row: the next child to consider

  const segments: CriticalPathSegment[] = [];
  const startOf = (r: number) => (r === rows ? -Infinity : startOffsets[r]!);
  const endOf = (r: number) => (r === rows ? Infinity : endOffsets[r]!);
  const push = (row: number, from: number, to: number) => {
    if (row < rows && to > from) segments.push({ spanIndex: tree.spans[row]!, startOffsetNs: from, endOffsetNs: to });
  };

  let current = rows;
  let blockedUntil = Infinity;
  let work = 0;
  for (;;) {
    if (++work >= SLICE_ROWS) {
      work = 0;
      yield;
    }
    const lo = startOf(current);
    const hi = Math.min(endOf(current), blockedUntil);
    let chosen = -1;
    while (next[current]! < childStart[current + 1]!) {
      const child = children[next[current]!++]!;
      work++;
      const childEnd = Math.min(endOffsets[child]!, endOf(current));
      const childStart_ = Math.max(startOffsets[child]!, lo);
      if (childEnd <= hi && childEnd > childStart_ && childEnd > lo) {
        chosen = child;
        break;
      }
    }
    if (chosen >= 0) {
      const childEnd = Math.min(endOffsets[chosen]!, endOf(current));
      push(current, childEnd, hi);
      current = chosen;
      blockedUntil = childEnd;
      continue;
    }
    push(current, lo, hi);
    if (current === rows) break;
    const parent = parentRows[current]! < 0 ? rows : parentRows[current]!;
    blockedUntil = Math.max(startOffsets[current]!, startOf(parent));
    current = parent;
  }
  for (let k = 0; k < segments.length; k += SLICE_ROWS) yield;
  return segments.reverse();
}

/**
 * Per row (and a virtual top row, index `rows`), its children ordered by end time, latest first (equal ends: the
 * later row first). Rows come in depth-first order with siblings by start time, so a parent's children are listed
 * in row order and usually already end in that order: each list is checked, and sorted only when it is not.
 * (A radix sort of every row was the larger half of the path of a 100,000-span trace.)
 */
export function childrenByEnd(parentRows: Int32Array, endOffsets: Float64Array): { children: Int32Array; childStart: Uint32Array } {
  const steps = childrenByEndInSlices(parentRows, endOffsets);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function* childrenByEndInSlices(
  parentRows: Int32Array,
  endOffsets: Float64Array,
): Generator<void, { children: Int32Array; childStart: Uint32Array }> {
  const rows = parentRows.length;
  const count = new Uint32Array(rows + 2);
  for (let r = 0; r < rows; r++) count[(parentRows[r]! < 0 ? rows : parentRows[r]!) + 1]!++;
  for (let r = 0; r <= rows; r++) count[r + 1]! += count[r]!;
  const childStart = count.slice();
  const children = new Int32Array(rows);
  for (let r = 0; r < rows; r++) children[count[parentRows[r]! < 0 ? rows : parentRows[r]!]!++] = r;
  yield;
  let work = 0;
  const end = (r: number) => Math.round(endOffsets[r]!);
  const latestFirst = (a: number, b: number) => end(b) - end(a) || b - a;
  for (let p = 0; p <= rows; p++) {
    const from = childStart[p]!;
    const to = childStart[p + 1]!;
    if (to - from < 2) continue;
    work += to - from;
    if (work >= SLICE_ROWS) {
      work = 0;
      yield;
    }
    const list = children.subarray(from, to);
    let ascending = true;
    for (let k = 1; k < list.length && ascending; k++) ascending = latestFirst(list[k - 1]!, list[k]!) > 0;
    if (ascending) list.reverse();
    else list.sort(latestFirst);
  }
  return { children, childStart };
}
