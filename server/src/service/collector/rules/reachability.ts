/**
 * Can the control plane's spans reach this Collector's OTLP gRPC receiver? kube-apiserver, the kubelet and etcd run
 * on the node's network and dial their endpoint in plaintext (SpanSender, senders.ts). Checked only where the
 * workload running the config is known (its hostNetwork and ports) and only where the answer is certain:
 * - hostNetwork, the receiver bound to one non-loopback address (the chart's `${env:MY_POD_IP}`, which is the node's
 *   IP with hostNetwork): a sender dialing `localhost:<port>` finds nothing listening on the loopback;
 * - the receiver with `tls:` while the senders speak plaintext gRPC: every handshake fails;
 * - no hostNetwork: the node's `localhost` is not the pod's, and a hostPort does not forward localhost (CNI portmap,
 *   containernetworking/plugins #763): Information, as a collector outside the workspace may listen on the node;
 * - no hostNetwork, a containerPort/hostPort for the receiver, and the receiver on the pod's localhost (the default
 *   since v0.104.0, receiver/otlpreceiver/factory.go): nothing outside the pod reaches it.
 * Mirrors receiver/otlpreceiver/config.go (protocols.grpc: configgrpc.ServerConfig, NetAddr.Endpoint, TLS).
 */
import { isMap, isScalar, type Document } from 'yaml';
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { lastEntry, mapEntries, type AstNode, type MapEntry } from '../../yaml/nodes';
import { compareVersions } from '../catalog';
import { shownPath } from '../../context';
import { loopbackSenders, type SpanSender } from '../senders';
import { belongTogether } from '../workspaceScope';
import type { CollectorTarget } from '../target';

/** Since v0.104.0 the receiver binds localhost unless told otherwise (core CHANGELOG v0.104.0). */
const LOCALHOST_DEFAULT_FROM = '0.104.0';

interface GrpcReceiver {
  id: string;
  /** `protocols.grpc` entry. */
  grpc: MapEntry;
  endpointNode: AstNode | null;
  host: string;
  port: number;
  tls: MapEntry | undefined;
}

function splitHostPort(endpoint: string): { host: string; port: number } | undefined {
  const match = /^(.*):(\d{1,5})$/.exec(endpoint.trim());
  return match ? { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) } : undefined;
}

function grpcReceivers(target: CollectorTarget, document: Document.Parsed): GrpcReceiver[] {
  const found: GrpcReceiver[] = [];
  const version = target.collector.version;
  for (const component of target.view.components) {
    if (component.kind !== 'receiver' || component.type !== 'otlp') continue;
    const protocols = lastEntry(mapEntries(component.entry.value, document), 'protocols');
    const grpc = protocols ? lastEntry(mapEntries(protocols.value, document), 'grpc') : undefined;
    if (!grpc) continue;
    const fields = mapEntries(grpc.value, document);
    const endpointNode = lastEntry(fields, 'endpoint')?.value ?? null;
    let written: string | undefined;
    if (isScalar(endpointNode) && typeof endpointNode.value === 'string') written = endpointNode.value;
    else if (version === 'unknown') continue; // the default depends on the release
    const endpoint = written ?? (compareVersions(version, LOCALHOST_DEFAULT_FROM) >= 0 ? 'localhost:4317' : '0.0.0.0:4317');
    const address = splitHostPort(endpoint);
    if (!address) continue;
    const tls = lastEntry(fields, 'tls');
    found.push({
      id: component.id,
      grpc,
      endpointNode,
      ...address,
      tls: tls && isMap(tls.value) && mapEntries(tls.value, document).length > 0 ? tls : undefined,
    });
  }
  return found;
}

const isLoopback = (host: string) => host === 'localhost' || host.startsWith('127.') || host === '::1';
const isWildcard = (host: string) => host === '' || host === '0.0.0.0' || host === '::';

function sendersText(senders: readonly SpanSender[], folders: readonly string[] | undefined): string {
  return senders.map((s) => `${s.component} (${shownPath(s.path, folders)}) sends to ${s.endpoint}`).join('; ');
}

export function checkReachability(target: CollectorTarget): Finding[] {
  const workload = target.collector.workload;
  if (!workload) return [];
  const document = target.view.document;
  const findings: Finding[] = [];
  const senders = loopbackSenders(target.options).filter((sender) => target.path === undefined || belongTogether(target.path, sender.path));
  const where = `${workload.kind}${workload.name ? ` ${workload.name}` : ''}`;
  for (const receiver of grpcReceivers(target, document)) {
    const on = receiver.endpointNode ?? receiver.grpc.keyNode;
    const bound = receiver.endpointNode
      ? `listens on ${receiver.host}:${receiver.port}`
      : `listens on ${receiver.host}:${receiver.port} (the default of Collector ${target.collector.version}; no endpoint set)`;
    const toThisPort = senders.filter((s) => s.port === receiver.port);
    const said = sendersText(toThisPort, target.options?.workspaceFolders);
    if (workload.hostNetwork) {
      if (toThisPort.length > 0 && !isLoopback(receiver.host) && !isWildcard(receiver.host)) {
        findings.push(
          findingAt(target.file, on, {
            severity: Severity.Warning,
            code: 'collector/receiver-not-on-loopback',
            message: `The control plane's spans cannot arrive: ${said}, but receiver "${receiver.id}" of ${where} (hostNetwork) ${bound}, not on the node's loopback`,
            explanation: `With hostNetwork the pod shares the node's network, and ${receiver.host.includes('${') ? `${receiver.host} (the pod IP, which is the node's IP with hostNetwork)` : receiver.host} is one address of it: a connection to localhost finds nothing listening. Bind 0.0.0.0:${receiver.port} (or localhost:${receiver.port}), or point the senders at the node's IP.`,
          }),
        );
      }
      if (toThisPort.length > 0 && receiver.tls) {
        findings.push(
          findingAt(target.file, receiver.tls.keyNode, {
            severity: Severity.Warning,
            code: 'collector/receiver-tls-plaintext-senders',
            message: `The control plane's spans cannot arrive: ${said} in plaintext gRPC, but receiver "${receiver.id}" requires TLS`,
            explanation:
              'kube-apiserver, the kubelet and etcd export OTLP over gRPC without TLS (otlptracegrpc.WithInsecure): the TLS handshake fails on every connection. Serve them from a receiver without tls: (for example a second otlp receiver on the loopback).',
          }),
        );
      }
      continue;
    }
    const declaredPort = workload.ports.find((p) => p.containerPort === receiver.port || p.hostPort === receiver.port);
    if (isLoopback(receiver.host) && declaredPort && workload.kind !== 'OpenTelemetryCollector') {
      findings.push(
        findingAt(target.file, on, {
          severity: Severity.Warning,
          code: 'collector/receiver-on-pod-localhost',
          message: `Receiver "${receiver.id}" ${bound}: inside the pod of ${where}, so its ${declaredPort.hostPort === receiver.port ? 'hostPort' : 'containerPort'} ${receiver.port} reaches nothing`,
          explanation: `A pod's localhost is its own: connections through the pod IP, a Service or a hostPort arrive on the pod's network interface, where nothing listens. Bind 0.0.0.0:${receiver.port} (the Helm chart uses \${env:MY_POD_IP}:${receiver.port}).`,
        }),
      );
      continue;
    }
    if (toThisPort.length > 0) {
      findings.push(
        findingAt(target.file, on, {
          severity: Severity.Information,
          code: 'collector/receiver-off-node-network',
          message: `${said}, on the node; receiver "${receiver.id}" runs in the pod network of ${where} (no hostNetwork), which the node's localhost does not reach`,
          explanation: `The control plane runs on the node's network: its localhost:${receiver.port} is the node's loopback, not this pod's${declaredPort?.hostPort ? ', and a hostPort does not forward connections to localhost (CNI portmap)' : ''}. Run the Collector with hostNetwork: true, or unless another Collector listens on the node, point the senders at an address this pod serves.`,
        }),
      );
    }
  }
  return findings;
}
