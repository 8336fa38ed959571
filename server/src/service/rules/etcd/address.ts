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
import { ADDRESS_RESOLVED_AT_START, TRACING_FLAGS, etcdInRange, fill } from './facts';
import { effectiveTracingFlag, tracingEnabled } from './tracingSettings';
import { ETCD_EXITS, versionPhrase, type EtcdTarget } from './target';

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

/**
 * What gRPC's resolver refuses when it is built for `address` (grpc internal/resolver/passthrough, dns
 * parseTarget and unix builder, v1.59.0-v1.83.2), or undefined. gRPC reads `scheme:[//authority]/endpoint` for
 * its registered schemes (the URL scheme is case-insensitive) and hands anything else to passthrough whole.
 */
export function resolverRefusal(address: string): string | undefined {
  const refusals = ADDRESS_RESOLVED_AT_START.refusals;
  const target = /^(dns|passthrough|unix|unix-abstract):(?:\/\/([^/]*))?\/?(.*)$/i.exec(address);
  if (!target) return address === '' ? refusals.emptyTarget : undefined;
  const [, scheme, authority = '', endpoint = ''] = target as unknown as [string, string, string | undefined, string | undefined];
  switch (scheme.toLowerCase()) {
    case 'passthrough':
      return endpoint === '' ? refusals.emptyTarget : undefined;
    case 'dns':
      if (endpoint === '') return refusals.dnsMissingAddress;
      // net.SplitHostPort succeeds with an empty port: "host:" or "[v6]:".
      return /^(?:\[[^\]]*\]|[^:[\]]*):$/.test(endpoint) ? refusals.dnsEndsWithColon : undefined;
    default:
      return authority !== '' ? fill(refusals.unixAuthority, { authority }) : undefined;
  }
}

/**
 * etcd 3.5.11-3.5.34 build the gRPC resolver of the address while starting (schemas/etcd-versions.json
 * tracingAddressResolvedAtStart: otlptracegrpc v1.20.0 dials with grpc.DialContext), so a target the resolver
 * refuses stops etcd. Other releases resolve later and start; their exporter then has nowhere to send spans.
 */
export function checkAddressResolvedAtStart(target: EtcdTarget): Finding[] {
  if (configFileFlag(target) || !tracingEnabled(target)) return [];
  const flag = effectiveTracingFlag(
    target,
    TRACING_FLAGS.find((f) => f.name === 'distributed-tracing-address')!,
  );
  if (flag?.value === undefined) return [];
  const detail = resolverRefusal(flag.value);
  if (!detail) return [];
  const range = ADDRESS_RESOLVED_AT_START.ranges.find((entry) => etcdInRange(target.etcd.version, entry.from, entry.to) === true);
  if (!range) return [];
  const { file } = target.context;
  const [start, end] = flag.value === '' ? [flag.nameStart, flag.nameEnd] : [flag.valueStart, flag.valueEnd];
  return [
    findingAtOffsets(file, start, end, {
      severity: Severity.Error,
      code: 'etcd/address-refused-at-start',
      message: fill(range.text, { detail }),
      explanation: `${ETCD_EXITS}. ${versionPhrase(target)} builds gRPC's resolver for the tracing address while starting, and the resolver refuses this target. Give the collector as host:port, e.g. localhost:4317.`,
    }),
  ];
}

export function checkTracingAddress(target: EtcdTarget): Finding[] {
  if (configFileFlag(target) || !tracingEnabled(target)) return [];
  const flag = effectiveTracingFlag(
    target,
    TRACING_FLAGS.find((f) => f.name === 'distributed-tracing-address')!,
  );
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
        explanation: `etcd starts, but gRPC reads "${scheme[1]}" as a resolver name and cannot dial it, so no span leaves etcd. ${replacement ? `Write ${replacement} instead.` : "Write the collector's host:port instead."}`,
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
          "This pod has hostNetwork: true, so etcd resolves names with the node's resolver, which does not know cluster Services (and etcd starts before the cluster DNS, which needs etcd). " +
          'etcd starts but exports nothing. Run the collector as a DaemonSet with a hostPort and use localhost:4317, or use an address the node can resolve.',
      }),
    );
  }
  return findings;
}
