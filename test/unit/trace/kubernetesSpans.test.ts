/**
 * Every form Kubernetes and etcd spans have taken (docs/kubernetes-spans.md), one test each: otelhttp's old, new
 * and duplicated HTTP names, the upper-case metrics `verb`, otelgrpc's old and new RPC names on both sides of the
 * apiserver → etcd call, etcd 3.7's own spans, and the storage, cacher and watch spans of each minor.
 */
import { strict as assert } from 'node:assert';
import type { TraceDataset } from '../../../common/src/trace/index';
import { fromText, id, otlpLine, span, TRACE_A } from './helpers';

type Value = string | number;
const attrs = (o: Record<string, Value>) =>
  Object.entries(o).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: v } : { stringValue: v } }));
const SERVER = 2;
const CLIENT = 3;

/** One span of `service` with the given attributes, read back as a data set. */
function one(
  service: string,
  name: string,
  attributes: Record<string, Value>,
  more: { kind?: number; scope?: string; events?: object[] } = {},
): TraceDataset {
  const extra = more.scope ? { scope: { name: more.scope } } : {};
  return fromText(
    otlpLine(
      service,
      [span(TRACE_A, id(1), '', name, 0, 1, { kind: more.kind ?? 1, attributes: attrs(attributes), events: more.events ?? [] })],
      extra,
    ),
  );
}

describe('Kubernetes spans: HTTP server span attributes per otelhttp generation', () => {
  const path = '/api/v1/namespaces/kube-system/pods';

  it('old names, Kubernetes ≤1.34 (http.method, http.target with its query, http.status_code)', () => {
    const info = one(
      'apiserver',
      'GET /api/v1/namespaces/{:namespace}/pods',
      {
        'http.method': 'GET',
        'http.target': `${path}?watch=true&resourceVersion=5`,
        'http.status_code': 200,
        'net.host.name': 'localhost',
      },
      { kind: SERVER },
    ).kubernetes(0);
    assert.deepEqual(info, {
      component: 'kube-apiserver',
      verb: 'watch',
      resource: 'pods',
      namespace: 'kube-system',
      httpMethod: 'GET',
      path,
      statusCode: 200,
    });
  });

  it('new names, Kubernetes 1.36+ (http.request.method, url.path without the query; http.target still set by Kubernetes)', () => {
    const info = one(
      'apiserver',
      'GET /api/v1/namespaces/{:namespace}/pods',
      {
        'http.request.method': 'GET',
        'url.path': path,
        'http.target': `${path}?watch=1`,
        'http.response.status_code': 200,
        'server.address': 'localhost',
        'audit-id': 'a1',
      },
      { kind: SERVER },
    ).kubernetes(0);
    assert.deepEqual(info, {
      component: 'kube-apiserver',
      verb: 'watch',
      resource: 'pods',
      namespace: 'kube-system',
      auditId: 'a1',
      httpMethod: 'GET',
      path,
      statusCode: 200,
    });
  });

  it('new names without http.target: a collection GET is a list', () => {
    assert.equal(one('apiserver', 'GET', { 'http.request.method': 'GET', 'url.path': path }, { kind: SERVER }).kubernetes(0)?.verb, 'list');
  });

  it('both sets at once, Kubernetes 1.35 with OTEL_SEMCONV_STABILITY_OPT_IN=http/dup: the same reading', () => {
    const both = {
      'http.method': 'DELETE',
      'http.request.method': 'DELETE',
      'http.target': `${path}/web`,
      'url.path': `${path}/web`,
      'http.status_code': 404,
      'http.response.status_code': 404,
    };
    assert.deepEqual(one('apiserver', 'DELETE', both, { kind: SERVER }).kubernetes(0), {
      component: 'kube-apiserver',
      verb: 'delete',
      resource: 'pods',
      namespace: 'kube-system',
      name: 'web',
      httpMethod: 'DELETE',
      path: `${path}/web`,
      statusCode: 404,
    });
  });
});

describe('Kubernetes spans: the verb attribute (metrics verbs, upper case) in RequestInfo words', () => {
  const verbOf = (verb: string, more: Record<string, Value> = {}) =>
    one('apiserver', 'Create', { verb, resource: 'pods', ...more }, { scope: 'k8s.io/component-base/tracing' }).kubernetes(0)?.verb;

  it('maps each metrics verb to the word a path-derived verb uses', () => {
    const seen = ['GET', 'LIST', 'WATCH', 'WATCHLIST', 'POST', 'PUT', 'PATCH', 'APPLY', 'CONNECT'].map((v) => verbOf(v, { name: 'web' }));
    assert.deepEqual(seen, ['get', 'list', 'watch', 'watch', 'create', 'update', 'patch', 'apply', 'connect']);
  });

  it('DELETE is delete with a name and deletecollection without; unknown says nothing', () => {
    assert.equal(verbOf('DELETE', { name: 'web' }), 'delete');
    assert.equal(verbOf('DELETE'), 'deletecollection');
    assert.equal(verbOf('unknown'), undefined);
  });

  it('the handler span and the server span of one request name the same verb', () => {
    const dataset = fromText(
      otlpLine('apiserver', [
        span(TRACE_A, id(1), '', 'POST /api/v1/namespaces/{:namespace}/pods', 0, 10, {
          kind: SERVER,
          attributes: attrs({ 'http.request.method': 'POST', 'url.path': '/api/v1/namespaces/default/pods' }),
        }),
        span(TRACE_A, id(2), id(1), 'Create', 1, 9, { attributes: attrs({ verb: 'POST', resource: 'pods', namespace: 'default' }) }),
      ]),
    );
    assert.equal(dataset.kubernetes(0)?.verb, 'create');
    assert.equal(dataset.kubernetes(1)?.verb, 'create');
  });
});

describe('Kubernetes spans: etcd gRPC spans per otelgrpc generation', () => {
  it('apiserver ≤1.35 client span: rpc.service + short rpc.method, numeric rpc.grpc.status_code, message events', () => {
    const events = [
      { timeUnixNano: '1700000000000000000', name: 'message', attributes: attrs({ 'message.type': 'SENT', 'message.id': 1 }) },
    ];
    const info = one(
      'apiserver',
      'etcdserverpb.KV/Range',
      { 'rpc.system': 'grpc', 'rpc.service': 'etcdserverpb.KV', 'rpc.method': 'Range', 'rpc.grpc.status_code': 5 },
      { kind: CLIENT, events },
    ).kubernetes(0);
    assert.deepEqual(info, { component: 'kube-apiserver', rpcMethod: 'etcdserverpb.KV/Range', rpcStatus: 'NOT_FOUND' });
  });

  it('apiserver 1.36 client span: rpc.system.name, full rpc.method, rpc.response.status_code in Go names', () => {
    const info = one(
      'apiserver',
      'etcdserverpb.KV/Txn',
      {
        'rpc.system.name': 'grpc',
        'rpc.method': 'etcdserverpb.KV/Txn',
        'rpc.response.status_code': 'DeadlineExceeded',
        'server.address': '127.0.0.1',
      },
      { kind: CLIENT },
    ).kubernetes(0);
    assert.deepEqual(info, { component: 'kube-apiserver', rpcMethod: 'etcdserverpb.KV/Txn', rpcStatus: 'DEADLINE_EXCEEDED' });
  });

  it('apiserver 1.37 RangeStream client span without message events, under any service name', () => {
    const info = one(
      'kube-apiserver-0',
      'etcdserverpb.KV/RangeStream',
      { 'rpc.system.name': 'grpc', 'rpc.method': 'etcdserverpb.KV/RangeStream', 'rpc.response.status_code': 'OK' },
      { kind: CLIENT, scope: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc' },
    ).kubernetes(0);
    assert.deepEqual(info, { component: 'kube-apiserver', rpcMethod: 'etcdserverpb.KV/RangeStream', rpcStatus: 'OK' });
  });

  it('etcd ≤3.6 server span (old names) and etcd 3.7 server span (new names) are both etcd, even renamed', () => {
    const old = one(
      'etcd',
      'etcdserverpb.KV/Range',
      { 'rpc.system': 'grpc', 'rpc.service': 'etcdserverpb.KV', 'rpc.method': 'Range', 'rpc.grpc.status_code': 0 },
      { kind: SERVER },
    ).kubernetes(0);
    assert.deepEqual(old, { component: 'etcd', rpcMethod: 'etcdserverpb.KV/Range', rpcStatus: 'OK' });
    // --distributed-tracing-service-name can rename the service; the RPC still tells.
    const renamed = one(
      'etcd-member-2',
      'etcdserverpb.Watch/Watch',
      { 'rpc.system.name': 'grpc', 'rpc.method': 'etcdserverpb.Watch/Watch', 'rpc.response.status_code': 'CANCELLED' },
      { kind: SERVER },
    ).kubernetes(0);
    assert.deepEqual(renamed, { component: 'etcd', rpcMethod: 'etcdserverpb.Watch/Watch', rpcStatus: 'CANCELLED' });
  });

  it('etcd 3.7 own spans (scope go.etcd.io/etcd): range, txn and put name their key', () => {
    const scope = 'go.etcd.io/etcd';
    assert.deepEqual(one('etcd-a', 'range', { range_begin: '/registry/pods/default/web', rev: 0, limit: 0 }, { scope }).kubernetes(0), {
      component: 'etcd',
      etcdKey: '/registry/pods/default/web',
    });
    assert.deepEqual(
      one('etcd-a', 'txn', { compare_first_key: '/registry/pods/default/web', compare_len: 1, success_len: 1 }, { scope }).kubernetes(0),
      { component: 'etcd', etcdKey: '/registry/pods/default/web' },
    );
    assert.deepEqual(one('etcd-a', 'put', { key: '/registry/leases/kube-node-lease/n1' }, { scope }).kubernetes(0), {
      component: 'etcd',
      etcdKey: '/registry/leases/kube-node-lease/n1',
    });
  });
});

describe('Kubernetes spans: the breakdown knows every minor’s storage, cacher and watch spans', () => {
  /** A 100 ms request whose one child (10–80 ms) has the given name, service and scope: where do its 70 ms go? */
  function partOf(childName: string, childService = 'apiserver', childScope?: string): string[] {
    const extra = childScope ? { scope: { name: childScope } } : {};
    const dataset = fromText(
      [
        otlpLine('apiserver', [span(TRACE_A, id(1), '', 'GET /api/v1/pods', 0, 100, { kind: SERVER })]),
        otlpLine(childService, [span(TRACE_A, id(2), id(1), childName, 10, 80)], extra),
      ].join('\n'),
    );
    const b = dataset.requestBreakdown(0)!;
    const parts = {
      storage: b.storageNs,
      serialization: b.serializationNs,
      watch: b.watchNs,
      other: b.otherNs,
      admission: b.admissionWebhooksNs,
    };
    return Object.entries(parts)
      .filter(([, ns]) => Math.round(ns / 1e6) === 70)
      .map(([k]) => k);
  }

  it('`cacher list` (1.27–1.31) is storage, like `cacher.GetList` (1.32+)', () => {
    assert.deepEqual(partOf('cacher list'), ['storage']);
    assert.deepEqual(partOf('cacher.GetList'), ['storage']);
  });

  it('`Get etcd3` and `cacher.getKeys` (1.37) are storage', () => {
    assert.deepEqual(partOf('Get etcd3'), ['storage']);
    assert.deepEqual(partOf('cacher.getKeys'), ['storage']);
  });

  it('`etcdserverpb.KV/RangeStream` (1.37) and etcd 3.7 `range` under a renamed etcd are storage', () => {
    assert.deepEqual(partOf('etcdserverpb.KV/RangeStream'), ['storage']);
    assert.deepEqual(partOf('range', 'etcd-member-2', 'go.etcd.io/etcd'), ['storage']);
  });

  it('`WatchServer.HandleHTTP` (1.36+) is serving a watch, not other', () => {
    assert.deepEqual(partOf('WatchServer.HandleHTTP'), ['watch']);
  });

  /**
   * A real 1.37 request's filter chain (as oracle/pipeline's API server writes it): server 0–100 ms ⊃ audit 1–99 ⊃
   * authorization 2–98 ⊃ the handler or storage span 10–40. From 1.34 a filter span ends when the whole chain
   * returns, so only authorization's 8 ms before its child are authorization; its 58 ms after are not.
   */
  function filterChain(target: string, child: string) {
    const dataset = fromText(
      [
        otlpLine('apiserver', [
          span(TRACE_A, id(1), '', 'GET /api/v1/namespaces/{:namespace}/pods', 0, 100, {
            kind: SERVER,
            attributes: attrs({ 'http.request.method': 'GET', 'http.target': target }),
          }),
          span(TRACE_A, id(2), id(1), 'audit', 1, 99),
          span(TRACE_A, id(3), id(2), 'authorization', 2, 98),
          span(TRACE_A, id(4), id(3), child, 10, 40),
        ]),
      ].join('\n'),
    );
    const b = dataset.requestBreakdown(0)!;
    const ms = (ns: number) => Math.round(ns / 1e6);
    return { authorization: ms(b.authorizationNs), storage: ms(b.storageNs), watch: ms(b.watchNs), other: ms(b.otherNs) };
  }

  it('a 1.34+ filter span encloses the chain: its time after its first child is other, not authorization', () => {
    assert.deepEqual(filterChain('/api/v1/namespaces/default/pods', 'cacher.GetList'), {
      authorization: 8,
      storage: 30,
      watch: 0,
      other: 62,
    });
  });

  it('on a plain watch (no WatchServer.HandleHTTP span ends in 1.37) that time is the watch being served', () => {
    assert.deepEqual(filterChain('/api/v1/namespaces/default/pods?watch=true', 'cacher.Watch'), {
      authorization: 8,
      storage: 30,
      watch: 59, // authorization's 58 after its child + audit's 1 after authorization
      other: 3, // the server span's 2 and audit's 1 before its child
    });
  });
});

describe('Kubernetes spans: non-resource requests', () => {
  it('GET /readyz (the server span names only the method) is get, not list, and has no resource', () => {
    const info = one(
      'apiserver',
      'GET',
      { 'http.request.method': 'GET', 'url.path': '/readyz', 'http.target': '/readyz' },
      { kind: SERVER },
    );
    assert.equal(info.kubernetes(0)?.verb, 'get');
    assert.equal(info.kubernetes(0)?.resource, undefined);
  });

  it('discovery (/apis/wardle.example.com/v1alpha1) is get too; a resource path still reads list', () => {
    const discovery = one(
      'apiserver',
      'GET',
      { 'http.method': 'GET', 'http.target': '/apis/wardle.example.com/v1alpha1' },
      { kind: SERVER },
    );
    assert.equal(discovery.kubernetes(0)?.verb, 'get');
    const list = one(
      'apiserver',
      'GET',
      { 'http.method': 'GET', 'http.target': '/apis/wardle.example.com/v1alpha1/fischers' },
      { kind: SERVER },
    );
    assert.equal(list.kubernetes(0)?.verb, 'list');
  });
});
