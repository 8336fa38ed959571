/**
 * Safety of the trace viewer in a real browser: trace text is only ever text (a span named
 * `<img src=x onerror=alert(1)>` shows those characters and runs nothing), and the page's Content Security
 * Policy (the one the extension serves) blocks inline scripts and inline event handlers.
 */
import assert from 'node:assert/strict';
import type { ViewerPage } from './harness';
import { viewerSuite } from './viewerHelpers';

describe('trace viewer webview: untrusted trace text and the CSP', function () {
  this.timeout(60000);
  const suite = viewerSuite();
  let viewer: ViewerPage;

  it('a span named <img src=x onerror=alert(1)> shows those characters and runs nothing', async () => {
    const hostile = {
      name: '<img src=x onerror=alert(1)>',
      service: '<script>alert(2)</script>',
      attribute: '<b onmouseover=alert(3)>bold</b><iframe src="javascript:alert(4)"></iframe>',
      event: '<svg onload=alert(5)>',
    };
    const line = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: hostile.service } }] },
          scopeSpans: [
            {
              scope: { name: '<style>body{display:none}</style>' },
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  name: hostile.name,
                  kind: 2,
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000005000000',
                  attributes: [{ key: '<i>key</i>', value: { stringValue: hostile.attribute } }],
                  events: [{ timeUnixNano: '1700000000001000000', name: hostile.event }],
                  status: { code: 2, message: '<a href="javascript:alert(6)">x</a>' },
                },
              ],
            },
          ],
        },
      ],
    });
    viewer = await suite.open();
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
    viewer = await suite.open();
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
    assert.ok(
      violations.some((v) => v.startsWith('script-src-elem')),
      violations.join('; '),
    );
    assert.ok(
      violations.some((v) => v.startsWith('script-src-attr')),
      violations.join('; '),
    );
    viewer.errors.length = 0; // the blocked image's 404 is expected here
  });

  it('a right-to-left override shows as ⟨U+202E⟩, and a 1 MB service name stays inside the details pane', async () => {
    const service = 's'.repeat(1 << 20);
    const line = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  name: 'invoice\u202Etxt.exe',
                  kind: 2,
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000005000000',
                },
              ],
            },
          ],
        },
      ],
    });
    viewer = await suite.open();
    await viewer.feed('rtl.otlp.jsonl', new TextEncoder().encode(line + '\n'));
    await viewer.settle();
    const page = viewer.page;
    await page.click('.trace-list .row[aria-rowindex="1"]');
    await page.click('.waterfall-rows .row[aria-rowindex="1"]');
    await viewer.settle();
    assert.equal(await page.textContent('.details h2'), 'invoice⟨U+202E⟩txt.exe');
    assert.equal(await page.evaluate(() => document.body.innerText.includes('\u202E')), false, 'no override reaches the page');
    const fits = await page.evaluate(() => {
      const pane = document.querySelector('.details')!.getBoundingClientRect();
      const value = document.querySelector('.details dd[data-key="service"]')!;
      const box = value.getBoundingClientRect();
      return {
        inside: box.left >= pane.left - 1 && box.right <= pane.right + 1,
        length: value.textContent!.length,
        paneWidth: pane.width,
        valueWidth: box.width,
      };
    });
    assert.ok(fits.inside, JSON.stringify(fits));
    assert.ok(fits.length < 20_000, `the value is cut: ${fits.length} characters laid out`);
  });
});
