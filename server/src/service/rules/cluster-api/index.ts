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
import { itemsOf, sameFile, sourcedScalar, stringAt, valueAt, type DocumentView } from '../../yaml/sourced';
import { normalizePath } from '../kube-apiserver/mountChain';
import type { ClusterForm, ContainerRulesByComponent } from '../control-plane-pod';
import { checkSynthesizedComponents, type SynthesisInput } from '../control-plane-pod/synthesized';
import type { FileContext } from '../../context';
import type { ParsedDocument } from '../../yaml/parse';
import { kubeadmVersionInForce } from '../kubeadm';
import { kubeadmComponents, readClusterConfiguration } from '../kubeadm/read';
import { checkTracingConfigFiles, type FilesInput } from './files';

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

/** The static pods kubeadm writes on a control-plane machine, and what files.ts needs; undefined for other documents. */
export function clusterApiSynthesis(
  document: ParsedDocument,
  context: FileContext,
): { input: SynthesisInput; files: Pick<FilesInput, 'view' | 'configSpec' | 'config'> } | undefined {
  const root = document.document.contents as AstNode | null;
  const kind = kindOf(root, document.document);
  if (!kind) return undefined;
  const view: DocumentView = { document: document.document, text: context.file.text, toSource: sameFile };
  const spec = valueAt(view, root, ...KINDS[kind]!)?.value ?? null;
  const configSpec = valueAt(view, spec, 'kubeadmConfigSpec')?.value ?? null;
  const config = readClusterConfiguration(view, undefined, valueAt(view, configSpec, 'clusterConfiguration')?.value ?? null);
  // spec.version is the version; kubeadm's own kubernetesVersion field is overwritten by Cluster API.
  const version = kubeadmVersionInForce(sourcedScalar(view, valueAt(view, spec, 'version')?.value), context, 'spec.version');
  // A file kubeadmConfigSpec.files writes is the config's own: no workspace file stands for it (files.ts judges it).
  const written = new Set(
    itemsOf(view, valueAt(view, configSpec, 'files')?.value)
      .flatMap((file) => stringAt(view, file, 'path') ?? [])
      .map(normalizePath),
  );
  const form: ClusterForm = { ...clusterApiForm, sourceOf: (nodePath) => (written.has(normalizePath(nodePath)) ? 'in-config' : undefined) };
  return { input: { context, components: kubeadmComponents(config, version.version), version, form }, files: { view, configSpec, config } };
}

export function clusterApiControlPlaneType(rules: ContainerRulesByComponent): DocumentType {
  return {
    id: 'cluster-api',
    mightContain: (text) => text.includes(GROUP),
    recognize: (document) => kindOf(document.document.contents as AstNode | null, document.document) !== undefined,
    assistAs: (document, context) => ({
      typeId: 'cluster-api',
      context: {
        ...context,
        defaultKubernetesVersion: clusterApiSynthesis(document, context)?.input.version ?? context.defaultKubernetesVersion,
      },
    }),
    validate(document, context) {
      const synthesis = clusterApiSynthesis(document, context);
      if (!synthesis) return [];
      const findings = checkSynthesizedComponents(synthesis.input, rules);
      return [
        ...findings,
        ...checkTracingConfigFiles({ ...synthesis.files, context, version: synthesis.input.version, apiServerFindings: findings }),
      ];
    },
  };
}
