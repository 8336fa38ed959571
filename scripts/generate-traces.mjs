// Generates realistic trace files for benchmarks with the real OpenTelemetry JS SDK (@opentelemetry/sdk-trace
// 2.12.1) and its OTLP JSON serializer (@opentelemetry/otlp-transformer 0.223.1), as trace-formats.md §9 describes:
// kube-apiserver + etcd shaped request trees (§4.2, §4.3: otelhttp 0.69 and otelgrpc 0.68 attribute names),
// an operator and an admission webhook, errors, events, cross-trace links, per-etcd-member clock offsets.
// Spans are sorted by end time, cut into batches of 512 (a Go BatchSpanProcessor) and written one
// ExportTraceServiceRequest per line, like the Collector file exporter. Seeded: the same options give the
// same bytes. Synthetic content, real serializer.
//
//   node scripts/generate-traces.mjs --preset 200k   → .bench/data/k8s-200k.otlp.jsonl (~200,000 spans)
//   node scripts/generate-traces.mjs --preset 1m     → .bench/data/rotated-1m/traces*.json (~1,000,000 spans,
//                                                       rotated at 100 MB like the exporter's default)
//   Options: --spans N --seed N --out FILE --rotate-mb N --proto (also write FILE.binpb, 4-byte length frames)
//            --force (regenerate even when the output and its .meta.json match)
import { context as otelContext, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace as otelTrace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

void otelContext; // contexts are passed explicitly; no global context manager is needed
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- options -------------------------------------------------------------------------------------------
const args = process.argv.slice(2);
const USAGE = `usage: node scripts/generate-traces.mjs [--preset 200k|1m] [--spans N] [--seed N] [--out FILE]
                                     [--rotate-mb N] [--proto] [--force]
Writes synthetic Kubernetes-shaped traces with the OpenTelemetry JS SDK's own OTLP serializer.
  --preset 200k  .bench/data/k8s-200k.otlp.jsonl, about 200,000 spans (147 MB)  (the default)
  --preset 1m    .bench/data/rotated-1m/traces*.json, about 1,000,000 spans, rotated at 100 MB
  --spans N      how many spans (overrides the preset)      --seed N     the random seed (42)
  --out FILE     output path, relative to the repository   --rotate-mb N rotate files at N MB (0: one file)
  --proto        also write FILE.binpb (4-byte length frames, as the file exporter's proto mode)
  --force        regenerate even when the output and its .meta.json match`;
const KNOWN_OPTIONS = new Set(['preset', 'spans', 'seed', 'out', 'rotate-mb', 'proto', 'force']);
const VALUED_OPTIONS = new Set(['preset', 'spans', 'seed', 'out', 'rotate-mb']);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
// An unknown option must not silently start a 147 MB write: say which, print the usage, exit 2.
for (let i = 0; i < args.length; i++) {
  const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
  if (name === undefined || !KNOWN_OPTIONS.has(name)) {
    console.error(`generate-traces: unknown argument ${JSON.stringify(args[i])}\n${USAGE}`);
    process.exit(2);
  }
  if (VALUED_OPTIONS.has(name)) i++;
}
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PRESETS = {
  '200k': { spans: 200_000, out: '.bench/data/k8s-200k.otlp.jsonl', rotateMb: 0 },
  '1m': { spans: 1_000_000, out: '.bench/data/rotated-1m/traces.json', rotateMb: 100 },
};
const preset = PRESETS[option('preset', '200k')];
if (!preset) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
const targetSpans = Number(option('spans', preset.spans));
const seed = Number(option('seed', 42));
// --out is relative to where the command runs (an absolute path stays as it is); presets live in the repository.
const out = option('out') !== undefined ? resolve(option('out')) : join(root, preset.out);
const rotateBytes = Number(option('rotate-mb', preset.rotateMb)) * 1024 * 1024;
const writeProto = args.includes('--proto');
const meta = { generator: 'scripts/generate-traces.mjs v1', spans: targetSpans, seed, rotateBytes, proto: writeProto };
// Not named *.json: a folder of rotated files is read as trace data, and this is not.
const metaFile = `${out}.meta`;
if (!args.includes('--force') && existsSync(out) && existsSync(metaFile)) {
  const previous = JSON.parse(readFileSync(metaFile, 'utf8'));
  if (JSON.stringify(previous.options) === JSON.stringify(meta)) {
    console.log(`${out} is up to date (${previous.result.spans} spans); --force to regenerate`);
    process.exit(0);
  }
}

// ---- seeded randomness and IDs -------------------------------------------------------------------------
let state = seed >>> 0;
function random() {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo, hi) => lo + random() * (hi - lo);
const int = (lo, hi) => Math.floor(between(lo, hi + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const hex = (chars) => {
  let s = '';
  while (s.length < chars) s += ((random() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
  return s.slice(0, chars);
};
const idGenerator = { generateTraceId: () => hex(32), generateSpanId: () => hex(16) };
const base32 = (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz234567'[int(0, 31)]).join('');

// ---- time: ns offsets from a fixed epoch, as HrTime [seconds, nanos] -----------------------------------
const EPOCH_SECONDS = 1748772000; // 2025-06-01T10:00:00Z
const hr = (ns) => {
  const whole = Math.floor(ns);
  return [EPOCH_SECONDS + Math.floor(whole / 1e9), whole % 1e9];
};
const us = (n) => n * 1e3;
const ms = (n) => n * 1e6;

// ---- providers: one per resource, all feeding one collector --------------------------------------------
const finished = [];
const collector = {
  onStart() {},
  onEnd(span) {
    finished.push(span);
  },
  forceFlush: async () => {},
  shutdown: async () => {},
};
const provider = (attributes) =>
  new TracerProvider({ resource: resourceFromAttributes(attributes), idGenerator, spanProcessors: [collector] });
const apiservers = [0, 1, 2].map((i) => {
  // kube-apiserver: service.name "apiserver", instance "apiserver-" + 26 base32 chars (§4.1).
  const p = provider({ 'service.name': 'apiserver', 'service.instance.id': `apiserver-${base32(26)}` });
  return {
    ip: `10.0.0.${10 + i}`,
    http: p.getTracer('go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', '0.69.0'),
    filters: p.getTracer('k8s.op/apiserver/pkg/endpoints/filterlatency'),
    k8s: p.getTracer('k8s.io/component-base/tracing'),
    grpc: p.getTracer('go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc', '0.68.0'),
  };
});
// Each etcd member has its own clock: offsets of 0, +180 and -240 µs (shown as skew, §0).
const etcds = [0, 1, 2].map((i) => {
  const p = provider({ 'service.name': 'etcd', 'service.instance.id': `etcd-${i}` });
  return {
    ip: `10.0.0.${20 + i}`,
    skew: [0, us(180), us(-240)][i],
    grpc: p.getTracer('go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc', '0.68.0'),
    internal: p.getTracer('go.etcd.io/etcd', '3.7.0'),
  };
});
const operator = provider({
  'service.name': 'example-operator',
  'service.version': '1.4.2',
  'k8s.pod.name': 'example-operator-7d9f8c6b5-x2kq9',
});
const operatorTracer = operator.getTracer('example-operator/controller');
const operatorHttp = operator.getTracer('go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', '0.69.0');
const webhookProvider = provider({ 'service.name': 'policy-webhook', 'service.instance.id': 'policy-webhook-0' });
const webhookHttp = webhookProvider.getTracer('go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', '0.69.0');
const webhookInternal = webhookProvider.getTracer('policy-webhook/evaluate');

const ctxOf = (span) => otelTrace.setSpan(ROOT_CONTEXT, span);
const start = (tracer, name, kind, at, parent, attributes = {}, links) =>
  tracer.startSpan(
    name,
    { kind, startTime: hr(at), attributes, ...(links ? { links, root: true } : {}) },
    parent ? ctxOf(parent) : ROOT_CONTEXT,
  );

// ---- the Kubernetes API calls an operator makes ----------------------------------------------------------
const NAMESPACES = ['default', 'kube-system', 'shop', 'payments', 'monitoring'];
const RESOURCES = [
  { resource: 'pods', group: '', version: 'v1', type: '*core.Pod', webhook: true },
  { resource: 'deployments', group: 'apps', version: 'v1', type: '*apps.Deployment', webhook: true },
  { resource: 'configmaps', group: '', version: 'v1', type: '*core.ConfigMap' },
  { resource: 'services', group: '', version: 'v1', type: '*core.Service' },
  { resource: 'leases', group: 'coordination.k8s.io', version: 'v1', type: '*coordination.Lease' },
  { resource: 'events', group: '', version: 'v1', type: '*core.Event' },
];
const VERBS = [
  ['list', 'GET', 'List'],
  ['get', 'GET', 'Get'],
  ['get', 'GET', 'Get'],
  ['update', 'PUT', 'Update'],
  ['patch', 'PATCH', 'Patch'],
  ['create', 'POST', 'Create'],
  ['delete', 'DELETE', 'Delete'],
];
const HANDLER_EVENTS = {
  Create: [
    'limitedReadBody succeeded',
    'About to convert to expected version',
    'Conversion done',
    'About to store object in database',
    'Write to database call succeeded',
    'About to write a response',
    'Writing http response done',
  ],
  Get: ['About to Get from storage', 'About to write a response', 'Writing http response done'],
  List: ['About to List from storage', 'Listing from storage done', 'Writing http response done'],
  Patch: [
    'limitedReadBody succeeded',
    'Recorded the audit event',
    'About to apply patch',
    'About to check admission control',
    'Object stored in database',
    'About to write a response',
    'Writing http response done',
  ],
  Update: [
    'limitedReadBody succeeded',
    'About to convert to expected version',
    'Conversion done',
    'About to store object in database',
    'Write to database call succeeded',
    'About to write a response',
    'Writing http response done',
  ],
  Delete: [
    'Decoded delete options',
    'About to delete object from database',
    'Object deleted from database',
    'About to write a response',
    'Writing http response done',
  ],
};
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

/** One etcd round trip from an apiserver: CLIENT → etcd SERVER → etcd internal. Returns [end, failed]. */
function etcdCall(api, parent, at, method, attributes) {
  const member = pick(etcds);
  const full = `etcdserverpb.KV/${method}`;
  const client = start(api.grpc, full, SpanKind.CLIENT, at, parent, {
    'rpc.system.name': 'grpc',
    'rpc.method': full,
    'server.address': member.ip,
    'server.port': 2379,
  });
  const timeout = chance(0.02);
  const serverStart = at + us(between(40, 120)) + member.skew;
  const work = timeout ? ms(between(900, 1100)) : us(between(80, method === 'Range' ? 2500 : 4000));
  // etcd's server span continues the apiserver's trace (propagated context, ParentBased sampler).
  const server = start(member.grpc, full, SpanKind.SERVER, serverStart, client, {
    'rpc.system.name': 'grpc',
    'rpc.method': full,
    'server.address': member.ip,
    'server.port': 2379,
    'network.peer.address': api.ip,
  });
  const internal = start(
    member.internal,
    method === 'Range' ? 'range' : 'txn',
    SpanKind.INTERNAL,
    serverStart + us(10),
    server,
    method === 'Range'
      ? {
          range_begin: attributes.key,
          range_end: attributes.key + '0',
          rev: 0,
          limit: attributes.limit ?? 0,
          count_only: false,
          keys_only: false,
        }
      : {
          compare_first_key: attributes.key,
          success_first_key: attributes.key,
          success_first_type: 'put',
          success_first_lease: 0,
          compare_len: 1,
          success_len: 1,
          failure_len: 1,
          read_only: false,
        },
  );
  internal.end(hr(serverStart + work - us(5)));
  const code = timeout ? 'DeadlineExceeded' : 'OK';
  server.setAttribute('rpc.response.status_code', code);
  if (timeout) server.setStatus({ code: SpanStatusCode.ERROR, message: 'context deadline exceeded' });
  server.end(hr(serverStart + work));
  const end = serverStart - member.skew + work + us(between(30, 90));
  client.setAttribute('rpc.response.status_code', code);
  if (timeout) client.setStatus({ code: SpanStatusCode.ERROR, message: 'context deadline exceeded' });
  client.end(hr(end));
  return [end, timeout];
}

/** An admission webhook call from the handler. Returns [end, failed]. */
function webhookCall(api, parent, at, kind, call) {
  const failed = chance(0.04);
  const span = start(api.k8s, kind === 'mutating' ? 'Call mutating webhook' : 'Call validating webhook', SpanKind.INTERNAL, at, parent, {
    configuration: `policy-${kind}`,
    webhook: `${kind}.policy.example.com`,
    resource: `${call.group || 'core'}/${call.version}, Resource=${call.resource}`,
    subresource: '',
    operation: call.verb.toUpperCase(),
    UID: uuid(),
  });
  const post = start(api.http, 'HTTP POST', SpanKind.CLIENT, at + us(20), span, {
    'http.request.method': 'POST',
    'url.full': `https://policy-webhook.kube-system.svc:443/${kind}`,
    'server.address': 'policy-webhook.kube-system.svc',
    'server.port': 443,
  });
  const serverStart = at + us(between(150, 400));
  const work = failed ? ms(between(2, 8)) : us(between(400, 3000));
  const server = start(webhookHttp, `POST /${kind}`, SpanKind.SERVER, serverStart, post, {
    'http.request.method': 'POST',
    'url.path': `/${kind}`,
    'url.scheme': 'https',
    'server.address': 'policy-webhook.kube-system.svc',
    'server.port': 443,
    'network.protocol.version': '2',
  });
  const evaluate = start(webhookInternal, 'evaluate policy', SpanKind.INTERNAL, serverStart + us(30), server, {
    'policy.count': int(3, 40),
    'policy.kind': kind,
  });
  evaluate.end(hr(serverStart + work - us(20)));
  const status = failed ? 500 : 200;
  server.setAttribute('http.response.status_code', status);
  if (failed) server.setStatus({ code: SpanStatusCode.ERROR });
  server.end(hr(serverStart + work));
  const end = serverStart + work + us(between(100, 300));
  post.setAttribute('http.response.status_code', status);
  if (failed) post.setStatus({ code: SpanStatusCode.ERROR });
  post.end(hr(end - us(10)));
  if (failed) {
    span.addEvent(
      'exception',
      {
        'exception.type': '*errors.StatusError',
        'exception.message': `failed calling webhook "${kind}.policy.example.com": received invalid webhook response`,
      },
      hr(end - us(5)),
    );
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'admission webhook failed' });
  }
  span.end(hr(end));
  return [end, failed];
}

/** One request through kube-apiserver (§4.2). `parent` is the caller's CLIENT span, or null for a root. */
function apiRequest(parent, at, call, link) {
  const api = pick(apiservers);
  const auditId = uuid();
  const ns = call.namespace;
  const prefix = call.group ? `/apis/${call.group}/${call.version}` : `/api/${call.version}`;
  const named = call.verb !== 'list' && call.verb !== 'create';
  const path = `${prefix}/namespaces/${ns}/${call.resource}${named ? `/${call.name}` : ''}`;
  const route = `${call.method} ${prefix}/namespaces/{:namespace}/${call.resource}${named ? '/{:name}' : ''}`;
  const server = start(
    api.http,
    route,
    SpanKind.SERVER,
    at,
    link ? null : parent,
    {
      'http.request.method': call.method,
      'url.scheme': 'https',
      'url.path': path,
      'server.address': api.ip,
      'server.port': 6443,
      'network.peer.address': '10.0.1.17',
      'network.peer.port': int(30000, 60000),
      'user_agent.original': 'example-operator/v1.4.2 (linux/amd64) kubernetes/abc123',
      'client.address': '10.0.1.17',
      'network.protocol.version': '2',
      'http.target': path + (call.verb === 'list' ? '?limit=500' : ''),
      'audit-id': auditId,
    },
    link ? [{ context: parent.spanContext() }] : undefined,
  );
  let t = at + us(between(20, 60));
  const filterNames = ['authentication', 'audit', 'impersonation', 'priorityandfairness', 'authorization'];
  const filters = [];
  let outer = server;
  for (const name of filterNames) {
    const f = start(api.filters, name, SpanKind.INTERNAL, t, outer);
    filters.push(f);
    outer = f;
    t += us(name === 'authentication' ? between(30, 400) : name === 'authorization' ? between(20, 300) : between(5, 60));
  }
  const handler = start(api.k8s, call.handler, SpanKind.INTERNAL, t, outer, {
    accept: 'application/vnd.kubernetes.protobuf, */*',
    'audit-id': auditId,
    client: '10.0.1.17',
    'api-group': call.group,
    'api-version': call.version,
    name: named ? call.name : '',
    subresource: '',
    namespace: ns,
    protocol: 'HTTP/2.0',
    resource: call.resource,
    scope: named ? 'resource' : 'namespace',
    url: path,
    'user-agent': 'example-operator/v1.4.2',
    verb: call.method,
  });
  const events = HANDLER_EVENTS[call.handler];
  let eventIndex = 0;
  const event = (at) => {
    if (eventIndex < events.length) handler.addEvent(events[eventIndex++], undefined, hr(at));
  };
  t += us(between(10, 40));
  event(t);
  let status = 200;
  let failed = false;
  if (call.webhook && ['create', 'update', 'patch'].includes(call.verb)) {
    for (const kind of ['mutating', 'validating']) {
      const [end, webhookFailed] = webhookCall(api, handler, t, kind, call);
      t = end + us(between(10, 40));
      if (webhookFailed) {
        status = 500;
        failed = true;
        break;
      }
    }
  }
  if (!failed) {
    event(t);
    const key = `/${call.resource === 'deployments' ? 'deployments' : call.resource}/${ns}${named || call.verb === 'create' ? `/${call.name}` : ''}`;
    const storageName = {
      list: 'List(recursive=true) etcd3',
      get: 'Get etcd3',
      create: 'Create etcd3',
      update: 'GuaranteedUpdate etcd3',
      patch: 'GuaranteedUpdate etcd3',
      delete: 'Delete etcd3',
    }[call.verb];
    const storageAttributes =
      call.verb === 'list'
        ? { 'audit-id': auditId, key, resourceVersion: '', resourceVersionMatch: '', limit: 500, continue: '' }
        : { 'audit-id': auditId, key, group: call.group, resource: call.resource, ...(call.verb === 'get' ? {} : { type: call.type }) };
    const storage = start(api.k8s, storageName, SpanKind.INTERNAL, t, handler, storageAttributes);
    let s = t + us(between(10, 40));
    const calls = call.verb === 'list' && chance(0.3) ? int(3, 12) : call.verb === 'update' || call.verb === 'patch' ? 2 : 1;
    for (let i = 0; i < calls; i++) {
      const method = call.verb === 'list' || call.verb === 'get' || (i === 0 && calls === 2) ? 'Range' : 'Txn';
      const [end, timeout] = etcdCall(api, storage, s, method, { key, limit: call.verb === 'list' ? 500 : 0 });
      s = end + us(between(5, 30));
      if (timeout) {
        status = 504;
        failed = true;
        break;
      }
      if (call.verb === 'update' || call.verb === 'patch')
        storage.addEvent(
          [
            'initial value restored',
            'About to Encode',
            'Encode succeeded',
            'TransformToStorage succeeded',
            'Transaction prepared',
            'Txn call completed',
            'Transaction committed',
            'decode succeeded',
          ][Math.min(7, i * 4 + 3)],
          undefined,
          hr(s),
        );
    }
    if (failed) storage.setStatus({ code: SpanStatusCode.ERROR, message: 'etcdserver: request timed out' });
    storage.end(hr(s));
    t = s + us(between(10, 30));
    if (!failed && call.verb === 'get' && chance(0.05)) status = 404;
    if (!failed && call.verb === 'update' && chance(0.1)) status = 409;
    event(t);
  }
  const serialize = start(api.k8s, 'SerializeObject', SpanKind.INTERNAL, t, handler, {
    'audit-id': auditId,
    method: call.method,
    url: path,
    protocol: 'HTTP/2.0',
    mediaType: 'application/vnd.kubernetes.protobuf',
    encoder: '{"encodeGV":"v1"}',
  });
  serialize.addEvent('About to start writing response', undefined, hr(t + us(5)));
  t += us(call.verb === 'list' ? between(200, 3000) : between(20, 300));
  serialize.addEvent('Write call succeeded', undefined, hr(t - us(3)));
  serialize.end(hr(t));
  while (eventIndex < events.length) event(t + us(2));
  handler.end(hr(t + us(5)));
  let end = t + us(10);
  for (const f of filters.reverse()) {
    f.end(hr(end));
    end += us(between(2, 10));
  }
  server.setAttribute('http.response.status_code', status);
  if (status >= 500) server.setStatus({ code: SpanStatusCode.ERROR });
  server.end(hr(end));
  return [end + us(between(50, 200)), status];
}

/** An operator reconcile: 6–11 API calls as CLIENT "HTTP <METHOD>" spans (§9). */
function reconcile(at) {
  const nonPrivileged = chance(0.03); // its apiserver spans start new traces with a link (§4.2)
  const rootSpan = start(operatorTracer, 'Reconcile', SpanKind.INTERNAL, at, null, {
    controller: 'example',
    'k8s.namespace.name': pick(NAMESPACES),
    reconcileID: uuid(),
  });
  let t = at + us(between(50, 300));
  let errors = 0;
  for (let i = int(6, 11); i > 0; i--) {
    const [verb, method, handler] = pick(VERBS);
    const resource = pick(RESOURCES);
    const call = { ...resource, verb, method, handler, namespace: pick(NAMESPACES), name: `${resource.resource.slice(0, -1)}-${hex(5)}` };
    const client = start(operatorHttp, `HTTP ${method}`, SpanKind.CLIENT, t, rootSpan, {
      'http.request.method': method,
      'server.address': 'kubernetes.default.svc',
      'server.port': 443,
      'url.full': `https://kubernetes.default.svc/${resource.resource}`,
    });
    const [end, status] = apiRequest(client, t + us(between(100, 400)), call, nonPrivileged);
    client.setAttribute('http.response.status_code', status);
    if (status >= 400) {
      client.setStatus({ code: SpanStatusCode.ERROR });
      errors++;
    }
    client.end(hr(end));
    t = end + us(between(100, 2000));
  }
  if (errors) rootSpan.setStatus({ code: SpanStatusCode.ERROR, message: `${errors} API call(s) failed` });
  rootSpan.end(hr(t));
}

/** A heartbeat: the apiserver is the root (a lease renewal from a privileged client). */
function heartbeat(at) {
  const call = {
    ...RESOURCES[4],
    verb: 'update',
    method: 'PUT',
    handler: 'Update',
    namespace: 'kube-node-lease',
    name: `node-${int(1, 40)}`,
  };
  apiRequest(null, at, call, false);
}

// ---- writing: batches of 512 in end-time order, one line each, rotation like the exporter ---------------
mkdirSync(dirname(out), { recursive: true });
if (rotateBytes) for (const stale of [out]) rmSync(stale, { force: true });
const rotated = [];
let fd = openSync(out, 'w');
let fileBytes = 0;
let protoFd = writeProto ? openSync(`${out}.binpb`, 'w') : -1;
let lines = 0;
let written = 0;
let totalBytes = 0;
const endNs = (s) => s.endTime[0] * 1e9 + s.endTime[1];
function flush(all) {
  finished.sort((a, b) => endNs(a) - endNs(b) || (a.spanContext().spanId < b.spanContext().spanId ? -1 : 1));
  const keep = all ? 0 : finished.length % 512;
  const batchable = finished.splice(0, finished.length - keep);
  for (let i = 0; i < batchable.length; i += 512) {
    const batch = batchable.slice(i, i + 512);
    const json = JsonTraceSerializer.serializeRequest(batch);
    if (rotateBytes && fileBytes + json.length + 1 > rotateBytes && fileBytes > 0) {
      closeSync(fd);
      const stamp = new Date(Date.UTC(2025, 5, 1, 10, 0, 0) + rotated.length * 60_000).toISOString().replace(/:/g, '-').replace('Z', '');
      const name = out.replace(/(\.[^./]+)$/, `-${stamp}$1`);
      renameSync(out, name);
      rotated.push(name);
      fd = openSync(out, 'w');
      fileBytes = 0;
    }
    writeSync(fd, json);
    writeSync(fd, '\n');
    fileBytes += json.length + 1;
    totalBytes += json.length + 1;
    if (protoFd >= 0) {
      const proto = ProtobufTraceSerializer.serializeRequest(batch);
      const prefix = new Uint8Array(4);
      new DataView(prefix.buffer).setUint32(0, proto.length);
      writeSync(protoFd, prefix);
      writeSync(protoFd, proto);
    }
    lines++;
    written += batch.length;
  }
}

const started = Date.now();
let at = ms(1);
let roots = 0;
while (written + finished.length < targetSpans) {
  if (chance(0.2)) heartbeat(at);
  else reconcile(at);
  roots++;
  at += ms(between(5, 60));
  if (finished.length > 50_000) flush(false);
}
flush(true);
closeSync(fd);
if (protoFd >= 0) closeSync(protoFd);
const result = {
  spans: written,
  roots,
  lines,
  bytes: totalBytes,
  files: [...rotated, out].map((f) => f.slice(root.length + 1)),
  seconds: (Date.now() - started) / 1000,
};
writeFileSync(metaFile, JSON.stringify({ options: meta, result }, null, 2) + '\n');
console.log(
  `wrote ${result.spans} spans (${roots} root operations) in ${lines} lines, ${(totalBytes / 1e6).toFixed(1)} MB, ${result.files.length} file(s), in ${result.seconds} s`,
);
