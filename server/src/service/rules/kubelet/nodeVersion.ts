/**
 * The Kubernetes version of a kubelet config's node, when the config says none: the image tag of the kube-apiserver
 * static pod kept in the same node tree (`<node>/etc/kubernetes/manifests/…` beside `<node>/var/lib/kubelet/…` or
 * `<node>/etc/kubernetes/…`). A kubelet is never newer than its kube-apiserver and kubeadm upgrades both together
 * (Kubernetes version skew policy), so that tag is the kubelet's version in all but a skewed upgrade; a node tree
 * whose manifests name two versions gives none (silence beats a guess).
 */
import { shownPath, type ValidationOptions } from '../../context';
import { compareMinor, kubernetesMinorFromImage, type MinorVersion, type VersionEvidence } from '../../versions';

/** The folder holding a node's files in a repository: before its `/etc/kubernetes/` or `/var/lib/kubelet/`. */
export function kubeletNodeRoot(path: string): string | undefined {
  const normalized = path.replace(/\\/g, '/');
  const at = Math.max(normalized.lastIndexOf('/etc/kubernetes/'), normalized.lastIndexOf('/var/lib/kubelet/'));
  return at >= 0 ? normalized.slice(0, at) : undefined;
}

/** `image: …kube-apiserver:<tag>` in a static pod (the first such container; quotes allowed). */
const APISERVER_IMAGE = /^\s*-?\s*image:\s*["']?([^\s"'#]*kube-apiserver[^\s"'#]*)/m;

const answered = new WeakMap<ValidationOptions, Map<string, VersionEvidence['nodeManifest'] | null>>();

/** The evidence for `resolveKubernetesVersion`, or undefined when the node tree has no versioned kube-apiserver. */
export function nodeManifestEvidence(path: string, options: ValidationOptions | undefined): VersionEvidence['nodeManifest'] {
  const root = kubeletNodeRoot(path);
  if (root === undefined || !options?.workspace) return undefined;
  let answers = answered.get(options);
  if (!answers) answered.set(options, (answers = new Map()));
  const known = answers.get(root);
  if (known !== undefined) return known ?? undefined;
  const prefix = `${root}/etc/kubernetes/manifests/`;
  const found: Array<{ path: string; image: string; version: MinorVersion }> = [];
  for (const other of options.workspace.list()) {
    if (!other.replace(/\\/g, '/').startsWith(prefix)) continue;
    const image = APISERVER_IMAGE.exec(options.workspace.read(other) ?? '')?.[1];
    const version = kubernetesMinorFromImage(image);
    if (image && version) found.push({ path: shownPath(other, options.workspaceFolders), image, version });
  }
  const agreed =
    found.length > 0 && found.every((f) => compareMinor(f.version, found[0]!.version) === 0)
      ? found.sort((a, b) => (a.path < b.path ? -1 : 1))[0]
      : undefined;
  answers.set(root, agreed ?? null);
  return agreed;
}
