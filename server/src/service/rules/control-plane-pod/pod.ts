/**
 * Reading a control-plane pod: a Pod (kubeadm's static pods in /etc/kubernetes/manifests) or the pod template
 * of a Deployment, DaemonSet or StatefulSet (hosted control planes), with its kube-apiserver and etcd
 * containers, their flags, volume mounts, the pod's volumes and hostNetwork.
 * Mirrors the shapes of k8s.io/api core/v1 types.go (PodSpec, Container, Volume, VolumeMount) and apps/v1
 * (`spec.template.spec`); kubeadm's layout is cmd/kubeadm/app/phases/controlplane/manifests.go.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { KubeTracingSettings } from '../../../../../common/src/settings';
import { resolveKubernetesVersion, splitImageReference, type KubernetesVersionInForce } from '../../versions';
import { deref, lastEntry, mapEntries, type AstNode, type MapEntry } from '../../yaml/nodes';
import type { ParsedDocument, ParsedFile } from '../../yaml/parse';
import { isEtcdBoolFlag } from '../etcd/facts';
import { argvItems, extractFlags, type ArgvItem, type Flag } from './flags';

export type ControlPlaneComponent = 'kube-apiserver' | 'etcd';

const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Image repositories by last path segment; `-amd64` style suffixes are the old per-architecture images (k8s.gcr.io/etcd-amd64). */
const IMAGE_NAME = /^(kube-apiserver|etcd)(?:-(?:amd64|arm64|arm|ppc64le|s390x))?$/;

/**
 * Boolean flags never take the next item as their value (pflag NoOptDefVal "true"; std flag IsBoolFlag), so
 * `--flag` followed by a non-flag item must not swallow it. kube-apiserver: the boolean flags that tracing rules or
 * kubeadm's manifests touch (`--allow-privileged`…). etcd: its BoolVar flags as data (schemas/etcd-versions.json
 * `boolFlags` and the tracing bools), the list the etcd rules read the command line with, so the quick fixes
 * (which find flags in `container.flags`) and the diagnostics never disagree about which item is a flag's value.
 */
const KUBE_APISERVER_BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  'allow-privileged',
  'enable-bootstrap-token-auth',
  'anonymous-auth',
  'profiling',
  'enable-aggregator-routing',
  'enable-priority-and-fairness',
  'enable-garbage-collector',
  'enable-logs-handler',
]);

export function isBooleanFlag(component: ControlPlaneComponent, name: string): boolean {
  return component === 'etcd' ? isEtcdBoolFlag(name) : KUBE_APISERVER_BOOLEAN_FLAGS.has(name);
}

export type VolumeSourceType = 'hostPath' | 'configMap' | 'secret' | 'projected' | 'emptyDir' | 'other';

export interface PodVolume {
  name: string;
  nameNode: Scalar | null;
  source: VolumeSourceType;
  /** `hostPath.path` for hostPath volumes. */
  hostPath?: string;
  hostPathNode?: Scalar;
  node: AstNode;
}

export interface VolumeMount {
  /** Position in the container's volumeMounts list (for field paths such as `volumeMounts[2]`). */
  index: number;
  name: string;
  nameNode: Scalar | null;
  mountPath: string;
  mountPathNode: Scalar | null;
  subPath?: string;
  node: AstNode;
}

export interface ControlPlaneContainer {
  component: ControlPlaneComponent;
  /** Position in the pod spec's containers list (for field paths such as `containers[0]`). */
  index: number;
  /** How it was recognized: the binary in command/args, or only the image. */
  recognizedBy: 'command' | 'image';
  name: string;
  node: AstNode;
  entries: MapEntry[];
  image: string | undefined;
  imageNode: Scalar | null;
  /** The item naming the binary (`kube-apiserver`, `/usr/local/bin/etcd`), when command/args start with it. */
  binaryItem: ArgvItem | undefined;
  /** False when the command is a shell (`sh -c "…"`): the flags are inside a string we do not split. */
  flagsReadable: boolean;
  flags: Flag[];
  volumeMounts: VolumeMount[];
  /** The `volumeMounts` key, for findings about a missing mount; null when absent. */
  volumeMountsKey: Scalar | null;
  /** The Kubernetes version for this container: the setting, else (kube-apiserver only) its image tag, else the latest. */
  kubernetesVersion: KubernetesVersionInForce;
}

export interface ControlPlanePod {
  file: ParsedFile;
  document: ParsedDocument;
  kind: string;
  /** A bare Pod: in kubeadm's layout, a static pod the kubelet runs from /etc/kubernetes/manifests. */
  isPod: boolean;
  /** The pod spec's field path as Kubernetes validation prints it: `spec` or `spec.template.spec`. */
  specPath: string;
  hostNetwork: boolean;
  hostNetworkNode: Scalar | null;
  /** `spec.dnsPolicy` (`ClusterFirstWithHostNet` lets a hostNetwork pod use cluster DNS), undefined when unset. */
  dnsPolicy: string | undefined;
  volumes: PodVolume[];
  /** The `volumes` key, for findings about a missing volume; null when absent. */
  volumesKey: Scalar | null;
  /** The pod spec's `containers` key, for findings about the pod as a whole. */
  containersKey: Scalar | null;
  containers: ControlPlaneContainer[];
  /** Volume names mounted by any container or init container of the pod, recognized or not. */
  mountedVolumeNames: ReadonlySet<string>;
  /** Set when the pod was synthesized from a cluster config (kubeadm, kind, Cluster API, k3s): see synthesized.ts. */
  form?: ClusterForm;
}

/** A cluster config a pod was synthesized from, for explanations that say what to change in that file. */
export interface ClusterForm {
  /** e.g. `kubeadm ClusterConfiguration`. */
  name: string;
  /** How to bring a file at `directory` into the component, in that file's words. */
  mountAdvice(component: ControlPlaneComponent, directory: string): string;
  /**
   * Where the node's file at `nodePath` comes from when the config says so: `in-config` when the config writes it
   * itself (Cluster API `files`), a workspace path when the config names the file it copies (kind `extraMounts`);
   * undefined when it is the node's own file, looked for in the workspace as for a manifest.
   */
  sourceOf?(nodePath: string): 'in-config' | { workspacePath: string } | undefined;
}

function stringValue(node: AstNode | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function scalarOrNull(node: AstNode | null | undefined): Scalar | null {
  return isScalar(node) ? node : null;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The component an image is, from its repository's last segment (`registry.k8s.io/kube-apiserver:v1.31.0`). */
export function componentOfImage(image: string | undefined): ControlPlaneComponent | undefined {
  if (!image) return undefined;
  const match = IMAGE_NAME.exec(basename(splitImageReference(image).repository));
  return match ? (match[1] as ControlPlaneComponent) : undefined;
}

/** The pod spec mapping of a Pod or of a workload's pod template, or null when the document is neither. */
export function podSpecOf(document: ParsedDocument): { kind: string; spec: AstNode } | null {
  const doc = document.document;
  const root = doc.contents;
  if (!isMap(root)) return null;
  const entries = mapEntries(root, doc);
  const kind = stringValue(lastEntry(entries, 'kind')?.value);
  if (!kind) return null;
  const spec = lastEntry(entries, 'spec')?.value ?? null;
  if (kind === 'Pod') return isMap(spec) ? { kind, spec } : null;
  if (!WORKLOAD_KINDS.has(kind)) return null;
  const template = lastEntry(mapEntries(spec, doc), 'template')?.value ?? null;
  const templateSpec = lastEntry(mapEntries(template, doc), 'spec')?.value ?? null;
  return isMap(templateSpec) ? { kind, spec: templateSpec } : null;
}

/**
 * The pod read last from each parsed document. recognize() and validate() read the same document back to back, and
 * an assist request asks once per finding, so the read is done once here rather than in one cache per caller. A
 * parsed document may outlive one validation (incremental parsing reuses it in a new file), so the file and the
 * version setting (the only setting the read uses) must match too.
 */
const readPods = new WeakMap<ParsedDocument, { file: ParsedFile; setting: string | undefined; pod: ControlPlanePod | null }>();

/** The control-plane pod in a document, or null when no container is kube-apiserver or etcd. */
export function readControlPlanePod(
  document: ParsedDocument,
  file: ParsedFile,
  settings: Pick<KubeTracingSettings, 'kubernetesVersion'>,
): ControlPlanePod | null {
  const setting = settings.kubernetesVersion;
  const cached = readPods.get(document);
  if (cached && cached.file === file && cached.setting === setting) return cached.pod;
  const pod = readPodUncached(document, file, settings);
  readPods.set(document, { file, setting, pod });
  return pod;
}

function readPodUncached(
  document: ParsedDocument,
  file: ParsedFile,
  settings: Pick<KubeTracingSettings, 'kubernetesVersion'>,
): ControlPlanePod | null {
  const found = podSpecOf(document);
  if (!found) return null;
  const doc = document.document;
  const specEntries = mapEntries(found.spec, doc);
  const containersEntry = lastEntry(specEntries, 'containers');
  const containerNodes = isSeq(containersEntry?.value) ? containersEntry!.value.items : [];
  const containers: ControlPlaneContainer[] = [];
  for (const [index, item] of containerNodes.entries()) {
    // go-yaml expands aliases, so `- *apiserver` is a container too (read at its anchor).
    const container = readContainer(deref(item, doc), index, document, file, settings);
    if (container) containers.push(container);
  }
  if (containers.length === 0) return null;
  const mountedVolumeNames = new Set<string>();
  for (const listName of ['containers', 'initContainers']) {
    const list = lastEntry(specEntries, listName)?.value;
    for (const item of isSeq(list) ? list.items : []) {
      const mounts = lastEntry(mapEntries(item as AstNode, doc), 'volumeMounts')?.value;
      for (const mount of isSeq(mounts) ? mounts.items : []) {
        const name = stringValue(lastEntry(mapEntries(mount as AstNode, doc), 'name')?.value);
        if (name) mountedVolumeNames.add(name);
      }
    }
  }

  const hostNetworkEntry = lastEntry(specEntries, 'hostNetwork');
  const hostNetworkNode = scalarOrNull(hostNetworkEntry?.value);
  const volumesEntry = lastEntry(specEntries, 'volumes');
  return {
    file,
    document,
    kind: found.kind,
    isPod: found.kind === 'Pod',
    specPath: found.kind === 'Pod' ? 'spec' : 'spec.template.spec',
    hostNetwork: hostNetworkNode?.value === true,
    hostNetworkNode,
    dnsPolicy: stringValue(lastEntry(specEntries, 'dnsPolicy')?.value),
    volumes: isSeq(volumesEntry?.value) ? volumesEntry!.value.items.flatMap((node) => readVolume(deref(node, doc), document)) : [],
    volumesKey: volumesEntry?.keyNode ?? null,
    containersKey: containersEntry?.keyNode ?? null,
    containers,
    mountedVolumeNames,
  };
}

function readContainer(
  node: AstNode | null,
  index: number,
  document: ParsedDocument,
  file: ParsedFile,
  settings: Pick<KubeTracingSettings, 'kubernetesVersion'>,
): ControlPlaneContainer | null {
  const doc = document.document;
  if (!isMap(node)) return null;
  const entries = mapEntries(node, doc);
  const imageNode = scalarOrNull(lastEntry(entries, 'image')?.value);
  const image = stringValue(imageNode);
  const command = argvItems(lastEntry(entries, 'command')?.value, 'command');
  const args = argvItems(lastEntry(entries, 'args')?.value, 'args');
  // The binary is command[0]; with no command, the image's entrypoint runs and args[0] may still name the binary.
  const first = command.length > 0 ? command[0] : args[0];
  const firstName = first ? basename(first.text) : '';
  const byCommand = firstName === 'kube-apiserver' || firstName === 'etcd' ? (firstName as ControlPlaneComponent) : undefined;
  const byImage = componentOfImage(image);
  const component = byCommand ?? byImage;
  if (!component) return null;
  const shell = command.length > 0 && SHELLS.has(basename(command[0]!.text));
  const binaryItem = byCommand ? first : undefined;
  const argv = [...command, ...args].filter((item) => item !== binaryItem);
  const volumeMountsEntry = lastEntry(entries, 'volumeMounts');
  return {
    component,
    index,
    recognizedBy: byCommand ? 'command' : 'image',
    name: stringValue(lastEntry(entries, 'name')?.value) ?? '',
    node,
    entries,
    image,
    imageNode,
    binaryItem,
    flagsReadable: !shell,
    flags: shell ? [] : extractFlags(file, argv, (name) => isBooleanFlag(component, name)),
    volumeMounts: isSeq(volumeMountsEntry?.value)
      ? volumeMountsEntry!.value.items.flatMap((item, mountIndex) => readVolumeMount(deref(item, doc), mountIndex, document))
      : [],
    volumeMountsKey: volumeMountsEntry?.keyNode ?? null,
    kubernetesVersion: resolveKubernetesVersion(settings.kubernetesVersion, component === 'kube-apiserver' ? { image } : {}),
  };
}

const VOLUME_SOURCES: readonly VolumeSourceType[] = ['hostPath', 'configMap', 'secret', 'projected', 'emptyDir'];

function readVolume(node: AstNode | null, document: ParsedDocument): PodVolume[] {
  const doc = document.document;
  if (!isMap(node)) return [];
  const entries = mapEntries(node, doc);
  const nameNode = scalarOrNull(lastEntry(entries, 'name')?.value);
  const source = VOLUME_SOURCES.find((type) => lastEntry(entries, type)) ?? 'other';
  const volume: PodVolume = { name: stringValue(nameNode) ?? '', nameNode, source, node };
  if (source === 'hostPath') {
    const pathNode = scalarOrNull(lastEntry(mapEntries(lastEntry(entries, 'hostPath')!.value, doc), 'path')?.value);
    const path = stringValue(pathNode);
    if (path !== undefined && pathNode) {
      volume.hostPath = path;
      volume.hostPathNode = pathNode;
    }
  }
  return [volume];
}

function readVolumeMount(node: AstNode | null, index: number, document: ParsedDocument): VolumeMount[] {
  if (!isMap(node)) return [];
  const entries = mapEntries(node, document.document);
  const nameNode = scalarOrNull(lastEntry(entries, 'name')?.value);
  const mountPathNode = scalarOrNull(lastEntry(entries, 'mountPath')?.value);
  const subPath = stringValue(lastEntry(entries, 'subPath')?.value);
  return [
    {
      index,
      name: stringValue(nameNode) ?? '',
      nameNode,
      mountPath: stringValue(mountPathNode) ?? '',
      mountPathNode,
      ...(subPath !== undefined ? { subPath } : {}),
      node,
    },
  ];
}
