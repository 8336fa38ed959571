/**
 * Cluster API's kubeadm control plane: `KubeadmControlPlane` and `KubeadmControlPlaneTemplate`
 * (controlplane.cluster.x-k8s.io), recognized by apiVersion and kind only. The kubeadm ClusterConfiguration it
 * carries (`spec.kubeadmConfigSpec.clusterConfiguration`; in a template under `spec.template.spec`) is what
 * kubeadm runs on each control-plane machine, so it is judged like a kubeadm config (rules/kubeadm), at
 * `spec.version` (Cluster API sets kubeadm's kubernetesVersion from it; a template has none: the topology's
 * version decides). `extraArgs` is read by its shape: a map in v1beta1, a `{name, value}` list in v1beta2.
 * `kubeadmConfigSpec.files` write files onto the machine before kubeadm runs: a file holding a
 * TracingConfiguration, or the one kube-apiserver's --tracing-config-file lands on, is judged as such (files.ts).
 * Mirrors sigs.k8s.io/cluster-api controlplane/kubeadm/api and bootstrap/kubeadm/api (KubeadmConfigSpec, File).
 */
import { isMap, isScalar } from 'yaml';
import type { DocumentType } from '../../documentType';
import { lastEntry, mapEntries, type AstNode } from '../../yaml/nodes';
import { sameFile, sourcedScalar, valueAt, type DocumentView } from '../../yaml/sourced';
import type { ClusterForm, ContainerRulesByComponent } from '../control-plane-pod';
import { checkSynthesizedComponents } from '../control-plane-pod/synthesized';
import { kubeadmVersionInForce } from '../kubeadm';
import { kubeadmComponents, readClusterConfiguration } from '../kubeadm/read';
import { checkTracingConfigFiles } from './files';

const GROUP = 'controlplane.cluster.x-k8s.io/';
const KINDS: Record<string, string[]> = { KubeadmControlPlane: ['spec'], KubeadmControlPlaneTemplate: ['spec', 'template', 'spec'] };

export const clusterApiForm: ClusterForm = {
  name: 'KubeadmControlPlane',
  mountAdvice: (component, directory) =>
    `Add to spec.kubeadmConfigSpec.clusterConfiguration an ${component === 'etcd' ? 'etcd.local' : 'apiServer'}.extraVolumes entry with mountPath ${directory} and, as hostPath, the machine's folder that holds the file (write it with kubeadmConfigSpec.files).`,
};

function kindOf(root: AstNode | null, document: DocumentView['document']): string | undefined {
  if (!isMap(root)) return undefined;
  const entries = mapEntries(root, document);
  const text = (key: string) => {
    const value = lastEntry(entries, key)?.value;
    return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
  };
  const kind = text('kind');
  return text('apiVersion')?.startsWith(GROUP) && kind && KINDS[kind] ? kind : undefined;
}

export function clusterApiControlPlaneType(rules: ContainerRulesByComponent): DocumentType {
  return {
    id: 'cluster-api',
    mightContain: (text) => text.includes(GROUP),
    recognize: (document) => kindOf(document.document.contents as AstNode | null, document.document) !== undefined,
    validate(document, context) {
      const view: DocumentView = { document: document.document, text: context.file.text, toSource: sameFile };
      const root = document.document.contents as AstNode | null;
      const spec = valueAt(view, root, ...KINDS[kindOf(root, document.document)!]!)?.value ?? null;
      const configSpec = valueAt(view, spec, 'kubeadmConfigSpec')?.value ?? null;
      const clusterConfiguration = valueAt(view, configSpec, 'clusterConfiguration')?.value ?? null;
      const config = readClusterConfiguration(view, undefined, clusterConfiguration);
      // spec.version is the version; kubeadm's own kubernetesVersion field is overwritten by Cluster API.
      const version = kubeadmVersionInForce(sourcedScalar(view, valueAt(view, spec, 'version')?.value), context, 'spec.version');
      const findings = checkSynthesizedComponents({ context, components: kubeadmComponents(config, version.version), version, form: clusterApiForm }, rules);
      return [...findings, ...checkTracingConfigFiles({ view, configSpec, config, context, version, apiServerFindings: findings })];
    },
  };
}
