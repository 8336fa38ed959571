/**
 * A kubelet config that names no version runs on its node's kube-apiserver version: the image tag of the static
 * pod in the same node tree. The real case (test/fixtures/real-corpus, SOURCES.md: tuxnotes/k8s-start) keeps
 * `etc/kubernetes/configs/kubelet-config-….yml` beside `etc/kubernetes/manifests/kube-apiserver.yaml` running
 * `kube-apiserver:1.14`, and sets `SupportPodPidsLimit`, a gate every kubelet up to 1.23 knows; checked against
 * the newest release it was an Error.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../../../common/src/settings';
import { validateSource, type Finding, type WorkspaceFiles } from '../../../server/src/service';
import { kubeletNodeRoot } from '../../../server/src/service/rules/kubelet/nodeVersion';

const CORPUS = join(__dirname, '../../fixtures/real-corpus/static-pods/k8s-start');
const KUBELET = 'etc/kubernetes/configs/kubelet-config-10.211.55.110.yml';
const APISERVER = 'etc/kubernetes/manifests/kube-apiserver.yaml';

function workspaceOf(files: Record<string, string>): WorkspaceFiles {
  return { list: () => Object.keys(files), read: (path) => files[path] };
}

function checkKubelet(files: Record<string, string>, kubeletPath: string, kubernetesVersion = 'auto'): Finding[] {
  const options = { settings: normalizeSettings({ kubernetesVersion }), workspaceFolders: ['/ws'], workspace: workspaceOf(files) };
  return validateSource({ uri: `file://${kubeletPath}`, text: files[kubeletPath]! }, options);
}

const corpusFile = (relative: string) => readFileSync(join(CORPUS, relative), 'utf8');
const apiserverAt = (tag: string) => corpusFile(APISERVER).replace('zhoujing/kube-apiserver:1.14', `registry.k8s.io/kube-apiserver:${tag}`);
const unrecognized = (findings: Finding[]) => findings.filter((f) => f.code === 'feature-gates/unrecognized');

describe('kubelet config: the version of its node tree', () => {
  const kubelet = corpusFile(KUBELET);

  it("checks the real 1.14 node's kubelet config as 1.14: SupportPodPidsLimit is no error there", () => {
    const files = { [`/ws/k8s-start/${KUBELET}`]: kubelet, [`/ws/k8s-start/${APISERVER}`]: corpusFile(APISERVER) };
    assert.deepEqual(unrecognized(checkKubelet(files, `/ws/k8s-start/${KUBELET}`)), []);
    // Alone, it is checked against the newest release, where the kubelet refuses the gate.
    assert.equal(unrecognized(checkKubelet({ [`/ws/k8s-start/${KUBELET}`]: kubelet }, `/ws/k8s-start/${KUBELET}`)).length, 1);
  });

  it('still gives the error on a node whose kube-apiserver no longer knows the gate, and names that static pod', () => {
    const files = { [`/ws/n/${KUBELET}`]: kubelet, [`/ws/n/${APISERVER}`]: apiserverAt('v1.30.2') };
    const [finding] = unrecognized(checkKubelet(files, `/ws/n/${KUBELET}`));
    assert.ok(finding);
    assert.match(
      finding.explanation ?? '',
      /Kubernetes 1\.30 \(the kube-apiserver static pod of this node, n\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml \(registry\.k8s\.io\/kube-apiserver:v1\.30\.2\)\)/,
    );
  });

  it('takes the version from its own node tree only, lets the setting win, and gives none when the node disagrees with itself', () => {
    const files = {
      [`/ws/a/var/lib/kubelet/config.yaml`]: kubelet,
      [`/ws/b/${APISERVER}`]: corpusFile(APISERVER), // another node's 1.14: not this kubelet's
    };
    assert.equal(unrecognized(checkKubelet(files, '/ws/a/var/lib/kubelet/config.yaml')).length, 1);
    const own = { [`/ws/a/var/lib/kubelet/config.yaml`]: kubelet, [`/ws/a/${APISERVER}`]: corpusFile(APISERVER) };
    assert.deepEqual(unrecognized(checkKubelet(own, '/ws/a/var/lib/kubelet/config.yaml')), []);
    assert.equal(unrecognized(checkKubelet(own, '/ws/a/var/lib/kubelet/config.yaml', '1.31')).length, 1);
    const twoVersions = { ...own, '/ws/a/etc/kubernetes/manifests/kube-apiserver-new.yaml': apiserverAt('v1.31.0') };
    assert.equal(unrecognized(checkKubelet(twoVersions, '/ws/a/var/lib/kubelet/config.yaml')).length, 1);
  });

  it('finds the node tree of the usual kubelet config places', () => {
    assert.equal(kubeletNodeRoot('/ws/node1/var/lib/kubelet/config.yaml'), '/ws/node1');
    assert.equal(kubeletNodeRoot('/ws/node1/etc/kubernetes/kubelet-config.yaml'), '/ws/node1');
    assert.equal(kubeletNodeRoot('/ws/kubelet-config.yaml'), undefined);
  });
});
