/**
 * kube-apiserver container rules, run by the control-plane pod document type (contract in
 * rules/control-plane-pod/index.ts). One module per concern, in the order kube-apiserver meets them:
 * flag parsing (pflag: unknown flags, missing arguments, --feature-gates syntax and gates), then option
 * validation (the config file exists: the mount chain), then what silently changes behaviour (the gate), then
 * the config file itself when it is in the workspace (cross-file).
 * Each module names the Kubernetes source it mirrors.
 */
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import type { ControlPlaneContainer, ControlPlanePod } from '../control-plane-pod';
import { checkReferencedConfigFile } from './crossFile';
import { checkFeatureGates } from './featureGatesFlag';
import { checkMountChain } from './mountChain';
import { apiserverTarget, type ApiserverTarget } from './target';
import { checkTracingConfigFileFlag } from './tracingConfigFileFlag';
import { checkTracingGate } from './tracingGate';
import { checkUnknownFlags } from './unknownFlags';

const RULES: ReadonlyArray<(target: ApiserverTarget) => Finding[]> = [
  checkUnknownFlags,
  checkTracingConfigFileFlag,
  checkFeatureGates,
  checkMountChain,
  checkTracingGate,
  checkReferencedConfigFile,
];

export { referencedTracingConfigType, versionForReferencedFile } from './crossFile';
export { referencesTo, type TracingConfigReference } from './references';

export function checkKubeApiserverContainer(pod: ControlPlanePod, container: ControlPlaneContainer, context: FileContext): Finding[] {
  if (!container.flagsReadable) return [];
  const target = apiserverTarget(pod, container, context);
  return RULES.flatMap((rule) => rule(target));
}
