/** The viewer's adapter of the trace model (media/src/model.ts): what it keeps per snapshot. */
import { strict as assert } from 'node:assert';
import { LoadingDataset } from '../../../media/src/model';
import { id, otlpLine, span, TRACE_A, TRACE_B } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

describe('viewer data set (media/src/model.ts)', () => {
  // Span 1 of trace A links to span 9 of trace B, which arrives later (follow mode).
  const linking = otlpLine('a', [
    span(TRACE_A, id(1), '', 'linking', 0, 10, { links: [{ traceId: TRACE_B, spanId: id(9) }] }),
    span(TRACE_A, id(2), id(1), 'child', 1, 5),
  ]);
  const linked = otlpLine('b', [span(TRACE_B, id(9), '', 'linked', 20, 30)]);

  it('decodes a span once per snapshot when asked again, and decodes it afresh for new data', () => {
    const loading = new LoadingDataset();
    loading.startSource(1, 'trace.jsonl');
    loading.append(1, encode(`${linking}\n`));
    assert.equal(loading.changed(), true);
    const before = loading.view();
    const first = before.findSpan(TRACE_A, id(1));
    const details = before.details(first);
    assert.equal(details.name, 'linking');
    assert.equal(details.links[0]!.linkedSpanIndex, -1, 'the linked span has not arrived');
    // The same object: the second ask (details pane, saved span ID, event ticks) did not decode again.
    assert.equal(before.details(first), details);
    const other = before.details(before.findSpan(TRACE_A, id(2)));
    assert.equal(other.name, 'child');
    assert.equal(before.details(first).name, 'linking', 'another span asked in between is decoded, not confused');

    loading.append(1, encode(`${linked}\n`));
    assert.equal(loading.changed(), true);
    const after = loading.view();
    const again = after.details(after.findSpan(TRACE_A, id(1)));
    assert.notEqual(again, details, 'a new snapshot decodes the span again');
    assert.equal(again.links[0]!.linkedSpanIndex, after.findSpan(TRACE_B, id(9)), 'and resolves the link that arrived');
    assert.ok(again.links[0]!.linkedSpanIndex >= 0);
  });
});
