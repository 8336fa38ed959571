/**
 * The collector address etcd exports spans to. etcd passes `--(experimental-)distributed-tracing-address`
 * unchecked to otlptracegrpc.WithEndpoint with an insecure connection (server/embed/config_tracing.go
 * newTracingExporter), so nothing is printed at start: a wrong address shows only as missing spans.
 * - A static pod with `hostNetwork: true` resolves names through the node's resolver (and etcd starts before
 *   the cluster DNS, which needs kube-apiserver, which needs etcd), so a cluster DNS name (`*.svc`,
 *   `*.cluster.local`) never resolves there.
 * - WithEndpoint takes `host:port`, handed to gRPC as a dial target (otlptracegrpc@v1.20.0 client.go
 *   grpc.DialContext; @v1.34.0 grpc.NewClient). A URL scheme is read as a resolver name: `http`/`https` name no
 *   resolver and the dial fails, but gRPC registers `dns`, `passthrough`, `unix` and `unix-abstract`
 *   (grpc@v1.59.0 clientconn.go imports internal/resolver/{dns,passthrough,unix}), so `dns:///collector:4317`
 *   is a working address and is not reported.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { configFileFlag } from './configFile';
import { TRACING_FLAGS } from './facts';
import { effectiveTracingFlag, tracingEnabled } from './tracingSettings';
import type { EtcdTarget } from './target';

const CLUSTER_DNS = /(?:\.svc|\.cluster\.local)\.?$/i;
/** gRPC's registered resolvers: `scheme://[authority]/endpoint` is a dial target gRPC understands. */
const GRPC_RESOLVER_SCHEMES = new Set(['dns', 'passthrough', 'unix', 'unix-abstract']);
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)\/?(.*)$/i;

/** The `host:port` part of an address: the endpoint of a gRPC resolver target, the authority of any other URL. */
function hostPortOf(address: string): string {
  const url = SCHEME.exec(address);
  if (!url) return address;
  return GRPC_RESOLVER_SCHEMES.has(url[1]!.toLowerCase()) ? url[3]! : url[2]!;
}

/** The host of `host:port`, `[v6]:port`, `scheme://host:port/…` or `dns:///host:port`. */
export function addressHost(address: string): string {
  const authority = hostPortOf(address);
  if (authority.startsWith('[')) return authority.slice(1, authority.indexOf(']') >= 0 ? authority.indexOf(']') : undefined);
  const colon = authority.lastIndexOf(':');
  return colon >= 0 ? authority.slice(0, colon) : authority;
}

export function checkTracingAddress(target: EtcdTarget): Finding[] {
  if (configFileFlag(target) || !tracingEnabled(target)) return [];
  const flag = effectiveTracingFlag(target, TRACING_FLAGS.find((f) => f.name === 'distributed-tracing-address')!);
  if (!flag?.value) return [];
  const { file } = target.context;
  const findings: Finding[] = [];
  const scheme = SCHEME.exec(flag.value);
  if (scheme && !GRPC_RESOLVER_SCHEMES.has(scheme[1]!.toLowerCase())) {
    const replacement = scheme[2]!;
    findings.push(
      findingAtOffsets(file, flag.valueStart, flag.valueEnd, {
        severity: Severity.Warning,
        code: 'etcd/address-has-scheme',
        message: `distributed tracing address ${JSON.stringify(flag.value)} is a URL, but etcd's OTLP gRPC exporter takes host:port`,
        explanation: `etcd starts, but gRPC reads "${scheme[1]}" as a resolver name and cannot dial it, so no span leaves etcd. ${replacement ? `Write ${replacement} instead.` : 'Write the collector\'s host:port instead.'}`,
        ...(replacement ? { data: { replacement } } : {}),
      }),
    );
  }
  const host = addressHost(flag.value);
  if (target.pod.hostNetwork && CLUSTER_DNS.test(host)) {
    findings.push(
      findingAtOffsets(file, flag.valueStart, flag.valueEnd, {
        severity: Severity.Warning,
        code: 'etcd/cluster-dns-address',
        message: `${host} is a cluster DNS name, which a hostNetwork pod cannot resolve`,
        explanation:
          'This pod has hostNetwork: true, so etcd resolves names with the node\'s resolver, which does not know cluster Services (and etcd starts before the cluster DNS, which needs etcd). ' +
          'etcd starts but exports nothing. Run the collector as a DaemonSet with a hostPort and use localhost:4317, or use an address the node can resolve.',
      }),
    );
  }
  return findings;
}
