/**
 * What a data set of real API server + etcd spans says, as the trace model reads it: which component each span
 * belongs to, the apiserver → etcd parent links (by etcd instance), the requests by verb and resource, and where
 * their time went (the request breakdown). Used by the real-pipeline test (test/pipeline) on a fresh run and by the
 * unit test on the committed sample (test/fixtures/samples/apiserver-pipeline).
 */
import type { TraceDataset } from '../../common/src/trace/index';

const SERVER = 2;
const CLIENT = 3;

export interface BreakdownTotals {
  requests: number;
  totalNs: number;
  authenticationNs: number;
  authorizationNs: number;
  admissionWebhooksNs: number;
  storageNs: number;
  serializationNs: number;
  watchNs: number;
  otherNs: number;
  /**
   * The largest |sum of the parts − total| of one request, in ns: the parts must add up. Requests in a trace with
   * duplicate span IDs (a batch an exporter sent again) are left out: a span there counts twice.
   */
  worstSumErrorNs: number;
  /** That request's tree (name, start and end offsets), to say what did not add up. */
  worstSumErrorTree: string;
}

/** One trace's rows, indented, with start and end offsets in µs. */
export function treeText(dataset: TraceDataset, traceIndex: number): string {
  const tree = dataset.tree(traceIndex);
  const rows: string[] = [];
  for (let r = 0; r < tree.spans.length && r < 40; r++) {
    const span = tree.spans[r]!;
    const name = span < 0 ? '(missing parents)' : `${dataset.spanService(span)}:${dataset.spanName(span)}`;
    rows.push(`${'  '.repeat(tree.depths[r]!)}${name} ${tree.startOffsets[r]! / 1e3}–${tree.endOffsets[r]! / 1e3} µs`);
  }
  return rows.join('\n');
}

export interface ApiserverTraceFacts {
  spans: number;
  apiserverSpans: number;
  etcdSpans: number;
  /** Names of spans that are neither kube-apiserver nor etcd to the model (a few, for the message). */
  unrecognized: string[];
  /** etcd spans whose parent is an apiserver span, by the etcd's service.instance.id. */
  linksByEtcd: Record<string, number>;
  /** The names (and kinds) of the apiserver spans that are those parents. */
  linkParents: Record<string, number>;
  /** apiserver CLIENT spans of an etcd RPC (the etcd client's own spans). */
  etcdClientSpans: number;
  /** apiserver SERVER spans of resource requests, `verb resource` → count; and how many answered 403. */
  requests: Record<string, number>;
  forbidden: number;
  /** SERVER spans with no verb, or a resource path with no resource (a few names). */
  unreadRequests: string[];
  /** Handler spans (Create, Get, …) whose verb differs from their request's (server span's) verb. */
  verbMismatches: string[];
  /** Traces with duplicate span IDs. */
  tracesWithDuplicates: number;
  /** Server spans of etcd whose RPC method or status the model did not read. */
  unreadRpc: string[];
  breakdown: { plain: BreakdownTotals; watch: BreakdownTotals };
}

function emptyTotals(): BreakdownTotals {
  return {
    requests: 0,
    totalNs: 0,
    authenticationNs: 0,
    authorizationNs: 0,
    admissionWebhooksNs: 0,
    storageNs: 0,
    serializationNs: 0,
    watchNs: 0,
    otherNs: 0,
    worstSumErrorNs: 0,
    worstSumErrorTree: '',
  };
}

const HANDLERS = new Set(['Get', 'List', 'Create', 'Update', 'Patch', 'Delete', 'WatchList']);

function instanceOf(dataset: TraceDataset, span: number): string {
  const value = dataset.spanDetails(span).resource.attributes.find((a) => a.key === 'service.instance.id')?.value;
  return typeof value === 'string' ? value : '(none)';
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export function apiserverTraceFacts(dataset: TraceDataset): ApiserverTraceFacts {
  const facts: ApiserverTraceFacts = {
    spans: dataset.spanCount,
    apiserverSpans: 0,
    etcdSpans: 0,
    unrecognized: [],
    linksByEtcd: {},
    linkParents: {},
    etcdClientSpans: 0,
    requests: {},
    forbidden: 0,
    unreadRequests: [],
    verbMismatches: [],
    unreadRpc: [],
    tracesWithDuplicates: dataset.traces.filter((t) => t.duplicateSpanIds > 0).length,
    breakdown: { plain: emptyTotals(), watch: emptyTotals() },
  };
  for (let span = 0; span < dataset.spanCount; span++) {
    const info = dataset.kubernetes(span);
    const name = dataset.spanName(span);
    const kind = dataset.spanKind(span);
    if (!info) {
      if (facts.unrecognized.length < 5) facts.unrecognized.push(`${dataset.spanService(span)}: ${name}`);
      continue;
    }
    if (info.component === 'etcd') {
      facts.etcdSpans++;
      if (kind === SERVER && (!info.rpcMethod?.includes('/') || !info.rpcStatus) && facts.unreadRpc.length < 5) facts.unreadRpc.push(name);
      const parent = dataset.spanParent(span);
      if (parent >= 0 && dataset.kubernetes(parent)?.component === 'kube-apiserver') {
        bump(facts.linksByEtcd, instanceOf(dataset, span));
        bump(facts.linkParents, `${dataset.spanName(parent)} (kind ${dataset.spanKind(parent)})`);
      }
      continue;
    }
    facts.apiserverSpans++;
    if (kind === CLIENT && info.rpcMethod?.startsWith('etcdserverpb.')) facts.etcdClientSpans++;
    if (HANDLERS.has(name)) {
      let up = dataset.spanParent(span);
      while (up >= 0 && dataset.spanKind(up) !== SERVER) up = dataset.spanParent(up);
      const request = up >= 0 ? dataset.kubernetes(up)?.verb : undefined;
      if (request !== info.verb && facts.verbMismatches.length < 5) facts.verbMismatches.push(`${name}: ${info.verb} under ${request}`);
    }
    if (kind !== SERVER) continue;
    const resourcePath = info.path?.startsWith('/api') && info.path.split('/').length > 4;
    if (!info.verb || (resourcePath && !info.resource)) {
      if (facts.unreadRequests.length < 5) facts.unreadRequests.push(name);
      continue;
    }
    if (info.resource) bump(facts.requests, `${info.verb} ${info.resource}`);
    if (info.statusCode === 403) facts.forbidden++;
    const b = dataset.requestBreakdown(span);
    if (!b) continue;
    const totals = info.verb === 'watch' ? facts.breakdown.watch : facts.breakdown.plain;
    const parts = [b.authenticationNs, b.authorizationNs, b.admissionWebhooksNs, b.storageNs, b.serializationNs, b.watchNs, b.otherNs];
    totals.requests++;
    totals.totalNs += b.totalNs;
    totals.authenticationNs += b.authenticationNs;
    totals.authorizationNs += b.authorizationNs;
    totals.admissionWebhooksNs += b.admissionWebhooksNs;
    totals.storageNs += b.storageNs;
    totals.serializationNs += b.serializationNs;
    totals.watchNs += b.watchNs;
    totals.otherNs += b.otherNs;
    const error = Math.abs(parts.reduce((a, c) => a + c, 0) - b.totalNs);
    if (error > totals.worstSumErrorNs && dataset.trace(dataset.spanTrace(span)).duplicateSpanIds === 0) {
      totals.worstSumErrorNs = error;
      totals.worstSumErrorTree = `${JSON.stringify(b)}\n${treeText(dataset, dataset.spanTrace(span))}`;
    }
  }
  return facts;
}

/** `storage 1,832 ms (21%)`-style figures of a breakdown, for test names and reports. */
export function describeBreakdown(t: BreakdownTotals): string {
  const share = (ns: number) => `${(ns / 1e6).toFixed(0)} ms (${t.totalNs ? Math.round((100 * ns) / t.totalNs) : 0}%)`;
  return `${t.requests} requests, ${share(t.totalNs).split(' (')[0]}: storage ${share(t.storageNs)}, serialization ${share(t.serializationNs)}, watch ${share(t.watchNs)}, authorization ${share(t.authorizationNs)}, other ${share(t.otherNs)}`;
}
