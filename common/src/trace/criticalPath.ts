/**
 * The critical path of a trace: the chain of work that decided when the trace ended. Same definition as
 * Jaeger UI's (jaegertracing/jaeger-ui packages/jaeger-ui/src/components/TracePage/CriticalPath/index.tsx,
 * c321fb32): from the end of a span, walk back through the last-finishing child that ended before the
 * point reached so far; the gaps between such children are the span's own time on the path.
 *
 * Linear time: every row's children are ranked by end time with one radix sort over the whole trace, and
 * each child is looked at once as the cursor only moves backwards. Children are clipped to their parent's
 * interval for this computation only (clock skew is still shown as it is).
 */
import type { CriticalPathSegment, TraceTree } from './types';

export function criticalPath(tree: TraceTree): CriticalPathSegment[] {
  const rows = tree.spans.length;
  if (rows === 0) return [];
  const { parentRows, startOffsets, endOffsets } = tree;

  // Children of each row (and of a virtual top row, index `rows`) ordered by end time, latest first.
  const order = sortRowsByEnd(endOffsets);
  const count = new Uint32Array(rows + 2);
  for (let r = 0; r < rows; r++) count[(parentRows[r]! < 0 ? rows : parentRows[r]!) + 1]!++;
  for (let r = 0; r <= rows; r++) count[r + 1]! += count[r]!;
  const childStart = count.slice();
  const children = new Int32Array(rows);
  for (let k = rows - 1; k >= 0; k--) {
    const r = order[k]!;
    const p = parentRows[r]! < 0 ? rows : parentRows[r]!;
    children[count[p]!++] = r;
  }
  const next = childStart.slice(0, rows + 1); // per row: the next child to consider

  const segments: CriticalPathSegment[] = [];
  const startOf = (r: number) => (r === rows ? -Infinity : startOffsets[r]!);
  const endOf = (r: number) => (r === rows ? Infinity : endOffsets[r]!);
  const push = (row: number, from: number, to: number) => {
    if (row < rows && to > from) segments.push({ spanIndex: tree.spans[row]!, startOffsetNs: from, endOffsetNs: to });
  };

  let current = rows;
  let blockedUntil = Infinity;
  for (;;) {
    const lo = startOf(current);
    const hi = Math.min(endOf(current), blockedUntil);
    let chosen = -1;
    while (next[current]! < childStart[current + 1]!) {
      const child = children[next[current]!++]!;
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
  return segments.reverse();
}

/** Row indices ordered by end offset ascending: LSD radix sort on 16-bit digits of the integer ns offset. */
function sortRowsByEnd(endOffsets: Float64Array): Uint32Array {
  const n = endOffsets.length;
  let order: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 256) return order.sort((a, b) => endOffsets[a]! - endOffsets[b]! || a - b);
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, endOffsets[i]!);
  const keys = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, (keys[i] = Math.round(endOffsets[i]! - min)));
  let tmp: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (let shift = 1; shift <= max; shift *= 65536) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(Math.floor(keys[order[i]!]! / shift) % 65536) + 1]!++;
    for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d]!;
    for (let i = 0; i < n; i++) tmp[counts[Math.floor(keys[order[i]!]! / shift) % 65536]!++] = order[i]!;
    [order, tmp] = [tmp, order];
  }
  return order;
}
