/**
 * Which workspace file is the tracing config of which kube-apiserver, in both directions:
 * - from a manifest: the flag's path → the mount holding it → the volume → for a hostPath volume, the file on the
 *   node (`hostPath.path` + the path below the mount); a workspace file matches when its path ends with that node
 *   path, else when its name is that file name (the one next to the manifest first);
 * - from a file: every kube-apiserver manifest in the workspace whose reference lands on it.
 * Mirrors how the kubelet mounts volumes (k8s.io/api core/v1 VolumeMount.mountPath/subPath, HostPathVolumeSource).
 * Manifests are re-read only when their text changes.
 */
import type { ValidationOptions, WorkspaceFiles } from '../../context';
import type { KubernetesVersionInForce } from '../../versions';
import { atLeast, kubeApiserverFacts, kubernetesVersionFromSetting } from '../../versions';
import { clusterConfigPods } from '../cluster-configs';
import { parseFileMentioning } from '../../yaml/parse';
import { lastFlag, readControlPlanePod, type ControlPlaneContainer, type ControlPlanePod, type Flag } from '../control-plane-pod';
import { mountHolding, normalizePath, pathInside } from './mountChain';

export interface TracingConfigReference {
  /** The manifest holding the kube-apiserver container. */
  manifestPath: string;
  pod: ControlPlanePod;
  container: ControlPlaneContainer;
  /** The `--tracing-config-file` flag. */
  flag: Flag;
  /** The file on the node, for hostPath volumes. */
  nodePath?: string;
  /** The file name the workspace is searched for when the node path does not match. */
  fileName: string;
  /** The workspace file the cluster config copies onto the node (kind `extraMounts`): that one, or none. */
  workspacePath?: string;
  version: KubernetesVersionInForce;
}

const FLAG_NAME = kubeApiserverFacts.tracingConfigFileFlag.name;

/** The reference a kube-apiserver container makes, or undefined without a usable `--tracing-config-file`. */
export function referenceOf(
  manifestPath: string,
  pod: ControlPlanePod,
  container: ControlPlaneContainer,
): TracingConfigReference | undefined {
  if (container.component !== 'kube-apiserver' || !container.flagsReadable) return undefined;
  const flag = lastFlag(container.flags, FLAG_NAME);
  const path = flag?.value;
  if (!flag || flag.dashes !== '--' || !path) return undefined;
  if (!atLeast(container.kubernetesVersion.version, kubeApiserverFacts.tracingConfigFileFlag.from)) return undefined;
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  if (!fileName) return undefined;
  const reference: TracingConfigReference = { manifestPath, pod, container, flag, fileName, version: container.kubernetesVersion };
  const mount = path.startsWith('/') ? mountHolding(path, container.volumeMounts) : undefined;
  const volume = mount && pod.volumes.find((v) => v.name === mount.name);
  if (mount && volume?.hostPath) {
    const below = pathInside(path, mount.mountPath) ?? '';
    // With subPath the mount shows one entry of the volume; without, the volume's root.
    const base = mount.subPath ? `${volume.hostPath}/${mount.subPath}` : volume.hostPath;
    reference.nodePath = normalizePath(below ? `${base}/${below}` : base);
    reference.fileName = reference.nodePath.slice(reference.nodePath.lastIndexOf('/') + 1) || fileName;
  }
  const source = pod.form?.sourceOf?.(reference.nodePath ?? path);
  if (source === 'in-config') return undefined; // the config holds the file: no workspace file is it
  if (source) {
    reference.workspacePath = source.workspacePath;
    reference.fileName = baseName(source.workspacePath);
  }
  return reference;
}

function directoryOf(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  return normalized.slice(0, normalized.lastIndexOf('/'));
}

/** How many leading path segments two directories share (`cluster-1` and `cluster-10` share none). */
function sharedSegments(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return i;
}

/**
 * The node tree a manifest belongs to: the folder holding its `etc/kubernetes` (a repository keeps a node's files
 * as `<node>/etc/kubernetes/manifests/…`); undefined when the path has no `etc/kubernetes`.
 */
export function nodeRootOf(manifestPath: string): string | undefined {
  const normalized = manifestPath.replace(/\\/g, '/');
  const at = normalized.lastIndexOf('/etc/kubernetes/');
  return at >= 0 ? normalized.slice(0, at) : undefined;
}

/**
 * How the workspace folder around a manifest maps to the node's file system: a node tree (`<node>/etc/kubernetes/…`
 * is `/etc/kubernetes/…`), or a kubeadm folder copied alone (`<dir>/manifests/x.yaml`: `<dir>` is `/etc/kubernetes`).
 * Undefined when the manifest's folder says nothing of where it lives on the node.
 */
export interface NodeLayout {
  /** Where a workspace path is on the node, or undefined outside the mapped folder. */
  toNode(path: string): string | undefined;
  /** Where a node path is in the workspace, or undefined when the mapped folder does not hold it. */
  toWorkspace(nodePath: string): string | undefined;
}

export function nodeLayoutOf(manifestPath: string): NodeLayout | undefined {
  const normalized = manifestPath.replace(/\\/g, '/');
  const root = nodeRootOf(normalized);
  const directory = directoryOf(normalized);
  const [base, nodeBase] =
    root !== undefined ? [root, ''] : directory.endsWith('/manifests') ? [directoryOf(directory), '/etc/kubernetes'] : [undefined, ''];
  if (base === undefined) return undefined;
  return {
    toNode: (path) => {
      const p = path.replace(/\\/g, '/');
      return p.startsWith(`${base}/`) ? `${nodeBase}${p.slice(base.length)}` : undefined;
    },
    toWorkspace: (nodePath) => (nodePath.startsWith(`${nodeBase}/`) ? `${base}${nodePath.slice(nodeBase.length)}` : undefined),
  };
}

/** The candidate nearest the manifest (most shared leading folders), ties to the smallest path: no listing order counts. */
function nearest(candidates: readonly string[], manifestPath: string): string | undefined {
  const manifestDirectory = directoryOf(manifestPath);
  let best: string | undefined;
  let bestScore = -1;
  for (const file of candidates) {
    const normalized = file.replace(/\\/g, '/');
    if (normalized === manifestPath) continue;
    const score = sharedSegments(directoryOf(normalized), manifestDirectory);
    if (score > bestScore || (score === bestScore && best !== undefined && normalized < best.replace(/\\/g, '/'))) {
      best = file;
      bestScore = score;
    }
  }
  return best;
}

function baseName(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** Workspace files by file name, per listing (a listing is immutable; a new scan is a new array). */
const byNameIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

function filesNamed(files: readonly string[], name: string): readonly string[] {
  let index = byNameIndexes.get(files);
  if (!index) {
    index = new Map();
    for (const file of files) {
      const key = baseName(file);
      const list = index.get(key);
      if (list) list.push(file);
      else index.set(key, [file]);
    }
    byNameIndexes.set(files, index);
  }
  return index.get(name) ?? [];
}

/**
 * The workspace file a reference lands on, or undefined (then the file lives on the node only: say nothing).
 * A host path is looked for in the manifest's own node tree first (`<node>/etc/kubernetes/…` next to
 * `<node>/etc/kubernetes/manifests/`), then among the files ending with it, then by name, each time the nearest one:
 * a repository with several clusters links each manifest to its own file, and the CLI (sorted listing) and the
 * server (breadth-first listing) agree because the listing's order never decides.
 */
export function resolveReference(reference: TracingConfigReference, workspace: WorkspaceFiles): string | undefined {
  // The answer depends on the listing only (paths, not contents), and a reference object lives as long as its
  // manifest's text (manifestCache): one resolution per reference and listing. Without this a workspace pass was
  // cubic: every tracing config × every manifest × every file of that name.
  const files = workspace.list();
  const cached = resolvedFor.get(reference);
  if (cached?.files === files) return cached.path;
  const path = resolveUncached(reference, files);
  resolvedFor.set(reference, { files, path });
  return path;
}

const resolvedFor = new WeakMap<TracingConfigReference, { files: readonly string[]; path: string | undefined }>();

function resolveUncached(reference: TracingConfigReference, files: readonly string[]): string | undefined {
  const candidates = filesNamed(files, reference.fileName);
  if (reference.workspacePath !== undefined) return candidates.find((file) => file.replace(/\\/g, '/') === reference.workspacePath);
  if (reference.nodePath) {
    const nodePath = reference.nodePath;
    const root = nodeRootOf(reference.manifestPath);
    const inOwnTree = root === undefined ? undefined : candidates.find((file) => file.replace(/\\/g, '/') === `${root}${nodePath}`);
    if (inOwnTree) return inOwnTree;
    const exact = nearest(
      candidates.filter((file) => file.replace(/\\/g, '/').endsWith(nodePath)),
      reference.manifestPath,
    );
    if (exact) return exact;
  }
  return nearest(candidates, reference.manifestPath);
}

interface ManifestReadings {
  text: string;
  references: TracingConfigReference[];
}

/** Per manifest path: the references of its last seen text. Bounded by the workspace listing, which is bounded. */
const manifestCache = new Map<string, ManifestReadings>();
/** Manifests spell `--tracing-config-file`; cluster configs (kubeadm `extraArgs`, k3s `kube-apiserver-arg`) the bare name. */
const MANIFEST_HINT = FLAG_NAME;

/** The kube-apiserver references a manifest text makes (parsed once per distinct text). */
export function referencesIn(manifestPath: string, text: string, settings: ValidationOptions['settings']): TracingConfigReference[] {
  const cacheKey = `${settings.kubernetesVersion}\u0000${manifestPath}`;
  const cached = manifestCache.get(cacheKey);
  if (cached && cached.text === text) return cached.references;
  const references: TracingConfigReference[] = [];
  if (text.includes(MANIFEST_HINT)) {
    // Only the documents that spell the flag can hold a reference: a cluster dump is not parsed whole for them.
    const file = parseFileMentioning(`file://${manifestPath}`, text, MANIFEST_HINT);
    for (const document of file.documents) {
      if (document.syntaxProblems.length > 0) continue;
      const pod = readControlPlanePod(document, file, settings);
      // A cluster config stands for the pods its tool writes (rules/cluster-configs), read at its own version.
      const context = {
        file,
        path: manifestPath,
        options: { settings },
        matchesTracingConfigGlob: false,
        defaultKubernetesVersion: kubernetesVersionFromSetting(settings.kubernetesVersion),
      };
      for (const each of pod ? [pod] : clusterConfigPods(document, context)) {
        for (const container of each.containers) {
          const reference = referenceOf(manifestPath, each, container);
          if (reference) references.push(reference);
        }
      }
    }
  }
  manifestCache.set(cacheKey, { text, references });
  return references;
}

/** Per file path: whether its last seen text mentions the flag (the same string object is answered at once). */
const hintCache = new Map<string, { text: string; mentionsFlag: boolean }>();

function mentionsFlag(path: string, text: string): boolean {
  const cached = hintCache.get(path);
  if (cached && cached.text === text) return cached.mentionsFlag;
  const mentions = text.includes(MANIFEST_HINT);
  hintCache.set(path, { text, mentionsFlag: mentions });
  return mentions;
}

/**
 * Per options object, every workspace file some kube-apiserver's flag lands on, with those references: one walk over
 * the manifests answers referencesTo for every file (a workspace pass asks for each of its files with one options
 * object; asking each file's question with its own walk was quadratic). The server and the CLI build new options for
 * every validation or run, so nothing stale survives.
 */
const indexFor = new WeakMap<ValidationOptions, Map<string, TracingConfigReference[]>>();

/** Every kube-apiserver in the workspace whose `--tracing-config-file` lands on `path`, manifests sorted by path. */
export function referencesTo(path: string, options: ValidationOptions): TracingConfigReference[] {
  if (!options.workspace || !/^(?:\/|[A-Za-z]:[\\/])/.test(path)) return [];
  let index = indexFor.get(options);
  if (!index) indexFor.set(options, (index = buildIndex(options.workspace, options.settings)));
  return index.get(path) ?? [];
}

function buildIndex(workspace: WorkspaceFiles, settings: ValidationOptions['settings']): Map<string, TracingConfigReference[]> {
  const index = new Map<string, TracingConfigReference[]>();
  for (const manifestPath of workspace.list()) {
    const text = workspace.read(manifestPath);
    if (text === undefined || !mentionsFlag(manifestPath, text)) continue;
    for (const reference of referencesIn(manifestPath, text, settings)) {
      const target = resolveReference(reference, workspace);
      if (target === undefined || target === manifestPath) continue;
      const list = index.get(target);
      if (list) list.push(reference);
      else index.set(target, [reference]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => (a.manifestPath < b.manifestPath ? -1 : a.manifestPath > b.manifestPath ? 1 : 0));
  return index;
}
