/**
 * Whatever arrives, the server stays up and keeps answering: malformed JSON-RPC on the wire, unknown methods,
 * notifications with missing fields, binary garbage, a 10 MB document, an alias bomb, deep nesting. After each,
 * a normal document still gets its diagnostics, which proves the process is alive and its state intact.
 */
import assert from 'node:assert/strict';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspClient';

const PROBE_URI = 'file:///w/probe/tracing-config.yaml';

/** Opens a known-bad tracing config and expects its one diagnostic: the server is alive and still right. */
async function assertStillAnswers(client: LspTestClient, version: number): Promise<void> {
  const published = client.nextDiagnostics(PROBE_URI, (d) => d.length === 1, 10000);
  await client.open(PROBE_URI, `samplingRatePerMillion: -${version}\n`, 'yaml', version);
  const [diagnostic] = await published;
  assert.equal(diagnostic!.code, 'tracing-config/sampling-rate-negative');
  assert.equal(client.process.exitCode, null, `the server exited; stderr: ${client.stderr}`);
  await client.close(PROBE_URI);
}

describe('robustness: the server survives bad input', function () {
  this.timeout(60000);
  let client: LspTestClient;
  beforeEach(async () => {
    client = new LspTestClient({ settings: { kubernetesVersion: '1.34' }, initializationOptions: { validationDelayMs: 0 } });
    await client.initialize();
  });
  afterEach(() => client.stop());

  it('survives a message whose body is not JSON', async () => {
    const body = '{"jsonrpc":"2.0","method":"textDocument/didOpen",garbage!}';
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await assertStillAnswers(client, 1);
  });

  it('answers an unknown request with MethodNotFound and carries on', async () => {
    await assert.rejects(client.connection.sendRequest('kubeTracing/noSuchMethod', { x: 1 }), (error: { code?: number }) => error.code === -32601);
    await assertStillAnswers(client, 2);
  });

  it('survives a didOpen without its textDocument', async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.method, {});
    await assertStillAnswers(client, 3);
  });

  it('survives binary garbage in a tracing config', async () => {
    const uri = 'file:///w/garbage/tracing-config.yaml';
    const bytes = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 0x3000)).join('');
    const published = client.nextDiagnostics(uri);
    await client.open(uri, bytes);
    await published; // anything, as long as it is an answer
    await assertStillAnswers(client, 4);
  });

  it('reports a 10 MB tracing config as too large instead of parsing it', async () => {
    const uri = 'file:///w/huge/tracing-config.yaml';
    const line = 'samplingRatePerMillion: 5 # padding padding padding padding padding padding padding\n';
    const huge = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const published = client.nextDiagnostics(uri, () => true, 30000);
    await client.open(uri, huge);
    assert.deepEqual((await published).map((d) => d.code), ['file-too-large']);
    await assertStillAnswers(client, 5);
  });

  it('does not expand an alias bomb', async () => {
    const uri = 'file:///w/bomb/tracing-config.yaml';
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    levels.push('samplingRatePerMillion: *l');
    const published = client.nextDiagnostics(uri, () => true, 20000);
    await client.open(uri, `${levels.join('\n')}\n`);
    await published;
    await assertStillAnswers(client, 6);
  });

  it('survives deeply nested flow collections', async () => {
    const uri = 'file:///w/deep/tracing-config.yaml';
    const depth = 20000;
    const published = client.nextDiagnostics(uri, () => true, 20000);
    await client.open(uri, `endpoint: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    await published;
    await assertStillAnswers(client, 7);
  });
});
