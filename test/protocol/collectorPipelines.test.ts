/**
 * `kubeTracing/collectorPipelines` over LSP with the real client and the bundled server: the pipeline view's
 * graph of an open ConfigMap, in the file's positions, its problems the very diagnostics the server published, an
 * unsaved edit answered from the editor's text, and null for a document the editor has not opened.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CollectorPipelinesRequest } from '../../common/src/protocolPipelines';
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
    processors:
      batch:
    connectors:
      spanmetrics:
    exporters:
      debug:
    service:
      pipelines:
        traces:
          receivers: [otlp]
          processors: [batch, memory_limiter]
          exporters: [spanmetrics]
        metrics:
          receivers: [spanmetrics]
          exporters: [debug]
`;

describe('kubeTracing/collectorPipelines over LSP (the bundled server)', function () {
  this.timeout(60000);
  let serverDirectory: string;
  let root: string;
  let client: LspTestClient;

  before(async () => {
    serverDirectory = await bundleServer();
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-pipelines-'));
    writeFileSync(join(root, 'configmap.yaml'), CONFIG_MAP);
    client = new LspTestClient({
      rootUri: pathToFileURL(root).href,
      initializationOptions: { validationDelayMs: 0 },
      settings: { collectorVersion: '0.159.0', collectorDistribution: 'contrib' },
      serverArgs: [join(serverDirectory, 'server.js'), '--stdio'],
    });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(serverDirectory, { recursive: true, force: true });
  });

  it('answers the graph of the open ConfigMap with the published diagnostics on its nodes, then follows an edit', async () => {
    const uri = pathToFileURL(join(root, 'configmap.yaml')).href;
    const published = client.nextDiagnostics(uri, (d) => d.length > 0);
    await client.open(uri, CONFIG_MAP);
    const diagnostics = await published;
    const result = await client.connection.sendRequest(CollectorPipelinesRequest.type, { uri });
    assert.equal(result?.uri, uri);
    const [graph] = result!.configs;
    assert.equal(graph?.label, 'ConfigMap otel-collector-config (line 7)');
    assert.deepEqual(graph?.collector, { version: '0.159.0', distribution: 'contrib' });
    const [traces, metrics] = graph!.pipelines;
    assert.deepEqual(
      traces?.processors.map((p) => [p.id, p.configured, p.reference.start]),
      [
        ['batch', true, { line: 20, character: 23 }],
        ['memory_limiter', false, { line: 20, character: 30 }],
      ],
    );
    assert.deepEqual(traces?.processors[0]?.definition?.start, { line: 11, character: 6 });
    assert.deepEqual(graph?.links, [{ connector: 'spanmetrics', from: traces!.exporters[0]!.key, to: metrics!.receivers[0]!.key }]);
    // The node's problem is the published diagnostic: same code, range and message (its first line).
    const missing = diagnostics.find((d) => d.code === 'collector/not-configured')!;
    const [problem] = traces!.processors[1]!.problems;
    assert.deepEqual(
      [problem?.code, problem?.range, problem?.message],
      [missing.code, missing.range, String(missing.message).split('\n')[0]],
    );

    // An unsaved edit: the processor is defined now, and the graph says so without a save.
    await client.replace(uri, CONFIG_MAP.replace('      batch:\n', '      batch:\n      memory_limiter:\n        check_interval: 1s\n'), 2);
    const edited = await client.connection.sendRequest(CollectorPipelinesRequest.type, { uri });
    const memoryLimiter = edited!.configs[0]!.pipelines[0]!.processors[1]!;
    assert.equal(memoryLimiter.configured, true);
    assert.deepEqual(memoryLimiter.definition?.start, { line: 12, character: 6 });
  });

  it('answers null for a document the editor has not opened, and no configs for a file without one', async () => {
    writeFileSync(join(root, 'other.yaml'), CONFIG_MAP);
    const unopened = await client.connection.sendRequest(CollectorPipelinesRequest.type, {
      uri: pathToFileURL(join(root, 'other.yaml')).href,
    });
    assert.equal(unopened, null);
    const plainUri = pathToFileURL(join(root, 'plain.yaml')).href;
    await client.open(plainUri, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n');
    const plain = await client.connection.sendRequest(CollectorPipelinesRequest.type, { uri: plainUri });
    assert.deepEqual(plain, { uri: plainUri, configs: [] });
  });
});
