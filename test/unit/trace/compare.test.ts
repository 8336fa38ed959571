/** Comparing two traces: spans matched by service and name along their path from the root. */
import { strict as assert } from 'node:assert';
import { compareTraces, type TraceDataset } from '../../../common/src/trace/index';
import { fromText, id, otlpLine, readSample, span, TRACE_A, TRACE_B } from './helpers';

const side = (dataset: TraceDataset, trace: number) => ({
  tree: dataset.tree(trace),
  spanName: (s: number) => dataset.spanName(s),
  spanService: (s: number) => dataset.spanService(s),
});
const row = (p: { depth: number; service: string; name: string; countA: number; countB: number; change: string }) =>
  `${'  '.repeat(p.depth)}${p.service}:${p.name} ${p.countA}/${p.countB} ${p.change}`;

describe('compare two traces', () => {
  // A: root 0-100 { auth 0-10, get 10-40 { etcd 12-38 }, webhook 40-90 { HTTP POST 41-89 } }
  // B: root 0-70  { auth 0-10.5, get 10-30 { etcd 12-28 }, cache 30-60, cache 60-65 }
  const dataset = fromText(
    [
      otlpLine('apiserver', [
        span(TRACE_A, id(1), '', 'GET /pods', 0, 100),
        span(TRACE_A, id(2), id(1), 'authentication', 0, 10),
        span(TRACE_A, id(3), id(1), 'Get', 10, 40),
        span(TRACE_A, id(5), id(1), 'Call mutating webhook', 40, 90),
        span(TRACE_A, id(6), id(5), 'HTTP POST', 41, 89),
        span(TRACE_B, id(11), '', 'GET /pods', 0, 70),
        span(TRACE_B, id(12), id(11), 'authentication', 0, 10.5),
        span(TRACE_B, id(13), id(11), 'Get', 10, 30),
        span(TRACE_B, id(15), id(11), 'cacher.GetList', 30, 60),
        span(TRACE_B, id(16), id(11), 'cacher.GetList', 60, 65),
      ]),
      otlpLine('etcd', [
        span(TRACE_A, id(4), id(3), 'etcdserverpb.KV/Range', 12, 38),
        span(TRACE_B, id(14), id(13), 'etcdserverpb.KV/Range', 12, 28),
      ]),
    ].join('\n'),
  );
  const a = dataset.findTrace(TRACE_A);
  const b = dataset.findTrace(TRACE_B);

  it('lines spans up by path, says which are only in one, and which got slower or faster', () => {
    const result = compareTraces(side(dataset, a), side(dataset, b));
    assert.deepEqual(result.paths.map(row), [
      'apiserver:GET /pods 1/1 faster',
      '  apiserver:authentication 1/1 same', // 0.5 ms on 10.5 ms is under 10 %: noise, not a change
      '  apiserver:Get 1/1 faster',
      '    etcd:etcdserverpb.KV/Range 1/1 faster',
      '  apiserver:Call mutating webhook 1/0 onlyA',
      '    apiserver:HTTP POST 1/0 onlyA',
      '  apiserver:cacher.GetList 0/2 onlyB',
    ]);
    // The webhook and its call are one subtree only in A: one difference, not two.
    assert.deepEqual([result.onlyA, result.onlyB, result.slower, result.faster], [1, 1, 0, 3]);
    const cacher = result.paths[6]!;
    assert.equal(cacher.totalB, 35e6);
  });

  it('is symmetric: swapping the traces swaps only-in-A/B and slower/faster', () => {
    const result = compareTraces(side(dataset, b), side(dataset, a));
    assert.deepEqual([result.onlyA, result.onlyB, result.slower, result.faster], [1, 1, 3, 0]);
  });

  it('a trace compared with itself has no difference, and every span is on one path', () => {
    const generated = readSample('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    for (let t = 0; t < generated.traceCount; t++) {
      const result = compareTraces(side(generated, t), side(generated, t));
      assert.ok(
        result.paths.every((p) => p.change === 'same' && p.countA === p.countB),
        `trace ${t}`,
      );
      assert.equal(
        result.paths.reduce((n, p) => n + p.countA, 0),
        generated.tree(t).spans.length,
      );
    }
  });

  it('two different generated Reconcile traces: counts add up on both sides', () => {
    const generated = readSample('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    const reconciles = [...Array(generated.traceCount).keys()].filter((t) => generated.trace(t).rootName === 'Reconcile');
    assert.ok(reconciles.length >= 2);
    const [x, y] = reconciles as [number, number];
    const result = compareTraces(side(generated, x), side(generated, y));
    assert.equal(
      result.paths.reduce((n, p) => n + p.countA, 0),
      generated.tree(x).spans.length,
    );
    assert.equal(
      result.paths.reduce((n, p) => n + p.countB, 0),
      generated.tree(y).spans.length,
    );
    assert.equal(result.paths[0]!.name, 'Reconcile');
  });
});
