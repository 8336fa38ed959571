/**
 * The collector address etcd exports spans to. etcd passes `--(experimental-)distributed-tracing-address`
 * unchecked to otlptracegrpc.WithEndpoint with an insecure connection (server/embed/config_tracing.go
 * newTracingExporter), so nothing is printed at start: a wrong address shows only as missing spans.
 * - A static pod with `hostNetwork: true` resolves names through the node's resolver (and etcd starts before
 *   the cluster DNS, which needs kube-apiserver, which needs etcd), so a cluster DNS name (`*.svc`,
 *   `*.cluster.local`) never resolves there.
 * - WithEndpoint takes `host:port`; a URL scheme makes gRPC read `http` as a resolver name and the dial fails.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { configFileFlag } from './configFile';
import { TRACING_FLAGS } from './facts';
import { effectiveTracingFlag, tracingEnabled } from './tracingSettings';
import type { EtcdTarget } from './target';

const CLUSTER_DNS = /(?:\.svc|\.cluster\.local)\.?$/i;

/** The host of `host:port`, `[v6]:port` or `scheme://host:port/…`. */
export function addressHost(address: string): string {
  const withoutScheme = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split('/')[0]!;
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
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(flag.value);
  if (scheme) {
    findings.push(
      findingAtOffsets(file, flag.valueStart, flag.valueEnd, {
        severity: Severity.Warning,
        code: 'etcd/address-has-scheme',
        message: `distributed tracing address ${JSON.stringify(flag.value)} is a URL, but etcd's OTLP gRPC exporter takes host:port`,
        explanation: `etcd starts, but gRPC reads "${scheme[1]}" as a resolver name and cannot dial it, so no span leaves etcd. Write ${flag.value.slice(scheme[0].length).split('/')[0]} instead.`,
        data: { replacement: flag.value.slice(scheme[0].length).split('/')[0] },
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
