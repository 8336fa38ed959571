/**
 * Whatever arrives, the server stays up and keeps answering: malformed JSON-RPC on the wire, unknown methods,
 * notifications with missing fields, binary garbage, a 10 MB document, an alias bomb, deep nesting. After each,
 * a normal document still gets its diagnostics, which proves the process is alive and its state intact.
 */
import assert from 'node:assert/strict';
import { CodeActionRequest, CompletionRequest, DidOpenTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspClient';

const PROBE_URI = 'file:///w/probe/tracing-config.yaml';

/** Opens a known-bad tracing config and expects its one diagnostic: the server is alive and still right. */
async function probe(client: LspTestClient, version: number): Promise<void> {
  const published = client.nextDiagnostics(PROBE_URI, (d) => d.length === 1, 10000);
  await client.open(PROBE_URI, `samplingRatePerMillion: -${version}\n`, 'yaml', version);
  const [diagnostic] = await published;
  assert.equal(diagnostic!.code, 'tracing-config/sampling-rate-negative');
  assert.equal(client.process.exitCode, null, `the server exited; stderr: ${client.stderr}`);
  await client.close(PROBE_URI);
}

/** The probe answers, and nothing was logged as failing: bad input is handled, not caught as a crash. */
async function assertStillAnswers(client: LspTestClient, version: number): Promise<void> {
  await probe(client, version);
  assert.deepEqual(client.loggedErrors, [], 'the server logged a failure');
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
    await assertStillAnswers(client, 11);
  });

  it('answers an unknown request with MethodNotFound and carries on', async () => {
    await assert.rejects(
      client.connection.sendRequest('kubeTracing/noSuchMethod', { x: 1 }),
      (error: { code?: number }) => error.code === -32601,
    );
    await assertStillAnswers(client, 12);
  });

  it('survives a didOpen without its textDocument', async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.method, {});
    await probe(client, 3); // answered after the bad notification, so its log has arrived too
    // vscode-languageserver itself reports the malformed notification, naming it: a clear error, nothing lost.
    assert.equal(client.loggedErrors.length, 1, JSON.stringify(client.loggedErrors));
    assert.match(client.loggedErrors[0]!, /textDocument\/didOpen/);
    client.loggedErrors.length = 0;
    await assertStillAnswers(client, 13);
  });

  it('survives binary garbage in a tracing config', async () => {
    const uri = 'file:///w/garbage/tracing-config.yaml';
    const bytes = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 0x3000)).join('');
    const published = client.nextDiagnostics(uri);
    await client.open(uri, bytes);
    await published; // anything, as long as it is an answer
    await assertStillAnswers(client, 14);
  });

  it('reports a 10 MB tracing config as too large instead of parsing it', async () => {
    const uri = 'file:///w/huge/tracing-config.yaml';
    const line = 'samplingRatePerMillion: 5 # padding padding padding padding padding padding padding\n';
    const huge = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const published = client.nextDiagnostics(uri, () => true, 30000);
    await client.open(uri, huge);
    assert.deepEqual(
      (await published).map((d) => d.code),
      ['file-too-large'],
    );
    await assertStillAnswers(client, 15);
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
    await assertStillAnswers(client, 16);
  });

  it('survives deeply nested flow collections', async () => {
    const uri = 'file:///w/deep/tracing-config.yaml';
    const depth = 20000;
    const published = client.nextDiagnostics(uri, () => true, 20000);
    await client.open(uri, `endpoint: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    await published;
    await assertStillAnswers(client, 17);
  });

  it('answers hover, completion and code actions anywhere in broken documents, even past their end', async () => {
    const nasty = [
      'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: [unclosed\nsamplingRatePerMillion: "x\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: kube-apiserver\n    command: [kube-apiserver, --feature-gates=APIServerTracing=maybe,\n',
      'a: &a [*a, *a]\n---\n--- !!binary\n%YAML 1.1\n? [x]\n: {y: }\n\t\u0000\uFFFF\n',
    ];
    for (const [n, text] of nasty.entries()) {
      const uri = `file:///w/nasty-${n}/tracing-config.yaml`;
      const published = client.nextDiagnostics(uri);
      await client.open(uri, text);
      await published;
      const lines = text.split('\n');
      for (let line = 0; line <= lines.length + 1; line++) {
        for (const character of [0, 3, (lines[line] ?? '').length, (lines[line] ?? '').length + 5]) {
          const position = { line, character };
          const textDocument = { uri };
          // Each must answer (null or a result); a rejected promise fails the test with the server's error.
          await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
          await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
          await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument,
            range: { start: position, end: position },
            context: { diagnostics: client.latest.get(uri)?.diagnostics ?? [] },
          });
        }
      }
    }
    await assertStillAnswers(client, 18);
    assert.deepEqual(client.loggedErrors, [], 'the server logged failures while answering');
  });
});
