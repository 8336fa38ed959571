import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspTestClient, SERVER_PATH } from './lspClient';

describe('language server over stdio (a real LSP client)', function () {
  let client: LspTestClient;

  before(function () {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run npm run build first`);
  });
  beforeEach(async () => {
    client = new LspTestClient({ settings: { kubernetesVersion: '1.33' }, initializationOptions: { validationDelayMs: 0 } });
    await client.initialize();
  });
  afterEach(async () => {
    const logged = [...client.loggedErrors];
    await client.stop();
    assert.deepEqual(logged, [], 'the server logged a failure');
  });

  it('publishes the Kubernetes message with source and code on open', async () => {
    const uri = 'file:///w/tracing-config.yaml';
    const pending = client.nextDiagnostics(uri);
    // v1beta1 is served by 1.33 (the version these tests set), so the file decodes and the rate is validated.
    await client.open(uri, 'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nsamplingRatePerMillion: -5\n');
    const diagnostics = await pending;
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.code, d.source, d.severity]),
      [[2, 'tracing-config/sampling-rate-negative', 'kube-tracing', DiagnosticSeverity.Error]],
    );
    assert.match(String(diagnostics[0]!.message), /^samplingRatePerMillion: Invalid value: -5: sampling rate must be positive\n/);
  });

  it('re-validates open documents when settings change', async () => {
    const uri = 'file:///w/tracing-config.yaml';
    const first = client.nextDiagnostics(uri);
    await client.open(uri, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n');
    assert.equal((await first).length, 1); // v1 is not served by 1.33
    const second = client.nextDiagnostics(uri);
    await client.changeSettings({ kubernetesVersion: '1.34' });
    assert.deepEqual(await second, []);
  });

  it('follows edits', async () => {
    const uri = 'file:///w/tracing-config.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'samplingRatePerMillion: 10\n');
    assert.deepEqual(await opened, []);
    const edited = client.nextDiagnostics(uri, (d) => d.length > 0);
    await client.replace(uri, 'samplingRatePerMillion: 10000000\n', 2);
    assert.equal((await edited)[0]!.code, 'tracing-config/sampling-rate-too-large');
  });
});
