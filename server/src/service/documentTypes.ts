/** Every document type the language service knows, in the order they are asked. */
import type { DocumentType } from './documentType';
import { tracingConfigurationType } from './rules/tracing-configuration';
import { controlPlanePodType } from './rules/control-plane-pod';
import { checkEtcdContainer } from './rules/etcd';
import { kubeletConfigurationType } from './rules/kubelet';
import { checkKubeApiserverContainer, referencedTracingConfigType } from './rules/kube-apiserver';
import { collectorType } from './collector';
import { kubeadmConfigType } from './rules/kubeadm';
import { kindClusterType } from './rules/kind';
import { clusterApiControlPlaneType } from './rules/cluster-api';
import { k3sConfigType } from './rules/k3s';

/** Per-container rules: see the contract in rules/control-plane-pod/index.ts. Cluster configs feed the same rules. */
const CONTAINER_RULES = { 'kube-apiserver': checkKubeApiserverContainer, etcd: checkEtcdContainer };

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  // A workspace file some kube-apiserver manifest mounts as --tracing-config-file: checked with that apiserver's version.
  referencedTracingConfigType,
  tracingConfigurationType,
  // Cluster configs, judged through the static pods their tool writes (rules/control-plane-pod/synthesized.ts); before
  // the kubelet type, which would otherwise take the KubeletConfiguration a kubeadm file carries without its version.
  kubeadmConfigType(CONTAINER_RULES),
  kindClusterType(CONTAINER_RULES),
  clusterApiControlPlaneType(CONTAINER_RULES),
  k3sConfigType(CONTAINER_RULES),
  kubeletConfigurationType,
  controlPlanePodType(CONTAINER_RULES),
  // OpenTelemetry Collector configs: plain files, ConfigMap blocks, the Operator's resource (collector/index.ts).
  collectorType,
];
