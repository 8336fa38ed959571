/**
 * What every kube-apiserver rule receives: the pod, the container, the version in force for it, and helpers to
 * read its flags the way kube-apiserver's pflag FlagSet does (the last occurrence of a scalar flag wins;
 * `--feature-gates` accumulates, as featuregate.Set merges each occurrence into the same gate).
 */
import type { FileContext } from '../../context';
import {
  atLeast,
  describeVersionSource,
  kubeApiserverFacts,
  parseMinor,
  type KubernetesVersionInForce,
  type MinorVersion,
} from '../../versions';
import type { ParsedFile } from '../../yaml/parse';
import { lastFlag, type ControlPlaneContainer, type ControlPlanePod, type Flag } from '../control-plane-pod';
import { locateFeatureGates, type FeatureGatesValue, type GateAssignment } from '../feature-gates';

export interface ApiserverTarget {
  pod: ControlPlanePod;
  container: ControlPlaneContainer;
  context: FileContext;
  file: ParsedFile;
  version: KubernetesVersionInForce;
}

export function apiserverTarget(pod: ControlPlanePod, container: ControlPlaneContainer, context: FileContext): ApiserverTarget {
  return { pod, container, context, file: pod.file, version: container.kubernetesVersion };
}

export function checkedAgainst(target: ApiserverTarget): string {
  return `Checked against ${describeVersionSource(target.version)}.`;
}

export function flag(target: ApiserverTarget, name: string): Flag | undefined {
  return lastFlag(target.container.flags, name);
}

/** A flag's value as the feature-gate parser wants it, with exact offsets when the source text is the value. */
export function featureGatesValue(target: ApiserverTarget, occurrence: Flag): FeatureGatesValue | undefined {
  if (occurrence.value === undefined) return undefined;
  return {
    value: occurrence.value,
    start: occurrence.valueStart,
    end: occurrence.valueEnd,
    exact:
      occurrence.valueEnd - occurrence.valueStart === occurrence.value.length &&
      target.file.text.slice(occurrence.valueStart, occurrence.valueEnd) === occurrence.value,
    flagName: `--${occurrence.name}`,
  };
}

/**
 * The minor `--emulated-version` asks for (1.31+; `1.33` or `kube=1.33`, other components' entries ignored),
 * or undefined. A value we cannot read is left to kube-apiserver: its exact error is not known here.
 */
export function emulatedVersion(target: ApiserverTarget): MinorVersion | undefined {
  const facts = kubeApiserverFacts.emulatedVersionFlag;
  if (!atLeast(target.version.version, facts.from)) return undefined;
  const value = flag(target, facts.name)?.value;
  if (!value) return undefined;
  for (const item of value.split(',')) {
    const [component, version] = item.includes('=') ? item.split('=', 2).map((s) => s.trim()) : ['kube', item.trim()];
    if (component === 'kube' && version && /^\d+\.\d+$/.test(version)) return parseMinor(version) ?? undefined;
  }
  return undefined;
}

/** Every `--feature-gates` occurrence, in order. */
export function featureGatesFlags(target: ApiserverTarget): Flag[] {
  return target.container.flags.filter((f) => f.name === 'feature-gates');
}

/** The value that takes effect for one gate across all `--feature-gates` occurrences (the last one set), with its location. */
export function explicitGate(target: ApiserverTarget, gate: string): GateAssignment | undefined {
  let found: GateAssignment | undefined;
  for (const occurrence of featureGatesFlags(target)) {
    const value = featureGatesValue(target, occurrence);
    if (!value) continue;
    for (const assignment of locateFeatureGates(value).assignments) if (assignment.name === gate) found = assignment;
  }
  return found;
}
