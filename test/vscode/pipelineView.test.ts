/**
 * The Collector pipeline view in the real editor: code-server (VS Code 1.139.1) with kube-tracing loaded from this
 * clone (the `extensionDevelopmentPath` payload, as code-test-launcher.mjs loads it, without a test suite), driven
 * in headless Chromium like a person: open a Collector config, see the code lens and the editor-title button, run
 * "Show Collector Pipelines" from the command palette, look at the webview (screenshots in test-results/vscode/),
 * click a node and find the editor's selection on its definition, then type over it and watch the view redraw.
 *   npx mocha --require tsx/cjs --timeout 240000 test/vscode/pipelineView.test.ts
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, prepareProfile, startCodeServer, type RunningCodeServer } from '../host/codeServerHost.mjs';
import { ensureHost } from '../host/install.mjs';
import { commandPalette, openFile, waitForWorkbench, webviewFrame } from '../e2e/workbench';

const root = join(__dirname, '../..');
const stateDir = join(root, '.vscode-test', `pipeline-view-${process.pid}`);
const workspace = join(stateDir, 'workspace');
const SHOTS = join(root, 'test-results', 'vscode');
const FIXTURE = join(root, 'test/fixtures/collector/pipelines/spanmetrics-gateway.yaml');

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The built extension, server and webview bundles, built when one is missing (as runTests.ts does). */
function ensureBuilt(): void {
  const outputs = ['dist/extension.js', 'dist/server.js', 'media/dist/pipeline.js'];
  if (outputs.every((output) => existsSync(join(root, output)))) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  assert.equal(build.status, 0, 'npm run build failed');
}

describe('Collector pipeline view in VS Code (code-server, headless Chromium)', function () {
  this.timeout(240_000);
  let server: RunningCodeServer;
  let browser: Browser;
  let page: Page;

  before(async function () {
    ensureHost({ quiet: true });
    ensureBuilt();
    rmSync(stateDir, { recursive: true, force: true });
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    copyFileSync(FIXTURE, join(workspace, 'otel-collector.yaml'));
    // The core image: four problems (two contrib-only types on core, a removed exporter, a processor never defined).
    writeFileSync(
      join(workspace, '.vscode/settings.json'),
      JSON.stringify({ 'kubeTracing.collectorVersion': '0.159.0', 'kubeTracing.collectorDistribution': 'core' }),
    );
    const profile = prepareProfile(stateDir);
    // A built workbench reads the payload's extensionDevelopmentPath only with the smoke-test driver enabled.
    server = await startCodeServer(profile, { smokeTestDriver: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`]];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await waitForWorkbench(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  let frame: Frame;

  it('offers the view on a Collector config (code lens, editor title) and draws it from the command palette', async function () {
    await openFile(page, 'otel-collector.yaml');
    const lens = page.locator('.editor-group-container.active .contentWidgets .codelens-decoration', { hasText: 'Show pipelines' });
    await lens.waitFor({ timeout: 90_000 });
    // 3 pipelines; 5 nodes carry a problem (tail_sampling, jaeger, forward, spanmetrics on both sides).
    assert.equal((await lens.innerText()).trim(), 'Show pipelines (3, 5 with problems)');
    await page.locator('.editor-actions [aria-label*="Show Collector Pipelines"]').first().waitFor({ timeout: 30_000 });

    const offered = await commandPalette(page, 'Show Collector Pipelines');
    assert.ok(
      offered.some((label) => label.includes('kube-tracing: Show Collector Pipelines')),
      offered.join(', '),
    );
    await page.keyboard.press('Enter');
    ({ frame } = await webviewFrame(page, (body) => body.includes('tail_sampling') && body.includes('connector → metrics'), 60_000));
    assert.deepEqual(await frame.$$eval('.pipeline', (rows) => rows.map((row) => row.getAttribute('data-pipeline'))), [
      'traces',
      'traces/raw',
      'metrics',
    ]);
    assert.equal(await frame.locator('svg.links path.link').count(), 1, 'the spanmetrics connector joins traces to metrics');
    const title = await frame.locator('.node[data-key="traces|processor|1"]').getAttribute('title');
    assert.match(title ?? '', /service::pipelines::traces: references processor "tail_sampling" which is not configured/);
    await page.waitForTimeout(500);
    await screenshot(page, 'pipeline-view');
  });

  it('a click on a node selects its definition in the editor; typing over it redraws the view', async function () {
    const selection = page.locator('[id="status.editor.selection"]');
    const before = await selection.innerText();
    await frame.locator('.node[data-key="traces|processor|2"]').click(); // batch
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    const batchLine = lines.indexOf('  batch:') + 1;
    // The selection is the key `batch` (5 characters) on its line: the cursor at its end.
    await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${batchLine}, Col 8 (5 selected)` }).waitFor({ timeout: 20_000 });
    assert.notEqual(before, await selection.innerText());
    await screenshot(page, 'pipeline-view-after-click');

    // The editor has the focus and the selection: typing replaces `batch` with `tail_sampling`.
    await page.keyboard.type('tail_sampling');
    // The view redraws after the typing stops: batch is no longer defined, tail_sampling is.
    await frame.locator('.node.unconfigured[data-key="traces|processor|2"]').waitFor({ timeout: 20_000 });
    await frame.locator('.node:not(.unconfigured)[data-key="traces|processor|1"]').waitFor({ timeout: 20_000 });
    // The lens follows: batch is now missing in two pipelines, tail_sampling still unknown to core.
    await page
      .locator('.editor-group-container.active .contentWidgets .codelens-decoration', { hasText: 'Show pipelines (3, 7 with problems)' })
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'pipeline-view-after-edit');
  });
});
