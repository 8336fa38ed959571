/**
 * Event ticks on the selected span's bar in the waterfall: the selected span's events, drawn from what the
 * waterfall decoded once for that selection (not once per frame), follow the selection and survive a zoom.
 */
import assert from 'node:assert/strict';
import type { ViewerPage } from './harness';
import { clickSpanRow, clickTrace, GENERATED, model, viewerSuite } from './viewerHelpers';

describe('trace viewer webview: event ticks of the selected span', function () {
  this.timeout(60000);
  const suite = viewerSuite();

  const visibleTicks = (viewer: ViewerPage, selector: string) =>
    viewer.page.$$eval(`${selector} .wf-event:not([hidden])`, (ticks) => ticks.map((t) => (t as HTMLElement).title));

  it("shows the selected span's events on its bar, moves them with the selection and keeps them on zoom", async () => {
    const data = model(GENERATED);
    const trace = data.traces[0]!;
    const tree = data.tree(trace.index);
    const rows = [...tree.spans.keys()];
    const withEvents = rows.find((r) => tree.spans[r]! >= 0 && data.spanDetails(tree.spans[r]!).events.length > 0)!;
    const without = rows.find((r) => tree.spans[r]! >= 0 && data.spanDetails(tree.spans[r]!).events.length === 0)!;
    assert.ok(withEvents !== undefined && without !== undefined, 'the sample has spans with and without events');
    const events = data.spanDetails(tree.spans[withEvents]!).events;

    const viewer = await suite.open();
    await viewer.feedSample(GENERATED);
    await viewer.settle();
    await clickTrace(viewer, trace.index);
    await clickSpanRow(viewer, withEvents);
    const row = `.waterfall-rows .row[data-row="${withEvents}"]`;
    const expected = events.slice(0, 24).map((e) => e.name);
    const shown = await visibleTicks(viewer, row);
    assert.equal(shown.length, expected.length);
    shown.forEach((title, i) => assert.ok(title.endsWith(`: ${expected[i]}`), `tick ${i}: ${title}`));
    assert.equal((await visibleTicks(viewer, '.waterfall-rows')).length, expected.length, 'no other row has ticks');

    // A zoom refills the rows: the ticks stay on the selected span.
    await viewer.page.click('.trace-header button:text("Reset zoom")');
    await viewer.settle();
    assert.equal((await visibleTicks(viewer, row)).length, expected.length);

    await clickSpanRow(viewer, without);
    assert.equal((await visibleTicks(viewer, '.waterfall-rows')).length, 0, 'a span without events: no ticks anywhere');
  });
});
