/**
 * Kubernetes awareness for kube-apiserver and etcd spans, in every form they have taken (docs/kubernetes-spans.md):
 * - HTTP server spans: old otelhttp names (`http.method`, `http.target`, `http.status_code`, up to 1.34) and the
 *   new ones (`http.request.method`, `url.path`, `http.response.status_code`, from 1.35, alone from 1.36);
 *   Kubernetes adds `http.target` (path and query) in every version, so a watch is told from a list by it.
 * - etcd gRPC spans: old RPC names (`rpc.service` + short `rpc.method`, `rpc.grpc.status_code` as a number, up to
 *   apiserver 1.35 / etcd 3.6) and the new ones (full `rpc.method`, `rpc.system.name`, `rpc.response.status_code`
 *   as a name, from apiserver 1.36 / etcd 3.7); etcd 3.7's own spans (`range`, `txn`, `put`, …, scope go.etcd.io/etcd).
 * - the `verb` attribute of handler spans is the metrics verb (`LIST`, `POST`, `APPLY`, …: k8s.io/apiserver
 *   pkg/endpoints/metrics/metrics.go NormalizedVerb); it is shown in the RequestInfo vocabulary (`list`, `create`,
 *   …: pkg/endpoints/request/requestinfo.go), the one a verb derived from a method and path gets, so both agree.
 */
import type { SpanStore } from './spanStore';
import type { BuiltTree } from './tree';
import { SpanKind } from './types';
import type { AttributeValue, KubernetesRequestInfo, RequestBreakdown } from './types';

const APISERVER_SCOPES = ['k8s.io/apiserver', 'k8s.io/component-base', 'k8s.op/apiserver'];
const ETCD_SCOPE = 'go.etcd.io/etcd';

function text(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Metrics verbs (upper case) → RequestInfo verbs; `apply` and `connect` are kept, they say more than `patch`/`create`. */
const METRICS_VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  LIST: 'list',
  WATCH: 'watch',
  WATCHLIST: 'watch',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  APPLY: 'apply',
  DELETE: 'delete',
  CONNECT: 'connect',
};

/** The `verb` attribute in RequestInfo words; DELETE of a collection is `deletecollection`; `unknown` says nothing. */
function verbFromAttribute(raw: string, name: string | undefined): string | undefined {
  const upper = raw.toUpperCase();
  if (upper === 'UNKNOWN' || upper === 'OTHER') return undefined;
  const verb = METRICS_VERBS[upper] ?? raw.toLowerCase();
  return verb === 'delete' && !name ? 'deletecollection' : verb;
}

/** gRPC status codes by number (google.golang.org/grpc codes), named as otelgrpc ≥0.68 names them. */
const GRPC_CODES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** `rpc.grpc.status_code` (a number) or `rpc.response.status_code` (`NotFound` in otelgrpc 0.65, `NOT_FOUND` from 0.68) → `NOT_FOUND`. */
function rpcStatusOf(oldCode: AttributeValue | undefined, newCode: AttributeValue | undefined): string | undefined {
  if (typeof newCode === 'string' && newCode !== '') {
    if (newCode === 'Canceled') return 'CANCELLED';
    return /^[A-Z0-9_]+$/.test(newCode) ? newCode : newCode.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  }
  const n = typeof oldCode === 'number' ? oldCode : typeof oldCode === 'string' && /^\d+$/.test(oldCode) ? Number(oldCode) : undefined;
  return n === undefined ? undefined : (GRPC_CODES[n] ?? String(n));
}

/** The full gRPC method (`etcdserverpb.KV/Range`) from either RPC attribute form, or from the span name. */
function rpcMethodOf(name: string, rpcService: string | undefined, rpcMethod: string | undefined): string | undefined {
  if (rpcMethod) return rpcMethod.includes('/') || !rpcService ? rpcMethod : `${rpcService}/${rpcMethod}`;
  return name.startsWith('etcdserverpb.') ? name : undefined;
}

/** Whether the span is an etcd server's own: its service or tracer says so, or it serves an etcd RPC. */
function isEtcdServerSpan(store: SpanStore, span: number, scope: string, rpcMethod: string | undefined): boolean {
  if (store.serviceName(span) === 'etcd' || scope === ETCD_SCOPE) return true;
  return rpcMethod?.startsWith('etcdserverpb.') === true && store.kind[span] === SpanKind.Server;
}

export function kubernetesInfo(store: SpanStore, span: number): KubernetesRequestInfo | undefined {
  const name = store.name(span);
  const scope = store.scopes[store.scope[span]!]?.name ?? '';
  const attr = (key: string) => store.attribute(span, key);
  const rpcMethod = rpcMethodOf(name, text(attr('rpc.service')), text(attr('rpc.method')));
  const isEtcd = isEtcdServerSpan(store, span, scope, rpcMethod);
  // An etcd client span (either RPC form) comes from the API server, whatever its service is called.
  const isApiserver =
    store.serviceName(span) === 'apiserver' ||
    APISERVER_SCOPES.some((s) => scope.startsWith(s)) ||
    attr('audit-id') !== undefined ||
    rpcMethod?.startsWith('etcdserverpb.') === true;
  if (!isEtcd && !isApiserver) return undefined;

  const httpMethod = text(attr('http.request.method')) ?? text(attr('http.method'));
  // `http.target` (Kubernetes sets it in every version) has the query; `url.path` (new otelhttp) does not.
  const target = text(attr('http.target')) ?? text(attr('url'));
  const path = text(attr('url.path')) ?? target?.split('?')[0];
  const query = target?.includes('?') ? target.slice(target.indexOf('?') + 1) : (text(attr('url.query')) ?? '');
  const status = attr('http.response.status_code') ?? attr('http.status_code');
  const fromPath = path ? parseResourcePath(path) : undefined;
  const name_ = text(attr('name')) ?? fromPath?.name;
  const verbAttribute = text(attr('verb'));
  // A path that names no resource (`/readyz`, `/apis`, discovery) is a non-resource request: its verb is the
  // method in lower case (requestinfo.go), never list or watch.
  const nonResource = path !== undefined && fromPath?.resource === undefined;
  const verb = verbAttribute
    ? verbFromAttribute(verbAttribute, name_)
    : httpMethod
      ? nonResource
        ? httpMethod.toLowerCase()
        : verbOf(httpMethod, name_, query)
      : undefined;
  const info: KubernetesRequestInfo = {
    component: isEtcd ? 'etcd' : 'kube-apiserver',
    verb,
    resource: text(attr('resource')) ?? fromPath?.resource,
    subresource: text(attr('subresource')) ?? fromPath?.subresource,
    namespace: text(attr('namespace')) ?? fromPath?.namespace,
    name: name_,
    auditId: text(attr('audit-id')),
    httpMethod,
    path,
    statusCode: typeof status === 'number' ? status : typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : undefined,
    // Storage spans say `key`; etcd 3.7's range/delete_range say `range_begin`, its txn `compare_first_key`.
    etcdKey: text(attr('key')) ?? text(attr('range_begin')) ?? text(attr('compare_first_key')) ?? text(attr('success_first_key')),
    rpcMethod,
    rpcStatus: rpcStatusOf(attr('rpc.grpc.status_code'), attr('rpc.response.status_code')),
  };
  // Drop the keys that are undefined so the object prints cleanly.
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as unknown as KubernetesRequestInfo;
}

/** `/api/v1/namespaces/ns/pods/name/status` or `/apis/group/version/…` → its parts. */
export function parseResourcePath(
  path: string,
): { namespace?: string; resource?: string; name?: string; subresource?: string } | undefined {
  const parts = path.split('/').filter(Boolean);
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 3) rest = parts.slice(3);
  else return undefined;
  const out: { namespace?: string; resource?: string; name?: string; subresource?: string } = {};
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    out.namespace = rest[1];
    rest = rest.slice(2);
  }
  [out.resource, out.name, out.subresource] = rest;
  if (!out.name) delete out.name;
  if (!out.subresource) delete out.subresource;
  if (!out.resource) delete out.resource;
  return out;
}

function verbOf(method: string, name: string | undefined, query: string): string {
  const params = new URLSearchParams(query);
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      if (params.get('watch') === 'true' || params.get('watch') === '1') return 'watch';
      return name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

type Category = 'authentication' | 'authorization' | 'admission' | 'storage' | 'serialization' | 'watch' | 'other';

/** The request filters and handler spans: their own time is "other", and they do not pass a category on. */
const REQUEST_PATH = new Set([
  'audit',
  'impersonation',
  'constrainedimpersonation',
  'priorityandfairness',
  'List',
  'Get',
  'Create',
  'Update',
  'Patch',
  'Delete',
  'WatchList',
]);

/** Storage spans of k8s.io/apiserver pkg/storage: `Get etcd3` …, `cacher list` (1.27–1.31), `cacher.GetList` … (1.32+). */
function isStorageName(name: string): boolean {
  return (
    name.endsWith(' etcd3') ||
    name.startsWith('cacher.') ||
    name.startsWith('cacher ') ||
    name.startsWith('etcdserverpb.') ||
    name.startsWith('TransformToStorage') ||
    name.startsWith('TransformFromStorage')
  );
}

/**
 * The filter spans of k8s.io/apiserver pkg/endpoints/filterlatency. From 1.34 (`defer span.End()` in trackStarted)
 * each one encloses the rest of the handler chain, so only its time before its first child is the filter's own
 * work; the rest of its own time is the chain unwinding after the handler returned or, on a watch, the watch being
 * served (a plain watch's `WatchServer.HandleHTTP` span is never ended in 1.37, so that time has no span of its own).
 */
const FILTER_SPANS = new Set([
  'authentication',
  'authorization',
  'audit',
  'impersonation',
  'constrainedimpersonation',
  'priorityandfairness',
]);

function categoryOf(store: SpanStore, span: number, inherited: Category): Category {
  const name = store.name(span);
  if (name === 'authentication') return 'authentication';
  if (name === 'authorization') return 'authorization';
  if (name === 'Call mutating webhook' || name === 'Call validating webhook') return 'admission';
  if (name === 'SerializeObject') return 'serialization';
  // Serving a watch (1.36+, handlers/watch.go): mostly waiting for events, so neither serialization nor other.
  if (name === 'WatchServer.HandleHTTP') return 'watch';
  if (isStorageName(name) || store.serviceName(span) === 'etcd' || store.scopes[store.scope[span]!]?.name === ETCD_SCOPE) return 'storage';
  if (REQUEST_PATH.has(name)) return 'other';
  return inherited === 'other' || inherited === 'authentication' || inherited === 'authorization' ? 'other' : inherited;
}

/**
 * Splits the time of a request span (and everything below it) into where it went: each span's own time
 * (its interval, clipped to its parent's, minus the union of its children's) is counted in its category.
 * The parts add up exactly to the span's duration.
 */
export function requestBreakdown(store: SpanStore, tree: BuiltTree, span: number): RequestBreakdown | undefined {
  const top = tree.rowOfSpan.get(span);
  if (top === undefined) return undefined;
  const end = top + tree.subtreeSizes[top]! + 1;
  const size = end - top;
  const lo = new Float64Array(size);
  const hi = new Float64Array(size);
  const covered = new Float64Array(size); // union of children's clipped intervals
  const coveredEnd = new Float64Array(size).fill(-Infinity);
  const firstChildLo = new Float64Array(size).fill(NaN);
  const category: Category[] = new Array(size);
  for (let r = top; r < end; r++) {
    const i = r - top;
    const p = r === top ? -1 : tree.parentRows[r]! - top;
    const pLo = p < 0 ? tree.startOffsets[r]! : lo[p]!;
    const pHi = p < 0 ? tree.endOffsets[r]! : hi[p]!;
    lo[i] = Math.min(Math.max(tree.startOffsets[r]!, pLo), pHi);
    hi[i] = Math.max(Math.min(tree.endOffsets[r]!, pHi), lo[i]!);
    const spanIndex = tree.spans[r]!;
    category[i] = spanIndex < 0 ? 'other' : categoryOf(store, spanIndex, p < 0 ? 'other' : category[p]!);
    if (p >= 0) {
      if (Number.isNaN(firstChildLo[p]!)) firstChildLo[p] = lo[i]!;
      // Children come in start order, so a running end is enough to merge their intervals.
      const from = Math.max(lo[i]!, coveredEnd[p]!);
      if (hi[i]! > from) covered[p]! += hi[i]! - from;
      coveredEnd[p] = Math.max(coveredEnd[p]!, hi[i]!);
    }
  }
  const totals: Record<Category, number> = {
    authentication: 0,
    authorization: 0,
    admission: 0,
    storage: 0,
    serialization: 0,
    watch: 0,
    other: 0,
  };
  const tail: Category = tree.spans[top]! >= 0 && kubernetesInfo(store, tree.spans[top]!)?.verb === 'watch' ? 'watch' : 'other';
  for (let i = 0; i < size; i++) {
    const own = hi[i]! - lo[i]! - covered[i]!;
    const spanIndex = tree.spans[top + i]!;
    if (Number.isNaN(firstChildLo[i]!) || spanIndex < 0 || !FILTER_SPANS.has(store.name(spanIndex))) {
      totals[category[i]!] += own;
      continue;
    }
    const before = firstChildLo[i]! - lo[i]!;
    totals[category[i]!] += before;
    totals[tail] += own - before;
  }
  return {
    spanIndex: span,
    totalNs: hi[0]! - lo[0]!,
    authenticationNs: totals.authentication,
    authorizationNs: totals.authorization,
    admissionWebhooksNs: totals.admission,
    storageNs: totals.storage,
    serializationNs: totals.serialization,
    watchNs: totals.watch,
    otherNs: totals.other,
  };
}
