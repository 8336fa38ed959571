/**
 * The pods every cluster config stands for (kubeadm, kind, Cluster API, k3s/RKE2), for the questions asked across
 * files: which kube-apiserver mounts a workspace file as its --tracing-config-file, and at which version
 * (rules/kube-apiserver/references.ts). The forms' document types judge the configs themselves.
 */
import type { FileContext } from '../../context';
import type { ParsedDocument } from '../../yaml/parse';
import type { ControlPlanePod } from '../control-plane-pod';
import { synthesizePods } from '../control-plane-pod/synthesized';
import { clusterApiSynthesis } from '../cluster-api';
import { k3sSynthesis } from '../k3s';
import { isKindCluster, kindSynthesis } from '../kind';
import { kubeadmSynthesis } from '../kubeadm';

/** The pods a cluster config document stands for, each with the context its rules read (the synthesized file). */
export function clusterConfigSyntheses(
  document: ParsedDocument,
  context: FileContext,
): Array<{ pod: ControlPlanePod; context: FileContext }> {
  const input =
    kubeadmSynthesis(document, context) ??
    (isKindCluster(document) ? kindSynthesis(document, context).input : undefined) ??
    clusterApiSynthesis(document, context)?.input ??
    k3sSynthesis(document, context);
  return input ? synthesizePods(input) : [];
}

export function clusterConfigPods(document: ParsedDocument, context: FileContext): ControlPlanePod[] {
  return clusterConfigSyntheses(document, context).map(({ pod }) => pod);
}
