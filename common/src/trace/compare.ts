/**
 * Compares two traces the way Jaeger UI's trace diff does: spans are matched by their path from the root (service
 * and name of each ancestor and of the span itself), so the same call in two requests lines up even though span
 * IDs differ. Each path gets its count and total time in both traces; a path found in one trace only is reported
 * as such, and a path whose total time changed clearly is reported as slower or faster.
 */
import type { TraceTree } from './types';

/** What the comparison reads of one trace (the viewer's data and the data set both provide it). */
export interface ComparedTrace {
  readonly tree: TraceTree;
  spanName(spanIndex: number): string;
  spanService(spanIndex: number): string;
}

export type PathChange = 'onlyA' | 'onlyB' | 'slower' | 'faster' | 'same';

export interface ComparedPath {
  readonly depth: number;
  readonly service: string;
  readonly name: string;
  /** Spans on this path in trace A and in trace B. */
  readonly countA: number;
  readonly countB: number;
  /** Sum of those spans' durations (ns). */
  readonly totalA: number;
  readonly totalB: number;
  readonly change: PathChange;
}

export interface TraceComparison {
  /** Merged paths in tree order: A's order, with paths found only in B after their siblings. */
  readonly paths: readonly ComparedPath[];
  /** Subtrees found in one trace only, counted once at their top (a missing request is one difference). */
  readonly onlyA: number;
  readonly onlyB: number;
  readonly slower: number;
  readonly faster: number;
}

/**
 * A change counts when it is at least this share of the larger total and at least MIN_CHANGE_NS: timing noise
 * between two runs of the same request must not be reported as a regression.
 */
export const MIN_RELATIVE_CHANGE = 0.1;
export const MIN_CHANGE_NS = 10_000;

/** The synthetic root (spans whose parent is missing) is matched like a span of this name. */
const MISSING_PARENTS = '(missing parent spans)';

interface Node {
  readonly parent: number;
  readonly depth: number;
  readonly service: string;
  readonly name: string;
  readonly count: [number, number];
  readonly total: [number, number];
  readonly children: number[];
  change?: PathChange;
}

export function compareTraces(a: ComparedTrace, b: ComparedTrace): TraceComparison {
  const nodes: Node[] = [];
  const roots: number[] = [];
  const byKey = new Map<string, number>();
  for (const [side, trace] of [a, b].entries()) {
    const { tree } = trace;
    // Node of each row of this trace: a row's parent row always comes before it (depth-first order).
    const nodeOfRow = new Int32Array(tree.spans.length);
    for (let r = 0; r < tree.spans.length; r++) {
      const span = tree.spans[r]!;
      const service = span < 0 ? '' : trace.spanService(span);
      const name = span < 0 ? MISSING_PARENTS : trace.spanName(span);
      const parentRow = tree.parentRows[r]!;
      const parent = parentRow < 0 ? -1 : nodeOfRow[parentRow]!;
      const key = `${parent}\u0000${service}\u0000${name}`;
      let node = byKey.get(key);
      if (node === undefined) {
        node =
          nodes.push({
            parent,
            depth: parent < 0 ? 0 : nodes[parent]!.depth + 1,
            service,
            name,
            count: [0, 0],
            total: [0, 0],
            children: [],
          }) - 1;
        byKey.set(key, node);
        (parent < 0 ? roots : nodes[parent]!.children).push(node);
      }
      nodeOfRow[r] = node;
      const n = nodes[node]!;
      n.count[side]! += 1;
      n.total[side]! += tree.endOffsets[r]! - tree.startOffsets[r]!;
    }
  }
  const paths: ComparedPath[] = [];
  const tally = { onlyA: 0, onlyB: 0, slower: 0, faster: 0, same: 0 };
  // Depth-first over the merged tree, with an explicit stack (traces can be thousands of levels deep).
  const stack = roots.slice().reverse();
  while (stack.length > 0) {
    const n = nodes[stack.pop()!]!;
    const change = (n.change = changeOf(n));
    const parentChange = n.parent < 0 ? undefined : nodes[n.parent]!.change;
    if (!((change === 'onlyA' || change === 'onlyB') && parentChange === change)) tally[change]++;
    paths.push({
      depth: n.depth,
      service: n.service,
      name: n.name,
      countA: n.count[0],
      countB: n.count[1],
      totalA: n.total[0],
      totalB: n.total[1],
      change,
    });
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return { paths, onlyA: tally.onlyA, onlyB: tally.onlyB, slower: tally.slower, faster: tally.faster };
}

function changeOf(n: Node): PathChange {
  if (n.count[1] === 0) return 'onlyA';
  if (n.count[0] === 0) return 'onlyB';
  const delta = n.total[1] - n.total[0];
  const larger = Math.max(n.total[0], n.total[1]);
  if (Math.abs(delta) < MIN_CHANGE_NS || Math.abs(delta) < larger * MIN_RELATIVE_CHANGE) return 'same';
  return delta > 0 ? 'slower' : 'faster';
}
