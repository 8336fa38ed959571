/**
 * The KubeletConfiguration `featureGates:` map (map[string]bool).
 * Mirrors cmd/kubelet/app/server.go, which applies the map with `utilfeature.DefaultMutableFeatureGate.SetFromMap`
 * and reports a refusal as versions.ts kubeletFeatureGatesErrorReport says (wrapped from 1.24, a structured
 * klog.ErrorS line in 1.21–1.23, klog.Fatal in 1.20); the judging itself
 * is component-base featuregate SetFromMap, shared with kube-apiserver through rules/feature-gates.
 * A value that is not a YAML boolean is a decode type error (encoding/json into map[string]bool), fatal even
 * for the lenient decoder; the text below is derived from encoding/json's UnmarshalTypeError, not executed.
 */
import { isMap, isScalar } from 'yaml';
import type { Finding } from '../../findings';
import { findingAt, Severity } from '../../report';
import { kubeletFeatureGatesErrorReport } from '../../versions';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { checkGateAssignments, gateSpecAt, type GateAssignment } from '../feature-gates';
import type { KubeletTarget } from './target';

/** The map's boolean assignments with FILE offsets, in order (duplicates included: the last wins). */
export function featureGateAssignments(target: KubeletTarget): GateAssignment[] {
  const map = lastEntry(target.entries, 'featureGates')?.value ?? null;
  const assignments: GateAssignment[] = [];
  for (const entry of mapEntries(map, target.document)) {
    const value = entry.value;
    if (!isScalar(value) || typeof value.value !== 'boolean' || !entry.keyNode?.range || !value.range) continue;
    assignments.push({
      name: entry.key,
      value: value.value,
      nameStart: entry.keyNode.range[0],
      nameEnd: entry.keyNode.range[1],
      valueStart: value.range[0],
      valueEnd: value.range[1],
    });
  }
  return assignments;
}

/** Whether a gate is on for this kubelet: the map's last value, else the gate's default; undefined when unregistered. */
export function kubeletGateEnabled(
  target: KubeletTarget,
  gate: string,
): { enabled: boolean; explicit: GateAssignment | undefined } | undefined {
  const spec = gateSpecAt(gate, target.version.version, 'kubelet');
  if (!spec) return undefined;
  const explicit = featureGateAssignments(target)
    .filter((a) => a.name === gate)
    .at(-1);
  return { enabled: spec.locked ? spec.default : (explicit?.value ?? spec.default), explicit };
}

export function checkFeatureGates(target: KubeletTarget): Finding[] {
  const entry = lastEntry(target.entries, 'featureGates');
  if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return [];
  const findings: Finding[] = [];
  if (!isMap(entry.value)) {
    findings.push(
      findingAt(
        target.file,
        entry.value,
        {
          severity: Severity.Error,
          code: 'kubelet/feature-gates-not-a-map',
          message: `json: cannot unmarshal ${jsonTypeWord(entry.value)} into Go struct field KubeletConfiguration.featureGates of type map[string]bool`,
          explanation:
            'The kubelet cannot decode its configuration and exits. featureGates is a map of gate names to true or false, e.g. "KubeletTracing: true".',
        },
        entry.keyNode,
      ),
    );
    return findings;
  }
  for (const gate of mapEntries(entry.value, target.document)) {
    const value = gate.value;
    if (isScalar(value) && typeof value.value === 'boolean') continue;
    findings.push(
      findingAt(
        target.file,
        value,
        {
          severity: Severity.Error,
          code: 'kubelet/feature-gate-not-bool',
          message: `json: cannot unmarshal ${jsonTypeWord(value)} into Go struct field KubeletConfiguration.featureGates of type bool`,
          explanation: `The kubelet cannot decode its configuration and exits. Write ${gate.key}: true or ${gate.key}: false, unquoted.`,
          data: { replacements: ['true', 'false'] },
        },
        gate.keyNode,
      ),
    );
  }
  findings.push(
    ...checkGateAssignments(featureGateAssignments(target), {
      file: target.file,
      version: target.version,
      component: 'kubelet',
      prints: kubeletFeatureGatesErrorReport(target.version.version),
    }),
  );
  return findings;
}

/** encoding/json's word for a value's JSON type in UnmarshalTypeError ("string", "number", "array", "object"). */
export function jsonTypeWord(node: unknown): string {
  if (isMap(node)) return 'object';
  if (isScalar(node)) {
    if (typeof node.value === 'number') return `number ${String(node.source ?? node.value)}`;
    if (typeof node.value === 'boolean') return 'bool';
    if (node.value === null) return 'null';
    return 'string';
  }
  return 'array';
}
