/**
 * Where a version in force came from: one vocabulary for the language service, the LSP protocol and the client's
 * status bar (which words each one as it shows it).
 */

/** The Kubernetes minor: the kubeTracing.kubernetesVersion setting, a kube-apiserver image tag, a cluster config
 * (kubeadm `kubernetesVersion`, a kind node image, Cluster API `spec.version`), the manifest that mounts this
 * file, the kube-apiserver static pod of the same node tree (for a kubelet config), or the latest released minor. */
export type KubernetesVersionSource = 'setting' | 'image-tag' | 'cluster-config' | 'referencing-manifest' | 'node-manifest' | 'default';

/** The etcd release: the etcd image tag, the kubeTracing.etcdVersion setting, or the release kubeadm pairs with
 * the Kubernetes minor. */
export type EtcdVersionSource = 'image-tag' | 'setting' | 'kubeadm-pairing';
