/**
 * Reading a kubeadm ClusterConfiguration into the components kubeadm writes static pods for.
 * Mirrors kubeadm's API types (cmd/kubeadm/app/apis/kubeadm/v1beta3, v1beta4, v1 types.go at k8s.io/kubernetes
 * v1.37.2; v1beta2 as of v1.26.15): `extraArgs` is a map[string]string up to v1beta3 and a list of
 * `{name, value}` (duplicates allowed, in order) from v1beta4; `extraVolumes` are HostPathMount
 * `{name, hostPath, mountPath, readOnly, pathType}`; `etcd.local` or `etcd.external`.
 * What kubeadm adds itself: phases/controlplane/volumes.go getHostPathVolumesForTheControlPlane (the
 * certificates dir, /etc/ssl/certs, and the CA folders it mounts when they exist on the node — assumed to exist,
 * so a file there is never called missing) and phases/etcd/local.go (the data dir and certificatesDir/etcd).
 */
import { isMap, isSeq } from 'yaml';
import type { SourcedText } from '../../text/sourceMap';
import { atLeast, parseMinor, type MinorVersion } from '../../versions';
import type { AstNode } from '../../yaml/nodes';
import { entriesOf, itemsOf, sourceSpan, sourcedScalar, stringAt, valueAt, type DocumentView } from '../../yaml/sourced';
import type { SynthesizedArg, SynthesizedComponent, SynthesizedMount } from '../control-plane-pod/synthesized';
import { normalizePath, pathInside } from '../kube-apiserver/mountChain';

export const KUBEADM_GROUP = 'kubeadm.k8s.io';
/** API versions whose `extraArgs` is a list of `{name, value}`. */
const LIST_ARGS_VERSIONS = new Set(['v1beta4', 'v1']);
const KNOWN_VERSIONS = new Set(['v1beta2', 'v1beta3', 'v1beta4', 'v1']);

/** Whether `extraArgs`/`kubeletExtraArgs` are `{name, value}` lists in this kubeadm API version. */
export function listArgs(version: string): boolean {
  return LIST_ARGS_VERSIONS.has(version);
}

export interface ComponentSection {
  /** Undefined when `extraArgs` has the other version's shape: kubeadm refuses the file; we judge no flags. */
  args: SynthesizedArg[] | undefined;
  volumes: SynthesizedMount[];
  anchor: [number, number];
}

export interface ClusterConfiguration {
  /** `v1beta3`, `v1beta4`…; undefined for a kind patch that names none. */
  version: string | undefined;
  kubernetesVersion: SourcedText | undefined;
  apiServer: ComponentSection;
  /** Undefined with `etcd.external`: kubeadm runs no etcd. */
  etcd: (ComponentSection & { imageRepository?: string; imageTag?: string; dataDir: string }) | undefined;
  certificatesDir: string;
  imageRepository: string | undefined;
  anchor: [number, number];
}

/** `kubeadm.k8s.io/v1beta3` → `v1beta3`; undefined for another group or a version kubeadm never had. */
export function kubeadmApiVersion(apiVersion: string | undefined): string | undefined {
  if (!apiVersion?.startsWith(`${KUBEADM_GROUP}/`)) return undefined;
  const version = apiVersion.slice(KUBEADM_GROUP.length + 1);
  return KNOWN_VERSIONS.has(version) ? version : undefined;
}

/** The minor `kubernetesVersion` names: `v1.31.2`, `1.31`, `stable-1.31`; undefined for `stable`, `latest`, `ci/…`. */
export function minorOfKubernetesVersion(text: string): MinorVersion | undefined {
  const label = /^(?:stable|latest)-(\d+\.\d+)$/.exec(text.trim());
  return parseMinor(label ? label[1]! : text) ?? undefined;
}

/**
 * One extra argument per map entry (v1beta3) or list item (v1beta4). `listForm` undefined: by the node's shape (a
 * kind patch without apiVersion, which kind merges by name into whichever form it generated).
 */
export function readExtraArgs(
  view: DocumentView,
  node: AstNode | null | undefined,
  listForm: boolean | undefined,
): SynthesizedArg[] | undefined {
  if (node === null || node === undefined) return [];
  if (listForm === undefined) return readExtraArgs(view, node, isSeq(node));
  if (listForm) {
    if (!isSeq(node)) return isMap(node) ? undefined : [];
    return itemsOf(view, node).flatMap((item) => {
      const name = sourcedScalar(view, valueAt(view, item, 'name')?.value);
      if (!name?.text) return [];
      const valueEntry = valueAt(view, item, 'value');
      const value = sourcedScalar(view, valueEntry?.value) ?? { text: '', start: name.end, end: name.end };
      return [{ name, value }];
    });
  }
  if (!isMap(node)) return isSeq(node) ? undefined : [];
  return entriesOf(view, node).flatMap((entry) => {
    const name = sourcedScalar(view, entry.keyNode);
    if (!name?.text) return [];
    return [{ name, value: sourcedScalar(view, entry.value) ?? { text: '', start: name.end, end: name.end } }];
  });
}

export function readExtraVolumes(view: DocumentView, node: AstNode | null | undefined): SynthesizedMount[] {
  return itemsOf(view, node).flatMap((item) => {
    const hostPath = sourcedScalar(view, valueAt(view, item, 'hostPath')?.value);
    const mountPath = sourcedScalar(view, valueAt(view, item, 'mountPath')?.value);
    if (!hostPath || !mountPath) return [];
    const readOnly = valueAt(view, item, 'readOnly')?.value;
    return [{ name: stringAt(view, item, 'name') ?? '', hostPath, mountPath, readOnly: sourcedScalar(view, readOnly)?.text === 'true' }];
  });
}

/**
 * `version` undefined (a kind patch without apiVersion, Cluster API's embedded copy): each `extraArgs` is read by
 * its shape. `root` is the ClusterConfiguration mapping when it is not the document (Cluster API).
 */
export function readClusterConfiguration(
  view: DocumentView,
  version: string | undefined,
  root: AstNode | null = view.document.contents as AstNode | null,
): ClusterConfiguration {
  const listForm = version === undefined ? undefined : LIST_ARGS_VERSIONS.has(version);
  const anchor = sourceSpan(view, valueAt(view, root, 'kind')?.keyNode) ?? view.toSource(0, 0);
  const section = (...path: string[]): ComponentSection => {
    const entry = valueAt(view, root, ...path);
    return {
      args: readExtraArgs(view, valueAt(view, entry?.value, 'extraArgs')?.value, listForm),
      volumes: readExtraVolumes(view, valueAt(view, entry?.value, 'extraVolumes')?.value),
      anchor: sourceSpan(view, entry?.keyNode) ?? anchor,
    };
  };
  const external = valueAt(view, root, 'etcd', 'external');
  const local = valueAt(view, root, 'etcd', 'local')?.value;
  return {
    version,
    kubernetesVersion: sourcedScalar(view, valueAt(view, root, 'kubernetesVersion')?.value),
    apiServer: section('apiServer'),
    etcd: external
      ? undefined
      : {
          ...section('etcd', 'local'),
          ...optional('imageRepository', stringAt(view, local, 'imageRepository')),
          ...optional('imageTag', stringAt(view, local, 'imageTag')),
          dataDir: stringAt(view, local, 'dataDir') || '/var/lib/etcd',
        },
    certificatesDir: stringAt(view, root, 'certificatesDir') || '/etc/kubernetes/pki',
    imageRepository: stringAt(view, root, 'imageRepository'),
    anchor,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** The CA folders kubeadm mounts into kube-apiserver when the node has them. */
function caFolders(minor: MinorVersion): string[] {
  const pki = atLeast(minor, '1.31') ? ['/etc/pki/ca-trust', '/etc/pki/tls/certs'] : ['/etc/pki'];
  return [...pki, '/etc/ca-certificates', '/usr/share/ca-certificates', '/usr/local/share/ca-certificates'];
}

const hostMount = (name: string, path: string, readOnly = true): SynthesizedMount => ({ name, hostPath: path, mountPath: path, readOnly });

/** What kubeadm mounts into kube-apiserver by itself: the certificates dir, /etc/ssl/certs and the CA folders. */
export function kubeadmApiServerMounts(certificatesDir: string, minor: MinorVersion): SynthesizedMount[] {
  return [
    hostMount('k8s-certs', certificatesDir),
    hostMount('ca-certs', '/etc/ssl/certs'),
    ...caFolders(minor).map((path) => hostMount(path.slice(1).replace(/\//g, '-'), path)),
  ];
}

/** The static pods kubeadm writes for this configuration that carry tracing settings (only those with extra arguments). */
export function kubeadmComponents(config: ClusterConfiguration, minor: MinorVersion): SynthesizedComponent[] {
  const components: SynthesizedComponent[] = [];
  if (config.apiServer.args?.length) {
    components.push({
      component: 'kube-apiserver',
      args: config.apiServer.args,
      mounts: [...kubeadmApiServerMounts(config.certificatesDir, minor), ...config.apiServer.volumes],
      hostNetwork: true,
      anchor: config.apiServer.anchor,
    });
  }
  const etcd = config.etcd;
  if (etcd?.args?.length) {
    const image = etcd.imageTag
      ? `${etcd.imageRepository ?? config.imageRepository ?? 'registry.k8s.io'}/etcd:${etcd.imageTag}`
      : undefined;
    components.push({
      component: 'etcd',
      args: etcd.args,
      mounts: [hostMount('etcd-data', etcd.dataDir, false), hostMount('etcd-certs', `${config.certificatesDir}/etcd`, false)],
      hostNetwork: true,
      anchor: etcd.anchor,
      ...(image ? { image } : {}),
    });
  }
  return components;
}

function pathText(value: SynthesizedMount['hostPath']): string {
  return typeof value === 'string' ? value : value.text;
}

/** Where kube-apiserver's --tracing-config-file lies on the node: the flag (last one), the kubeadm mount holding it, the node path. */
export function tracingConfigOnNode(
  args: readonly SynthesizedArg[],
  mounts: readonly SynthesizedMount[],
): { flag: SynthesizedArg & { value: SourcedText }; mount: SynthesizedMount; nodePath: string } | undefined {
  const flag = [...args].reverse().find((arg) => arg.name.text === 'tracing-config-file');
  const path = flag?.value?.text;
  if (!flag?.value || !path?.startsWith('/')) return undefined;
  let mount: SynthesizedMount | undefined;
  for (const candidate of mounts) {
    if (pathInside(path, pathText(candidate.mountPath)) === undefined) continue;
    if (!mount || normalizePath(pathText(candidate.mountPath)).length > normalizePath(pathText(mount.mountPath)).length) mount = candidate; // the deepest wins
  }
  if (!mount) return undefined;
  const nodePath = normalizePath(`${pathText(mount.hostPath)}/${pathInside(path, pathText(mount.mountPath)) ?? ''}`);
  return { flag: flag as SynthesizedArg & { value: SourcedText }, mount, nodePath };
}
