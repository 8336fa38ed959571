/** Every document type the language service knows, in the order they are asked. */
import type { DocumentType } from './documentType';
import { tracingConfigurationType } from './rules/tracing-configuration';
import { controlPlanePodType } from './rules/control-plane-pod';
import { checkEtcdContainer } from './rules/etcd';
import { kubeletConfigurationType } from './rules/kubelet';
import { checkKubeApiserverContainer, referencedTracingConfigType } from './rules/kube-apiserver';
import { collectorType } from './collector';

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  // A workspace file some kube-apiserver manifest mounts as --tracing-config-file: checked with that apiserver's version.
  referencedTracingConfigType,
  tracingConfigurationType,
  kubeletConfigurationType,
  // Per-container rules: see the contract in rules/control-plane-pod/index.ts.
  controlPlanePodType({ 'kube-apiserver': checkKubeApiserverContainer, etcd: checkEtcdContainer }),
  // OpenTelemetry Collector configs: plain files, ConfigMap blocks, the Operator's resource (collector/index.ts).
  collectorType,
];
