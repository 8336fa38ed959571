/**
 * While a file is still being read, a trace whose root span has not arrived is marked partial (its name and
 * duration are those of the spans read so far); once the read ends the mark goes, and the root is the real one.
 */
import assert from 'node:assert/strict';
import type { ViewerPage } from './harness';
import { viewerSuite } from './viewerHelpers';

const T0 = 1_700_000_000_000_000_000n;
const span = (trace: string, id: number, parent: number, name: string, fromMs: number, toMs: number) => ({
  traceId: trace,
  spanId: id.toString(16).padStart(16, '0'),
  parentSpanId: parent ? parent.toString(16).padStart(16, '0') : '',
  name,
  startTimeUnixNano: String(T0 + BigInt(fromMs * 1e6)),
  endTimeUnixNano: String(T0 + BigInt(toMs * 1e6)),
});
const line = (spans: object[]) =>
  `${JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'apiserver' } }] }, scopeSpans: [{ spans }] }] })}\n`;
const SLOW = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const WHOLE = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('trace viewer webview: partial traces while the file is read', function () {
  this.timeout(60000);
  const suite = viewerSuite();
  let viewer: ViewerPage;

  it('marks a trace without its root as partial until the read ends', async () => {
    viewer = await suite.open();
    const page = viewer.page;
    const encode = (text: string) => new TextEncoder().encode(text);
    // The children of SLOW end first, so (as with a batching exporter) they are written before their root.
    await viewer.post({ type: 'sourceStart', source: { id: 7, label: 'growing.jsonl', size: 1000 } });
    await viewer.deliver({
      type: 'chunk',
      sourceId: 7,
      final: false,
      bytes: encode(line([span(SLOW, 2, 1, 'Create etcd3', 10, 20), span(WHOLE, 9, 0, 'GET /api/v1/pods', 0, 5)])),
    });
    await viewer.settle();
    const rowOf = (trace: string) => page.locator('.trace-list .row', { hasText: trace === SLOW ? 'Create etcd3' : 'GET /api/v1/pods' });
    assert.equal(await rowOf(SLOW).getAttribute('class'), 'row table-row trace-grid partial');
    assert.equal(await rowOf(SLOW).locator('span').first().textContent(), 'Create etcd3 \u2026 partial');
    assert.match((await rowOf(SLOW).locator('span').first().getAttribute('title'))!, /root span of this trace has not been read yet/);
    assert.equal(await rowOf(WHOLE).getAttribute('class'), 'row table-row trace-grid', 'a trace with its root is not partial');
    await rowOf(SLOW).click();
    await viewer.settle();
    assert.match((await page.textContent('.trace-header .badge.loading'))!, /^partial: reading… 1 span so far/);

    await viewer.deliver({
      type: 'chunk',
      sourceId: 7,
      final: true,
      bytes: encode(line([span(SLOW, 1, 0, 'POST /api/v1/namespaces/{:namespace}/pods', 0, 30)])),
    });
    await viewer.settle();
    const rows = await page.$$eval('.trace-list .row:not([hidden])', (all) =>
      all.map((r) => [r.className, r.firstElementChild!.textContent]),
    );
    assert.deepEqual(rows.sort(), [
      ['row table-row trace-grid', 'GET /api/v1/pods'],
      ['row table-row trace-grid', 'POST /api/v1/namespaces/{:namespace}/pods'],
    ]);
    assert.equal(
      await page.textContent('.trace-header .title'),
      'POST /api/v1/namespaces/{:namespace}/pods',
      'the shown trace is drawn again with its root',
    );
    assert.equal(await page.isVisible('.trace-header .badge.loading'), false);
  });
});
