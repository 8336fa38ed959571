/**
 * Reading a kind `Cluster` (kind.x-k8s.io/v1alpha4) into what kind hands kubeadm: kind writes a kubeadm config
 * (sigs.k8s.io/kind pkg/cluster/internal/kubeadm/config.go: `featureGates` become kube-apiserver's
 * `feature-gates` extra argument, `Name=true,…` sorted by name, and the KubeletConfiguration's `featureGates`),
 * then applies `kubeadmConfigPatches` — the cluster's, then the node's — matched by kind (and apiVersion when the
 * patch names one) as merge patches, except that `extraArgs` are merged by name (pkg/internal/patch
 * kubeadm_merge.go: a name already there is updated in place, a new one appended, a null value removes it).
 * The Kubernetes version is the control-plane node image's tag (`kindest/node:v1.31.2`).
 */
import { isMap, isScalar } from 'yaml';
import type { ParsedFile } from '../../yaml/parse';
import type { SourcedText } from '../../text/sourceMap';
import { kubernetesMinorFromImage, type MinorVersion } from '../../versions';
import { embeddedDocuments } from '../../yaml/embedded';
import type { AstNode, MapEntry } from '../../yaml/nodes';
import { entriesOf, itemsOf, sourceSpan, sourcedScalar, stringAt, valueAt, type DocumentView } from '../../yaml/sourced';
import type { SynthesizedArg, SynthesizedMount } from '../control-plane-pod/synthesized';
import { kubeadmApiVersion, listArgs, readClusterConfiguration, type ClusterConfiguration } from '../kubeadm/read';
import { kubeletFeatureGateArgs } from '../kubeadm/kubeletArgs';

export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4';

export interface KindGate {
  name: SourcedText;
  value: boolean;
  valueNode: SourcedText;
}

export interface KindNode {
  role: string;
  image: SourcedText | undefined;
  /** `containerPath`s mounted from the machine running kind. */
  extraMounts: Array<{ containerPath: string; hostPath: string }>;
  patches: AstNode[];
  anchor: [number, number];
}

export interface KindPatch<T> {
  view: DocumentView;
  root: AstNode | null;
  value: T;
}

export interface KindCluster {
  view: DocumentView;
  gates: KindGate[];
  featureGatesAnchor: [number, number] | undefined;
  nodes: KindNode[];
  /** The bootstrap control-plane node (kind's first), whose kubeadm config starts the control plane. */
  controlPlane: KindNode | undefined;
  /** ClusterConfiguration patches in the order kind applies them to the control-plane node's config. */
  clusterConfigurations: Array<KindPatch<ClusterConfiguration>>;
  /** KubeletConfiguration patches, same order. */
  kubeletConfigurations: Array<KindPatch<null>>;
  /** The kubelet's --feature-gates from Init/JoinConfiguration patches' kubeletExtraArgs. */
  kubeletGateArgs: ReturnType<typeof kubeletFeatureGateArgs>;
  anchor: [number, number];
}

function readNode(view: DocumentView, node: AstNode, anchor: [number, number]): KindNode {
  return {
    role: stringAt(view, node, 'role') ?? 'control-plane',
    image: sourcedScalar(view, valueAt(view, node, 'image')?.value),
    extraMounts: itemsOf(view, valueAt(view, node, 'extraMounts')?.value).flatMap((mount) => {
      const containerPath = stringAt(view, mount, 'containerPath');
      return containerPath ? [{ containerPath, hostPath: stringAt(view, mount, 'hostPath') ?? '' }] : [];
    }),
    patches: itemsOf(view, valueAt(view, node, 'kubeadmConfigPatches')?.value),
    anchor: sourceSpan(view, node) ?? anchor,
  };
}

/** The gates kind reads (map[string]bool: a value that is no boolean makes kind refuse the file, so it is left out). */
function readGates(view: DocumentView, entry: MapEntry | undefined): KindGate[] {
  return entriesOf(view, entry?.value).flatMap((gate) => {
    const name = sourcedScalar(view, gate.keyNode);
    const value = gate.value;
    if (!name || !isScalar(value) || typeof value.value !== 'boolean') return [];
    const valueNode = sourcedScalar(view, value)!;
    return [{ name, value: value.value, valueNode: { ...valueNode, text: String(value.value) } }];
  });
}

export function readKindCluster(file: ParsedFile, view: DocumentView): KindCluster {
  const root = view.document.contents as AstNode | null;
  const anchor = sourceSpan(view, valueAt(view, root, 'kind')?.keyNode) ?? [0, 0];
  const nodesEntry = valueAt(view, root, 'nodes');
  const nodes = itemsOf(view, nodesEntry?.value)
    .filter((node) => isMap(node))
    .map((node) => readNode(view, node, anchor));
  // Without `nodes`, kind creates one control-plane node from its default image.
  const controlPlane = nodesEntry
    ? nodes.find((node) => node.role === 'control-plane')
    : { role: 'control-plane', image: undefined, extraMounts: [], patches: [], anchor };
  const patchNodes = [...itemsOf(view, valueAt(view, root, 'kubeadmConfigPatches')?.value), ...(controlPlane?.patches ?? [])];
  const clusterConfigurations: Array<KindPatch<ClusterConfiguration>> = [];
  const kubeletConfigurations: Array<KindPatch<null>> = [];
  const kubeletGateArgs: KindCluster['kubeletGateArgs'] = [];
  for (const patchNode of patchNodes) {
    if (!isScalar(patchNode)) continue;
    for (const { view: patchView } of embeddedDocuments(file, patchNode)?.documents ?? []) {
      const patchRoot = patchView.document.contents as AstNode | null;
      const kind = stringAt(patchView, patchRoot, 'kind');
      const apiVersion = stringAt(patchView, patchRoot, 'apiVersion');
      if (kind === 'ClusterConfiguration' && (apiVersion === undefined || kubeadmApiVersion(apiVersion))) {
        clusterConfigurations.push({
          view: patchView,
          root: patchRoot,
          value: readClusterConfiguration(patchView, apiVersion === undefined ? undefined : kubeadmApiVersion(apiVersion)),
        });
      } else if (kind === 'KubeletConfiguration' && (apiVersion === undefined || apiVersion.startsWith('kubelet.config.k8s.io/'))) {
        kubeletConfigurations.push({ view: patchView, root: patchRoot, value: null });
      } else if (
        (kind === 'InitConfiguration' || kind === 'JoinConfiguration') &&
        (apiVersion === undefined || kubeadmApiVersion(apiVersion))
      ) {
        const version = apiVersion === undefined ? undefined : kubeadmApiVersion(apiVersion);
        kubeletGateArgs.push(...kubeletFeatureGateArgs(patchView, patchRoot, version === undefined ? undefined : listArgs(version)));
      }
    }
  }
  const featureGates = valueAt(view, root, 'featureGates');
  return {
    view,
    gates: readGates(view, featureGates),
    featureGatesAnchor: sourceSpan(view, featureGates?.keyNode),
    nodes,
    controlPlane,
    clusterConfigurations,
    kubeletConfigurations,
    kubeletGateArgs,
    anchor,
  };
}

/** The node image's Kubernetes minor, or undefined (kind's default image depends on the kind release). */
export function kindMinor(cluster: KindCluster): MinorVersion | undefined {
  return kubernetesMinorFromImage(cluster.controlPlane?.image?.text) ?? undefined;
}

/** kube-apiserver's `--feature-gates` as kind writes it from `featureGates`: `A=true,B=false`, sorted by name. */
export function kindFeatureGatesArg(cluster: KindCluster): SynthesizedArg | undefined {
  const byName = new Map<string, KindGate>();
  for (const gate of cluster.gates) byName.set(gate.name.text, gate); // the last of a duplicate wins, as in a Go map
  const gates = [...byName.values()].sort((a, b) => (a.name.text < b.name.text ? -1 : a.name.text > b.name.text ? 1 : 0));
  if (gates.length === 0) return undefined;
  const pieces: SourcedText[] = [];
  gates.forEach((gate, index) => {
    if (index > 0) pieces.push({ text: ',', start: gates[index - 1]!.valueNode.end, end: gate.name.start });
    pieces.push(gate.name, { text: '=', start: gate.name.end, end: gate.valueNode.start }, gate.valueNode);
  });
  const anchor = cluster.featureGatesAnchor ?? cluster.anchor;
  return {
    name: { text: 'feature-gates', start: anchor[0], end: anchor[1] },
    value: { text: pieces.map((piece) => piece.text).join(''), start: pieces[0]!.start, end: pieces.at(-1)!.end },
    valuePieces: pieces,
  };
}

/** kubeadm's extraArgs merge by name (kind kubeadm_merge.go mergeExtraArgs): update in place, else append. */
export function mergeArgsByName(base: readonly SynthesizedArg[], patch: readonly SynthesizedArg[]): SynthesizedArg[] {
  const merged = [...base];
  for (const arg of patch) {
    const index = merged.findIndex((existing) => existing.name.text === arg.name.text);
    if (index >= 0) merged[index] = arg;
    else merged.push(arg);
  }
  return merged;
}

/** The merged ClusterConfiguration pieces kind's control-plane node runs with. */
export function mergedControlPlane(cluster: KindCluster): {
  apiServerArgs: SynthesizedArg[];
  apiServerVolumes: SynthesizedMount[];
  apiServerAnchor: [number, number];
  etcdArgs: SynthesizedArg[];
  etcdAnchor: [number, number];
  etcdImageTag?: string;
  etcdImageRepository?: string;
  external: boolean;
} {
  const gates = kindFeatureGatesArg(cluster);
  let apiServerArgs: SynthesizedArg[] = gates ? [gates] : [];
  let apiServerVolumes: SynthesizedMount[] = [];
  let apiServerAnchor = cluster.featureGatesAnchor ?? cluster.anchor;
  let etcdArgs: SynthesizedArg[] = [];
  let etcdAnchor = cluster.anchor;
  let etcdImageTag: string | undefined;
  let etcdImageRepository: string | undefined;
  let external = false;
  for (const { view, root, value } of cluster.clusterConfigurations) {
    apiServerArgs = mergeArgsByName(apiServerArgs, value.apiServer.args ?? []);
    // extraVolumes is no special case of kind's merge: a JSON merge patch replaces the list.
    if (valueAt(view, root, 'apiServer', 'extraVolumes')) apiServerVolumes = value.apiServer.volumes;
    if (valueAt(view, root, 'apiServer')) apiServerAnchor = value.apiServer.anchor;
    if (value.etcd) {
      etcdArgs = mergeArgsByName(etcdArgs, value.etcd.args ?? []);
      if (valueAt(view, root, 'etcd', 'local')) etcdAnchor = value.etcd.anchor;
      etcdImageTag = value.etcd.imageTag ?? etcdImageTag;
      etcdImageRepository = value.etcd.imageRepository ?? etcdImageRepository;
    } else external = true;
  }
  return {
    apiServerArgs,
    apiServerVolumes,
    apiServerAnchor,
    etcdArgs,
    etcdAnchor,
    external,
    ...(etcdImageTag ? { etcdImageTag } : {}),
    ...(etcdImageRepository ? { etcdImageRepository } : {}),
  };
}
