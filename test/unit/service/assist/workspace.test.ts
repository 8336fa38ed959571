/**
 * A TracingConfiguration that a kube-apiserver manifest of the workspace mounts is checked against that
 * manifest's version (rules/kube-apiserver crossFile.ts): hovers, completions and the status bar say the same.
 * The workspace is an in-memory WorkspaceFiles holding kubeadm's 1.26 manifest with tracing.
 */
import assert from 'node:assert/strict';
import { complete, hover } from '../../../../server/src/service/assist';
import { versionInForce } from '../../../../server/src/service/assist/versionInForce';
import type { WorkspaceFiles } from '../../../../server/src/service/context';
import { cursor, fixture, inputFor } from './helpers';

const MANIFEST = '/workspace/node1/etc/kubernetes/manifests/kube-apiserver.yaml';
const CONFIG = '/workspace/node1/etc/kubernetes/tracing/tracing-config.yaml';

function withWorkspace(text: string) {
  const files: Record<string, string> = { [MANIFEST]: fixture('kubeadm/1.26/tracing-on/kube-apiserver.yaml'), [CONFIG]: text };
  const workspace: WorkspaceFiles = { list: () => Object.keys(files), read: (path) => files[path] };
  const input = inputFor(text, { fileName: CONFIG });
  return { ...input, options: { ...input.options, workspace } };
}

describe('assist: a tracing config mounted by a workspace manifest', () => {
  it('the status bar names the manifest (relative to the workspace folder) and its 1.26', () => {
    const versions = versionInForce(withWorkspace('kind: TracingConfiguration\nendpoint: localhost:4317\n'));
    assert.equal(versions?.kubernetes.source, 'referencing-manifest');
    assert.deepEqual(versions?.kubernetes.version, { major: 1, minor: 26 });
    assert.equal(versions?.kubernetes.detail, MANIFEST.replace('/workspace/', ''));
  });

  it("apiVersion completion and hover follow the manifest's version, not the default 1.36", () => {
    const { text, position } = cursor('apiVersion: |\nkind: TracingConfiguration\n');
    assert.deepEqual(
      complete(withWorkspace(text), position).map((item) => item.label),
      ['apiserver.config.k8s.io/v1alpha1'],
    );
    const marked = cursor('apiVersion: apiserver.config.k8s.io/v|1\nkind: TracingConfiguration\n');
    const result = hover(withWorkspace(marked.text), marked.position);
    assert.match(
      result!.contents,
      /Kubernetes 1\.26 \(from the kube-apiserver manifest that mounts this file, `node1\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml`\) does \*\*not\*\* serve it/,
    );
  });
});
