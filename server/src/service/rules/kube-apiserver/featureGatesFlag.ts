/**
 * kube-apiserver's `--feature-gates`: every occurrence is parsed and checked (before 1.31 pflag hands each to
 * featuregate.Set, which merges it into the same gate; from 1.31 the component globals registry joins them). Mirrors component-base featuregate/feature_gate.go through rules/feature-gates; the gates are
 * those of the container's Kubernetes minor (schemas/feature-gates.json), judged at `--emulated-version` when set.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { featureGatesFlagParser } from '../../versions';
import { checkFeatureGatesAsRegistry, checkFeatureGatesFlag, registryAssignments, type FeatureGatesValue } from '../feature-gates';
import { checkEmulatedVersion } from './emulatedVersion';
import { emulatedVersion, featureGatesFlags, featureGatesValue, type ApiserverTarget } from './target';

export function checkFeatureGates(target: ApiserverTarget): Finding[] {
  // Once, not per occurrence: finding the last --emulated-version walks every flag.
  const emulated = emulatedVersion(target);
  const common = {
    file: target.file,
    version: target.version,
    component: 'kube-apiserver' as const,
    ...(emulated ? { emulatedVersion: emulated } : {}),
  };
  const values: FeatureGatesValue[] = [];
  const findings = featureGatesFlags(target).flatMap((occurrence) => {
    const value = featureGatesValue(target, occurrence);
    if (!value) {
      const message = `flag needs an argument: --${occurrence.name}`;
      return [
        findingAtOffsets(target.file, occurrence.nameStart, occurrence.nameEnd, {
          severity: Severity.Error,
          code: 'kube-apiserver/flag-needs-argument',
          message,
          explanation: `kube-apiserver exits at start-up (Error: ${message}): give a list such as --feature-gates=Name=true,Other=false.`,
        }),
      ];
    }
    values.push(value);
    return [];
  });
  // 1.31+: the component globals registry applies every occurrence at once; before, pflag applies each in turn.
  if (featureGatesFlagParser(target.version.version) === 'component-globals-registry') {
    const gateFindings = [...findings, ...checkFeatureGatesAsRegistry(values, common)];
    return [...gateFindings, ...checkEmulatedVersion(target, gateFindings, registryAssignments(values).assignments)];
  }
  return [...findings, ...values.flatMap((value) => checkFeatureGatesFlag(value, common))];
}
