/**
 * Cluster configs in the workspace, across files, as manifests are: the tracing config a kubeadm/kind/k3s config
 * mounts is checked at that config's version (and its problems summed up on the config's flag); kind's extraMounts
 * name the very file; a file Cluster API writes from its own `files` is no workspace file's business.
 */
import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../../common/src/settings';
import type { ValidationOptions } from '../../../../server/src/service/context';
import { validateSource } from '../../../../server/src/service/languageService';
import { where } from '../../helpers';

function workspace(files: Record<string, string>): ValidationOptions {
  return {
    settings: normalizeSettings({ kubernetesVersion: 'auto' }),
    workspaceFolders: ['/repo'],
    workspace: { list: () => Object.keys(files).sort(), read: (path) => files[path] },
  };
}

const check = (files: Record<string, string>, path: string) =>
  validateSource({ uri: `file://${path}`, text: files[path]! }, workspace(files));

/** A v1 file: served from 1.34 only, so its verdict says which version it was checked at. */
const CONFIG_V1 = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n';

const KUBEADM = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.30.2
apiServer:
  extraArgs:
    tracing-config-file: /etc/kubernetes/tracing/tracing-config.yaml
  extraVolumes:
  - name: tracing
    hostPath: /etc/kubernetes/tracing
    mountPath: /etc/kubernetes/tracing
`;

const KIND = (hostPath: string) => `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
kubeadmConfigPatches:
- |
  kind: ClusterConfiguration
  apiServer:
    extraArgs:
      tracing-config-file: /etc/kubernetes/tracing.yaml
    extraVolumes:
    - name: tracing
      hostPath: /etc/kubernetes/tracing.yaml
      mountPath: /etc/kubernetes/tracing.yaml
nodes:
- role: control-plane
  image: kindest/node:v1.33.1
  extraMounts:
  - hostPath: ${hostPath}
    containerPath: /etc/kubernetes/tracing.yaml
`;

describe('cluster configs across files', () => {
  it('kubeadm: the mounted file is checked at kubernetesVersion, and its error summed up on the flag', () => {
    const files = { '/repo/kubeadm.yaml': KUBEADM, '/repo/node/etc/kubernetes/tracing/tracing-config.yaml': CONFIG_V1 };
    const fileFindings = check(files, '/repo/node/etc/kubernetes/tracing/tracing-config.yaml');
    assert.deepEqual(where(fileFindings), ['1:13 tracing-config/api-version-not-served']);
    assert.match(fileFindings[0]!.explanation, /Kubernetes 1\.30/);
    assert.deepEqual(where(check(files, '/repo/kubeadm.yaml')), ['6:26 kube-apiserver/tracing-config-file-problems']);
  });

  it('kind: extraMounts hostPath names the file (relative to the config), even under another name', () => {
    const files = {
      '/repo/kind/cluster.yaml': KIND('./apiserver-tracing.yaml'),
      '/repo/kind/apiserver-tracing.yaml': CONFIG_V1,
      '/repo/other/tracing.yaml': CONFIG_V1,
    };
    assert.deepEqual(where(check(files, '/repo/kind/apiserver-tracing.yaml')), ['1:13 tracing-config/api-version-not-served']);
    assert.deepEqual(where(check(files, '/repo/kind/cluster.yaml')), ['8:28 kube-apiserver/tracing-config-file-problems']);
    // The same-named file of another cluster is not this one's.
    assert.deepEqual(check(files, '/repo/other/tracing.yaml'), []);
  });

  it('kind: an extraMounts file outside the workspace: no other file stands in for it', () => {
    const files = { '/repo/kind/cluster.yaml': KIND('/home/me/tracing.yaml'), '/repo/kind/tracing.yaml': CONFIG_V1 };
    assert.deepEqual(check(files, '/repo/kind/cluster.yaml'), []);
    assert.deepEqual(check(files, '/repo/kind/tracing.yaml'), []);
  });

  it('Cluster API: a file its kubeadmConfigSpec.files writes is judged there, not a workspace namesake', () => {
    const capi = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
spec:
  version: v1.30.0
  kubeadmConfigSpec:
    clusterConfiguration:
      apiServer:
        extraArgs:
          tracing-config-file: /etc/kubernetes/tracing/tracing-config.yaml
        extraVolumes:
        - name: tracing
          hostPath: /etc/kubernetes/tracing
          mountPath: /etc/kubernetes/tracing
    files:
    - path: /etc/kubernetes/tracing/tracing-config.yaml
      content: |
        apiVersion: apiserver.config.k8s.io/v1beta1
        kind: TracingConfiguration
`;
    const files = { '/repo/capi/kcp.yaml': capi, '/repo/elsewhere/tracing-config.yaml': CONFIG_V1 };
    assert.deepEqual(check(files, '/repo/capi/kcp.yaml'), []);
    assert.deepEqual(check(files, '/repo/elsewhere/tracing-config.yaml'), []);
  });

  it('k3s: the host path itself is the file', () => {
    const files = {
      '/repo/k3s/config.yaml': 'kube-apiserver-arg:\n  - tracing-config-file=/etc/rancher/k3s/tracing.yaml\n',
      '/repo/k3s/etc/rancher/k3s/tracing.yaml':
        'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -1\n',
    };
    assert.deepEqual(where(check(files, '/repo/k3s/config.yaml')), ['2:25 kube-apiserver/tracing-config-file-problems']);
  });
});
