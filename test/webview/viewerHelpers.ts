/**
 * Helpers shared by the webview tests: the trace model read in Node as the independent oracle, and ways to
 * reach rows of the virtual lists (only rows in view exist in the DOM).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTraceFiles, type TraceDataset } from '../../common/src/trace';
import { ROOT, SAMPLES, ViewerHarness, type ViewerPage } from './harness';

export const GENERATED = 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl';
export const SCREENSHOTS = join(ROOT, 'test-results', 'webview');

export function model(relativePath: string): TraceDataset {
  return readTraceFiles([{ name: relativePath, bytes: new Uint8Array(readFileSync(join(SAMPLES, relativePath))) }]);
}

/** Row count the virtual list announces (all rows, not only those in the DOM). */
export async function rowCount(viewer: ViewerPage, selector: string): Promise<number> {
  return Number(await viewer.page.getAttribute(selector, 'aria-rowcount'));
}

/** Scrolls the virtual trace list until the trace's row exists, then clicks it. */
export async function clickTrace(viewer: ViewerPage, traceIndex: number): Promise<void> {
  const row = viewer.page.locator(`.trace-list .row[data-trace="${traceIndex}"]:not([hidden])`);
  await viewer.page.evaluate(() => {
    document.querySelector('.trace-list')!.scrollTop = 0;
  });
  await viewer.settle();
  for (let attempt = 0; attempt < 200 && (await row.count()) === 0; attempt++) {
    await viewer.page.evaluate(() => {
      const list = document.querySelector('.trace-list')!;
      list.scrollTop += list.clientHeight;
    });
    await viewer.settle();
  }
  await row.click();
  await viewer.settle();
}

/** Scrolls the waterfall to a tree row and clicks it. */
export async function clickSpanRow(viewer: ViewerPage, row: number): Promise<void> {
  await viewer.page.evaluate((r) => {
    document.querySelector('.waterfall-rows')!.scrollTop = r * 22;
  }, row);
  await viewer.settle();
  await viewer.page.locator(`.waterfall-rows .row[data-row="${row}"]`).click();
  await viewer.settle();
}

export async function selectedTraceRow(viewer: ViewerPage): Promise<string | null> {
  return viewer.page.getAttribute('.trace-list .row[aria-selected="true"]', 'data-trace');
}

/**
 * One harness (one Chromium) per test file, and the page the running test opened (closed after it). A page
 * that logged errors fails its test.
 */
export function viewerSuite(): {
  harness: () => ViewerHarness;
  open: (options?: Parameters<ViewerHarness['open']>[0]) => Promise<ViewerPage>;
} {
  let harness: ViewerHarness | undefined;
  let viewer: ViewerPage | undefined;
  before(async () => {
    harness = await ViewerHarness.start();
  });
  after(async () => harness?.stop());
  afterEach(async function () {
    if (!viewer) return;
    const unexpected = viewer.errors.filter((e) => !e.includes('favicon'));
    await viewer.close();
    viewer = undefined;
    if (this.currentTest?.state === 'passed') assert.deepEqual(unexpected, [], 'no page errors');
  });
  return {
    harness: () => harness!,
    open: async (options) => (viewer = await harness!.open(options)),
  };
}
