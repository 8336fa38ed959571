/**
 * The kubelet is a host process, not a pod: it resolves its tracing endpoint with the node's resolver
 * (/etc/resolv.conf), which does not know cluster Services, so a cluster DNS name (`*.svc`, `*.cluster.local`)
 * never resolves there and no span leaves the kubelet (component-base tracing/utils.go NewProvider dials the
 * endpoint with otlptracegrpc; the kubelet starts either way, nothing is printed at start).
 * gRPC targets: `host:port`, `dns:///host:port`, `dns://resolver/host:port` (grpc doc/naming.md); `unix:` targets
 * have no host.
 */
import { isScalar } from 'yaml';
import type { Finding } from '../../findings';
import { findingAt, Severity } from '../../report';
import { lastEntry, type MapEntry } from '../../yaml/nodes';
import type { KubeletTarget } from './target';

const CLUSTER_DNS = /(?:\.svc|\.cluster\.local)\.?$/i;

/** The host a gRPC target dials, or undefined for unix sockets and unparsable text. */
export function grpcTargetHost(target: string): string | undefined {
  let rest = target.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(rest);
  if (scheme && /^unix/i.test(scheme[1]!)) return undefined;
  if (scheme && rest.startsWith(`${scheme[1]}://`)) {
    rest = rest.slice(scheme[0].length + 2);
    rest = rest.slice(rest.indexOf('/') + 1); // drop the authority (the DNS server to ask), usually empty
  }
  if (rest.startsWith('[')) return rest.slice(1, rest.indexOf(']') >= 0 ? rest.indexOf(']') : undefined);
  const colon = rest.lastIndexOf(':');
  return colon >= 0 ? rest.slice(0, colon) : rest;
}

export function checkEndpointHost(target: KubeletTarget, tracingEntries: MapEntry[]): Finding[] {
  const endpoint = lastEntry(tracingEntries, 'endpoint')?.value;
  if (!isScalar(endpoint) || typeof endpoint.value !== 'string') return [];
  const host = grpcTargetHost(endpoint.value);
  if (!host || !CLUSTER_DNS.test(host)) return [];
  return [
    findingAt(target.file, endpoint, {
      severity: Severity.Warning,
      code: 'kubelet/cluster-dns-endpoint',
      message: `${host} is a cluster DNS name, which the kubelet cannot resolve`,
      explanation:
        "The kubelet runs on the node, not in a pod, and resolves names with the node's resolver, which does not know cluster Services. It starts but exports nothing. " +
        'Point it at a collector the node reaches, e.g. a DaemonSet with hostPort 4317 at localhost:4317.',
    }),
  ];
}
