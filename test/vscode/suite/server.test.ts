/**
 * The extension's life cycle in a real VS Code: activate() returns { serverController }, every command in
 * package.json is registered, and the language server comes back after it is killed (a crash) or restarted
 * on request, with diagnostics from the new process.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import {
  activateExtension,
  codeOf,
  EXTENSION_ID,
  fixtureUri,
  openFixture,
  serverProcessIds,
  setSetting,
  waitFor,
  waitForDiagnostics,
} from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
}

describe('kube-tracing extension life cycle in VS Code', function () {
  let api: ExtensionApi;

  before(async function () {
    await setSetting('kubernetesVersion', '1.33');
    await openFixture('tracing/tracing-config-broken.yaml');
    api = await activateExtension();
  });
  after(async function () {
    await setSetting('kubernetesVersion', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every command package.json contributes', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes?.commands ?? []) as ContributedCommand[];
    assert.ok(contributed.length >= 2, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs exactly one language server, a child of the extension host', async function () {
    await waitFor('the language server to be running', () => api.serverController.running);
    const pids = await waitFor('one server process', () => (serverProcessIds().length === 1 ? serverProcessIds() : undefined));
    assert.equal(pids.length, 1);
  });

  it('restarts the language server after it is killed, and diagnostics come from the new one', async function () {
    const uri = fixtureUri('tracing/tracing-config-broken.yaml');
    const editor = await openFixture('tracing/tracing-config-broken.yaml');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'tracing-config/sampling-rate-negative'));
    const [before] = await waitFor('the server process', () => (serverProcessIds().length === 1 ? serverProcessIds() : undefined));

    process.kill(before!, 'SIGKILL');
    const [after] = await waitFor('a new server process', () => {
      const pids = serverProcessIds();
      return pids.length === 1 && pids[0] !== before ? pids : undefined;
    });
    assert.notEqual(after, before);
    await waitFor('the client to be running again', () => api.serverController.running);

    // An edit only the new process can have seen: its diagnostics prove it validates.
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((text) => text.startsWith('samplingRatePerMillion'));
    await editor.edit((edit) => edit.replace(editor.document.lineAt(line).range, 'samplingRatePerMillion: 1000001'));
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'tracing-config/sampling-rate-too-large'));
    assert.deepEqual(diagnostics.map(codeOf), ['tracing-config/sampling-rate-too-large']);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'tracing-config/sampling-rate-negative'));
  });

  it('kubeTracing.restartServer replaces the server process and keeps diagnostics', async function () {
    const uri = fixtureUri('tracing/tracing-config-broken.yaml');
    await openFixture('tracing/tracing-config-broken.yaml');
    const [before] = await waitFor('the server process', () => (serverProcessIds().length === 1 ? serverProcessIds() : undefined));
    await vscode.commands.executeCommand('kubeTracing.restartServer');
    const [after] = await waitFor('a new server process', () => {
      const pids = serverProcessIds();
      return pids.length === 1 && pids[0] !== before ? pids : undefined;
    });
    assert.notEqual(after, before);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['tracing-config/sampling-rate-negative']);
  });
});
