/**
 * The third transport vscode-languageserver offers: `--socket=<port>`, where the editor listens and the server
 * connects (lsp-mode's TCP mode, some Java-based IDE plugins). And with no transport at all the process ends at
 * once with one line naming the flags (not a stack trace through the minified bundle), instead of hanging.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import {
  createClientSocketTransport,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER_PATH } from './lspClient';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('transport: --socket=<port>', function () {
  this.timeout(30000);

  it('connects to the editor, publishes diagnostics and exits with 0 after shutdown', async () => {
    const port = await freePort();
    const transport = await createClientSocketTransport(port);
    const child = spawn(process.execPath, [SERVER_PATH, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const [reader, writer] = await transport.onConnected();
      const connection = createProtocolConnection(reader, writer);
      const uri = 'file:///w/tracing-config.yaml';
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
          if (params.uri === uri) resolve(params);
        }),
      );
      connection.listen();
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'kube-tracing');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'yaml', version: 1, text: 'samplingRatePerMillion: -1\n' },
      });
      assert.deepEqual(
        (await published).diagnostics.map((d) => d.code),
        ['tracing-config/sampling-rate-negative'],
      );
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0, stderr);
      connection.dispose();
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });

  it('without a transport flag, exits at once saying which flags it takes', () => {
    const run = spawnSync(process.execPath, [SERVER_PATH], { encoding: 'utf8', timeout: 15000, input: '' });
    assert.equal(run.signal, null, 'it hung until the timeout');
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'kube-tracing language server: choose a transport: --stdio (most editors), --node-ipc (VS Code), --socket=<port> or --pipe=<name>\n',
    );
  });
});
