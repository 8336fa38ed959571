/**
 * Building findings at AST nodes. Rules call these rather than computing positions themselves.
 */
import { Severity, type Finding } from './findings';
import type { ParsedFile } from './yaml/parse';

export interface FindingSpec {
  severity: Severity;
  code: string;
  message: string;
  explanation: string;
  data?: unknown;
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

/** A finding on a node's value (or on the fallback node, e.g. the key, when the value is empty). */
export function findingAt(file: ParsedFile, node: Ranged, spec: FindingSpec, fallback?: Ranged): Finding {
  const target = node?.range ? node : fallback;
  const range = target?.range;
  const [start, end] = range ? [range[0], Math.max(range[1], range[0])] : [0, 0];
  return { range: file.lines.range(start, end), ...spec };
}

/** A finding on explicit offsets. */
export function findingAtOffsets(file: ParsedFile, start: number, end: number, spec: FindingSpec): Finding {
  return { range: file.lines.range(start, end), ...spec };
}

export { Severity };
