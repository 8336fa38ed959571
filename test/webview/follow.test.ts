/**
 * Follow mode and state in the trace viewer: appended bytes (also through the real host FileFeed on a growing
 * file), rotated files read as one data set, the webview state restored, the Follow button.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { FileFeed } from '../../client/src/traceViewer/fileFeed';
import { readTraceFiles } from '../../common/src/trace';
import { SAMPLES, type HostStubWindow, type ViewerPage } from './harness';
import { GENERATED, model, rowCount, viewerSuite } from './viewerHelpers';

describe('trace viewer webview: follow mode, rotated files and saved state', function () {
  this.timeout(60000);
  const suite = viewerSuite();
  let viewer: ViewerPage;

  it('follow mode: appended lines update the list and keep the selection and the search', async () => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, GENERATED)));
    const firstLineEnd = bytes.indexOf(0x0a) + 1;
    const data = model(GENERATED);
    viewer = await suite.open();
    const source = await viewer.feed('live.otlp.jsonl', bytes.subarray(0, firstLineEnd));
    await viewer.settle();
    const before = await viewer.statusText();
    const page = viewer.page;
    const loadedReports = () => page.evaluate(() => (window as unknown as HostStubWindow).__host.posted.filter((m) => m.type === 'loaded'));
    const initial = await loadedReports();
    assert.equal(initial.length, 1, 'one loaded report for the initial read');
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
    assert.equal((await loadedReports()).length, 1, 'appends in follow mode are not reported as loads');
  });

  it('rotated files opened together are one data set: a trace split across them is assembled', async () => {
    // The 4 lines of this Node SDK file make 1 trace (samples README); give them as a rotated file + the current one.
    const lines = readFileSync(join(SAMPLES, 'otlp-json/jaeger-ui-otlp2jaeger-multi-in.jsonl'), 'utf8').split('\n').filter(Boolean);
    viewer = await suite.open();
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

  for (const compress of [false, true])
    it(`follow mode end to end: the host feed reads a growing file (a line written in two halves) into the page${compress ? ', compressed as for a remote window' : ''}`, async () => {
      const lines = readFileSync(join(SAMPLES, GENERATED), 'utf8').split('\n').filter(Boolean);
      const folder = mkdtempSync(join(tmpdir(), 'kt-follow-'));
      try {
        const path = join(folder, 'traces.otlp.jsonl');
        writeFileSync(path, lines[0] + '\n');
        viewer = await suite.open();
        let nextId = 1;
        const feed = new FileFeed(
          path,
          (message) => {
            if ((message.type === 'chunk' || message.type === 'append') && message.bytes.length > 0)
              assert.equal(message.encoding, compress ? 'deflate-raw' : undefined);
            return viewer.deliver(message);
          },
          () => nextId++,
          { compress },
        );
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

  it('a compressed chunk that does not inflate is a read error; the chunks around it still load', async () => {
    const lines = readFileSync(join(SAMPLES, GENERATED), 'utf8').split('\n').filter(Boolean);
    const deflate = (text: string) => new Uint8Array(deflateRawSync(Buffer.from(text)));
    viewer = await suite.open();
    await viewer.post({ type: 'sourceStart', source: { id: 3, label: 'remote.otlp.jsonl', size: 1000 } });
    await viewer.deliver({ type: 'chunk', sourceId: 3, final: false, bytes: deflate(lines[0] + '\n'), encoding: 'deflate-raw' });
    await viewer.deliver({ type: 'chunk', sourceId: 3, final: false, bytes: new Uint8Array([1, 2, 3, 4]), encoding: 'deflate-raw' });
    await viewer.deliver({ type: 'chunk', sourceId: 3, final: true, bytes: deflate(lines[1] + '\n'), encoding: 'deflate-raw' });
    await viewer.settle();
    const expected = readTraceFiles([{ name: 'a', bytes: new TextEncoder().encode(`${lines[0]}\n${lines[1]}\n`) }]).counts;
    assert.match(await viewer.statusText(), new RegExp(`^${expected.traces} traces · ${expected.spans.toLocaleString('en-US')} spans`));
    assert.match((await viewer.page.textContent('.problems ul, ul.problems'))!, /viewer: a chunk of the file could not be inflated/);
  });

  it('restores the saved view state (trace, span, search, filters) when VS Code re-creates the webview', async () => {
    const data = model(GENERATED);
    const target = data.traces.find((t) => t.rootName.startsWith('PATCH /api/v1/namespaces/{:namespace}/pods/{:name}'))!;
    const span = data.tree(target.index).spans[3]!;
    const saved = {
      tab: 'traces',
      sortKey: 'durationNs',
      descending: true,
      filter: { service: '', name: 'PATCH', minDurationMs: 0, errorsOnly: false },
      search: '',
      traceId: target.traceId,
      spanId: data.spanId(span),
    };
    viewer = await suite.open({ savedState: saved });
    // Small chunks: the list paints (showing another trace) before the saved trace's spans arrive.
    await viewer.feed('restored.otlp.jsonl', new Uint8Array(readFileSync(join(SAMPLES, GENERATED))), 128 * 1024);
    await viewer.settle();
    assert.equal(await viewer.page.textContent('.trace-header .title'), target.rootName);
    assert.equal(await viewer.page.textContent('.details h2'), data.spanName(span));
    assert.equal(await viewer.page.inputValue('input[aria-label="Filter traces by root span name"]'), 'PATCH');
    assert.equal(await rowCount(viewer, '.trace-list'), data.traces.filter((t) => t.rootName.toLowerCase().includes('patch')).length);
    assert.equal(await viewer.page.getAttribute('.table-header [data-key="durationNs"]', 'aria-sort'), 'descending');
  });

  it("the Follow button asks the host to follow the file; the host's answer shows it pressed", async () => {
    viewer = await suite.open();
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

  it('Follow is on by default but quiet (no button colours) until the file grows', async () => {
    viewer = await suite.open();
    await viewer.setTheme('dark');
    const background = () => viewer.page.$eval('button.follow', (b) => getComputedStyle(b).backgroundColor);
    const primary = await viewer.page.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('button'));
      probe.setAttribute('aria-pressed', 'true');
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    });
    assert.notEqual(primary, 'rgba(0, 0, 0, 0)', 'a pressed button has the primary colour');
    const source = await viewer.feedSample(GENERATED);
    await viewer.post({ type: 'follow', enabled: true });
    await viewer.settle();
    assert.equal(await background(), 'rgba(0, 0, 0, 0)', 'a static file: Follow is on and quiet');
    assert.match((await viewer.page.textContent('button.follow'))!, /^Follow$/);
    await viewer.append(source, new TextEncoder().encode('\n'));
    await viewer.settle();
    assert.equal(await background(), primary, 'the file grew: Follow shows it follows');
  });
});
