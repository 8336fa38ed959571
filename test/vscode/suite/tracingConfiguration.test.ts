/**
 * What a user sees for kube-apiserver TracingConfiguration files in a real VS Code: Kubernetes' own message on
 * a broken file, nothing on a good one, and re-validation when the Kubernetes version setting changes.
 * Messages are those of k8s.io/component-base/tracing/api/v1/config.go and
 * k8s.io/apiserver/pkg/server/options/tracing.go (see docs/tracing-configuration.md).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, openFixture, setSetting, waitForDiagnostics } from './helpers';

describe('TracingConfiguration diagnostics in VS Code', function () {
  before(async function () {
    await setSetting('kubernetesVersion', '1.33');
    await openFixture('tracing/tracing-config-good.yaml');
    await activateExtension();
  });
  after(async function () {
    await setSetting('kubernetesVersion', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the Kubernetes message on a negative sampling rate, on the value', async function () {
    const uri = fixtureUri('tracing/tracing-config-broken.yaml');
    await openFixture('tracing/tracing-config-broken.yaml');
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['tracing-config/sampling-rate-negative']);
    const [negative] = diagnostics;
    assert.equal(negative!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(negative!.message, /^samplingRatePerMillion: Invalid value: -5: sampling rate must be positive/);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(negative!.range), '-5');
  });

  it('shows nothing on a valid file', async function () {
    const broken = fixtureUri('tracing/tracing-config-broken.yaml');
    await openFixture('tracing/tracing-config-broken.yaml');
    // Wait for the broken file's diagnostics first, so "nothing on the good file" is not just "not validated yet".
    await waitForDiagnostics(broken, (d) => d.length > 0);
    const good = fixtureUri('tracing/tracing-config-good.yaml');
    await openFixture('tracing/tracing-config-good.yaml');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(
      vscode.languages.getDiagnostics(good).filter((d) => d.source === 'kube-tracing'),
      [],
    );
  });

  it('re-validates open files when kubeTracing.kubernetesVersion changes', async function () {
    const uri = fixtureUri('tracing/tracing-config-v1.yaml');
    await openFixture('tracing/tracing-config-v1.yaml');
    const on133 = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(on133.map(codeOf), ['tracing-config/api-version-not-served']);
    assert.match(on133[0]!.message, /no kind "TracingConfiguration" is registered for version "apiserver\.config\.k8s\.io\/v1"/);

    await setSetting('kubernetesVersion', '1.34'); // v1 is served from 1.34
    await waitForDiagnostics(uri, (d) => d.length === 0);

    await setSetting('kubernetesVersion', '1.33');
    const back = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(back.map(codeOf), ['tracing-config/api-version-not-served']);
  });

  it('follows edits to an open file', async function () {
    const uri = fixtureUri('tracing/tracing-config-good.yaml');
    const editor = await openFixture('tracing/tracing-config-good.yaml');
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((text) => text.startsWith('samplingRatePerMillion'));
    await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, 'samplingRatePerMillion: 2000000'));
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['tracing-config/sampling-rate-too-large']);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (d) => d.length === 0);
  });
});
