/**
 * The two ways the server is reached: stdio (`node dist/server.js --stdio`, every other editor) and Node IPC
 * (`--node-ipc`, how vscode-languageclient's TransportKind.ipc forks it). Same answers on both, and the LSP
 * shutdown/exit contract: exit after shutdown ends the process with 0, exit without shutdown with 1.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { ExitNotification, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { LspTestClient, SERVER_PATH } from './lspClient';

const URI = 'file:///w/tracing-config.yaml';
const BROKEN = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -5\n';

describe('transports: stdio and Node IPC', function () {
  before(function () {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run npm run build first`);
  });

  for (const transport of ['stdio', 'ipc'] as const) {
    describe(transport, () => {
      let client: LspTestClient;
      beforeEach(() => {
        client = new LspTestClient({ transport, settings: { kubernetesVersion: '1.34' }, initializationOptions: { validationDelayMs: 0 } });
      });
      afterEach(() => client.stop());

      it('answers initialize with its name and incremental sync', async () => {
        const result = await client.initialize();
        assert.equal(result.serverInfo?.name, 'kube-tracing');
        const sync = result.capabilities.textDocumentSync;
        assert.equal(typeof sync === 'object' ? sync.change : sync, TextDocumentSyncKind.Incremental);
      });

      it('publishes the Kubernetes diagnostics for an opened document', async () => {
        await client.initialize();
        const published = client.nextDiagnostics(URI);
        await client.open(URI, BROKEN);
        const diagnostics = await published;
        assert.deepEqual(
          diagnostics.map((d) => [d.range.start.line, d.code, d.source]),
          [[2, 'tracing-config/sampling-rate-negative', 'kube-tracing']],
        );
        assert.match(String(diagnostics[0]!.message), /^samplingRatePerMillion: Invalid value: -5: sampling rate must be positive\n/);
      });

      it('exits with 0 on exit after shutdown', async () => {
        await client.initialize();
        assert.equal(await client.connection.sendRequest(ShutdownRequest.type), null);
        await client.connection.sendNotification(ExitNotification.type);
        assert.equal(await client.exitCode(), 0);
      });

      it('exits with 1 on exit without shutdown', async () => {
        await client.initialize();
        await client.connection.sendNotification(ExitNotification.type);
        assert.equal(await client.exitCode(), 1);
      });
    });
  }
});
