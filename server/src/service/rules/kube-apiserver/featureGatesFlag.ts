/**
 * kube-apiserver's `--feature-gates`: every occurrence is parsed and checked (featuregate.Set merges each into
 * the same gate). Mirrors component-base featuregate/feature_gate.go through rules/feature-gates; the gates are
 * those of the container's Kubernetes minor (schemas/feature-gates.json), judged at `--emulated-version` when set.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { checkFeatureGatesFlag } from '../feature-gates';
import { emulatedVersion, featureGatesFlags, featureGatesValue, type ApiserverTarget } from './target';

export function checkFeatureGates(target: ApiserverTarget): Finding[] {
  // Once, not per occurrence: finding the last --emulated-version walks every flag.
  const emulated = emulatedVersion(target);
  return featureGatesFlags(target).flatMap((occurrence) => {
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
    return checkFeatureGatesFlag(value, { file: target.file, version: target.version, component: 'kube-apiserver', ...(emulated ? { emulatedVersion: emulated } : {}) });
  });
}
