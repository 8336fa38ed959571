/**
 * Kubernetes ↔ Collector: can the control plane's spans reach the Collector's OTLP gRPC receiver
 * (collector/rules/reachability.ts)? A ConfigMap run by a DaemonSet, senders in other workspace files.
 * No catalogue: these rules read only the config, the workload and the release from the image tag.
 */
import { strict as assert } from 'node:assert';
import { normalizeSettings } from '../../../common/src/settings';
import { collectorConfigType } from '../../../server/src/service/collector';
import type { FileContext, ValidationOptions } from '../../../server/src/service/context';
import { Severity, type Finding } from '../../../server/src/service/findings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const type = collectorConfigType(() => undefined);

function check(text: string, others: Record<string, string>): Finding[] {
  const options: ValidationOptions = {
    settings: normalizeSettings({}),
    workspaceFolders: ['/ws'],
    workspace: { list: () => ['/ws/otel.yaml', ...Object.keys(others)], read: (p) => (p === '/ws/otel.yaml' ? text : others[p]) },
  };
  const context = { file: parseFile('file:///ws/otel.yaml', text), path: '/ws/otel.yaml', options } as FileContext;
  return context.file.documents
    .filter((d) => type.recognize(d, context))
    .flatMap((d) => type.validate(d, context))
    .filter((f) => f.code.startsWith('collector/receiver-'));
}

const shown = (findings: Finding[]) => findings.map((f) => `${f.range.start.line + 1} ${Severity[f.severity]} ${f.code}`);

function collector(options: { grpc?: string[]; hostNetwork?: boolean; ports?: string; image?: string }): string {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: otel-config}',
    'data:',
    '  config.yaml: |',
    '    receivers:',
    '      otlp:',
    '        protocols:',
    '          grpc:',
    ...(options.grpc ?? []).map((l) => `            ${l}`),
    '    exporters: {debug: {}}',
    '    service:',
    '      pipelines:',
    '        traces: {receivers: [otlp], exporters: [debug]}',
    '---',
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata: {name: otel-agent}',
    'spec:',
    '  template:',
    '    spec:',
    ...(options.hostNetwork ? ['      hostNetwork: true'] : []),
    '      containers:',
    '        - name: otel',
    `          image: ${options.image ?? 'otel/opentelemetry-collector:0.159.0'}`,
    ...(options.ports ? [`          ports: ${options.ports}`] : []),
    '      volumes: [{name: c, configMap: {name: otel-config}}]',
  ].join('\n');
}

const TRACING_CONFIG = {
  '/ws/control-plane/tracing-config.yaml': 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n',
};
const ETCD = {
  '/ws/control-plane/etcd.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: etcd, namespace: kube-system}',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    '  - name: etcd',
    '    image: registry.k8s.io/etcd:3.5.21-0',
    '    command: [etcd, --experimental-enable-distributed-tracing=true]',
  ].join('\n'),
};
const KUBELET = {
  '/ws/node/kubelet.yaml':
    'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ntracing:\n  samplingRatePerMillion: 100\n',
};

describe('Kubernetes ↔ Collector: can the spans arrive', () => {
  it("hostNetwork with the chart's ${env:MY_POD_IP} binding: the localhost senders find nothing (Warning on the endpoint)", () => {
    const findings = check(collector({ hostNetwork: true, grpc: ['endpoint: ${env:MY_POD_IP}:4317'] }), TRACING_CONFIG);
    assert.deepEqual(shown(findings), ['10 Warning collector/receiver-not-on-loopback']);
    assert.match(
      findings[0]!.message,
      /kube-apiserver \(control-plane\/tracing-config\.yaml\) sends to localhost:4317, but receiver "otlp" of DaemonSet otel-agent \(hostNetwork\) listens on \$\{env:MY_POD_IP\}:4317/,
    );
  });

  it('hostNetwork with 0.0.0.0, or the v0.104+ localhost default: reachable, nothing said', () => {
    assert.deepEqual(check(collector({ hostNetwork: true, grpc: ['endpoint: 0.0.0.0:4317'] }), TRACING_CONFIG), []);
    assert.deepEqual(check(collector({ hostNetwork: true }), { ...TRACING_CONFIG, ...ETCD, ...KUBELET }), []);
  });

  it('no sender in the workspace, or senders on another port or host: nothing said', () => {
    assert.deepEqual(check(collector({ hostNetwork: true, grpc: ['endpoint: ${env:MY_POD_IP}:4317'] }), {}), []);
    const elsewhere = {
      '/ws/t.yaml': 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: 10.0.0.5:4317\n',
      '/ws/u.yaml': 'kind: TracingConfiguration\nendpoint: localhost:14317\n',
    };
    assert.deepEqual(check(collector({ hostNetwork: true, grpc: ['endpoint: ${env:MY_POD_IP}:4317'] }), elsewhere), []);
  });

  it("etcd's enable flag (default address) and the kubelet's tracing block (default endpoint) are senders to localhost:4317", () => {
    const findings = check(collector({ hostNetwork: true, grpc: ['endpoint: 10.1.2.3:4317'] }), { ...ETCD, ...KUBELET });
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /etcd \(control-plane\/etcd\.yaml\) sends to localhost:4317; kubelet \(node\/kubelet\.yaml\) sends to localhost:4317/,
    );
  });

  it('TLS on the receiver while the control plane sends plaintext gRPC (Warning on tls)', () => {
    const findings = check(
      collector({
        hostNetwork: true,
        grpc: ['endpoint: 0.0.0.0:4317', 'tls:', '  cert_file: /certs/tls.crt', '  key_file: /certs/tls.key'],
      }),
      TRACING_CONFIG,
    );
    assert.deepEqual(shown(findings), ['11 Warning collector/receiver-tls-plaintext-senders']);
    assert.deepEqual(check(collector({ hostNetwork: true, grpc: ['endpoint: 0.0.0.0:4317', 'tls: {}'] }), TRACING_CONFIG), []);
  });

  it("a pod-network receiver on the pod's localhost (v0.104+ default) behind a hostPort: Warning, with or without senders", () => {
    assert.deepEqual(shown(check(collector({ ports: '[{containerPort: 4317, hostPort: 4317}]' }), {})), [
      '9 Warning collector/receiver-on-pod-localhost',
    ]);
    // Before v0.104.0 the default was 0.0.0.0.
    assert.deepEqual(
      check(collector({ ports: '[{containerPort: 4317, hostPort: 4317}]', image: 'otel/opentelemetry-collector:0.100.0' }), {}),
      [],
    );
    // No declared port: a sidecar-style receiver, nothing to say.
    assert.deepEqual(check(collector({}), {}), []);
  });

  it('a pod-network receiver on 0.0.0.0 behind a hostPort with localhost senders: Information (hostPort does not forward localhost)', () => {
    const findings = check(
      collector({ grpc: ['endpoint: 0.0.0.0:4317'], ports: '[{containerPort: 4317, hostPort: 4317}]' }),
      TRACING_CONFIG,
    );
    assert.deepEqual(shown(findings), ['10 Information collector/receiver-off-node-network']);
    assert.match(findings[0]!.explanation, /hostPort does not forward connections to localhost/);
  });
});
