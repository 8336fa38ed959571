/** Critical path, search, Kubernetes helpers, request breakdown and the operations table. */
import { strict as assert } from 'node:assert';
import { SEARCH_ANCESTOR, SEARCH_MATCH } from '../../../common/src/trace/index';
import { criticalPath, SLICE_ROWS } from '../../../common/src/trace/criticalPath';
import { TREE_SLICE_SPANS } from '../../../common/src/trace/tree';
import type { TraceTree } from '../../../common/src/trace/types';
import { fromText, id, otlpLine, readSample, span, TRACE_A, TRACE_B } from './helpers';

const attrs = (o: Record<string, string | number>) =>
  Object.entries(o).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: v } : { stringValue: v } }));

describe('critical path', () => {
  // root 0-100; A 10-40; B 30-90 with child C 35-60 (Jaeger UI's algorithm, worked by hand):
  // root [0,30] · B [30,35] · C [35,60] · B [60,90] · root [90,100]
  const dataset = fromText(
    otlpLine('s', [
      span(TRACE_A, id(1), '', 'root', 0, 100),
      span(TRACE_A, id(2), id(1), 'A', 10, 40),
      span(TRACE_A, id(3), id(1), 'B', 30, 90),
      span(TRACE_A, id(4), id(3), 'C', 35, 60),
    ]),
  );

  it('walks back through the last-finishing children', () => {
    const path = dataset.criticalPath(0).map((s) => [dataset.spanName(s.spanIndex), s.startOffsetNs / 1e6, s.endOffsetNs / 1e6]);
    assert.deepEqual(path, [
      ['root', 0, 30],
      ['B', 30, 35],
      ['C', 35, 60],
      ['B', 60, 90],
      ['root', 90, 100],
    ]);
  });

  it('covers a 100,000-span trace end to end without gaps (wide and deep)', function () {
    this.timeout(60000); // builds and reads 100,000 spans; a shared 2-core machine can take seconds
    const spans: object[] = [span(TRACE_B, id(1), '', 'root', 0, 200_000)];
    for (let i = 2; i <= 100_000; i++) {
      const parent = i % 2 === 0 ? 1 : i - 1; // half are direct children, half chain below them
      spans.push(span(TRACE_B, id(i), id(parent), `op${i % 7}`, i, i + (i % 2 === 0 ? 3 : 1)));
    }
    const big = fromText(otlpLine('s', spans));
    // The tree in slices (the viewer's way before drawing a big trace), then kept for tree(): the same object.
    const treeSteps = big.treeInSlices(0);
    let treePauses = 0;
    let built = treeSteps.next();
    for (; !built.done; built = treeSteps.next()) treePauses++;
    assert.ok(treePauses >= 100_000 / TREE_SLICE_SPANS, `${treePauses} pauses`);
    assert.equal(big.tree(0), built.value);
    assert.deepEqual([...built.value.depths.subarray(0, 4)], [0, 1, 2, 1]);
    assert.equal(built.value.subtreeSizes[0], 99_999);
    const path = big.criticalPath(0);
    assert.equal(path[0]!.startOffsetNs, 0);
    assert.equal(path.at(-1)!.endOffsetNs, 200_000e6);
    assert.equal(path.at(-1)!.spanIndex, 0, 'the root ends the trace');
    assert.ok(
      path.some((s) => big.spanName(s.spanIndex) !== 'root'),
      'children are on the path',
    );
    for (let i = 1; i < path.length; i++) assert.equal(path[i]!.startOffsetNs, path[i - 1]!.endOffsetNs);
    // In slices (the viewer's way for a big trace): the same path, with pauses in between.
    const steps = big.criticalPathInSlices(0);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.deepEqual(step.value, path);
    assert.ok(pauses >= 100_000 / SLICE_ROWS, `${pauses} pauses`);
  });
});

describe('critical path of random trees, against a plain recursive walk', () => {
  // The same definition (Jaeger UI's), written the obvious way: children sorted by a comparison sort, recursion.
  const reference = (tree: TraceTree) => {
    const rows = tree.spans.length;
    const startOf = (r: number) => (r === rows ? -Infinity : tree.startOffsets[r]!);
    const endOf = (r: number) => (r === rows ? Infinity : tree.endOffsets[r]!);
    const segments: [number, number, number][] = [];
    const visit = (r: number, until: number) => {
      const lo = startOf(r);
      let hi = Math.min(endOf(r), until);
      const children = [...tree.parentRows.keys()]
        .filter((c) => (tree.parentRows[c]! < 0 ? rows : tree.parentRows[c]!) === r)
        .sort((a, b) => Math.round(tree.endOffsets[b]!) - Math.round(tree.endOffsets[a]!) || b - a);
      for (const child of children) {
        const childEnd = Math.min(tree.endOffsets[child]!, endOf(r));
        if (childEnd <= hi && childEnd > Math.max(tree.startOffsets[child]!, lo) && childEnd > lo) {
          if (r < rows && hi > childEnd) segments.push([tree.spans[r]!, childEnd, hi]);
          visit(child, childEnd);
          hi = Math.min(endOf(r), Math.max(tree.startOffsets[child]!, lo));
        }
      }
      if (r < rows && hi > lo) segments.push([tree.spans[r]!, lo, hi]);
    };
    visit(rows, Infinity);
    return segments.reverse();
  };

  for (const [label, ordered] of [
    ['children ending in start order', true],
    ['children ending out of order, overlapping, with equal ends', false],
  ] as const)
    it(`${label}: the same segments`, () => {
      let x = ordered ? 11 : 29;
      const random = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x % n);
      for (let round = 0; round < 20; round++) {
        const n = 300;
        const parentRows = new Int32Array(n);
        const startOffsets = new Float64Array(n);
        const endOffsets = new Float64Array(n);
        for (let r = 0; r < n; r++) {
          parentRows[r] = r === 0 || random(10) === 0 ? -1 : random(r);
          const from = ordered ? r * 10 : random(1000);
          startOffsets[r] = from;
          endOffsets[r] = ordered ? from + 5 : from + random(4) * 50;
        }
        const tree = {
          traceIndex: 0,
          spans: Int32Array.from(parentRows.keys()),
          depths: new Uint16Array(n),
          parentRows,
          startOffsets,
          endOffsets,
          subtreeSizes: new Uint32Array(n),
        };
        const ours = criticalPath(tree).map((s) => [s.spanIndex, s.startOffsetNs, s.endOffsetNs]);
        assert.deepEqual(ours, reference(tree), `round ${round}`);
      }
    });
});

describe('search', () => {
  const dataset = fromText(
    otlpLine('api', [
      span(TRACE_A, id(1), '', 'root', 0, 10),
      span(TRACE_A, id(2), id(1), 'mid', 1, 9),
      span(TRACE_A, id(3), id(2), 'leaf', 2, 3, { attributes: attrs({ 'k8s.pod.name': 'Web-7d9f' }) }),
      span(TRACE_A, id(4), id(1), 'other', 4, 5),
      span(TRACE_A, id(5), id(4), 'x', 4, 5, {
        events: [{ timeUnixNano: '1700000000004000000', name: 'e', attributes: attrs({ note: 'needle in event' }) }],
      }),
    ]),
  );

  it('matches attribute values case-insensitively and keeps ancestors, hides the rest', () => {
    const result = dataset.search('web-7D9');
    assert.deepEqual([...result.flags], [SEARCH_ANCESTOR, SEARCH_ANCESTOR, SEARCH_MATCH, 0, 0]);
    assert.equal(result.matchCount, 1);
    assert.deepEqual([...result.matchesPerTrace], [1]);
  });

  it('does not match across two values, and finds values in every record', () => {
    const twoRecords = fromText(
      [
        otlpLine('s', [span(TRACE_A, id(1), '', 'a', 0, 1, { attributes: attrs({ first: 'abc', second: 'def' }) })]),
        otlpLine('s', [span(TRACE_A, id(2), id(1), 'b', 0, 1, { attributes: attrs({ n: 7, third: 'xyz-abc' }) })]),
      ].join('\n'),
    );
    assert.equal(twoRecords.search('cd').matchCount, 0, 'abc|def is two values');
    assert.deepEqual([...twoRecords.search('ABC').flags], [SEARCH_MATCH, SEARCH_MATCH]);
    assert.deepEqual([...twoRecords.search('xyz').flags], [SEARCH_ANCESTOR, SEARCH_MATCH]);
  });

  it('finds every span of a trace by its trace ID (any case), and only that trace', () => {
    const twoTraces = fromText(
      otlpLine('s', [span(TRACE_A, id(1), '', 'a', 0, 1), span(TRACE_A, id(2), id(1), 'b', 0, 1), span(TRACE_B, id(3), '', 'c', 0, 1)]),
    );
    const byA = twoTraces.search(TRACE_A.toUpperCase());
    assert.deepEqual([...byA.flags], [SEARCH_MATCH, SEARCH_MATCH, 0]);
    assert.deepEqual([...byA.matchesPerTrace], [2, 0]);
    assert.deepEqual([...twoTraces.search(TRACE_B).flags], [0, 0, SEARCH_MATCH]);
    assert.equal(twoTraces.search(TRACE_A.slice(0, 31)).matchCount, 0, 'a prefix of a trace ID is no ID');
  });

  it('matches names, services, keys, span IDs and event attributes', () => {
    assert.equal(dataset.search('OTHER').flags[3], SEARCH_MATCH);
    assert.equal(dataset.search('api').matchCount, 5);
    assert.equal(dataset.search('pod.name').flags[2], SEARCH_MATCH);
    assert.equal(dataset.search(id(4)).flags[3], SEARCH_MATCH);
    assert.equal(dataset.search('needle').flags[4], SEARCH_MATCH);
    assert.equal(dataset.search('no such thing').matchCount, 0);
    assert.equal(dataset.search('(').matchCount, 0, 'regex characters are literal');
  });
});

describe('Kubernetes helpers', () => {
  it('reads the new otelhttp attribute names (Kubernetes 1.35+)', () => {
    const dataset = fromText(
      otlpLine('apiserver', [
        span(TRACE_A, id(1), '', 'GET /api/v1/namespaces/{:namespace}/pods', 0, 1, {
          kind: 2,
          attributes: attrs({
            'http.request.method': 'GET',
            'url.path': '/api/v1/namespaces/kube-system/pods',
            'http.response.status_code': 200,
            'audit-id': 'a1b2',
          }),
        }),
      ]),
    );
    assert.deepEqual(dataset.kubernetes(0), {
      component: 'kube-apiserver',
      verb: 'list',
      resource: 'pods',
      namespace: 'kube-system',
      auditId: 'a1b2',
      httpMethod: 'GET',
      path: '/api/v1/namespaces/kube-system/pods',
      statusCode: 200,
    });
  });

  it('reads the old names (http.method, http.target with query, http.status_code)', () => {
    const dataset = fromText(
      otlpLine('apiserver', [
        span(TRACE_A, id(1), '', 'GET', 0, 1, {
          attributes: attrs({
            'http.method': 'GET',
            'http.target': '/apis/apps/v1/namespaces/default/deployments/web/status?timeout=5s',
            'http.status_code': 404,
          }),
        }),
      ]),
    );
    assert.deepEqual(dataset.kubernetes(0), {
      component: 'kube-apiserver',
      verb: 'get',
      resource: 'deployments',
      subresource: 'status',
      namespace: 'default',
      name: 'web',
      httpMethod: 'GET',
      path: '/apis/apps/v1/namespaces/default/deployments/web/status',
      statusCode: 404,
    });
    const watch = fromText(
      otlpLine('apiserver', [
        span(TRACE_A, id(1), '', 'GET', 0, 1, { attributes: attrs({ 'http.method': 'GET', 'http.target': '/api/v1/pods?watch=true' }) }),
      ]),
    );
    assert.equal(watch.kubernetes(0)?.verb, 'watch');
  });

  it('reads handler and storage span attributes, etcd spans, and ignores other services', () => {
    const dataset = fromText(
      [
        otlpLine('apiserver', [
          span(TRACE_A, id(1), '', 'Get etcd3', 0, 1, {
            attributes: attrs({ 'audit-id': 'x', key: '/pods/default/web', resource: 'pods' }),
          }),
        ]),
        otlpLine('etcd', [
          span(TRACE_A, id(2), id(1), 'etcdserverpb.KV/Range', 0, 1, {
            attributes: attrs({ 'rpc.system.name': 'grpc', 'rpc.method': 'etcdserverpb.KV/Range' }),
          }),
        ]),
        otlpLine('shop', [span(TRACE_A, id(3), '', 'GET /cart', 0, 1, { attributes: attrs({ 'http.method': 'GET' }) })]),
      ].join('\n'),
    );
    assert.deepEqual(dataset.kubernetes(0), { component: 'kube-apiserver', resource: 'pods', auditId: 'x', etcdKey: '/pods/default/web' });
    assert.deepEqual(dataset.kubernetes(1), { component: 'etcd', rpcMethod: 'etcdserverpb.KV/Range' });
    assert.equal(dataset.kubernetes(2), undefined);
  });

  it('breaks a request down into authentication, authorization, admission, storage, serialization and other', () => {
    // Filter spans wrap each other (docs/kubernetes-spans.md); a filter's time after its first child starts is
    // the chain unwinding, not the filter. Worked by hand: authn 2, authz 2, webhooks 18, storage 30,
    // serialization 10, other 38 (server 4 + authn tail 2 + audit 2 + impersonation 2 + APF 4 + authz tail 2 + Create 22).
    const s = (n: number, p: number, name: string, a: number, b: number, service = 'apiserver') =>
      otlpLine(service, [span(TRACE_A, id(n), p ? id(p) : '', name, a, b)]);
    const dataset = fromText(
      [
        s(1, 0, 'POST /api/v1/namespaces/{:namespace}/pods', 0, 100),
        s(2, 1, 'authentication', 2, 98),
        s(3, 2, 'audit', 4, 96),
        s(4, 3, 'impersonation', 5, 95),
        s(5, 4, 'priorityandfairness', 6, 94),
        s(6, 5, 'authorization', 8, 92),
        s(7, 6, 'Create', 10, 90),
        s(8, 7, 'Call mutating webhook', 12, 30),
        s(9, 8, 'HTTP POST', 13, 29),
        s(10, 9, 'POST /mutate', 14, 28, 'policy-webhook'),
        s(11, 7, 'Create etcd3', 40, 70),
        s(12, 11, 'etcdserverpb.KV/Txn', 41, 69),
        s(13, 12, 'etcdserverpb.KV/Txn', 42, 68, 'etcd'),
        s(14, 7, 'SerializeObject', 75, 85),
      ].join('\n'),
    );
    const b = dataset.requestBreakdown(0)!;
    const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;
    assert.deepEqual(
      [b.totalNs, b.authenticationNs, b.authorizationNs, b.admissionWebhooksNs, b.storageNs, b.serializationNs, b.otherNs].map(ms),
      [100, 2, 2, 18, 30, 10, 38],
    );
  });

  it('breakdowns of the generated kube-apiserver requests add up to each request', () => {
    const dataset = readSample('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    let checked = 0;
    for (let s = 0; s < dataset.spanCount; s++) {
      if (dataset.spanService(s) !== 'apiserver' || dataset.spanKind(s) !== 2) continue;
      const b = dataset.requestBreakdown(s)!;
      const sum = b.authenticationNs + b.authorizationNs + b.admissionWebhooksNs + b.storageNs + b.serializationNs + b.otherNs;
      assert.ok(Math.abs(sum - b.totalNs) < 1e-3, `span ${s}`);
      assert.equal(b.totalNs, dataset.spanDurationNs(s));
      checked++;
    }
    assert.ok(checked > 100);
  });
});

describe('operations table', () => {
  it('groups by service and span name with count, errors, nearest-rank p50/p95 and max, slowest first', () => {
    const spans: object[] = [];
    for (let i = 1; i <= 20; i++) spans.push(span(TRACE_A, id(i), '', 'List', 0, i, i % 5 === 0 ? { status: { code: 2 } } : {}));
    spans.push(span(TRACE_A, id(99), '', 'Get', 0, 500));
    const dataset = fromText([otlpLine('apiserver', spans), otlpLine('etcd', [span(TRACE_A, id(100), '', 'List', 0, 1)])].join('\n'));
    const rows = dataset.operations().map((o) => ({ ...o, p50Ns: o.p50Ns / 1e6, p95Ns: o.p95Ns / 1e6, maxNs: o.maxNs / 1e6 }));
    assert.deepEqual(rows, [
      { service: 'apiserver', name: 'Get', count: 1, errorCount: 0, p50Ns: 500, p95Ns: 500, maxNs: 500 },
      { service: 'apiserver', name: 'List', count: 20, errorCount: 4, p50Ns: 10, p95Ns: 19, maxNs: 20 },
      { service: 'etcd', name: 'List', count: 1, errorCount: 0, p50Ns: 1, p95Ns: 1, maxNs: 1 },
    ]);
  });
});
