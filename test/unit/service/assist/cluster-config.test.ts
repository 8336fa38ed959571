/**
 * Editing assistance in cluster configs: the static-pod hovers on the config's own keys and values (kubeadm
 * extraArgs, kind featureGates and patches), kubeadm's KubeletConfiguration assisted as the kubelet's at
 * `kubernetesVersion`, the status bar's version, and no quick fix that would edit the config as if it were a pod.
 */
import assert from 'node:assert/strict';
import { hover } from '../../../../server/src/service/assist';
import { versionInForce } from '../../../../server/src/service/assist/versionInForce';
import { LineIndex } from '../../../../server/src/service/text/lineIndex';
import { actionsFor, hoverAt, inputFor, mark } from './helpers';

const KUBEADM = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.26.3
apiServer:
  extraArgs:
    feature-gates: "APIServerTracing=true"
    tracing-config-file: /etc/kubernetes/tracing/tracing-config.yaml
  extraVolumes:
  - name: tracing
    hostPath: /etc/kubernetes/tracing
    mountPath: /etc/kubernetes/tracing
etcd:
  local:
    extraArgs:
      experimental-enable-distributed-tracing: "true"
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
featureGates:
  KubeletTracing: true
tracing:
  endpoint: localhost:4317
`;

const KIND = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
featureGates:
  APIServerTracing: true
kubeadmConfigPatches:
- |
  kind: ClusterConfiguration
  apiServer:
    extraArgs:
      tracing-config-file: /etc/kubernetes/tracing.yaml
nodes:
- role: control-plane
  image: kindest/node:v1.27.3
`;

const opts = { fileName: 'kubeadm-config.yaml' };

describe('assist: cluster configs', () => {
  it('kubeadm: the --tracing-config-file hover on the extraArgs key, at kubernetesVersion', () => {
    const text = hoverAt(mark(KUBEADM, 'tracing-config-file:', 4), opts);
    assert.ok(text);
    assert.match(text, /\*\*--tracing-config-file\*\* · kube-apiserver/);
    assert.match(text, /alpha \(off by default\) in Kubernetes 1\.26 \(from this cluster config: kubernetesVersion v1\.26\.3\)/);
  });

  it('kubeadm: the gate hover inside the feature-gates value; the etcd flag hover on its key', () => {
    assert.match(hoverAt(mark(KUBEADM, 'APIServerTracing=true', 4), opts)!, /alpha \(off by default\) 1\.22–1\.26, beta/);
    assert.match(hoverAt(mark(KUBEADM, 'experimental-enable-distributed-tracing', 6), opts)!, /etcd/);
  });

  it('kubeadm: nothing on keys that stand for no flag', () => {
    assert.equal(hoverAt(mark(KUBEADM, 'extraVolumes', 3), opts), null);
    assert.equal(hoverAt(mark(KUBEADM, 'kubernetesVersion', 3), opts), null);
  });

  it('kubeadm: its KubeletConfiguration gets the kubelet hovers at kubernetesVersion', () => {
    const text = hoverAt(mark(KUBEADM, 'KubeletTracing', 4), opts);
    assert.ok(text);
    assert.match(text, /Kubernetes 1\.26/);
  });

  it('kind: the gate hover on a featureGates key and the flag hover inside the patch, at the node image', () => {
    // The block scalar's `|` would be taken for the cursor marker: positions are given directly.
    const at = (needle: string) =>
      hover(inputFor(KIND, { fileName: 'kind.yaml' }), new LineIndex(KIND).positionAt(KIND.indexOf(needle) + 4))?.contents ?? '';
    assert.match(
      at('APIServerTracing'),
      /In Kubernetes 1\.27 \(from this cluster config: node image kindest\/node:v1\.27\.3\): beta \(on by default\)/,
    );
    assert.match(at('tracing-config-file'), /\*\*--tracing-config-file\*\* · kube-apiserver/);
    assert.equal(at('role'), '');
  });

  it('the status bar shows the declared version', () => {
    assert.deepEqual(versionInForce(inputFor(KIND, { fileName: 'kind.yaml' }))?.kubernetes, {
      version: { major: 1, minor: 27 },
      source: 'cluster-config',
      detail: 'node image kindest/node:v1.27.3',
    });
    assert.equal(versionInForce(inputFor(KUBEADM, opts))?.documentType, 'kubeadm');
  });

  it("no pod quick fix edits a cluster config; the kubelet fixes still apply to kubeadm's KubeletConfiguration", () => {
    const notMounted = KUBEADM.replace(/  extraVolumes:\n(?:  .*\n){3}/, '');
    assert.deepEqual(actionsFor(notMounted, 'kube-apiserver/tracing-config-not-mounted', opts), []);
    const gateOff = KUBEADM.replace('featureGates:\n  KubeletTracing: true\n', '');
    assert.ok(actionsFor(gateOff, 'kubelet/tracing-gate-disabled', opts).length > 0);
  });
});
