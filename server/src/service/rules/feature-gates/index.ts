/**
 * Feature gates: `--feature-gates` parsing and checking for kube-apiserver (and any component with that flag),
 * and the shared assignment check that the kubelet's `featureGates:` map reuses.
 * Mirrors component-base featuregate/feature_gate.go (Set, SetFromMap) against schemas/feature-gates.json.
 *
 * For the kubelet's map: build GateAssignment values with FILE offsets from each key and value node, then call
 * `checkGateAssignments(assignments, { file, version, component: 'kubelet', prints })` with the kubelet's report.
 * kube-apiserver before 1.31 checks each occurrence (`checkFeatureGatesFlag`, pflag); from 1.31 all of them
 * together (`checkFeatureGatesAsRegistry`).
 */
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { abbreviate } from '../../text/abbreviate';
import { findingAtOffsets, Severity } from '../../report';
import { describeVersionSource } from '../../versions';
import { checkGateAssignments, type GateCheckTarget } from './check';
import { parseFeatureGates, type GateAssignment, type GateSyntaxError } from './parse';

export { checkGateAssignments, type GateCheckTarget } from './check';
export { checkFeatureGatesAsRegistry, registryAssignments } from './registry';
export { parseFeatureGates, parseGoBool, parseBoolError, effectiveAssignments, type GateAssignment, type GateSyntaxError } from './parse';
export {
  gateSpecAt,
  gateSpecAtEmulated,
  gatesAt,
  closestGate,
  gateLifetime,
  featureGateTableCovers,
  type GateSpec,
  type GateStage,
} from './table';

export interface FeatureGatesValue {
  /** The flag value as the binary receives it. */
  value: string;
  /** File offsets of the value text. */
  start: number;
  end: number;
  /** The file text at start..end is the value itself (no quoting escapes), so offsets inside it are exact. */
  exact: boolean;
  /** The flag as written, for pflag's wrapping (`--feature-gates`). */
  flagName: string;
}

/** The flag's assignments and syntax errors with FILE offsets (the whole value when its text is not exact). */
export function locateFeatureGates(flag: FeatureGatesValue): { assignments: GateAssignment[]; errors: GateSyntaxError[] } {
  const parsed = parseFeatureGates(flag.value);
  if (!flag.exact) {
    return {
      assignments: parsed.assignments.map((a) => ({
        ...a,
        nameStart: flag.start,
        nameEnd: flag.end,
        valueStart: flag.start,
        valueEnd: flag.end,
      })),
      errors: parsed.errors.map((e) => ({ ...e, start: flag.start, end: flag.end })),
    };
  }
  const at = (relative: number) => flag.start + relative;
  return {
    assignments: parsed.assignments.map((a) => ({
      ...a,
      nameStart: at(a.nameStart),
      nameEnd: at(a.nameEnd),
      valueStart: at(a.valueStart),
      valueEnd: at(a.valueEnd),
    })),
    errors: parsed.errors.map((e) => ({ ...e, start: at(e.start), end: at(e.end) })),
  };
}

/** Checks one `--feature-gates=…` value as pflag hands it to featuregate: syntax (Set) then names and values (SetFromMap). */
export function checkFeatureGatesFlag(flag: FeatureGatesValue, target: Omit<GateCheckTarget, 'prints'>): Finding[] {
  // pflag quotes the whole value; we quote its start, as every finding of the value repeats this prefix.
  const errorPrefix = `invalid argument ${goQuote(abbreviate(flag.value))} for "${flag.flagName}" flag: `;
  const { assignments, errors } = locateFeatureGates(flag);
  const findings: Finding[] = errors.map((error) =>
    findingAtOffsets(target.file, error.start, error.end, {
      severity: Severity.Error,
      code: `feature-gates/${error.kind}`,
      message: error.message,
      explanation: `${target.component} exits at start-up: ${errorPrefix}${error.message}. Each item is Name=true or Name=false (Go strconv.ParseBool also takes 1, t, T, TRUE, True, 0, f, F, FALSE, False). Checked against ${describeVersionSource(target.version)}.`,
    }),
  );
  return [...findings, ...checkGateAssignments(assignments, { ...target, prints: (message) => `${errorPrefix}${message}` })];
}
