/**
 * Judging feature-gate assignments against the gates a Kubernetes minor registers.
 * Mirrors component-base featuregate/feature_gate.go `SetFromMap` (unsafeSetFromMap from 1.31):
 * unknown name → `unrecognized feature gate: %s`; LockToDefault and a different value →
 * `cannot set feature gate %v to %v, feature is locked to %v`; GA or deprecated → only a logged warning;
 * from 1.35, an enabled gate whose dependencies are off → `%s is enabled, but depends on features that are disabled: %v`.
 * Shared by kube-apiserver's `--feature-gates` and the kubelet's `featureGates:` map, which reach the same call.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import {
  atLeast,
  defaultMinCompatibilityVersion,
  describeVersionSource,
  formatMinor,
  pickRange,
  featureGateSetWarnings,
  PRE_ALPHA_MIN_COMPATIBILITY_FROM,
  type KubernetesVersionInForce,
  type MinorVersion,
} from '../../versions';
import type { ParsedFile } from '../../yaml/parse';
import type { GateAssignment } from './parse';
import { effectiveAssignments } from './parse';
import {
  closestGate,
  featureGateTableCovers,
  gateDependenciesAt,
  gateLifetime,
  gateSpecAt,
  gateSpecAtEmulated,
  gatesWithDependenciesAt,
  isLastCoveredMinor,
  type GateSpec,
} from './table';

export interface GateCheckTarget {
  file: ParsedFile;
  version: KubernetesVersionInForce;
  component: 'kube-apiserver' | 'kubelet';
  /**
   * What the component prints for featuregate's error, e.g. pflag's
   * `invalid argument "A=b" for "--feature-gates" flag: <message>` (kube-apiserver before 1.31), the bare message
   * (1.31+, the component globals registry), or the kubelet's report of its featureGates map.
   */
  prints: (message: string) => string;
  /**
   * `--emulated-version` (1.31+): gates are judged by their spec at that minor (featureSpecAtEmulationAndMinCompatVersion);
   * a gate the binary knows but the emulated minor did not have is PreAlpha there and cannot be set.
   */
  emulatedVersion?: MinorVersion;
}

/** `assignments` carry FILE offsets here (the flag parser's relative offsets shifted by the caller). */
export function checkGateAssignments(assignments: readonly GateAssignment[], target: GateCheckTarget): Finding[] {
  const version = target.version.version;
  if (!featureGateTableCovers(version)) return [];
  const emulated = target.emulatedVersion && featureGateTableCovers(target.emulatedVersion) ? target.emulatedVersion : undefined;
  const judged = emulated ?? version;
  const findings: Finding[] = [];
  const k8s = describeVersionSource(target.version);
  const exits = (message: string) => `${target.component} exits at start-up: ${target.prints(message)}. Checked against ${k8s}.`;
  const effective = effectiveAssignments(assignments);
  const explicit = new Map(effective.map((a) => [a.name, a]));

  // With --emulated-version, gates are judged by the binary's versioned specs at that minor.
  const minCompatibility = emulated ? defaultMinCompatibilityVersion(version, emulated) : undefined;
  const specAt = (name: string): GateSpec | 'pre-alpha' | undefined =>
    emulated ? gateSpecAtEmulated(name, version, emulated, minCompatibility!) : gateSpecAt(name, version, target.component);

  for (const assignment of effective) {
    const { name, value } = assignment;
    const judgedSpec = specAt(name);
    if (judgedSpec === 'pre-alpha' && emulated) {
      const message = preAlphaMessage(name, value, version, emulated);
      findings.push(
        findingAtOffsets(target.file, assignment.nameStart, assignment.valueEnd, {
          severity: Severity.Error,
          code: 'feature-gates/pre-alpha-at-emulated-version',
          message,
          explanation: `${exits(message)} ${name} is newer than the emulated Kubernetes ${formatMinor(emulated)}: remove it, or raise --emulated-version.`,
        }),
      );
      continue;
    }
    const spec = judgedSpec === 'pre-alpha' ? undefined : judgedSpec;
    if (!spec) {
      const message = `unrecognized feature gate: ${name}`;
      const suggestion = closestGate(name, version, target.component);
      findings.push(
        findingAtOffsets(target.file, assignment.nameStart, assignment.nameEnd, {
          severity: Severity.Error,
          code: 'feature-gates/unrecognized',
          message,
          explanation: [exits(message), lifetimeNote(name), suggestion ? `Did you mean ${suggestion}?` : ''].filter(Boolean).join(' '),
          data: suggestion ? { replacement: suggestion } : undefined,
        }),
      );
      continue;
    }
    if (spec.locked && spec.default !== value) {
      const message = `cannot set feature gate ${name} to ${value}, feature is locked to ${spec.default}`;
      findings.push(
        findingAtOffsets(target.file, assignment.valueStart, assignment.valueEnd, {
          severity: Severity.Error,
          code: 'feature-gates/locked',
          message,
          explanation: `${exits(message)} ${name} is GA and locked to ${spec.default} in ${formatMinor(judged)}${emulated ? ' (emulated)' : ''}: remove it from the list.`,
          data: { removeAssignment: true },
        }),
      );
      continue;
    }
    if (spec.stage === 'stable' || spec.stage === 'deprecated') {
      const template = pickRange(featureGateSetWarnings, version)?.[spec.stage === 'stable' ? 'ga' : 'deprecated'];
      if (!template) continue;
      const changesNothing = value === spec.default;
      findings.push(
        findingAtOffsets(target.file, assignment.nameStart, assignment.valueEnd, {
          severity: Severity.Information,
          code: 'feature-gates/ga-or-deprecated',
          message: template.replace('%s', name).replace('%t', String(value)),
          explanation: `${target.component} starts and logs this warning. ${name} is ${spec.stage === 'stable' ? 'GA' : 'deprecated'} in ${formatMinor(judged)}${emulated ? ' (emulated)' : ''} with default ${spec.default}${changesNothing ? ', so this setting changes nothing' : ''}; once the gate is removed, setting it stops ${target.component} with "unrecognized feature gate".`,
        }),
      );
    }
  }
  if (findings.some((f) => f.severity === Severity.Error)) return findings; // Go checks dependencies only after the gates set cleanly
  return [
    ...findings,
    ...dependencyFindings(explicit, target, (name) => {
      const spec = specAt(name);
      return spec === 'pre-alpha' ? undefined : spec;
    }),
  ];
}

/**
 * component-base 1.31–1.34: `cannot set feature gate %v to %v, feature is PreAlpha at emulated version %s`; from
 * 1.35 it adds `, min compatibility version %s` (oracle/feature-gates vectors).
 */
function preAlphaMessage(name: string, value: boolean, binary: MinorVersion, emulated: MinorVersion): string {
  const base = `cannot set feature gate ${name} to ${value}, feature is PreAlpha at emulated version ${formatMinor(emulated)}`;
  return atLeast(binary, PRE_ALPHA_MIN_COMPATIBILITY_FROM)
    ? `${base}, min compatibility version ${formatMinor(defaultMinCompatibilityVersion(binary, emulated))}`
    : base;
}

function lifetimeNote(name: string): string {
  const lifetime = gateLifetime(name);
  if (!lifetime) return '';
  const removed = isLastCoveredMinor(lifetime.last) ? '' : ` up to ${lifetime.last}`;
  return `${name} is registered from Kubernetes ${lifetime.first}${removed}.`;
}

/**
 * component-base (1.35+): every enabled gate (explicitly or by default) must have all its dependencies enabled.
 * The dependencies are the binary's (they carry no versions); enabled-ness by the spec in force (at the emulated minor).
 */
function dependencyFindings(
  explicit: ReadonlyMap<string, GateAssignment>,
  target: GateCheckTarget,
  specAt: (name: string) => GateSpec | undefined,
): Finding[] {
  const binary = target.version.version;
  const enabled = (name: string) => explicit.get(name)?.value ?? specAt(name)?.default ?? false;
  const findings: Finding[] = [];
  for (const feature of gatesWithDependenciesAt(binary)) {
    if (!enabled(feature)) continue;
    const disabled = gateDependenciesAt(feature, binary).filter((dependency) => !enabled(dependency));
    if (disabled.length === 0) continue;
    // Only what this list caused: the gate turned on here, or a dependency turned off here.
    const cause =
      explicit.get(feature)?.value === true ? explicit.get(feature) : disabled.map((d) => explicit.get(d)).find((a) => a?.value === false);
    if (!cause) continue;
    const message = `${feature} is enabled, but depends on features that are disabled: [${disabled.join(' ')}]`;
    findings.push(
      findingAtOffsets(target.file, cause.nameStart, cause.valueEnd, {
        severity: Severity.Error,
        code: 'feature-gates/disabled-dependency',
        message,
        explanation: `${target.component} exits at start-up: ${target.prints(message)}. Enable ${disabled.join(' and ')} too, or leave ${feature} off. Checked against ${describeVersionSource(target.version)}.`,
      }),
    );
  }
  return findings;
}
