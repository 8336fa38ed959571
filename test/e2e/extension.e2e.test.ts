/**
 * End to end, as a user: package kube-tracing as a .vsix (`npm run package`), install it into a real VS Code
 * (code-server 4.139.1 = VS Code 1.139.1, `--install-extension`), open the demo/ workspace (a kubeadm node
 * with a broken kube-apiserver manifest, a broken tracing config and a trace file) in headless Chromium, and
 * look at what a person sees: the Problems panel, a hover, the command palette, the trace viewer's webview.
 * Screenshots go to test-results/e2e/*.png.
 *
 * Every assertion is about text only kube-tracing produces (Kubernetes' messages with our `kube-tracing`
 * source, our commands, our viewer); the last test opens the same workspace without the extension and
 * checks that none of it appears, so these tests cannot pass without the extension installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  codeServerCli,
  launchChromium,
  prepareProfile,
  startCodeServer,
  type CodeServerProfile,
  type RunningCodeServer,
} from '../host/codeServerHost.mjs';
import { ensureHost } from '../host/install.mjs';
import { compareTraces, readTraceFiles } from '../../common/src/trace/index';
import {
  commandPalette,
  filterProblems,
  hidePanel,
  hoverText,
  openFile,
  problemsText,
  screenshot,
  waitForWorkbench,
  webviewFrame,
} from './workbench';

const root = join(__dirname, '../..');
const stateDir = join(root, '.vscode-test', `e2e-${process.pid}`);
const vsix = join(stateDir, 'kube-tracing.vsix');
const workspace = join(stateDir, 'workspace');

// The exact messages Kubernetes prints for the demo's mistakes (see demo/README.md and
// docs/tracing-configuration.md and docs/feature-gates.md).
const TOO_LARGE = 'samplingRatePerMillion: Invalid value: 2000000: sampling rate per million must be less than or equal to one million';
const LOCKED_GATE = 'cannot set feature gate APIServerTracing to false, feature is locked to true';
const ETCD_CONFLICT = 'cannot set --experimental-enable-distributed-tracing and --enable-distributed-tracing at the same time';
const KUBELET_NEGATIVE = 'tracing.samplingRatePerMillion: Invalid value: -1: sampling rate must be positive';

async function openWorkbench(browser: Browser, server: RunningCodeServer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await waitForWorkbench(page);
  return page;
}

describe('kube-tracing installed from its .vsix in VS Code (code-server, headless Chromium)', function () {
  let profile: CodeServerProfile;
  let server: RunningCodeServer;
  let browser: Browser;
  let page: Page;

  before(async function () {
    ensureHost({ quiet: true });
    rmSync(stateDir, { recursive: true, force: true });
    mkdirSync(stateDir, { recursive: true });
    const packaged = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8' });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
    cpSync(join(root, 'demo'), workspace, { recursive: true });
    // A second trace file (a public sample: 1 trace 'main' of 4 spans) for adding to the viewer beside the demo's.
    cpSync(
      join(root, 'test/fixtures/samples/otlp-json/jaeger-ui-otlp2jaeger-multi-in.jsonl'),
      join(workspace, 'traces', 'other.otlp.jsonl'),
    );
    profile = prepareProfile(stateDir);
    await codeServerCli(profile, ['--install-extension', vsix]);
    server = await startCodeServer(profile, { folder: workspace });
    browser = await launchChromium();
    page = await openWorkbench(browser, server);
  });

  afterEach(async function () {
    // A failed step leaves a picture of the window behind, to see what the user would have seen.
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot(page, `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('is installed: code-server lists kube-tracing.kube-tracing', async function () {
    const listed = await codeServerCli(profile, ['--list-extensions', '--show-versions']);
    assert.match(listed, /^kube-tracing\.kube-tracing@\d+\.\d+\.\d+$/m);
    assert.ok(readdirSync(profile.extensionsDir).some((dir) => dir.startsWith('kube-tracing.kube-tracing-')));
  });

  it("shows Kubernetes' and etcd's messages in the Problems panel for the broken manifests and configs", async function () {
    await openFile(page, 'var/lib/kubelet/config.yaml');
    await openFile(page, 'etc/kubernetes/manifests/etcd.yaml');
    await openFile(page, 'etc/kubernetes/tracing/tracing-config.yaml');
    await openFile(page, 'etc/kubernetes/manifests/kube-apiserver.yaml');
    for (const message of [TOO_LARGE, LOCKED_GATE, ETCD_CONFLICT, KUBELET_NEGATIVE]) {
      await filterProblems(page, message.split(',')[0]!);
      const text = await problemsText(page, (t) => t.includes(message));
      assert.ok(text.includes('kube-tracing'), 'each problem names its source, kube-tracing');
    }
    await filterProblems(page, 'unsupported scheme');
    await problemsText(page, (t) => /unsupported scheme: http\.  Options are none, dns, unix, or unix-abstract\./.test(t));
    await filterProblems(page, '');
    await openFile(page, 'etc/kubernetes/tracing/tracing-config.yaml');
    await screenshot(page, 'problems-panel');
  });

  it('explains a TracingConfiguration field on hover', async function () {
    await openFile(page, 'etc/kubernetes/tracing/tracing-config.yaml');
    const hover = await hoverText(page, 'samplingRatePerMillion', (h) => /sampl/i.test(h) && /million/i.test(h));
    assert.match(hover, /samplingRatePerMillion|per million/i);
    await screenshot(page, 'hover');
    await page.keyboard.press('Escape');
  });

  it('offers its commands in the command palette, and Show Output opens its log', async function () {
    const offered = await commandPalette(page, 'kube-tracing');
    for (const title of ['kube-tracing: Restart Language Server', 'kube-tracing: Show Output']) {
      assert.ok(
        offered.some((label) => label.startsWith(title)),
        `"${title}" is not offered; offered: ${JSON.stringify(offered)}`,
      );
    }
    // The active editor is a YAML manifest, which cannot hold traces: Open Trace is offered only where it can.
    assert.ok(
      !offered.some((label) => label.startsWith('kube-tracing: Open Trace in Side Panel')),
      `Open Trace is offered on a YAML file: ${JSON.stringify(offered)}`,
    );
    await screenshot(page, 'command-palette');
    await page.locator('.quick-input-widget input').fill('>kube-tracing: Show Output');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Show Output' }).first().waitFor();
    await page.keyboard.press('Enter');
    // The Output view's channel picker now shows kube-tracing's channel (it exists only when the extension runs).
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.part.panel select')].some(
          (select) => (select as HTMLSelectElement).selectedOptions[0]?.text === 'kube-tracing',
        ),
      undefined,
      { timeout: 20_000 },
    );
    await hidePanel(page);
  });

  it('fixes the locked feature gate through the light bulb (Ctrl+.), and the problem goes away', async function () {
    const manifest = 'etc/kubernetes/manifests/kube-apiserver.yaml';
    await openFile(page, manifest);
    await filterProblems(page, LOCKED_GATE.split(',')[0]!);
    await problemsText(page, (t) => t.includes(LOCKED_GATE)); // the server has checked the file
    await openFile(page, manifest); // back to the editor: the keyboard focus was in the Problems filter
    // Go to Line (Ctrl+G) onto `false` in --feature-gates=APIServerTracing=false, then Quick Fix (Ctrl+.).
    const lines = readFileSync(join(workspace, manifest), 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('--feature-gates=APIServerTracing=false'));
    const column = lines[line]!.indexOf('false') + 2;
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(`${line + 1}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Remove APIServerTracing=false' }).first();
    // Like a person, press Ctrl+. again if the menu did not come up (the code actions may still be loading).
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await screenshot(page, 'quick-fix');
    await fix.click();
    await problemsText(page, (t) => !t.includes(LOCKED_GATE));
    const flagLines = await page.locator('.editor-group-container.active .view-line', { hasText: '--feature-gates' }).count();
    assert.equal(flagLines, 0, 'the --feature-gates flag held only APIServerTracing=false, so the fix removes the flag');
    await filterProblems(page, '');
  });

  it('opens the trace file in its viewer and shows the spans inside the webview', async function () {
    await hidePanel(page); // room for the viewer
    await openFile(page, 'traces/apiserver-etcd.otlp.jsonl');
    const { text } = await webviewFrame(page, (body) => body.includes('etcd') && body.includes('apiserver'), 60_000);
    // demo/make-demo-trace.mjs cut 4 whole traces, 161 spans, out of the generated sample (demo/README.md).
    assert.match(text, /\b4 traces\b/);
    assert.match(text, /\b161 spans\b/);
    await page.waitForTimeout(1000); // let the waterfall finish laying out before the screenshot
    await screenshot(page, 'trace-viewer');
  });

  it('compares two traces in the viewer: Compare… on one, then pick the other', async function () {
    const { frame } = await webviewFrame(page, (body) => body.includes('161 spans'), 60_000);
    // The demo's two Reconcile traces (rows 3 and 4 by start time): the same operation, different requests.
    const first = frame.locator('.trace-list .row[aria-rowindex="3"]');
    const second = frame.locator('.trace-list .row[aria-rowindex="4"]');
    await first.click();
    await frame.locator('.trace-header button', { hasText: 'Compare' }).click();
    await frame.locator('.compare-header', { hasText: 'pick another trace' }).waitFor();
    await second.click();
    // What the trace model, read here in Node from the same file, says about the same two traces.
    const data = readTraceFiles([
      { name: 'demo', bytes: new Uint8Array(readFileSync(join(workspace, 'traces/apiserver-etcd.otlp.jsonl'))) },
    ]);
    const side = (trace: number) => ({
      tree: data.tree(trace),
      spanName: (s: number) => data.spanName(s),
      spanService: (s: number) => data.spanService(s),
    });
    const expected = compareTraces(
      side(Number(await first.getAttribute('data-trace'))),
      side(Number(await second.getAttribute('data-trace'))),
    );
    const summary = frame.locator('.compare-header .cmp-summary');
    await summary.waitFor();
    assert.equal(
      await summary.textContent(),
      `${expected.onlyA} only in A · ${expected.onlyB} only in B · ${expected.slower} slower · ${expected.faster} faster`,
    );
    assert.equal(Number(await frame.locator('.compare-rows').getAttribute('aria-rowcount')), expected.paths.length);
    await page.waitForTimeout(500);
    await screenshot(page, 'trace-compare');
    await frame.locator('.compare-header button', { hasText: 'Close comparison' }).click();
    await frame.locator('.waterfall .trace-header button', { hasText: 'Export' }).waitFor();
  });

  it('exports the shown trace as OTLP/JSON through the save dialog', async function () {
    const { frame } = await webviewFrame(page, (body) => body.includes('161 spans'), 60_000);
    const traceId = (await frame.locator('.waterfall .trace-header').textContent())!.match(/trace ([0-9a-f]{32})/)![1]!;
    await frame.locator('.waterfall .trace-header button', { hasText: 'Export' }).click();
    // VS Code's own save dialog (the simple file dialog in a browser), proposing the file beside the trace file.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    // The dialog fills in its proposal after it shows (first the folder, then the file name): wait for it.
    const proposed = `traces/${traceId}.otlp.jsonl`;
    await page.waitForFunction(
      (end) => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith(end) === true,
      proposed,
      { timeout: 20_000 },
    );
    assert.ok((await input.inputValue()).endsWith(proposed));
    await screenshot(page, 'trace-export-dialog');
    await page.keyboard.press('Enter');
    const saved = join(workspace, 'traces', `${traceId}.otlp.jsonl`);
    for (let waited = 0; !existsSync(saved); waited += 200) {
      if (waited > 20_000) throw new Error(`${saved} was not written`);
      await page.waitForTimeout(200);
    }
    await page.locator('.notifications-toasts', { hasText: 'Trace exported to' }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(600); // the toast slides in
    await screenshot(page, 'trace-export-saved');
    const back = readTraceFiles([{ name: saved, bytes: new Uint8Array(readFileSync(saved)) }]);
    const original = readTraceFiles([
      { name: 'demo', bytes: new Uint8Array(readFileSync(join(workspace, 'traces/apiserver-etcd.otlp.jsonl'))) },
    ]);
    assert.equal(back.traces.length, 1);
    assert.equal(back.traces[0]!.traceId, traceId);
    assert.equal(back.traces[0]!.spanCount, original.traces[original.findTrace(traceId)]!.spanCount);
  });

  it('adds a second trace file to the viewer (Add file…) and compares a trace of each file', async function () {
    const { frame } = await webviewFrame(page, (body) => body.includes('161 spans'), 60_000);
    await frame.locator('.toolbar button', { hasText: 'Add file' }).click();
    // VS Code's own open dialog (the simple file dialog in a browser): type the file's path, Enter.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    // The dialog fills in its starting folder after it shows; typing before that is overwritten (seen under load).
    await page.waitForFunction(
      () => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('/traces/') === true,
      undefined,
      { timeout: 20_000 },
    );
    const other = join(workspace, 'traces', 'other.otlp.jsonl');
    await input.fill(other);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'other.otlp.jsonl' }).first().waitFor({ timeout: 20_000 });
    assert.equal(await input.inputValue(), other);
    await page.keyboard.press('Enter');
    const added = await webviewFrame(page, (body) => /\b5 traces · 165 spans\b/.test(body), 60_000);
    await added.frame.locator('.trace-list .row', { hasText: 'main' }).first().click();
    await added.frame.locator('.trace-header button', { hasText: 'Compare' }).click();
    await added.frame.locator('.trace-list .row', { hasText: 'Reconcile' }).first().click();
    const summary = await added.frame.locator('.compare-header .cmp-summary').textContent();
    // Nothing in common between a 'main' trace and a Reconcile: each is only in its own trace.
    assert.equal(summary, '1 only in A · 1 only in B · 0 slower · 0 faster');
    await page.waitForTimeout(500);
    await screenshot(page, 'trace-compare-two-files');
    await added.frame.locator('.compare-header button', { hasText: 'Close comparison' }).click();
  });

  it('control: the same workspace without the extension shows none of this', async function () {
    const bareProfile = prepareProfile(join(stateDir, 'bare'));
    const bare = await startCodeServer(bareProfile, { folder: workspace });
    try {
      const barePage = await openWorkbench(browser, bare);
      await openFile(barePage, 'etc/kubernetes/tracing/tracing-config.yaml');
      await barePage.waitForTimeout(5000); // as long as the installed extension needed, and more
      const text = await problemsText(barePage, () => true);
      assert.ok(!text.includes(TOO_LARGE), 'a Kubernetes message appeared without the extension');
      const offered = await commandPalette(barePage, 'kube-tracing');
      assert.ok(!offered.some((label) => label.startsWith('kube-tracing:')), `kube-tracing commands without the extension: ${offered}`);
      await barePage.close();
    } finally {
      await bare.stop();
    }
    assert.ok(existsSync(vsix));
  });
});
