/**
 * Where the Kubernetes side sends its spans, read from the workspace: a TracingConfiguration's `endpoint`
 * (kube-apiserver), a KubeletConfiguration's `tracing.endpoint`, etcd's `--distributed-tracing-address` (or
 * `--experimental-…`). Each defaults to `localhost:4317` and is a gRPC target sent in plaintext
 * (component-base tracing/tracing.go and etcd's embed/config_tracing.go: otlptracegrpc.WithInsecure()).
 * Only what the Collector side can be checked against is kept: loopback targets on the node.
 */
import { isMap, isScalar } from 'yaml';
import type { ValidationOptions } from '../context';
import { lastEntry, mapEntries } from '../yaml/nodes';
import { parseFileMentioning } from '../yaml/parse';

export interface SpanSender {
  component: 'kube-apiserver' | 'kubelet' | 'etcd';
  path: string;
  /** The endpoint as written, or the default. */
  endpoint: string;
  port: number;
}

export const DEFAULT_SENDER_ENDPOINT = 'localhost:4317';

/** `localhost:4317`, `127.0.0.1:4317`, `[::1]:4317`, `dns:///localhost:4317` → the port; undefined for anything not on the node's loopback. */
export function loopbackPort(endpoint: string): number | undefined {
  const target = endpoint.replace(/^dns:\/\/[^/]*\//, '');
  const match = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]):(\d{1,5})$/.exec(target);
  return match ? Number(match[2]) : undefined;
}

/** etcd's flags as a static pod's command writes them (`--flag=value`); tracing is on only with the enable flag. */
const ETCD_ADDRESS = /--(?:experimental-)?distributed-tracing-address=([^\s"',\]]+)/;
const ETCD_ENABLED = /--(?:experimental-)?enable-distributed-tracing(?:=true)?(?=[\s"',\]]|$)/m;

function sendersOfText(path: string, text: string): SpanSender[] {
  const found: SpanSender[] = [];
  const add = (component: SpanSender['component'], endpoint: string) => {
    const port = loopbackPort(endpoint);
    if (port !== undefined) found.push({ component, path, endpoint, port });
  };
  if (text.includes('TracingConfiguration')) {
    for (const { document, syntaxProblems } of parseFileMentioning(`file://${path}`, text, 'TracingConfiguration').documents) {
      if (syntaxProblems.length > 0) continue;
      const root = mapEntries(document.contents, document);
      const kind = lastEntry(root, 'kind')?.value;
      if (!isScalar(kind) || kind.value !== 'TracingConfiguration') continue;
      const endpoint = lastEntry(root, 'endpoint')?.value;
      add('kube-apiserver', isScalar(endpoint) && typeof endpoint.value === 'string' ? endpoint.value : DEFAULT_SENDER_ENDPOINT);
    }
  }
  if (text.includes('KubeletConfiguration')) {
    for (const { document, syntaxProblems } of parseFileMentioning(`file://${path}`, text, 'KubeletConfiguration').documents) {
      if (syntaxProblems.length > 0) continue;
      const root = mapEntries(document.contents, document);
      const kind = lastEntry(root, 'kind')?.value;
      const tracing = lastEntry(root, 'tracing')?.value ?? null;
      if (!isScalar(kind) || kind.value !== 'KubeletConfiguration' || !isMap(tracing)) continue;
      const endpoint = lastEntry(mapEntries(tracing, document), 'endpoint')?.value;
      add('kubelet', isScalar(endpoint) && typeof endpoint.value === 'string' ? endpoint.value : DEFAULT_SENDER_ENDPOINT);
    }
  }
  if (text.includes('distributed-tracing')) {
    if (ETCD_ENABLED.test(text)) add('etcd', ETCD_ADDRESS.exec(text)?.[1] ?? DEFAULT_SENDER_ENDPOINT);
  }
  return found;
}

const byPath = new Map<string, { text: string; senders: SpanSender[] }>();
const answered = new WeakMap<ValidationOptions, SpanSender[]>();

/** The loopback senders of the workspace, files sorted by path; read once per options object, parsed once per text. */
export function loopbackSenders(options: ValidationOptions | undefined): SpanSender[] {
  if (!options?.workspace) return [];
  const known = answered.get(options);
  if (known) return known;
  const senders: SpanSender[] = [];
  for (const path of [...options.workspace.list()].sort()) {
    const text = options.workspace.read(path);
    if (text === undefined || !/TracingConfiguration|KubeletConfiguration|distributed-tracing/.test(text)) continue;
    let cached = byPath.get(path);
    if (!cached || cached.text !== text) byPath.set(path, (cached = { text, senders: sendersOfText(path, text) }));
    senders.push(...cached.senders);
  }
  answered.set(options, senders);
  return senders;
}
