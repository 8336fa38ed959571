/**
 * A Collector config is checked again when where the control plane sends its spans changes: the reachability rule
 * pairs the ConfigMap's OTLP receiver (bound to `${env:MY_POD_IP}` on a hostNetwork DaemonSet) with the
 * TracingConfiguration's `localhost:4317`. Editing that endpoint, unsaved, in another open file re-publishes the
 * ConfigMap's diagnostics without touching it, both ways. The bundled server over stdio with the real client.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleServer } from './bundledServer';
import { LspTestClient } from './lspClient';

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: otel-collector-config
data:
  config.yaml: |
    receivers:
      otlp:
        protocols:
          grpc:
            endpoint: \${env:MY_POD_IP}:4317
    exporters:
      debug:
    service:
      pipelines:
        traces:
          receivers: [otlp]
          exporters: [debug]
`;
const DAEMON_SET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: otel-agent
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: otel
          image: otel/opentelemetry-collector:0.110.0
      volumes:
        - name: config
          configMap:
            name: otel-collector-config
`;
const tracingConfig = (endpoint: string) => `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: ${endpoint}\n`;

describe('Collector configs re-checked when a span sender changes (the bundled server)', function () {
  this.timeout(60000);
  let serverDirectory: string;
  let root: string;
  let client: LspTestClient;

  before(async () => {
    serverDirectory = await bundleServer();
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-recheck-'));
    mkdirSync(join(root, 'deploy'));
    writeFileSync(join(root, 'deploy/configmap.yaml'), CONFIG_MAP);
    writeFileSync(join(root, 'deploy/daemonset.yaml'), DAEMON_SET);
    writeFileSync(join(root, 'deploy/tracing-config.yaml'), tracingConfig('localhost:4317'));
    client = new LspTestClient({
      rootUri: pathToFileURL(root).href,
      initializationOptions: { validationDelayMs: 0 },
      settings: { workspaceDiagnostics: false },
      serverArgs: [join(serverDirectory, 'server.js'), '--stdio'],
    });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(serverDirectory, { recursive: true, force: true });
  });

  it("follows the TracingConfiguration's endpoint: off the loopback, the warning goes; back on it, it returns", async () => {
    const configUri = pathToFileURL(join(root, 'deploy/configmap.yaml')).href;
    const tracingUri = pathToFileURL(join(root, 'deploy/tracing-config.yaml')).href;
    const codes = (diagnostics: { code?: string | number }[]) => diagnostics.map((d) => d.code);
    const first = client.nextDiagnostics(configUri, (d) => d.some((x) => x.code === 'collector/receiver-not-on-loopback'));
    await client.open(configUri, CONFIG_MAP);
    assert.deepEqual(codes(await first), ['collector/receiver-not-on-loopback']);
    const opened = client.nextDiagnostics(tracingUri);
    await client.open(tracingUri, tracingConfig('localhost:4317'));
    await opened;

    // kube-apiserver now sends to a Service address: nothing dials this receiver on the node's loopback.
    const gone = client.nextDiagnostics(configUri, (d) => !d.some((x) => x.code === 'collector/receiver-not-on-loopback'));
    await client.replace(tracingUri, tracingConfig('10.96.0.20:4317'), 2);
    assert.deepEqual(codes(await gone), []);

    const back = client.nextDiagnostics(configUri, (d) => d.some((x) => x.code === 'collector/receiver-not-on-loopback'));
    await client.replace(tracingUri, tracingConfig('127.0.0.1:4317'), 3);
    const returned = (await back).find((d) => d.code === 'collector/receiver-not-on-loopback')!;
    assert.match(String(returned.message), /kube-apiserver \(deploy\/tracing-config\.yaml\) sends to 127\.0\.0\.1:4317/);
  });
});
