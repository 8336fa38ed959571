/**
 * kubeadm control-plane files in a real VS Code: the kube-apiserver and etcd static pods and the kubelet
 * config get the components' own messages when broken (workspace/manifests/broken, the demo's mistakes) and
 * nothing when they are kubeadm's own output with tracing on (workspace/manifests/good). Messages: component-base
 * featuregate/feature_gate.go, etcd v3.6 server/embed/config.go, kubelet validation.go
 * (docs/feature-gates.md, docs/etcd.md, docs/kubelet.md).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, openFixture, setSetting, waitForDiagnostics } from './helpers';

interface Expectation {
  file: string;
  code: string;
  message: string;
}

const BROKEN: Expectation[] = [
  {
    file: 'manifests/broken/kube-apiserver.yaml',
    code: 'feature-gates/locked',
    message: 'cannot set feature gate APIServerTracing to false, feature is locked to true',
  },
  {
    file: 'manifests/broken/etcd.yaml',
    code: 'etcd/flag-conflict',
    message:
      'cannot set --experimental-enable-distributed-tracing and --enable-distributed-tracing at the same time, please use --enable-distributed-tracing only',
  },
  {
    file: 'manifests/broken/etcd.yaml',
    code: 'etcd/sampling-rate-too-large',
    message: 'distributed tracing configurition is not valid: (tracing sampling rate must be less than 1000000)',
  },
  {
    file: 'manifests/broken/kubelet-config.yaml',
    code: 'kubelet/sampling-rate-negative',
    message: 'tracing.samplingRatePerMillion: Invalid value: -1: sampling rate must be positive',
  },
];

const GOOD = [
  'manifests/good/kube-apiserver.yaml',
  'manifests/good/etcd.yaml',
  'manifests/good/kubelet-config.yaml',
  'manifests/good/tracing-config.yaml',
];

describe('kubeadm manifests and kubelet config in VS Code', function () {
  before(async function () {
    await setSetting('kubernetesVersion', undefined); // auto: the image tags say 1.34
    await openFixture('manifests/good/kube-apiserver.yaml');
    await activateExtension();
  });
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const expected of BROKEN) {
    it(`${expected.file}: ${expected.code}`, async function () {
      const uri = fixtureUri(expected.file);
      await openFixture(expected.file);
      const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === expected.code));
      const found = diagnostics.find((x) => codeOf(x) === expected.code)!;
      assert.equal(found.message.split('\n')[0], expected.message);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    });
  }

  it('kubeadm 1.34 files with tracing on get no diagnostics', async function () {
    // First see the server answer for a broken file, so "none" below is not just "not validated yet".
    await openFixture(BROKEN[0]!.file);
    await waitForDiagnostics(fixtureUri(BROKEN[0]!.file), (d) => d.length > 0);
    for (const file of GOOD) await openFixture(file);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const found = GOOD.flatMap((file) =>
      vscode.languages
        .getDiagnostics(fixtureUri(file))
        .filter((d) => d.source === 'kube-tracing')
        .map((d) => `${file}:${d.range.start.line + 1} ${codeOf(d)} ${d.message.split('\n')[0]}`),
    );
    assert.deepEqual(found, []);
  });
});
