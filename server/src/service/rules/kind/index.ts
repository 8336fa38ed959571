/**
 * kind cluster configs (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`), recognized by apiVersion and
 * kind only. What kind hands kubeadm (read.ts) is judged through the static pods kubeadm writes from it
 * (rules/control-plane-pod/synthesized.ts) and the KubeletConfiguration kind writes (kubelet.ts), at the
 * control-plane node image's version; and the tracing config file must be on the node (nodeMounts.ts).
 */
import { isMap, isScalar } from 'yaml';
import type { DocumentType } from '../../documentType';
import { resolveKubernetesVersion } from '../../versions';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { sameFile } from '../../yaml/sourced';
import type { ClusterForm, ContainerRulesByComponent } from '../control-plane-pod';
import { checkSynthesizedComponents, type SynthesisInput, type SynthesizedComponent } from '../control-plane-pod/synthesized';
import { kubeadmApiServerMounts } from '../kubeadm/read';
import { normalizePath, pathInside } from '../kube-apiserver/mountChain';
import { checkKindKubelet } from './kubelet';
import { checkTracingConfigOnNode } from './nodeMounts';
import { KIND_API_VERSION, kindMinor, mergedControlPlane, readKindCluster, type KindCluster } from './read';
import type { FileContext } from '../../context';
import type { ParsedDocument } from '../../yaml/parse';

export const kindForm: ClusterForm = {
  name: 'kind cluster config',
  mountAdvice: (component, directory) =>
    `Add a ClusterConfiguration patch to kubeadmConfigPatches with an ${component === 'etcd' ? 'etcd.local' : 'apiServer'}.extraVolumes entry whose mountPath is ${directory}, and bring the file onto the node with the control-plane node's extraMounts.`,
};

/**
 * The machine's file an extraMounts entry of the control-plane node copies to `nodePath` (the deepest mount wins), as
 * a workspace path: a relative hostPath is taken from the config's folder, where kind is usually run.
 */
function extraMountSource(cluster: KindCluster, configPath: string, nodePath: string): { workspacePath: string } | undefined {
  let best: { containerPath: string; hostPath: string } | undefined;
  for (const mount of cluster.controlPlane?.extraMounts ?? []) {
    if (!mount.hostPath || pathInside(nodePath, mount.containerPath) === undefined) continue;
    if (!best || normalizePath(mount.containerPath).length > normalizePath(best.containerPath).length) best = mount;
  }
  if (!best) return undefined;
  const below = pathInside(nodePath, best.containerPath) ?? '';
  const base = best.hostPath.startsWith('/') ? best.hostPath : `${configPath.replace(/\\/g, '/').replace(/\/[^/]*$/, '')}/${best.hostPath}`;
  return { workspacePath: normalizePath(below ? `${base}/${below}` : base) };
}

export function isKindCluster(document: ParsedDocument): boolean {
  const root = document.document.contents;
  if (!isMap(root)) return false;
  const entries = mapEntries(root, document.document);
  const text = (key: string) => {
    const value = lastEntry(entries, key)?.value;
    return isScalar(value) ? value.value : undefined;
  };
  return text('apiVersion') === KIND_API_VERSION && text('kind') === 'Cluster';
}

/** What kind hands kubeadm for the control-plane node, as the pods kubeadm writes from it. */
export function kindSynthesis(
  document: ParsedDocument,
  context: FileContext,
): { input: SynthesisInput; cluster: KindCluster; merged: ReturnType<typeof mergedControlPlane> } {
  const cluster = readKindCluster(context.file, { document: document.document, text: context.file.text, toSource: sameFile });
  const minor = kindMinor(cluster);
  const version = minor
    ? resolveKubernetesVersion(context.options.settings.kubernetesVersion, {
        clusterConfig: { version: minor, detail: `node image ${cluster.controlPlane!.image!.text}` },
      })
    : context.defaultKubernetesVersion;
  const merged = mergedControlPlane(cluster);
  const components: SynthesizedComponent[] = [];
  if (merged.apiServerArgs.length > 0) {
    components.push({
      component: 'kube-apiserver',
      args: merged.apiServerArgs,
      mounts: [...kubeadmApiServerMounts('/etc/kubernetes/pki', version.version), ...merged.apiServerVolumes],
      hostNetwork: true,
      anchor: merged.apiServerAnchor,
    });
  }
  if (merged.etcdArgs.length > 0 && !merged.external) {
    const image = merged.etcdImageTag ? `${merged.etcdImageRepository ?? 'registry.k8s.io'}/etcd:${merged.etcdImageTag}` : undefined;
    components.push({
      component: 'etcd',
      args: merged.etcdArgs,
      mounts: [],
      hostNetwork: true,
      anchor: merged.etcdAnchor,
      ...(image ? { image } : {}),
    });
  }
  return {
    input: {
      context,
      components,
      version,
      form: { ...kindForm, sourceOf: (nodePath) => extraMountSource(cluster, context.path, nodePath) },
    },
    cluster,
    merged,
  };
}

export function kindClusterType(rules: ContainerRulesByComponent): DocumentType {
  return {
    id: 'kind',
    mightContain: (text) => text.includes('kind.x-k8s.io'),
    recognize: isKindCluster,
    assistAs: (document, context) => ({
      typeId: 'kind',
      context: { ...context, defaultKubernetesVersion: kindSynthesis(document, context).input.version },
    }),
    validate(document, context) {
      const { input, cluster, merged } = kindSynthesis(document, context);
      return [
        ...checkSynthesizedComponents(input, rules),
        ...checkKindKubelet(cluster, context, input.version),
        ...checkTracingConfigOnNode(cluster, merged, context, input.version),
      ];
    },
  };
}
