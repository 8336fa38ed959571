/**
 * The Collector pipeline view (media/src/pipeline.ts) in headless Chromium, on the page the extension serves
 * (client/src/pipelineHtml.ts, its CSP) and the graph the language service computes for a real config
 * (test/fixtures/collector/pipelines/): the columns in config order, the connector's line between its two nodes,
 * the problems marked with the Collector's messages as tooltips, a click asking the editor to reveal the node's
 * definition, text from the file shown as text, and screenshots in light and dark themes (test-results/webview/).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPipelineHtml } from '../../client/src/pipelineHtml';
import type { CollectorPipelinesResult, HostToPipelineMessage, PipelineRange } from '../../common/src/protocolPipelines';
import { normalizeSettings } from '../../common/src/settings';
import { pipelineGraphsOfFile } from '../../server/src/service';
import { CHROMIUM, ROOT, ViewerPage, type Theme } from './harness';
import { SCREENSHOTS } from './viewerHelpers';

const BUNDLE = join(ROOT, 'media', 'dist', 'pipeline.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'collector', 'pipelines', 'spanmetrics-gateway.yaml');
const NONCE = 'testnonce0123456789abcdefABCDEF0';

function graphOf(text: string, distribution = 'core'): CollectorPipelinesResult {
  const uri = 'file:///ws/otel.yaml';
  const settings = normalizeSettings({ collectorVersion: '0.159.0', collectorDistribution: distribution });
  return { uri, configs: pipelineGraphsOfFile({ source: { uri, text }, options: { settings, workspaceFolders: ['/ws'] } }) };
}

interface Posted {
  posted: { type: string; [key: string]: unknown }[];
  violations: string[];
}

describe('Collector pipeline view webview (headless Chromium)', function () {
  this.timeout(60000);
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async function () {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
    server = createServer((request, response) => {
      const path = decodeURIComponent((request.url ?? '/').split('?')[0]!);
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const options = { cspSource: origin, nonce: NONCE, title: 'otel.yaml' };
        response.end(
          renderPipelineHtml({ ...options, scriptUri: `${origin}/media/dist/pipeline.js`, styleUri: `${origin}/media/pipeline.css` }),
        );
        return;
      }
      const media = join(ROOT, 'media');
      const file = path.startsWith('/media/') ? normalize(join(media, path.slice('/media/'.length))) : undefined;
      if (!file || !file.startsWith(media + sep) || !existsSync(file)) {
        response.writeHead(404);
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': extname(file) === '.css' ? 'text/css' : 'text/javascript' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.addInitScript({
      content: `(() => {
  const host = { posted: [], violations: [] };
  window.__host = host;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => host.posted.push(m), getState: () => undefined, setState: () => undefined });
  document.addEventListener('securitypolicyviolation', (e) => host.violations.push(e.violatedDirective + ' ' + e.blockedURI));
})();`,
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __host: Posted }).__host.posted.some((m) => m.type === 'ready'));
  });
  afterEach(async () => {
    const { violations } = await page.evaluate(() => (window as unknown as { __host: Posted }).__host);
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.deepEqual(errors, [], 'no page error');
    await page.close();
  });

  const show = async (result: CollectorPipelinesResult, fileName = 'spanmetrics-gateway.yaml') => {
    const message: HostToPipelineMessage = { type: 'graph', fileName, result };
    await page.evaluate((m) => window.postMessage(m, '*'), message);
    await page.waitForSelector('#app[aria-busy="false"]');
  };
  const posted = () => page.evaluate(() => (window as unknown as { __host: Posted }).__host.posted);

  it('draws the columns in config order, the connector line, and the problems with their messages', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const result = graphOf(text);
    await show(result);
    const columns = await page.$$eval('.pipeline', (rows) =>
      rows.map((row) => [
        row.getAttribute('data-pipeline'),
        ...['receivers', 'processors', 'exporters'].map((c) =>
          [...row.querySelectorAll(`.column.${c} .node .id`)].map((n) => n.textContent),
        ),
      ]),
    );
    assert.deepEqual(columns, [
      ['traces', ['otlp'], ['memory_limiter', 'tail_sampling', 'batch'], ['otlp/jaeger', 'spanmetrics']],
      ['traces/raw', ['otlp'], ['memory_limiter'], ['jaeger', 'forward']],
      ['metrics', ['spanmetrics'], ['batch'], ['prometheus', 'debug']],
    ]);
    // One line, from the traces pipeline's spanmetrics exporter to the metrics pipeline's spanmetrics receiver,
    // starting at the exporter node's right edge and ending at the receiver node's left edge.
    const link = await page.$$eval('svg.links path.link', (paths) =>
      paths.map((p) => {
        const grid = p.closest('.grid')!.getBoundingClientRect();
        const from = document.querySelector(`.node[data-key="${p.getAttribute('data-from')}"]`)!.getBoundingClientRect();
        const to = document.querySelector(`.node[data-key="${p.getAttribute('data-to')}"]`)!.getBoundingClientRect();
        // M x1 y1 H gutter V above H entry V y2 H x2
        const [x1, y1, , , , y2, x2] = (p.getAttribute('d')!.match(/-?[\d.]+/g) ?? []).map(Number);
        return {
          connector: p.getAttribute('data-connector'),
          from: p.getAttribute('data-from'),
          to: p.getAttribute('data-to'),
          startsAtExporter: Math.abs(x1! - (from.right - grid.left)) < 1 && y1! > from.top - grid.top && y1! < from.bottom - grid.top,
          endsAtReceiver: Math.abs(x2! - (to.left - grid.left)) < 1 && y2! > to.top - grid.top && y2! < to.bottom - grid.top,
        };
      }),
    );
    assert.deepEqual(link, [
      { connector: 'spanmetrics', from: 'traces|exporter|1', to: 'metrics|receiver|0', startsAtExporter: true, endsAtReceiver: true },
    ]);
    assert.equal(await page.textContent('.node[data-key="traces|exporter|1"] .caption'), 'connector → metrics');
    assert.equal(await page.textContent('.node[data-key="traces/raw|exporter|1"] .caption'), 'connector, joins nothing');

    // Problems: every node the service put a finding on, and only those, is marked, with the message as its tooltip.
    const marked = await page.$$eval('.node.problem', (nodes) => nodes.map((n) => [n.getAttribute('data-key'), n.getAttribute('title')]));
    const expected = result.configs[0]!.pipelines.flatMap((p) => [...p.receivers, ...p.processors, ...p.exporters]).filter(
      (n) => n.problems.length > 0,
    );
    assert.deepEqual(
      marked.map(([key]) => key),
      expected.map((n) => n.key),
    );
    assert.deepEqual(
      expected.map((n) => n.id),
      ['tail_sampling', 'spanmetrics', 'jaeger', 'forward', 'spanmetrics'],
    );
    const title = (key: string) => marked.find(([k]) => k === key)?.[1] ?? '';
    assert.match(
      title('traces|processor|1'),
      /^error: service::pipelines::traces: references processor "tail_sampling" which is not configured\n/,
    );
    assert.match(title('traces/raw|exporter|0'), /unknown type: "jaeger" for id: "jaeger"/);
    assert.match(
      title('traces/raw|exporter|1'),
      /connector "forward" used as exporter in \[traces\/raw\] pipeline but not used in any supported receiver pipeline/,
    );
    assert.ok(await page.locator('.node[data-key="traces|processor|1"]').evaluate((n) => n.classList.contains('unconfigured')));
    const border = await page.locator('.node[data-key="traces|processor|1"]').evaluate((n) => getComputedStyle(n).borderTopColor);
    const plain = await page.locator('.node[data-key="traces|processor|0"]').evaluate((n) => getComputedStyle(n).borderTopColor);
    assert.notEqual(border, plain, 'a node with a problem is drawn differently');
  });

  it('a click on a node asks the editor to reveal its definition, or its reference when not configured', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const result = graphOf(text);
    await show(result);
    const nodes = result.configs[0]!.pipelines[0]!;
    await page.click('.node[data-key="traces|processor|2"]');
    await page.click('.node[data-key="traces|processor|1"]');
    await page.click('.pipeline[data-pipeline="metrics"] .pipeline-name');
    const reveals = (await posted()).filter((m) => m.type === 'reveal').map((m) => m['range'] as PipelineRange);
    assert.deepEqual(reveals, [nodes.processors[2]!.definition, nodes.processors[1]!.reference, result.configs[0]!.pipelines[2]!.range]);
    const lines = text.split('\n');
    const [batch, tailSampling] = reveals as [PipelineRange, PipelineRange];
    assert.equal(lines[batch.start.line], '  batch:');
    assert.equal(lines[tailSampling.start.line], '      processors: [memory_limiter, tail_sampling, batch]');
  });

  it('shows ids from the file as text and redraws on a new graph', async () => {
    const hostile = `receivers:
  "otlp/<img src=x onerror=alert(1)>":
exporters:
  debug:
service:
  pipelines:
    "traces/<b onmouseover=alert(2)>x</b>":
      receivers: ["otlp/<img src=x onerror=alert(1)>"]
      exporters: [debug]
`;
    await show(graphOf(hostile), '<script>alert(3)</script>.yaml');
    const body = await page.evaluate(() => document.body.innerText);
    assert.ok(body.includes('otlp/<img src=x onerror=alert(1)>'));
    assert.ok(body.includes('traces/<b onmouseover=alert(2)>x</b>'));
    assert.ok(body.includes('<script>alert(3)</script>.yaml'));
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, b, script:not([src])').length), 0);
    await show(graphOf('receivers:\n  otlp:\nexporters:\n  debug:\nservice:\n  pipelines: {}\n'), 'empty.yaml');
    assert.equal(await page.textContent('.config .empty'), 'No pipelines under service::pipelines.');
  });

  it("lists the config's findings on no pipeline entry, each going to its line", async () => {
    const text = `receivers:
  otlp:
exporters:
  debug:
  unused:
service:
  telemetry:
    metrics:
      address: 0.0.0.0:8888
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`;
    const result = graphOf(text);
    await show(result, 'otel.yaml');
    const items = await page.$$eval('.other-problem', (buttons) => buttons.map((b) => [b.getAttribute('data-code'), b.textContent]));
    assert.deepEqual(items, [
      [
        'collector/unknown-type',
        'line 5: \'exporters\' unknown type: "unused" for id: "unused" (valid values: [debug file kafka nop otlp otlp_grpc otlp_http otlphttp prometheus prometheus_remote_write prometheusremotewrite zipkin])',
      ],
      [
        'collector/telemetry-metrics-address',
        "line 9: 'service.telemetry.metrics' decoding failed due to the following error(s): 'migration.MetricsConfigV030' has invalid keys: address",
      ],
    ]);
    await page.click('.other-problem[data-code="collector/telemetry-metrics-address"]');
    const reveals = (await posted()).filter((m) => m.type === 'reveal').map((m) => m['range']);
    assert.deepEqual(reveals, [result.configs[0]!.problems[1]!.range]);
  });

  it('fits a narrow view (half an editor area): names above rows, processors in a column, nothing cut off', async () => {
    await page.setViewportSize({ width: 560, height: 800 });
    await show(graphOf(readFileSync(FIXTURE, 'utf8')));
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
    const tops = await page.$$eval('.pipeline[data-pipeline="traces"] .column.processors .node', (nodes) =>
      nodes.map((n) => n.getBoundingClientRect().top),
    );
    assert.deepEqual(
      [...tops].sort((a, b) => a - b),
      tops,
      'processors top to bottom, in order',
    );
    assert.ok(tops[1]! > tops[0]!);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'pipeline-narrow.png'), fullPage: true });
  });

  for (const theme of ['light', 'dark'] as const satisfies readonly Theme[]) {
    it(`screenshot (${theme})`, async () => {
      await show(graphOf(readFileSync(FIXTURE, 'utf8')));
      await new ViewerPage(page, page.context(), [], [], []).setTheme(theme);
      await page.evaluate(() => window.dispatchEvent(new Event('resize')));
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `pipeline-${theme}.png`), fullPage: true });
      assert.equal(await page.locator('svg.links path.link').count(), 1);
    });
  }
});
