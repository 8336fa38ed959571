/**
 * The built trace viewer (media/dist/viewer.js) in headless Chromium, fed the real sample files the way the
 * extension host feeds them. Expected counts come from test/fixtures/samples/README.md; per-trace facts the
 * UI must show come from the trace model read in Node (the same files, read independently of the page).
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { FileFeed } from '../../client/src/traceViewer/fileFeed';
import { readTraceFiles, type TraceDataset } from '../../common/src/trace';
import { ROOT, SAMPLES, ViewerHarness, type ViewerPage } from './harness';

const GENERATED = 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl';
const SCREENSHOTS = join(ROOT, 'test-results', 'webview');

function model(relativePath: string): TraceDataset {
  return readTraceFiles([{ name: relativePath, bytes: new Uint8Array(readFileSync(join(SAMPLES, relativePath))) }]);
}

/** Row count the virtual list announces (all rows, not only those in the DOM). */
async function rowCount(viewer: ViewerPage, selector: string): Promise<number> {
  return Number(await viewer.page.getAttribute(selector, 'aria-rowcount'));
}

/** Scrolls the virtual trace list until the trace's row exists, then clicks it. */
async function clickTrace(viewer: ViewerPage, traceIndex: number): Promise<void> {
  const row = viewer.page.locator(`.trace-list .row[data-trace="${traceIndex}"]:not([hidden])`);
  await viewer.page.evaluate(() => { document.querySelector('.trace-list')!.scrollTop = 0; });
  await viewer.settle();
  for (let attempt = 0; attempt < 200 && (await row.count()) === 0; attempt++) {
    await viewer.page.evaluate(() => { const list = document.querySelector('.trace-list')!; list.scrollTop += list.clientHeight; });
    await viewer.settle();
  }
  await row.click();
  await viewer.settle();
}

/** Scrolls the waterfall to a tree row and clicks it. */
async function clickSpanRow(viewer: ViewerPage, row: number): Promise<void> {
  await viewer.page.evaluate((r) => { document.querySelector('.waterfall-rows')!.scrollTop = r * 22; }, row);
  await viewer.settle();
  await viewer.page.locator(`.waterfall-rows .row[data-row="${row}"]`).click();
  await viewer.settle();
}

async function selectedTraceRow(viewer: ViewerPage): Promise<string | null> {
  return viewer.page.getAttribute('.trace-list .row[aria-selected="true"]', 'data-trace');
}

describe('trace viewer webview (headless Chromium, real sample files)', function () {
  this.timeout(60000);
  let harness: ViewerHarness;
  let viewer: ViewerPage;

  before(async () => {
    harness = await ViewerHarness.start();
  });
  after(async () => harness?.stop());
  afterEach(async function () {
    if (viewer) {
      const unexpected = viewer.errors.filter((e) => !e.includes('favicon'));
      await viewer.close();
      if (this.currentTest?.state === 'passed') assert.deepEqual(unexpected, [], 'no page errors');
    }
  });

  it('lists every trace of the generated kube-apiserver/etcd sample with the README counts', async () => {
    viewer = await harness.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    assert.equal(await viewer.statusText(), '52 traces · 2,009 spans · 4 services · 22 error spans');
    assert.equal(await rowCount(viewer, '.trace-list'), 52);
    const services = await viewer.page.$$eval('select[aria-label="Filter traces by service"] option', (options) => options.map((o) => o.textContent));
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
  ];
  for (const [sample, expected] of README_COUNTS) {
    it(`opens ${sample} with the counts of the samples README`, async () => {
      viewer = await harness.open();
      await viewer.feedSample(sample);
      await viewer.settle();
      assert.match(await viewer.statusText(), expected);
      assert.equal(await viewer.page.$('.toolbar .problems:not([hidden])'), null, 'no unreadable record');
    });
  }

  it('shows the .NET Collector file (BOM, no final newline, no roots) with its orphans under a synthetic root', async () => {
    viewer = await harness.open();
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
    viewer = await harness.open();
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
    assert.deepEqual(shownKeys, details.attributes.map((a) => a.key));
  });

  it('Kubernetes at a glance: verb, resource, namespace, audit ID and where the request spent its time', async () => {
    const data = model(GENERATED);
    const target = data.traces.find((t) => t.rootName.startsWith('POST /apis/apps/v1/namespaces/{:namespace}/deployments'))!;
    const root = data.tree(target.index).spans[0]!;
    const info = data.kubernetes(root)!;
    viewer = await harness.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    await clickTrace(viewer, target.index);
    await viewer.page.click('.waterfall-rows .row[aria-rowindex="1"]');
    await viewer.settle();
    const pairs = await viewer.page.$$eval('.details .k8s > dl:first-of-type dt', (dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    const shown = new Map(pairs as [string, string][]);
    assert.equal(shown.get('verb'), info.verb);
    assert.equal(shown.get('namespace'), info.namespace);
    assert.equal(shown.get('audit ID'), info.auditId);
    assert.ok(info.resource && shown.get('resource')?.startsWith(info.resource));
    const parts = await viewer.page.$$eval('.details .k8s .breakdown > span', (spans) => spans.map((s) => s.getAttribute('title')));
    assert.ok(parts.some((p) => p?.startsWith('storage and etcd:')), `breakdown parts: ${parts.join(', ')}`);
    assert.ok(parts.some((p) => p?.startsWith('admission webhooks:')), 'a deployment create calls the policy webhook');
    const glance = await viewer.page.textContent('.trace-header .k8s-glance');
    assert.equal(glance, `kube-apiserver: ${info.verb} ${info.resource} in ${info.namespace} → ${info.statusCode} · audit ${info.auditId}`);
  });

  it('keyboard: arrows move, Enter opens the waterfall, Left/Right collapse and expand, / focuses search', async () => {
    viewer = await harness.open();
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
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('waterfall-rows')), true, 'Enter moves focus to the waterfall');
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
    viewer = await harness.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.click('.table-header [data-key="spanCount"]');
    await viewer.settle();
    // Rows in display order (the virtual list reuses row elements out of DOM order; aria-rowindex is the order).
    const shownOrder = await page.$$eval('.trace-list .row:not([hidden])', (rows) => rows
      .map((r) => [Number(r.getAttribute('aria-rowindex')), Number((r as HTMLElement).dataset['trace'])])
      .sort((a, b) => a[0]! - b[0]!)
      .map(([, trace]) => trace!));
    const counts = shownOrder.map((i) => data.trace(i).spanCount);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'largest traces first');
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
    viewer = await harness.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    const page = viewer.page;
    await page.fill('input[type="search"][aria-label^="Search"]', 'etcdserverpb.KV/Txn');
    await page.press('input[type="search"][aria-label^="Search"]', 'Enter');
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.trace-list'), expectedTraces);
    assert.ok(expectedTraces < 52);
    const shown = await page.textContent('.trace-header');
    assert.ok(await page.$('.trace-list .row[aria-selected="true"]'), `the waterfall shows a listed trace, not the one the search hid (${shown})`);
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
    const rows = await page.$$eval('.waterfall-rows .row:not([hidden])', (list) => list.map((r) => ({ name: r.querySelector('.label')!.textContent!, context: r.classList.contains('context') })));
    assert.ok(rows.length > 0);
    assert.ok(rows.some((r) => r.name === 'etcdserverpb.KV/Txn' && !r.context), 'the matches are shown');
    assert.ok(rows.some((r) => r.context), 'their ancestors are shown, dimmed');
    const total = data.trace(Number(await selectedTraceRow(viewer))).spanCount;
    assert.ok((await rowCount(viewer, '.waterfall-rows')) < total, 'spans that neither match nor lead to a match are hidden');
  });

  it('a span named <img src=x onerror=alert(1)> shows those characters and runs nothing', async () => {
    const hostile = {
      name: '<img src=x onerror=alert(1)>',
      service: '<script>alert(2)</script>',
      attribute: '<b onmouseover=alert(3)>bold</b><iframe src="javascript:alert(4)"></iframe>',
      event: '<svg onload=alert(5)>',
    };
    const line = JSON.stringify({
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: hostile.service } }] },
        scopeSpans: [{ scope: { name: '<style>body{display:none}</style>' }, spans: [{
          traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: hostile.name, kind: 2,
          startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000005000000',
          attributes: [{ key: '<i>key</i>', value: { stringValue: hostile.attribute } }],
          events: [{ timeUnixNano: '1700000000001000000', name: hostile.event }],
          status: { code: 2, message: '<a href="javascript:alert(6)">x</a>' },
        }] }],
      }],
    });
    viewer = await harness.open();
    await viewer.feed('hostile.otlp.jsonl', new TextEncoder().encode(line + '\n'));
    await viewer.settle();
    const page = viewer.page;
    await page.click('.trace-list .row[aria-rowindex="1"]');
    await page.click('.waterfall-rows .row[aria-rowindex="1"]');
    await viewer.settle();
    const text = await page.evaluate(() => document.body.innerText);
    for (const value of Object.values(hostile)) assert.ok(text.includes(value), `shown as text: ${value}`);
    assert.equal(await page.textContent('.details h2'), hostile.name);
    const injected = await page.evaluate(() => document.querySelectorAll('img, svg, iframe, b, i, a[href], style').length);
    assert.equal(injected, 0, 'no element was made from trace text');
    assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 1, 'only the viewer script');
    await page.hover('.details h2');
    assert.deepEqual(viewer.dialogs, [], 'no alert ran');
  });

  it('the page CSP blocks inline scripts and inline event handlers', async () => {
    viewer = await harness.open();
    const page = viewer.page;
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp!, /^default-src 'none'; /);
    assert.match(csp!, /script-src 'nonce-[A-Za-z0-9]+'/);
    assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval|https?:\/\/(?!127\.0\.0\.1)/);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="/no-such-image.png" onerror="window.__handlerRan = true">';
      document.body.append(holder);
    });
    await page.waitForFunction(() => (window as unknown as { __host: { violations: string[] } }).__host.violations.length >= 2);
    assert.equal(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan), undefined);
    assert.equal(await page.evaluate(() => (window as unknown as { __handlerRan?: boolean }).__handlerRan), undefined);
    const violations = await page.evaluate(() => (window as unknown as { __host: { violations: string[] } }).__host.violations);
    assert.ok(violations.some((v) => v.startsWith('script-src-elem')), violations.join('; '));
    assert.ok(violations.some((v) => v.startsWith('script-src-attr')), violations.join('; '));
    viewer.errors.length = 0; // the blocked image's 404 is expected here
  });

  it('follow mode: appended lines update the list and keep the selection and the search', async () => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, GENERATED)));
    const firstLineEnd = bytes.indexOf(0x0a) + 1;
    const data = model(GENERATED);
    viewer = await harness.open();
    const source = await viewer.feed('live.otlp.jsonl', bytes.subarray(0, firstLineEnd));
    await viewer.settle();
    const before = await viewer.statusText();
    const page = viewer.page;
    await page.click('.trace-list .row[aria-rowindex="2"]');
    await viewer.settle();
    const selected = await page.textContent('.trace-header .title');
    const selectedId = (await page.textContent('.trace-header'))!.match(/trace ([0-9a-f]{32})/)![1];
    await page.fill('input[aria-label="Filter traces by root span name"]', '/');
    await viewer.append(source, bytes.subarray(firstLineEnd));
    await viewer.settle();
    assert.notEqual(await viewer.statusText(), before);
    assert.equal(await viewer.statusText(), `${data.counts.traces} traces · 2,009 spans · 4 services · 22 error spans`);
    assert.equal(await page.textContent('.trace-header .title'), selected, 'the selected trace stays selected');
    assert.ok((await page.textContent('.trace-header'))!.includes(selectedId!));
    assert.equal(await page.inputValue('input[aria-label="Filter traces by root span name"]'), '/', 'the filter stays');
  });

  it('rotated files opened together are one data set: a trace split across them is assembled', async () => {
    // The 4 lines of this Node SDK file make 1 trace (samples README); give them as a rotated file + the current one.
    const lines = readFileSync(join(SAMPLES, 'otlp-json/jaeger-ui-otlp2jaeger-multi-in.jsonl'), 'utf8').split('\n').filter(Boolean);
    viewer = await harness.open();
    await viewer.feed('traces-2025-05-17T12-27-08.769.json', new TextEncoder().encode(lines.slice(0, 2).join('\n') + '\n'));
    const current = await viewer.feed('traces.json', new TextEncoder().encode(lines.slice(2).join('\n') + '\n'));
    await viewer.settle();
    assert.match(await viewer.statusText(), /^1 traces? · 4 spans · /);
    assert.equal(await rowCount(viewer, '.waterfall-rows'), 4);
    // The exporter rotates again: the current file is renamed and re-created; what was read stays.
    await viewer.post({ type: 'sourceReplaced', oldSourceId: current, reason: 'the file was replaced (rotated)' });
    await viewer.feedSample('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    await viewer.settle();
    assert.match(await viewer.statusText(), /^53 traces · 2,013 spans · /);
  });

  it('follow mode end to end: the host feed reads a growing file (a line written in two halves) into the page', async () => {
    const lines = readFileSync(join(SAMPLES, GENERATED), 'utf8').split('\n').filter(Boolean);
    const folder = mkdtempSync(join(tmpdir(), 'kt-follow-'));
    try {
      const path = join(folder, 'traces.otlp.jsonl');
      writeFileSync(path, lines[0] + '\n');
      viewer = await harness.open();
      let nextId = 1;
      const feed = new FileFeed(path, (message) => viewer.deliver(message), () => nextId++);
      await feed.readInitial();
      await viewer.settle();
      const first = readTraceFiles([{ name: 'a', bytes: new TextEncoder().encode(lines[0] + '\n') }]).counts;
      assert.match(await viewer.statusText(), new RegExp(`^${first.traces} traces · ${first.spans.toLocaleString('en-US')} spans`));
      // The exporter is caught mid-write: half a line now, the rest a second later.
      const second = lines[1]! + '\n';
      appendFileSync(path, second.slice(0, 1000));
      await feed.poll();
      await viewer.settle();
      assert.match(await viewer.statusText(), new RegExp(`^${first.traces} traces · `), 'half a line adds nothing');
      appendFileSync(path, second.slice(1000) + lines.slice(2).join('\n') + '\n');
      await feed.poll();
      await viewer.settle();
      assert.equal(await viewer.statusText(), '52 traces · 2,009 spans · 4 services · 22 error spans');
      assert.equal(await viewer.page.$('.toolbar .problems:not([hidden])'), null, 'no unreadable line');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a link to a span in the same file navigates to it', async () => {
    const data = model(GENERATED);
    let from = -1, to = -1;
    for (let span = 0; span < data.spanCount && from < 0; span++) {
      const link = data.spanDetails(span).links.find((l) => l.linkedSpanIndex >= 0);
      if (link) { from = span; to = link.linkedSpanIndex; }
    }
    assert.ok(from >= 0, 'the generated sample has cross-trace links');
    viewer = await harness.open();
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
    viewer = await harness.open();
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

  it('a 20,000-span trace keeps under 100 rows in the DOM and scrolls to its last span', async () => {
    const spans = [];
    const root = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'root', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000020000000000' };
    spans.push(root);
    for (let i = 1; i < 20000; i++) {
      const start = 1700000000000000000n + BigInt(i) * 1000000n;
      spans.push({ traceId: root.traceId, spanId: i.toString(16).padStart(16, '0'), parentSpanId: root.spanId, name: `child ${i}`, startTimeUnixNano: String(start), endTimeUnixNano: String(start + 500000n) });
    }
    const line = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'big' } }] }, scopeSpans: [{ spans }] }] });
    viewer = await harness.open();
    await viewer.feed('big.otlp.jsonl', new TextEncoder().encode(line + '\n'));
    await viewer.settle();
    assert.equal(await rowCount(viewer, '.waterfall-rows'), 20000);
    assert.ok((await viewer.page.$$('.waterfall-rows .row')).length < 100, 'virtualized');
    await viewer.page.focus('.waterfall-rows');
    await viewer.page.keyboard.press('End');
    await viewer.settle();
    assert.equal(await viewer.page.textContent('.details h2'), 'child 19999');
    assert.ok((await viewer.page.$$('.waterfall-rows .row')).length < 100, 'still virtualized after scrolling');
  });

  it('the minimap zooms into a dragged time range and double-click shows the whole trace again', async () => {
    viewer = await harness.open();
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

  it('an unreadable line is listed with its file, line and reason; every other line loads', async () => {
    const bytes = readFileSync(join(SAMPLES, 'otlp-json/otlp-spec-file-exporter-example.jsonl'), 'utf8').split('\n').filter(Boolean);
    const expected = model('otlp-json/otlp-spec-file-exporter-example.jsonl').counts;
    const text = [bytes[0], '{"resourceSpans": [ this is not JSON', ...bytes.slice(1)].join('\n') + '\n';
    viewer = await harness.open();
    await viewer.feed('broken.otlp.jsonl', new TextEncoder().encode(text));
    await viewer.settle();
    assert.match(await viewer.statusText(), new RegExp(`^${expected.traces} traces? · ${expected.spans} spans`));
    assert.equal(await viewer.page.textContent('.toolbar .problems'), '1 unreadable line');
    await viewer.page.click('.toolbar .problems');
    assert.match((await viewer.page.textContent('[aria-label="Unreadable lines"] li'))!, /^broken\.otlp\.jsonl:2: invalid JSON/);
  });

  it('restores the saved view state (trace, span, search, filters) when VS Code re-creates the webview', async () => {
    const data = model(GENERATED);
    const target = data.traces.find((t) => t.rootName.startsWith('PATCH /api/v1/namespaces/{:namespace}/pods/{:name}'))!;
    const span = data.tree(target.index).spans[3]!;
    const saved = { tab: 'traces', sortKey: 'durationNs', descending: true, filter: { service: '', name: 'PATCH', minDurationMs: 0, errorsOnly: false }, search: '', traceId: target.traceId, spanId: data.spanId(span) };
    viewer = await harness.open({ savedState: saved });
    // Small chunks: the list paints (showing another trace) before the saved trace's spans arrive.
    await viewer.feed('restored.otlp.jsonl', new Uint8Array(readFileSync(join(SAMPLES, GENERATED))), 128 * 1024);
    await viewer.settle();
    assert.equal(await viewer.page.textContent('.trace-header .title'), target.rootName);
    assert.equal(await viewer.page.textContent('.details h2'), data.spanName(span));
    assert.equal(await viewer.page.inputValue('input[aria-label="Filter traces by root span name"]'), 'PATCH');
    assert.equal(await rowCount(viewer, '.trace-list'), data.traces.filter((t) => t.rootName.toLowerCase().includes('patch')).length);
    assert.equal(await viewer.page.getAttribute('.table-header [data-key="durationNs"]', 'aria-sort'), 'descending');
  });

  it('the Follow button asks the host to follow the file; the host\'s answer shows it pressed', async () => {
    viewer = await harness.open();
    await viewer.post({ type: 'follow', enabled: false });
    await viewer.settle();
    assert.equal(await viewer.page.getAttribute('button:text("Follow")', 'aria-pressed'), 'false');
    await viewer.page.click('button:text("Follow")');
    const posted = await viewer.page.evaluate(() => (window as unknown as { __host: { posted: unknown[] } }).__host.posted);
    assert.deepEqual(posted.at(-1), { type: 'setFollow', enabled: true });
    await viewer.post({ type: 'follow', enabled: true });
    await viewer.settle();
    assert.equal(await viewer.page.getAttribute('button:text("Follow")', 'aria-pressed'), 'true');
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`screenshots of the list, waterfall and details (${theme})`, async () => {
      const data = model(GENERATED);
      const target = data.traces.find((t) => t.rootName.startsWith('POST /apis/apps/v1/namespaces/{:namespace}/deployments') && t.errorCount === 0)!;
      viewer = await harness.open({ theme, width: 1500, height: 950 });
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
    });
  }
});
