/**
 * In kind the "node" is a container: a file kubeadm mounts from the node (an `extraVolumes` hostPath, or a
 * folder kubeadm mounts by itself) exists there only when the node's `extraMounts` bring it from the machine
 * running kind (sigs.k8s.io/kind v1alpha4 types.go Node.ExtraMounts: `containerPath` in the node, `hostPath` on
 * the machine). Without one, the kube-apiserver pod cannot start: with `pathType: File` the kubelet refuses the
 * volume (hostPath type check), otherwise the path is missing or an empty directory, and kube-apiserver cannot
 * read its tracing configuration. Every control-plane node runs kube-apiserver, so each needs the mount.
 */
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { atLeast, kubeApiserverFacts, type KubernetesVersionInForce } from '../../versions';
import { kubeadmApiServerMounts, tracingConfigOnNode } from '../kubeadm/read';
import { pathInside } from '../kube-apiserver/mountChain';
import type { KindCluster, mergedControlPlane } from './read';

const FLAG = kubeApiserverFacts.tracingConfigFileFlag;

export function checkTracingConfigOnNode(
  cluster: KindCluster,
  merged: ReturnType<typeof mergedControlPlane>,
  context: FileContext,
  version: KubernetesVersionInForce,
): Finding[] {
  if (!atLeast(version.version, FLAG.from)) return [];
  // Not mounted into kube-apiserver at all: the pod rules say so.
  const onNode = tracingConfigOnNode(merged.apiServerArgs, [
    ...kubeadmApiServerMounts('/etc/kubernetes/pki', version.version),
    ...merged.apiServerVolumes,
  ]);
  if (!onNode) return [];
  const { flag, mount, nodePath } = onNode;
  const path = flag.value.text;
  const controlPlanes =
    cluster.nodes.length > 0
      ? cluster.nodes.filter((node) => node.role === 'control-plane')
      : cluster.controlPlane
        ? [cluster.controlPlane]
        : [];
  const missing = controlPlanes.filter(
    (node) => !node.extraMounts.some((extra) => pathInside(nodePath, extra.containerPath) !== undefined),
  );
  if (missing.length === 0) return [];
  const at = typeof mount.hostPath === 'string' ? flag.value : mount.hostPath;
  const which =
    controlPlanes.length > 1 ? `${missing.length} of the ${controlPlanes.length} control-plane nodes` : 'the control-plane node';
  return [
    findingAtOffsets(context.file, at.start, at.end, {
      severity: Severity.Error,
      code: 'kind/tracing-config-not-on-node',
      message: `${nodePath} is not on the kind node: no extraMounts containerPath of ${which} covers it`,
      explanation: `kube-apiserver reads --${FLAG.name}=${path} from the node's ${nodePath}, but a kind node is a container that holds only what its image and extraMounts bring, so kube-apiserver cannot start (the kubelet refuses a pathType: File volume whose file is missing; otherwise the path is absent or an empty directory). Add to ${controlPlanes.length > 1 ? 'each' : 'the'} control-plane node an extraMounts entry with containerPath ${nodePath} and, as hostPath, the file on the machine that runs kind.`,
    }),
  ];
}
