/**
 * The built trace viewer (media/dist/viewer.js) in headless Chromium, fed the real sample files the way the
 * extension host feeds them. Expected counts come from test/fixtures/samples/README.md; per-trace facts the
 * UI must show come from the trace model read in Node (the same files, read independently of the page).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES, type ViewerPage } from './harness';
import { clickSpanRow, clickTrace, GENERATED, model, rowCount, SCREENSHOTS, selectedTraceRow, viewerSuite } from './viewerHelpers';
import { relativeLuminance } from '../../media/src/colors';
import { readTraceFiles } from '../../common/src/trace/index';

describe('trace viewer webview (headless Chromium, real sample files)', function () {
  this.timeout(60000);
  const suite = viewerSuite();
  let viewer: ViewerPage;

  it('lists every trace of the generated kube-apiserver/etcd sample with the README counts', async () => {
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    assert.equal(await viewer.statusText(), '52 traces · 2,009 spans · 4 services · 22 error spans');
    assert.equal(await rowCount(viewer, '.trace-list'), 52);
    const services = await viewer.page.$$eval('select[aria-label="Filter traces by service"] option', (options) =>
      options.map((o) => o.textContent),
    );
    assert.deepEqual(services, ['all services', 'apiserver', 'etcd', 'example-operator', 'policy-webhook']);
    // Fewer DOM rows than traces would be fine; more would mean the list is not virtualized.
    assert.ok((await viewer.page.$$('.trace-list .row')).length <= 52);
  });

  // Counts from test/fixtures/samples/README.md; the binary files go through the same byte path as JSON.
  const README_COUNTS: [string, RegExp][] = [
    ['generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb', /^52 traces · 2,009 spans · 4 services · 22 error spans$/],
    ['zipkin-v2/zipkin-lens-smartthings-mobile-web-install.json', /^1 trace · 1,041 spans · 16 services · /],
    ['zipkin-v2/zipkin-lens-smartthings-oauth-authorization.json', /^1 trace · 175 spans · 8 services · /],
    ['jaeger-json/jaeger-ui-genai-trace-bare.json', /^1 trace · 57 spans · /],
    ['otlp-json/jaeger-ui-otlp2jaeger-multi-in.jsonl', /^1 trace · 4 spans · /],
    // A real Collector's file exporter (collector-file-exporter/README.md): both zstd forms, decoded in the page.
    ['collector-file-exporter/zstd-json/traces.jsonl.zst', /^19 traces · 38 spans · 1 service · 0 error spans$/],
    ['collector-file-exporter/zstd-proto/traces.binpb.zst', /^19 traces · 38 spans · 1 service · 0 error spans$/],
    ['collector-file-exporter/native-json/traces.jsonl.zst', /^19 traces · 38 spans · 1 service · 0 error spans$/],
    ['collector-file-exporter/native-proto/traces.binpb.zst', /^19 traces · 38 spans · 1 service · 0 error spans$/],
  ];
  for (const [sample, expected] of README_COUNTS) {
    it(`opens ${sample} with the counts of the samples README`, async () => {
      viewer = await suite.open();
      await viewer.feedSample(sample);
      await viewer.settle();
      assert.match(await viewer.statusText(), expected);
      assert.equal(await viewer.page.$('.toolbar .problems:not([hidden])'), null, 'no unreadable record');
    });
  }

  it('shows the .NET Collector file (BOM, no final newline, no roots) with its orphans under a synthetic root', async () => {
    viewer = await suite.open();
    await viewer.feedSample('otlp-json/dotnet-collector-fileexporter-otlp-traces.json');
    await viewer.settle();
    assert.match(await viewer.statusText(), /^2 traces · 186 spans · /);
    await viewer.page.click('.trace-list .row[aria-rowindex="1"]');
    await viewer.settle();
    assert.equal(await viewer.page.textContent('.waterfall-rows .row[aria-rowindex="1"] .label'), 'missing parent span (synthetic root)');
    assert.ok((await viewer.page.textContent('.trace-header'))!.includes('missing parents'));
  });

  it('selecting a trace shows its waterfall; selecting a span shows its details', async () => {
    const data = model(GENERATED);
    const target = data.traces.find((t) => t.rootName.startsWith('POST /apis/apps/v1/namespaces/{:namespace}/deployments'))!;
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    await clickTrace(viewer, target.index);
    assert.equal(await rowCount(viewer, '.waterfall-rows'), target.spanCount);
    assert.equal(await viewer.page.textContent('.trace-header .title'), target.rootName);
    assert.equal(await viewer.page.textContent('.waterfall-rows .row[aria-rowindex="1"] .label'), target.rootName);
    await viewer.page.click('.waterfall-rows .row[aria-rowindex="1"]');
    await viewer.settle();
    assert.equal(await viewer.page.textContent('.details h2'), target.rootName);
    const root = data.tree(target.index).spans[0]!;
    const details = data.spanDetails(root);
    const shownKeys = await viewer.page.$$eval('.details h3:text("Attributes") + dl dt', (dts) => dts.map((d) => d.textContent));
    assert.deepEqual(
      shownKeys,
      details.attributes.map((a) => a.key),
    );
  });

  it('Kubernetes at a glance: verb, resource, namespace, audit ID and where the request spent its time', async () => {
    const data = model(GENERATED);
    const target = data.traces.find((t) => t.rootName.startsWith('POST /apis/apps/v1/namespaces/{:namespace}/deployments'))!;
    const root = data.tree(target.index).spans[0]!;
    const info = data.kubernetes(root)!;
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    await clickTrace(viewer, target.index);
    await viewer.page.click('.waterfall-rows .row[aria-rowindex="1"]');
    await viewer.settle();
    const pairs = await viewer.page.$$eval('.details .k8s > dl:first-of-type dt', (dts) =>
      dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    const shown = new Map(pairs as [string, string][]);
    assert.equal(shown.get('verb'), info.verb);
    assert.equal(shown.get('namespace'), info.namespace);
    assert.equal(shown.get('audit ID'), info.auditId);
    assert.ok(info.resource && shown.get('resource')?.startsWith(info.resource));
    const parts = await viewer.page.$$eval('.details .k8s .breakdown > span', (spans) => spans.map((s) => s.getAttribute('title')));
    assert.ok(
      parts.some((p) => p?.startsWith('storage and etcd:')),
      `breakdown parts: ${parts.join(', ')}`,
    );
    assert.ok(
      parts.some((p) => p?.startsWith('admission webhooks:')),
      'a deployment create calls the policy webhook',
    );
    const glance = await viewer.page.textContent('.trace-header .k8s-glance');
    assert.equal(glance, `kube-apiserver: ${info.verb} ${info.resource} in ${info.namespace} → ${info.statusCode} · audit ${info.auditId}`);
  });

  it('keyboard: arrows move, Enter opens the waterfall, Left/Right collapse and expand, / focuses search', async () => {
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.focus('.trace-list');
    const first = await selectedTraceRow(viewer);
    await page.keyboard.press('ArrowDown');
    await viewer.settle();
    const second = await selectedTraceRow(viewer);
    assert.notEqual(second, first, 'ArrowDown selects the next trace');
    await page.keyboard.press('Enter');
    await viewer.settle();
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('waterfall-rows')),
      true,
      'Enter moves focus to the waterfall',
    );
    const spans = await rowCount(viewer, '.waterfall-rows');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.waterfall-rows'), 1, 'ArrowLeft on the root collapses the tree');
    assert.equal(await page.getAttribute('.waterfall-rows .row[aria-rowindex="1"]', 'aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.waterfall-rows'), spans, 'ArrowRight expands it again');
    await page.keyboard.press('ArrowDown');
    await viewer.settle();
    assert.equal(await page.getAttribute('.waterfall-rows .row[aria-rowindex="2"]', 'aria-selected'), 'true');
    assert.ok((await page.textContent('.details h2'))!.length > 0, 'the selected span is described');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'search');
    await page.focus('[role="tab"][aria-selected="true"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Operations');
    assert.equal(await page.getAttribute('[role="tab"]:text("Operations")', 'aria-selected'), 'true', 'arrows switch tabs');
  });

  it('sorts by a column and filters by errors, service and minimum duration', async () => {
    const data = model(GENERATED);
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.click('.table-header [data-key="spanCount"]');
    await viewer.settle();
    // Rows in display order (the virtual list reuses row elements out of DOM order; aria-rowindex is the order).
    const shownOrder = await page.$$eval('.trace-list .row:not([hidden])', (rows) =>
      rows
        .map((r) => [Number(r.getAttribute('aria-rowindex')), Number((r as HTMLElement).dataset['trace'])])
        .sort((a, b) => a[0]! - b[0]!)
        .map(([, trace]) => trace!),
    );
    const counts = shownOrder.map((i) => data.trace(i).spanCount);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
      'largest traces first',
    );
    assert.equal(await page.getAttribute('.table-header [data-key="spanCount"]', 'aria-sort'), 'descending');

    await page.check('input[aria-label="Only traces with errors"]');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), data.traces.filter((t) => t.errorCount > 0).length);
    await page.uncheck('input[aria-label="Only traces with errors"]');
    await page.selectOption('select[aria-label="Filter traces by service"]', 'policy-webhook');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), data.traces.filter((t) => t.services.includes('policy-webhook')).length);
    await page.selectOption('select[aria-label="Filter traces by service"]', '');
    await page.fill('input[aria-label="Minimum trace duration in milliseconds"]', '20');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), data.traces.filter((t) => t.durationNs >= 20e6).length);
  });

  it('search filters the list and the waterfall, keeping ancestors of matches', async () => {
    const data = model(GENERATED);
    const expectedTraces = data.traces.filter((t) => data.search('etcdserverpb.KV/Txn').matchesPerTrace[t.index]! > 0).length;
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.fill('input[type="search"][aria-label^="Search"]', 'etcdserverpb.KV/Txn');
    await page.press('input[type="search"][aria-label^="Search"]', 'Enter');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), expectedTraces);
    assert.ok(expectedTraces < 52);
    const expectedSpans = data.search('etcdserverpb.KV/Txn').matchCount;
    const searchStatus = `search: ${expectedSpans.toLocaleString('en-US')} matching spans in ${expectedTraces} traces · `;
    assert.ok((await viewer.statusText()).startsWith(searchStatus), `the status line counts the matches: ${await viewer.statusText()}`);
    const shown = await page.textContent('.trace-header');
    assert.ok(
      await page.$('.trace-list .row[aria-selected="true"]'),
      `the waterfall shows a listed trace, not the one the search hid (${shown})`,
    );
    await page.fill('input[type="search"][aria-label^="Search"]', 'no such text anywhere');
    await page.press('input[type="search"][aria-label^="Search"]', 'Enter');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), 0);
    assert.equal(await page.textContent('.trace-header'), 'No trace matches the search and filters.');
    await page.fill('input[type="search"][aria-label^="Search"]', 'etcdserverpb.KV/Txn');
    await page.press('input[type="search"][aria-label^="Search"]', 'Enter');
    await viewer.settle();
    await page.click('.trace-list .row[aria-rowindex="1"]');
    await viewer.settle();
    const rows = await page.$$eval('.waterfall-rows .row:not([hidden])', (list) =>
      list.map((r) => ({ name: r.querySelector('.label')!.textContent!, context: r.classList.contains('context') })),
    );
    assert.ok(rows.length > 0);
    assert.ok(
      rows.some((r) => r.name === 'etcdserverpb.KV/Txn' && !r.context),
      'the matches are shown',
    );
    assert.ok(
      rows.some((r) => r.context),
      'their ancestors are shown, dimmed',
    );
    const total = data.trace(Number(await selectedTraceRow(viewer))).spanCount;
    assert.ok((await rowCount(viewer, '.waterfall-rows')) < total, 'spans that neither match nor lead to a match are hidden');
  });

  it('search finds a trace by the ID its header prints', async () => {
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.click('.trace-list .row[aria-rowindex="3"]');
    await viewer.settle();
    const header = (await page.textContent('.trace-header'))!;
    const traceId = /trace ([0-9a-f]{32})/.exec(header)![1]!;
    await page.click('.trace-list .row[aria-rowindex="1"]');
    await page.fill('input[type="search"][aria-label^="Search"]', traceId);
    await page.press('input[type="search"][aria-label^="Search"]', 'Enter');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), 1);
    assert.ok((await page.textContent('.trace-header'))!.includes(traceId), 'the waterfall shows the trace searched for');
    assert.match(await viewer.statusText(), /^search: [\d,]+ matching spans? in 1 trace · /);
  });

  it('Export hands the shown trace to the host as OTLP/JSON; during a search only the spans it shows', async () => {
    const data = model(GENERATED);
    const target = data.traces.find((t) => t.services.includes('etcd') && t.spanCount > 5)!;
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await clickTrace(viewer, target.index);
    await viewer.settle();
    const exported = async () => {
      await page.click('.trace-header button:has-text("Export")');
      const posted = await page.evaluate(() =>
        (window as unknown as { __host: { posted: { type: string; fileName?: string; text?: string }[] } }).__host.posted
          .filter((m) => m.type === 'exportTrace')
          .at(-1),
      );
      assert.ok(posted?.text && posted.fileName);
      return { fileName: posted.fileName, back: readTraceFiles([{ name: posted.fileName, bytes: new TextEncoder().encode(posted.text) }]) };
    };
    const whole = await exported();
    assert.equal(whole.fileName, `${target.traceId}.otlp.jsonl`);
    assert.equal(whole.back.traces.length, 1);
    assert.equal(whole.back.traces[0]!.spanCount, target.spanCount);
    await page.fill('input[type="search"][aria-label^="Search"]', 'etcdserverpb');
    await page.press('input[type="search"][aria-label^="Search"]', 'Enter');
    await viewer.settle();
    const filtered = await exported();
    assert.equal(filtered.fileName, `${target.traceId}-search.otlp.jsonl`);
    const shown = data.search('etcdserverpb').flags;
    const expected = [...data.tree(target.index).spans].filter((s) => s >= 0 && shown[s] !== 0).length;
    assert.equal(filtered.back.traces[0]!.spanCount, expected);
    assert.ok(expected < target.spanCount);
  });

  it('a link to a span in the same file navigates to it', async () => {
    const data = model(GENERATED);
    let from = -1,
      to = -1;
    for (let span = 0; span < data.spanCount && from < 0; span++) {
      const link = data.spanDetails(span).links.find((l) => l.linkedSpanIndex >= 0);
      if (link) {
        from = span;
        to = link.linkedSpanIndex;
      }
    }
    assert.ok(from >= 0, 'the generated sample has cross-trace links');
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await clickTrace(viewer, data.spanTrace(from));
    await clickSpanRow(viewer, data.rowOf(from));
    await page.click('.details .link-button:not([disabled])');
    await viewer.settle();
    assert.equal(await page.textContent('.details h2'), data.spanName(to));
    assert.ok((await page.textContent('.trace-header'))!.includes(data.trace(data.spanTrace(to)).traceId));
    assert.equal(await page.getAttribute(`.waterfall-rows .row[data-row="${data.rowOf(to)}"]`, 'aria-selected'), 'true');
  });

  it('the operations table aggregates by service and span name; choosing one filters the traces', async () => {
    const data = model(GENERATED);
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.click('[role="tab"]:text("Operations")');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.operations'), data.operations().length);
    const slowest = data.operations().reduce((a, b) => (b.p95Ns > a.p95Ns ? b : a));
    const firstRow = await page.$$eval('.operations .row[aria-rowindex="1"] span', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(firstRow.slice(0, 3), [slowest.service, slowest.name, String(slowest.count)], 'slowest p95 first');
    await page.click('.operations .row[aria-rowindex="1"]');
    await viewer.settle();
    assert.equal(await page.getAttribute('[role="tab"]:text("Traces")', 'aria-selected'), 'true');
    assert.equal(await page.inputValue('select[aria-label="Filter traces by service"]'), slowest.service);
  });

  /** One trace: a root and 19,999 children in start order, so waterfall row r shows `child r` (row 0 the root). */
  function bigTraceLine(): Uint8Array {
    const spans = [];
    const root = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      name: 'root',
      kind: 2,
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000020000000000',
    };
    spans.push(root);
    for (let i = 1; i < 20000; i++) {
      const start = 1700000000000000000n + BigInt(i) * 1000000n;
      spans.push({
        traceId: root.traceId,
        spanId: i.toString(16).padStart(16, '0'),
        parentSpanId: root.spanId,
        name: `child ${i}`,
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + 500000n),
      });
    }
    const line = JSON.stringify({
      resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'big' } }] }, scopeSpans: [{ spans }] }],
    });
    return new TextEncoder().encode(line + '\n');
  }

  it('a 20,000-span trace keeps under 100 rows in the DOM and scrolls to its last span', async () => {
    viewer = await suite.open();
    await viewer.feed('big.otlp.jsonl', bigTraceLine());
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.waterfall-rows'), 20000);
    assert.ok((await viewer.page.$$('.waterfall-rows .row')).length < 100, 'virtualized');
    await viewer.page.focus('.waterfall-rows');
    await viewer.page.keyboard.press('End');
    await viewer.settle();
    assert.equal(await viewer.page.textContent('.details h2'), 'child 19999');
    assert.ok((await viewer.page.$$('.waterfall-rows .row')).length < 100, 'still virtualized after scrolling');
  });

  it('jumping through a 20,000-span waterfall (scrollbar drag) shows the right span on every row in view, every frame', async () => {
    viewer = await suite.open();
    await viewer.feed('big.otlp.jsonl', bigTraceLine());
    await viewer.settle();
    const ROW = 22; // px, as clickSpanRow assumes
    /**
     * Optionally scrolls to `top`, then reads the rows the DOM shows (not hidden): index, position, label. The
     * list renders in the animation frame after the scroll event and schedules its overscan for the frame after;
     * reading inside the second of our own nested frames (registered before the scroll event fired, so run
     * before the list's callbacks of that frame) sees the jumped frame itself, before the overscan repairs it.
     */
    const snapshot = (top?: number) =>
      viewer!.page.evaluate(
        // No named inner functions: the test transpiler would wrap them in a helper the page does not have.
        (top) =>
          new Promise<{ top: number; height: number; rows: { index: number; transform: string; label: string | null }[] }>((resolve) => {
            const scroller = document.querySelector('.waterfall-rows') as HTMLElement;
            if (top !== null) scroller.scrollTop = top;
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve({
                  top: scroller.scrollTop,
                  height: scroller.clientHeight,
                  rows: [...scroller.querySelectorAll<HTMLElement>('.row[data-row]')]
                    .filter((row) => !row.hidden)
                    .map((row) => ({
                      index: Number(row.dataset.row),
                      transform: row.style.transform,
                      label: row.querySelector('.label')!.textContent,
                    })),
                }),
              ),
            );
          }),
        top ?? null,
      );
    const expectedLabel = (index: number) => (index === 0 ? 'root' : `child ${index}`);
    const checkInView = (state: Awaited<ReturnType<typeof snapshot>>, when: string) => {
      const byIndex = new Map(state.rows.map((row) => [row.index, row]));
      const first = Math.floor(state.top / ROW);
      const last = Math.min(20000, Math.ceil((state.top + state.height) / ROW));
      for (let index = first; index < last; index++) {
        const row = byIndex.get(index);
        assert.ok(row, `${when}: row ${index} is in view but not in the DOM`);
        assert.equal(row.label, expectedLabel(index), `${when}: row ${index} shows another span`);
        assert.equal(row.transform, `translateY(${index * ROW}px)`, `${when}: row ${index} is not at its place`);
      }
      for (const row of state.rows)
        assert.equal(row.label, expectedLabel(row.index), `${when}: a shown row ${row.index} has stale content`);
      return { first, last };
    };
    // Jumps far beyond the overscan, one per animation frame, as a dragged scrollbar does.
    for (const target of [5000, 5040, 12000, 11950, 19990, 3, 9000]) {
      checkInView(await snapshot(target * ROW), `in the frame after the jump to row ${target}`);
    }
    // Once the view holds still, the overscan around it is filled again (slow scrolling then moves no rows).
    await viewer.settle();
    const settled = await snapshot();
    const { first, last } = checkInView(settled, 'settled');
    const shown = new Set(settled.rows.map((row) => row.index));
    for (const index of [first - 1, first - 8, last, last + 7]) assert.ok(shown.has(index), `settled: overscan row ${index} is filled`);
    assert.ok(settled.rows.length < 100, 'still virtualized');
  });

  it('the minimap zooms into a dragged time range and double-click shows the whole trace again', async () => {
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    const ticks = () => page.$$eval('.axis .tick', (list) => list.map((t) => t.textContent));
    const rootBarWidth = () => page.$eval('.waterfall-rows .row[aria-rowindex="2"] .wf-bar', (bar) => bar.getBoundingClientRect().width);
    const before = { ticks: await ticks(), width: await rootBarWidth() };
    assert.equal(before.ticks[0], '0');
    const box = (await page.locator('.minimap').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await viewer.settle();
    const zoomed = await ticks();
    assert.notEqual(zoomed[0], '0', `the axis starts later: ${zoomed.join(', ')}`);
    const windowWidth = await page.$eval('.minimap .window', (w) => w.getBoundingClientRect().width);
    assert.ok(Math.abs(windowWidth - box.width * 0.2) < 4, `the window covers the dragged range (${windowWidth} of ${box.width})`);
    await page.dblclick('.minimap');
    await viewer.settle();
    assert.deepEqual(await ticks(), before.ticks);
    assert.equal(await rootBarWidth(), before.width);
  });

  it('the names column resizes by dragging its edge; the time axis stays aligned with the bars', async () => {
    viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    const nameWidth = () => page.$eval('.waterfall-rows .row[aria-rowindex="1"] .wf-name', (cell) => cell.getBoundingClientRect().width);
    const zeroTickX = () => page.$eval('.axis .tick', (tick) => tick.getBoundingClientRect().left);
    const rootBarX = () => page.$eval('.waterfall-rows .row[aria-rowindex="1"] .wf-bar', (bar) => bar.getBoundingClientRect().left);
    const before = await nameWidth();
    assert.ok(Math.abs((await zeroTickX()) - (await rootBarX())) <= 2, "the 0 tick is at the root bar's start");
    const handle = (await page.locator('.axis .name-resizer').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 150, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    await viewer.settle();
    assert.ok(Math.abs((await nameWidth()) - before - 150) <= 4, `names column ${before} → ${await nameWidth()}`);
    assert.ok(Math.abs((await zeroTickX()) - (await rootBarX())) <= 2, 'still aligned after resizing');
  });

  it('a JSON file that holds no traces says so and shows why', async () => {
    viewer = await suite.open();
    await viewer.feed('package.json', new Uint8Array(readFileSync(join(SAMPLES, '../../../package.json'))));
    await viewer.settle();
    assert.match(await viewer.statusText(), /^0 traces · 0 spans · /);
    assert.equal(
      await viewer.page.textContent('.trace-header'),
      'No traces could be read from this file: the unreadable lines above say why.',
    );
    assert.equal(await viewer.page.isVisible('[aria-label="Unreadable lines and files"] li'), true);
    assert.match((await viewer.page.textContent('[aria-label="Unreadable lines and files"] li'))!, /^package\.json:1: /);
  });

  it('a file the host could not read is listed; the other files load and the counts keep updating', async () => {
    viewer = await suite.open();
    await viewer.post({
      type: 'readError',
      label: 'traces-2025-05-17T12-27-08.769.json',
      message: "EACCES: permission denied, open '/var/log/otel/traces-2025-05-17T12-27-08.769.json'",
    });
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    assert.equal(await viewer.statusText(), '52 traces · 2,009 spans · 4 services · 22 error spans');
    assert.equal(await viewer.page.textContent('.toolbar .problems'), '1 file not read');
    assert.match(
      (await viewer.page.textContent('[aria-label="Unreadable lines and files"] li'))!,
      /^traces-2025-05-17T12-27-08\.769\.json: EACCES: permission denied/,
    );
  });

  it('an unreadable line is listed with its file, line and reason; every other line loads', async () => {
    const bytes = readFileSync(join(SAMPLES, 'otlp-json/otlp-spec-file-exporter-example.jsonl'), 'utf8').split('\n').filter(Boolean);
    const expected = model('otlp-json/otlp-spec-file-exporter-example.jsonl').counts;
    const text = [bytes[0], '{"resourceSpans": [ this is not JSON', ...bytes.slice(1)].join('\n') + '\n';
    viewer = await suite.open();
    await viewer.feed('broken.otlp.jsonl', new TextEncoder().encode(text));
    await viewer.settle();
    assert.match(await viewer.statusText(), new RegExp(`^${expected.traces} traces? · ${expected.spans} spans`));
    assert.equal(await viewer.page.textContent('.toolbar .problems'), '1 unreadable line');
    await viewer.page.click('.toolbar .problems');
    assert.match((await viewer.page.textContent('[aria-label="Unreadable lines and files"] li'))!, /^broken\.otlp\.jsonl:2: invalid JSON/);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`screenshots of the list, waterfall and details (${theme})`, async () => {
      const data = model(GENERATED);
      const target = data.traces.find(
        (t) => t.rootName.startsWith('POST /apis/apps/v1/namespaces/{:namespace}/deployments') && t.errorCount === 0,
      )!;
      viewer = await suite.open({ theme, width: 1500, height: 950 });
      await viewer.feedSample(GENERATED);
      await viewer.settle();
      const page = viewer.page;
      await clickTrace(viewer, target.index);
      await page.click('.waterfall-rows .row[aria-rowindex="1"]');
      await viewer.settle();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `viewer-${theme}.png`) });
      await page.locator('.details').screenshot({ path: join(SCREENSHOTS, `details-${theme}.png`) });
      // The theme took effect: the page background is the theme's editor background.
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, { light: 'rgb(255, 255, 255)', dark: 'rgb(31, 31, 31)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
      // Durations written inside bars stay readable on the bar's colour (WCAG AA: contrast 4.5 or more).
      const pairs = await page.$$eval('.waterfall-rows .row:not([hidden])', (rows) =>
        rows.flatMap((row) => {
          const label = row.querySelector('.wf-duration.inside');
          const bar = row.querySelector('.wf-bar');
          return label && bar ? [[getComputedStyle(label).color, getComputedStyle(bar).backgroundColor] as const] : [];
        }),
      );
      assert.ok(pairs.length > 0, 'some durations are written inside their bars');
      for (const [text, bar] of pairs) {
        const ratio = contrastRatio(text, bar);
        assert.ok(ratio >= 4.5, `${text} on ${bar}: contrast ${ratio.toFixed(2)} (${theme})`);
      }
      // The critical path reads at a glance: its rows' names are bold.
      assert.ok((await page.$$('.waterfall-rows .row.on-critical-path')).length > 0);
    });
  }
});

/** WCAG 2 contrast ratio of two computed `rgb(...)` colours. */
function contrastRatio(a: string, b: string): number {
  const luminance = (color: string): number => {
    const [red, green, blue] = (/(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(color) ?? []).slice(1).map(Number);
    return relativeLuminance(red ?? 0, green ?? 0, blue ?? 0);
  };
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}
