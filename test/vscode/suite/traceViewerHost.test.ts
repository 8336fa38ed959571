/**
 * The trace viewer as VS Code hosts it: `*.otlp.json` opens in the custom editor by default, and
 * `kube-tracing: Open Trace in Side Panel` opens any JSON trace (here Zipkin) in it beside the active editor.
 * What the webview shows is checked in the e2e test (it needs the rendered frame); this checks the wiring and
 * the message round trip: the host posts the file's bytes, the webview parses them and reports back what it
 * loaded (`loaded`), which the extension logs and passes to its API's `onDidLoadTrace`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

  it('the webview receives the bytes and reports back what it loaded (message round trip)', async function () {
    const api = await activateExtension();
    const uri = fixtureUri('traces/example.otlp.json');
    // Expected numbers from a naive walk of the raw OTLP JSON, not from the trace model.
    const raw = JSON.parse(readFileSync(uri.fsPath, 'utf8')) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string; status?: { code?: number } }[] }[] }[];
    };
    const spans = raw.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const loaded = new Promise<Parameters<Parameters<typeof api.onDidLoadTrace>[0]>[0]>((resolve) => {
      const subscription = api.onDidLoadTrace((report) => {
        if (report.uri.toString() !== uri.toString()) return;
        subscription.dispose();
        resolve(report);
      });
    });
    await vscode.commands.executeCommand('vscode.open', uri);
    const report = await Promise.race([
      loaded,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the viewer reported nothing within 30 s')), 30000)),
    ]);
    assert.equal(report.counts.spans, spans.length);
    assert.equal(report.counts.traces, new Set(spans.map((span) => span.traceId.toLowerCase())).size);
    assert.equal(report.counts.errorSpans, spans.filter((span) => span.status?.code === 2).length);
    assert.equal(report.counts.badLines, 0);
    assert.deepEqual(report.firstBadLines, []);
  });
});
