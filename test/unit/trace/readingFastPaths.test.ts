/**
 * The shortcuts on the reading hot path (common/src/trace: digit-by-digit nanosecond times, the cache of
 * recent trace IDs in SpanStore.traceIndex) give the same answers as the slow paths they skip, including on
 * the inputs they must reject and after a record is rolled back.
 */
import { strict as assert } from 'node:assert';
import { TraceDatasetBuilder } from '../../../common/src/trace/index';
import { fromText, id, otlpLine, span, TRACE_A, TRACE_B } from './helpers';

const timeProblem = 'startTimeUnixNano is not a decimal nanosecond time';

function withStart(startTimeUnixNano: unknown) {
  return fromText(
    otlpLine('svc', [{ ...span(TRACE_A, id(1), '', 'n', 0, 1), startTimeUnixNano, endTimeUnixNano: '18446744073709551615' }]),
  );
}

describe('trace model reading shortcuts', () => {
  it('reads decimal nanosecond strings of every length exactly', () => {
    for (const text of ['0', '7', '123456789', '1234567890', '1748772000001941997', '18446744073709551615']) {
      const dataset = withStart(text);
      const details = dataset.spanDetails(0);
      assert.equal(details.startNs, BigInt(text).toString(), text);
      assert.equal(details.startNsBig, BigInt(text), text);
      assert.deepEqual(details.problems, [], text);
    }
  });

  it('reports a time with any character outside 0-9, wherever it is, on the span', () => {
    // '/' and ':' are the characters on either side of the digits; '٣' is a non-ASCII digit.
    for (const text of [
      '17487720/0001941997',
      '174877200000194199:',
      '1748772000001941a97',
      '١748772000001941997',
      '-1748772000001941997',
      '1e18',
      '',
    ]) {
      const dataset = withStart(text);
      assert.deepEqual(dataset.badLines, [], text);
      assert.ok(
        dataset.spanDetails(0).problems.includes(timeProblem),
        `${JSON.stringify(text)}: ${dataset.spanDetails(0).problems.join('; ')}`,
      );
    }
  });

  it('keeps interleaved traces apart, also when many trace IDs share cache slots', () => {
    const traceIds = Array.from({ length: 300 }, (_, t) => (t * 7919 + 1).toString(16).padStart(32, '0'));
    const spans = [];
    for (let round = 0; round < 3; round++)
      for (let t = 0; t < traceIds.length; t++) spans.push(span(traceIds[t]!, id(round * 1000 + t + 1), '', `s${t}`, round, round + 1));
    const dataset = fromText(otlpLine('svc', spans));
    assert.equal(dataset.traceCount, traceIds.length);
    for (let t = 0; t < traceIds.length; t++) {
      const index = dataset.findTrace(traceIds[t]!);
      assert.equal(index, t);
      assert.equal(dataset.trace(index).spanCount, 3);
      assert.equal(dataset.trace(index).rootName, `s${t}`);
    }
    for (let s = 0; s < dataset.spanCount; s++) assert.equal(dataset.spanTrace(s), s % traceIds.length);
  });

  it('forgets the trace IDs of a record that was rolled back', () => {
    // Line 1 creates trace B, then fails; line 2 must not find B under the index B had in line 1.
    const failing = otlpLine('svc', [
      span(TRACE_B, id(1), '', 'gone', 0, 1),
      { ...span(TRACE_B, id(2), '', 'bad', 0, 1), startTimeUnixNano: 1e300 },
    ]);
    const good = otlpLine('svc', [span(TRACE_A, id(3), '', 'a', 0, 1), span(TRACE_B, id(4), '', 'b', 0, 1)]);
    const dataset = fromText(`${failing}\n${good}`);
    assert.equal(dataset.badLines.length, 1);
    assert.equal(dataset.traceCount, 2);
    assert.equal(dataset.trace(dataset.findTrace(TRACE_A)).rootName, 'a');
    assert.equal(dataset.trace(dataset.findTrace(TRACE_B)).rootName, 'b');
    assert.notEqual(dataset.spanTrace(0), dataset.spanTrace(1));
  });

  it('decodes lines split across chunks at every byte, inside multi-byte characters too', () => {
    const names = ['café', '日本語のスパン', 'emoji 🚀 span', 'plain'];
    const text = '\uFEFF' + names.map((name, n) => otlpLine('svc', [span(TRACE_A, id(n + 1), '', name, 0, 1)])).join('\n');
    const bytes = new TextEncoder().encode(text);
    const firstLineEnd = bytes.indexOf(10);
    // Every split point of the first two lines, as one cut, and 1- to 3-byte chunks for the whole file.
    const cuts: number[][] = [];
    for (let at = 1; at < firstLineEnd + 40; at++) cuts.push([at]);
    for (const size of [1, 2, 3]) cuts.push(Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, i) => (i + 1) * size));
    for (const cut of cuts) {
      const builder = new TraceDatasetBuilder();
      let from = 0;
      for (const at of [...cut, bytes.length]) {
        builder.append('f.jsonl', bytes.subarray(from, at));
        from = at;
      }
      builder.end('f.jsonl');
      const dataset = builder.snapshot();
      assert.deepEqual(dataset.badLines, [], `cut at ${cut.slice(0, 3).join(',')}`);
      assert.deepEqual(
        Array.from({ length: dataset.spanCount }, (_, s) => dataset.spanName(s)),
        names,
        `cut at ${cut.slice(0, 3).join(',')}`,
      );
    }
  });
});
