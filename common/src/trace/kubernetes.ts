/**
 * Kubernetes awareness for kube-apiserver and etcd spans (trace-formats.md §4). Reads both the old
 * (`http.method`, `http.target`, `http.status_code`) and the new (`http.request.method`, `url.path`,
 * `http.response.status_code`) otelhttp attribute names; handler and storage spans carry `verb`, `resource`,
 * `namespace`, `audit-id` (k8s.io/apiserver pkg/endpoints/handlers/trace_util.go, pkg/storage/etcd3/store.go).
 * The verb derived from a method and path follows k8s.io/apiserver pkg/endpoints/request/requestinfo.go.
 */
import type { SpanStore } from './spanStore';
import type { BuiltTree } from './tree';
import type { AttributeValue, KubernetesRequestInfo, RequestBreakdown } from './types';

const APISERVER_SCOPES = ['k8s.io/apiserver', 'k8s.io/component-base', 'k8s.op/apiserver'];

function text(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function kubernetesInfo(store: SpanStore, span: number): KubernetesRequestInfo | undefined {
  const service = store.serviceName(span);
  const name = store.name(span);
  const scope = store.scopes[store.scope[span]!]?.name ?? '';
  const attr = (key: string) => store.attribute(span, key);
  const isEtcd = service === 'etcd' || scope === 'go.etcd.io/etcd' || attr('rpc.service') === 'etcdserverpb.KV';
  const isApiserver = service === 'apiserver' || APISERVER_SCOPES.some((s) => scope.startsWith(s)) || attr('audit-id') !== undefined;
  if (!isEtcd && !isApiserver) return undefined;

  const httpMethod = text(attr('http.request.method')) ?? text(attr('http.method'));
  const target = text(attr('url.path')) ?? text(attr('http.target')) ?? text(attr('url'));
  const path = target?.split('?')[0];
  const query = target?.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  const status = attr('http.response.status_code') ?? attr('http.status_code');
  const fromPath = path ? parseResourcePath(path) : undefined;
  const name_ = text(attr('name')) ?? fromPath?.name;
  const verb = text(attr('verb'))?.toLowerCase() ?? (httpMethod ? verbOf(httpMethod, name_, query) : undefined);
  const rpc = text(attr('rpc.method'));
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
    etcdKey: text(attr('key')) ?? text(attr('range_begin')),
    rpcMethod: rpc ? (rpc.includes('/') ? rpc : `${text(attr('rpc.service')) ?? ''}/${rpc}`) : name.startsWith('etcdserverpb.') ? name : undefined,
  };
  // Drop the keys that are undefined so the object prints cleanly.
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)) as unknown as KubernetesRequestInfo;
}

/** `/api/v1/namespaces/ns/pods/name/status` or `/apis/group/version/…` → its parts. */
export function parseResourcePath(path: string): { namespace?: string; resource?: string; name?: string; subresource?: string } | undefined {
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

type Category = 'authentication' | 'authorization' | 'admission' | 'storage' | 'serialization' | 'other';

/** The request filters and handler spans: their own time is "other", and they do not pass a category on. */
const REQUEST_PATH = new Set(['audit', 'impersonation', 'constrainedimpersonation', 'priorityandfairness', 'List', 'Get', 'Create', 'Update', 'Patch', 'Delete', 'WatchList']);

function categoryOf(store: SpanStore, span: number, inherited: Category): Category {
  const name = store.name(span);
  if (name === 'authentication') return 'authentication';
  if (name === 'authorization') return 'authorization';
  if (name === 'Call mutating webhook' || name === 'Call validating webhook') return 'admission';
  if (name === 'SerializeObject') return 'serialization';
  if (name.endsWith(' etcd3') || name.startsWith('cacher.') || name.startsWith('etcdserverpb.') || name.startsWith('TransformToStorage') || name.startsWith('TransformFromStorage') || store.serviceName(span) === 'etcd') return 'storage';
  if (REQUEST_PATH.has(name)) return 'other';
  return inherited === 'admission' || inherited === 'storage' || inherited === 'serialization' ? inherited : 'other';
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
      // Children come in start order, so a running end is enough to merge their intervals.
      const from = Math.max(lo[i]!, coveredEnd[p]!);
      if (hi[i]! > from) covered[p]! += hi[i]! - from;
      coveredEnd[p] = Math.max(coveredEnd[p]!, hi[i]!);
    }
  }
  const totals: Record<Category, number> = { authentication: 0, authorization: 0, admission: 0, storage: 0, serialization: 0, other: 0 };
  for (let i = 0; i < size; i++) totals[category[i]!] += hi[i]! - lo[i]! - covered[i]!;
  return {
    spanIndex: span,
    totalNs: hi[0]! - lo[0]!,
    authenticationNs: totals.authentication,
    authorizationNs: totals.authorization,
    admissionWebhooksNs: totals.admission,
    storageNs: totals.storage,
    serializationNs: totals.serialization,
    otherNs: totals.other,
  };
}
