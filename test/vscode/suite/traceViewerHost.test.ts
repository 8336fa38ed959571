/**
 * The trace viewer as VS Code hosts it: `*.otlp.json` opens in the custom editor by default, and
 * `kube-tracing: Open Trace in Side Panel` opens any JSON trace (here Zipkin) in it beside the active editor.
 * What the webview shows is checked in the e2e test (it needs the rendered frame); this checks the wiring.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, openFixture, waitFor } from './helpers';

const VIEWER = 'kubeTracing.traceViewer';

function activeCustomEditor(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

describe('trace viewer in VS Code', function () {
  before(async function () {
    await openFixture('tracing/tracing-config-good.yaml');
    await activateExtension();
  });
  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is the default editor for *.otlp.json', async function () {
    const uri = fixtureUri('traces/example.otlp.json');
    await vscode.commands.executeCommand('vscode.open', uri);
    const input = await waitFor('the trace viewer tab', () => activeCustomEditor());
    assert.equal(input.viewType, VIEWER);
    assert.equal(input.uri.toString(), uri.toString());
  });

  it('Open Trace in Side Panel opens a Zipkin .json file beside the active editor', async function () {
    await openFixture('tracing/tracing-config-good.yaml');
    const uri = fixtureUri('traces/zipkin-skew.json');
    await vscode.commands.executeCommand('kubeTracing.openTrace', uri);
    const input = await waitFor('the trace viewer tab', () => activeCustomEditor());
    assert.equal(input.viewType, VIEWER);
    assert.equal(input.uri.toString(), uri.toString());
    assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, vscode.ViewColumn.Two);
  });
});
