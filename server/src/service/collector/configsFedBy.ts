/**
 * The Collector configs whose findings depend on a Kubernetes file: the reachability rule (rules/reachability.ts)
 * pairs each OTLP gRPC receiver with where kube-apiserver (TracingConfiguration `endpoint`), the kubelet
 * (KubeletConfiguration `tracing.endpoint`) and etcd (`--distributed-tracing-address`) send their spans
 * (senders.ts), in the files that belong with the config (workspaceScope.ts). When one of those files changes, the
 * Collector configs beside, above or below it are checked again, as a kube-apiserver manifest's tracing config is.
 * No Kubernetes-side rule reads a Collector config, so the dependency runs one way.
 */
import { belongTogether } from './workspaceScope';

/** What makes a file a sender, the same test loopbackSenders() applies before reading one. */
const SENDER = /TracingConfiguration|KubeletConfiguration|distributed-tracing/;
/** A Collector config in any container: a top-level or indented `receivers:` / `exporters:` and a `pipelines:` key. */
const COLLECTOR_CONFIG = /^\s*(?:receivers|exporters)\s*:/m;
const PIPELINES = /^\s*pipelines\s*:/m;

export function collectorConfigsFedBy(
  path: string,
  text: string,
  workspace: { list(): readonly string[]; read(path: string): string | undefined },
): string[] {
  if (!SENDER.test(text)) return [];
  const found: string[] = [];
  for (const other of workspace.list()) {
    if (other === path || !belongTogether(path, other)) continue;
    const otherText = workspace.read(other);
    if (otherText !== undefined && COLLECTOR_CONFIG.test(otherText) && PIPELINES.test(otherText)) found.push(other);
  }
  return found;
}
