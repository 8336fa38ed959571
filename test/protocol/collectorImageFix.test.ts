/**
 * The contrib-image quick fix when the image is in another file: a ConfigMap's config uses `tail_sampling`, and the
 * DaemonSet that mounts it (another workspace file) runs the core image, which lacks it. The fix offered on the
 * ConfigMap's diagnostic edits the DaemonSet's image; applied there (unsaved), the ConfigMap is clean.
 * The bundled server over stdio with the real client.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol';
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
      tail_sampling:
        decision_wait: 10s
    exporters:
      debug:
    service:
      pipelines:
        traces:
          receivers: [otlp]
          processors: [tail_sampling]
          exporters: [debug]
`;
const DAEMON_SET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: otel-agent
spec:
  template:
    spec:
      containers:
        - name: otel
          image: otel/opentelemetry-collector:0.110.0
      volumes:
        - name: config
          configMap:
            name: otel-collector-config
`;

describe('the contrib-image quick fix edits the workload in another file (the bundled server)', function () {
  this.timeout(60000);
  let serverDirectory: string;
  let root: string;
  let client: LspTestClient;

  before(async () => {
    serverDirectory = await bundleServer();
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-imagefix-'));
    mkdirSync(join(root, 'deploy'));
    writeFileSync(join(root, 'deploy/configmap.yaml'), CONFIG_MAP);
    writeFileSync(join(root, 'deploy/daemonset.yaml'), DAEMON_SET);
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

  it("offers the contrib image in the DaemonSet's file, and the ConfigMap is clean once it is applied", async () => {
    const configUri = pathToFileURL(join(root, 'deploy/configmap.yaml')).href;
    const daemonSetUri = pathToFileURL(join(root, 'deploy/daemonset.yaml')).href;
    const published = client.nextDiagnostics(configUri, (d) => d.some((x) => x.code === 'collector/unknown-type'));
    await client.open(configUri, CONFIG_MAP);
    const unknown = (await published).find((d) => d.code === 'collector/unknown-type')!;
    assert.match(String(unknown.message), /unknown type: "tail_sampling" for id: "tail_sampling"/);

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: configUri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith('Use the contrib image'));
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(
      fix.title,
      'Use the contrib image in otel/opentelemetry-collector:0.110.0 (deploy/daemonset.yaml): otel/opentelemetry-collector-contrib:0.110.0',
    );
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [daemonSetUri], 'only the DaemonSet is edited');
    const edits = fix.edit!.changes![daemonSetUri]!;
    assert.deepEqual(edits, [
      {
        range: { start: { line: 9, character: 17 }, end: { line: 9, character: 17 + 'otel/opentelemetry-collector:0.110.0'.length } },
        newText: 'otel/opentelemetry-collector-contrib:0.110.0',
      },
    ]);

    // Applied as the editor would (unsaved): the ConfigMap is re-checked with the DaemonSet's new image and is clean.
    const fixed = TextDocument.applyEdits(TextDocument.create(daemonSetUri, 'yaml', 1, DAEMON_SET), edits);
    assert.match(fixed, /image: otel\/opentelemetry-collector-contrib:0\.110\.0\n/);
    const clean = client.nextDiagnostics(configUri, (d) => !d.some((x) => x.code === 'collector/unknown-type'));
    await client.open(daemonSetUri, fixed);
    assert.deepEqual(
      (await clean).map((d) => d.code),
      [],
    );
  });
});
