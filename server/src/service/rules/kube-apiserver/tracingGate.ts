/**
 * Whether the `APIServerTracing` gate lets `--tracing-config-file` take effect.
 * Mirrors k/k pkg/controlplane/apiserver/config.go BuildGenericConfig (cmd/kube-apiserver/app/server.go before it):
 * `if utilfeature.DefaultFeatureGate.Enabled(genericfeatures.APIServerTracing) { s.Traces.ApplyTo(...) }`.
 * With the gate off the file is silently ignored (only its existence is checked), so there is no Kubernetes
 * message to quote: the finding says what happens. The gate's stage, default and lock per minor come from
 * schemas/feature-gates.json (alpha/off 1.22–1.26, beta/on 1.27–1.33, GA locked 1.34–1.36, gone in 1.37).
 * A locked or unknown gate is the feature-gates rules' business (an error there), not repeated here.
 * `AllAlpha=true` / `AllBeta=true` (component-base featuregate special gates) turn it on as well.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { formatMinor, kubeApiserverFacts } from '../../versions';
import { gateSpecAt } from '../feature-gates';
import { checkedAgainst, emulatedVersion, explicitGate, flag, type ApiserverTarget } from './target';

const GATE = kubeApiserverFacts.tracingGate;

export function checkTracingGate(target: ApiserverTarget): Finding[] {
  const configFlag = flag(target, kubeApiserverFacts.tracingConfigFileFlag.name);
  if (!configFlag || !configFlag.value || configFlag.dashes !== '--') return [];
  // With --emulated-version a 1.34–1.36 binary judges the gate as 1.33 did: beta and unlocked (rules §2.3).
  const judged = emulatedVersion(target) ?? target.version.version;
  const spec = gateSpecAt(GATE, target.version.version, 'kube-apiserver') && gateSpecAt(GATE, judged, 'kube-apiserver');
  if (!spec || spec.locked) return [];
  const explicit = explicitGate(target, GATE);
  // featuregate's special gates: AllAlpha / AllBeta set every alpha / beta gate not set by name.
  const allOfStage =
    spec.stage === 'alpha' ? explicitGate(target, 'AllAlpha') : spec.stage === 'beta' ? explicitGate(target, 'AllBeta') : undefined;
  const enabled = explicit?.value ?? allOfStage?.value ?? spec.default;
  if (enabled) return [];
  const k8s = formatMinor(judged) + (judged === target.version.version ? '' : ' (emulated)');
  if (explicit) {
    return [
      findingAtOffsets(target.file, explicit.nameStart, explicit.valueEnd, {
        severity: Severity.Warning,
        code: 'kube-apiserver/tracing-gate-disabled',
        message: `${GATE}=false: kube-apiserver ignores --tracing-config-file and does not trace`,
        explanation: `kube-apiserver starts but never reads the tracing configuration, and logs nothing about it: with ${GATE} off it skips the tracing setup. In ${k8s} the gate is ${spec.stage} with default ${spec.default}; remove ${GATE}=false (or set it to true) to trace. ${checkedAgainst(target)}`,
        data: { setFeatureGate: `${GATE}=true` },
      }),
    ];
  }
  return [
    findingAtOffsets(target.file, configFlag.nameStart, configFlag.nameEnd, {
      severity: Severity.Warning,
      code: 'kube-apiserver/tracing-gate-off',
      message: `--tracing-config-file is ignored: feature gate ${GATE} is ${spec.stage} and off by default in ${k8s}`,
      explanation: `kube-apiserver starts but never reads the tracing configuration, and logs nothing about it. Add --feature-gates=${GATE}=true (or add ${GATE}=true to the existing --feature-gates list) to trace. ${checkedAgainst(target)}`,
      data: { addFeatureGate: `${GATE}=true` },
    }),
  ];
}

/** kube-apiserver never reads its --tracing-config-file: the gate is off (exactly when checkTracingGate warns). */
export function ignoresTracingConfigFile(target: ApiserverTarget): boolean {
  return checkTracingGate(target).length > 0;
}
