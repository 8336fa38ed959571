/**
 * Compare two traces in the built viewer (headless Chromium): Compare… on trace A, pick trace B in the list, and
 * the page must show what the trace model, read independently in Node, says about the two traces.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareTraces, readTraceFiles, type TraceDataset } from '../../common/src/trace/index';
import { SAMPLES, type ViewerPage } from './harness';
import { clickTrace, GENERATED, model, rowCount, SCREENSHOTS, viewerSuite } from './viewerHelpers';

const side = (data: TraceDataset, trace: number) => ({
  tree: data.tree(trace),
  spanName: (s: number) => data.spanName(s),
  spanService: (s: number) => data.spanService(s),
});

describe('trace viewer webview: compare two traces', function () {
  this.timeout(60000);
  const suite = viewerSuite();
  let viewer: ViewerPage;

  it('shows the paths only in A, only in B, slower and faster, as the model computes them', async () => {
    const data = model(GENERATED);
    // Two Reconcile traces of different shapes, so every kind of row occurs, unchanged leaves too.
    const reconciles = data.traces.filter((t) => t.rootName === 'Reconcile');
    let pair: [number, number] | undefined;
    for (const x of reconciles)
      for (const y of reconciles) {
        const c = x !== y ? compareTraces(side(data, x.index), side(data, y.index)) : undefined;
        if (
          !pair &&
          c &&
          c.onlyA > 0 &&
          c.onlyB > 0 &&
          c.slower > 0 &&
          c.faster > 0 &&
          c.paths.some((p) => p.change === 'same' && p.depth > 2)
        )
          pair = [x.index, y.index];
      }
    assert.ok(pair, 'two Reconcile traces with every kind of row');
    const [a, b] = pair;
    const expected = compareTraces(side(data, a), side(data, b));

    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await clickTrace(viewer, a);
    await page.click('.trace-header button:has-text("Compare")');
    await viewer.settle();
    assert.match((await page.textContent('.compare-header'))!, /pick another trace in the list above/);
    assert.equal(await page.getAttribute('.trace-list .row.compared-a', 'data-trace'), String(a), 'trace A is marked in the list');
    await clickTrace(viewer, b);

    assert.equal(
      await page.textContent('.compare-header .cmp-summary'),
      `${expected.onlyA} only in A · ${expected.onlyB} only in B · ${expected.slower} slower · ${expected.faster} faster`,
    );
    assert.equal(await rowCount(viewer, '.compare-rows'), expected.paths.length);
    const first = expected.paths[0]!;
    assert.equal(await page.textContent('.compare-rows .row[aria-rowindex="1"] .cmp-name .label'), `${first.service}: ${first.name}`);
    // Every kind of change is marked in the rows in view or after scrolling; the first one of each kind is checked.
    for (const kind of ['onlyA', 'onlyB', 'slower', 'faster'] as const) {
      const position = expected.paths.findIndex((p) => p.change === kind);
      await page.evaluate((top) => {
        document.querySelector('.compare-rows')!.scrollTop = top;
      }, position * 22);
      await viewer.settle();
      const row = page.locator(`.compare-rows .row[aria-rowindex="${position + 1}"]`);
      assert.equal(await row.getAttribute('class'), `row table-row compare-grid cmp-${kind}`);
      assert.equal(
        await row.locator('.cmp-change').textContent(),
        { onlyA: 'only in A', onlyB: 'only in B', slower: 'slower in B', faster: 'faster in B' }[kind],
      );
    }

    // Only the differences (with their ancestors): fewer rows, none of them unchanged without a changed descendant.
    await page.check('.compare-header input[type="checkbox"]');
    await viewer.settle();
    const onlyChanges = await rowCount(viewer, '.compare-rows');
    const changed = expected.paths.filter((p) => p.change !== 'same').length;
    assert.ok(
      onlyChanges < expected.paths.length && onlyChanges >= changed,
      `${onlyChanges} rows of ${expected.paths.length}, ${changed} changed`,
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'compare.png') });

    await page.click('.compare-header button:has-text("Close comparison")');
    await viewer.settle();
    assert.equal(await page.$('.compare'), null);
    assert.match((await page.textContent('.trace-header'))!, new RegExp(`trace ${data.traces[b]!.traceId}`));
  });
});

describe('trace viewer webview: compare traces of two files', function () {
  this.timeout(60000);
  const suite = viewerSuite();
  let viewer: ViewerPage;

  it('Add file… asks the host for a file; a trace of the added file compares with one of the first', async () => {
    viewer = await suite.open();
    const page = viewer.page;
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    await page.click('.toolbar button:has-text("Add file")');
    const asked = await page.evaluate(
      () => (window as unknown as { __host: { posted: { type: string }[] } }).__host.posted.filter((m) => m.type === 'addFile').length,
    );
    assert.equal(asked, 1);
    // What the host does next: the chosen file's bytes as one more source.
    const other = 'otlp-json/dotnet-collector-fileexporter-otlp-traces.json';
    await viewer.feedSample(other);
    await viewer.settle();
    const both = readTraceFiles([GENERATED, other].map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(SAMPLES, name))) })));
    assert.match(await viewer.statusText(), new RegExp(`^${both.traceCount} traces · ${both.spanCount.toLocaleString('en-US')} spans`));
    const a = 0; // the first trace of the generated file
    const b = both.traceCount - 1; // the last trace of the added file
    const expected = compareTraces(side(both, a), side(both, b));
    await clickTrace(viewer, a);
    await page.click('.trace-header button:has-text("Compare")');
    await clickTrace(viewer, b);
    assert.equal(
      await page.textContent('.compare-header .cmp-summary'),
      `${expected.onlyA} only in A · ${expected.onlyB} only in B · ${expected.slower} slower · ${expected.faster} faster`,
    );
    assert.equal(await rowCount(viewer, '.compare-rows'), expected.paths.length);
  });
});
