/**
 * Data-set totals (`errorSpans`, `services`, `counts`) come from the trace summaries, not a span scan: they
 * must equal a scan over every span of every sample, duplicates and loops and orphans included, and be
 * worked out once per snapshot.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceDataset } from '../../../common/src/trace/index';
import { TraceDatasetBuilder } from '../../../common/src/trace/index';
import { fromText, id, otlpLine, readSample, SAMPLES, span, TRACE_A, TRACE_B } from './helpers';

/** The span scan the totals replaced. */
function scanned(dataset: TraceDataset): { errorSpans: number; services: string[] } {
  let errorSpans = 0;
  const services = new Set<string>();
  for (let s = 0; s < dataset.spanCount; s++) {
    if (dataset.isError(s)) errorSpans++;
    services.add(dataset.spanService(s));
  }
  return { errorSpans, services: [...services].sort() };
}

const samples = ['generated', 'jaeger-json', 'otlp-json', 'otlp-proto', 'zipkin-v2'].flatMap((dir) =>
  readdirSync(join(SAMPLES, dir)).map((f) => `${dir}/${f}`),
);

describe('trace data set totals from the trace summaries', () => {
  for (const file of samples) {
    it(`equal a span scan: ${file}`, () => {
      const dataset = readSample(file);
      assert.deepEqual({ errorSpans: dataset.errorSpans, services: [...dataset.services] }, scanned(dataset));
      assert.equal(dataset.counts.services, dataset.services.length);
      assert.equal(dataset.counts.errorSpans, dataset.errorSpans);
    });
  }

  it('count duplicate span IDs, loops and orphans (spans under synthetic roots) as the scan does', () => {
    const error = { status: { code: 2 } };
    const dataset = fromText(
      [
        otlpLine('a', [
          { ...span(TRACE_A, id(1), '', 'root', 0, 10), ...error },
          { ...span(TRACE_A, id(1), '', 'dup', 0, 10), ...error },
        ]),
        otlpLine('b', [{ ...span(TRACE_B, id(2), id(3), 'loop1', 0, 1), ...error }, span(TRACE_B, id(3), id(2), 'loop2', 0, 1)]),
        otlpLine('c', [{ ...span(TRACE_B, id(4), id(9), 'orphan', 0, 1), ...error }]),
      ].join('\n'),
    );
    assert.ok(dataset.spanMarks(0).duplicate && dataset.spanMarks(4).orphan, 'the data has what the test is about');
    assert.deepEqual({ errorSpans: dataset.errorSpans, services: [...dataset.services] }, { errorSpans: 4, services: ['a', 'b', 'c'] });
    assert.deepEqual({ errorSpans: dataset.errorSpans, services: [...dataset.services] }, scanned(dataset));
  });

  it('are worked out once per snapshot and follow new snapshots', () => {
    const builder = new TraceDatasetBuilder();
    builder.append('f', new TextEncoder().encode(otlpLine('a', [span(TRACE_A, id(1), '', 'root', 0, 10)]) + '\n'));
    const first = builder.snapshot();
    assert.equal(first.services, first.services, 'the same array: memoized');
    assert.deepEqual(first.services, ['a']);
    builder.append('f', new TextEncoder().encode(otlpLine('b', [span(TRACE_A, id(2), id(1), 'child', 1, 2)]) + '\n'));
    const second = builder.snapshot();
    assert.deepEqual([first.services, second.services], [['a'], ['a', 'b']]);
  });
});
