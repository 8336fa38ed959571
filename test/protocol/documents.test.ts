/**
 * Document life cycle over LSP: multi-document YAML (each document on its own, a broken one does not hide the
 * others), JSON, unrelated YAML left alone, incremental edits equal to the full text, and didClose clearing
 * what was published.
 */
import assert from 'node:assert/strict';
import { DocumentValidatedNotification, type DocumentValidated } from '../../common/src/protocol';
import { LspTestClient } from './lspClient';

const lineAndCode = (diagnostics: Array<{ range: { start: { line: number } }; code?: number | string }>): unknown[] =>
  diagnostics.map((d) => [d.range.start.line, d.code]);

describe('documents over LSP', function () {
  let client: LspTestClient;
  beforeEach(async () => {
    client = new LspTestClient({ settings: { kubernetesVersion: '1.34' }, initializationOptions: { validationDelayMs: 0 } });
    await client.initialize();
  });
  afterEach(async () => {
    const logged = [...client.loggedErrors];
    await client.stop();
    assert.deepEqual(logged, [], 'the server logged a failure');
  });

  it('checks each document of a multi-document file, past a broken one', async () => {
    const uri = 'file:///w/configs.yaml';
    const text = [
      'apiVersion: apiserver.config.k8s.io/v1', // 0
      'kind: TracingConfiguration',
      'samplingRatePerMillion: -1', // 2
      '---',
      'apiVersion: apiserver.config.k8s.io/v1', // 4
      'kind: TracingConfiguration',
      'endpoint: [unclosed', // 6: YAML syntax error
      '---',
      'apiVersion: apiserver.config.k8s.io/v1', // 8
      'kind: TracingConfiguration',
      'samplingRatePerMillion: 1000001', // 10
      '',
    ].join('\n');
    const published = client.nextDiagnostics(uri);
    await client.open(uri, text);
    const diagnostics = await published;
    const byLine = lineAndCode(diagnostics);
    assert.deepEqual(byLine[0], [2, 'tracing-config/sampling-rate-negative']);
    assert.deepEqual(byLine.at(-1), [10, 'tracing-config/sampling-rate-too-large']);
    const syntax = diagnostics.filter((d) => d.code === 'yaml/syntax-error');
    assert.ok(syntax.length > 0, `no syntax error reported: ${JSON.stringify(byLine)}`);
    assert.ok(
      syntax.every((d) => d.range.start.line >= 6 && d.range.start.line <= 7),
      JSON.stringify(syntax.map((d) => d.range)),
    );
    assert.match(String(syntax[0]!.message), /Document 2 of this file/);
  });

  it('checks JSON documents', async () => {
    const uri = 'file:///w/tracing-config.json';
    const published = client.nextDiagnostics(uri);
    await client.open(
      uri,
      '{\n  "apiVersion": "apiserver.config.k8s.io/v1",\n  "kind": "TracingConfiguration",\n  "samplingRatePerMillion": -3\n}\n',
      'json',
    );
    assert.deepEqual(lineAndCode(await published), [[3, 'tracing-config/sampling-rate-negative']]);
  });

  it('leaves unrelated YAML alone, even when broken', async () => {
    const uri = 'file:///w/deployment.yaml';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\nspec:\n  replicas: -1\n');
    assert.deepEqual(await published, []);
  });

  it('follows a series of incremental edits to the same result as the full text', async () => {
    const uri = 'file:///w/tracing-config.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: 10\n');
    assert.deepEqual(await opened, []);
    // Type "-" before 10, then append an endpoint line with a bad scheme, as keystrokes would arrive.
    const afterMinus = client.nextDiagnostics(uri);
    await client.edit(uri, 2, [{ range: { start: { line: 2, character: 24 }, end: { line: 2, character: 24 } }, text: '-' }]);
    assert.deepEqual(lineAndCode(await afterMinus), [[2, 'tracing-config/sampling-rate-negative']]);
    const afterEndpoint = client.nextDiagnostics(uri);
    await client.edit(uri, 3, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'endpoint: http://collector:4317\n' },
    ]);
    const incremental = await afterEndpoint;

    const fullUri = 'file:///w/full/tracing-config.yaml';
    const full = client.nextDiagnostics(fullUri);
    await client.open(
      fullUri,
      'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -10\nendpoint: http://collector:4317\n',
    );
    const expected = await full;
    assert.ok(expected.length >= 2, `expected the negative rate and the endpoint: ${JSON.stringify(lineAndCode(expected))}`);
    assert.deepEqual(
      incremental.map((d) => [d.range, d.code, d.message]),
      expected.map((d) => [d.range, d.code, d.message]),
    );
  });

  it('after edits anywhere in a multi-document file, publishes what a fresh open of the same text gets', async () => {
    // The server re-parses only the YAML documents an edit touched (service/yaml/incrementalParse.ts).
    const doc = (i: number) =>
      `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: c-${i}:4317\nsamplingRatePerMillion: ${i}\n`;
    let text = Array.from({ length: 30 }, (_, i) => doc(i)).join('---\n');
    const uri = 'file:///w/many/tracing-config.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, text);
    await opened;
    const edits: Array<[string, string]> = [
      ['samplingRatePerMillion: 3\n', 'samplingRatePerMillion: -3\n'], // a value, early
      ['endpoint: c-20:4317', 'endpoint: http://c-20:4317'], // a value, late
      ['samplingRatePerMillion: 10\n---\n', 'samplingRatePerMillion: 10\n'], // two documents become one (duplicate keys)
      ['endpoint: c-5:4317\n', 'endpoint: c-5:4317\n---\nsamplingRatePerMillion: 2000000\n---\n'], // a document appears
      ['endpoint: c-25', 'endpoint: "c-25'], // an unclosed quote: the rest of the file parses differently
    ];
    for (const [index, [from, to]] of edits.entries()) {
      const at = text.indexOf(from);
      assert.ok(at >= 0, from);
      const lines = text.slice(0, at).split('\n');
      const start = { line: lines.length - 1, character: lines.at(-1)!.length };
      const fromLines = from.split('\n');
      const end = {
        line: start.line + fromLines.length - 1,
        character: (fromLines.length === 1 ? start.character : 0) + fromLines.at(-1)!.length,
      };
      text = text.slice(0, at) + to + text.slice(at + from.length);
      const edited = client.nextDiagnostics(uri);
      await client.edit(uri, index + 2, [{ range: { start, end }, text: to }]);
      const afterEdit = await edited;
      const freshUri = `file:///w/fresh-${index}/tracing-config.yaml`;
      const fresh = client.nextDiagnostics(freshUri);
      await client.open(freshUri, text);
      assert.deepEqual(
        afterEdit.map((d) => [d.range, d.code, d.message]),
        (await fresh).map((d) => [d.range, d.code, d.message]),
        `after edit ${index}`,
      );
      assert.ok(afterEdit.length > 0, `edit ${index} should leave findings`);
    }
  });

  it('after a burst of edits, ends with the diagnostics of the last version and says so (kubeTracing/documentValidated)', async () => {
    const validated: DocumentValidated[] = [];
    let lastValidated: (() => void) | undefined;
    client.connection.onNotification(DocumentValidatedNotification.type, (params) => {
      validated.push(params);
      if (params.version === 6) lastValidated?.();
    });
    const uri = 'file:///w/tracing-config.yaml';
    const done = new Promise<void>((resolve) => (lastValidated = resolve));
    await client.open(uri, 'samplingRatePerMillion: 1\n');
    // Five edits sent back to back, as fast typing does; the last one leaves a negative rate.
    for (let version = 2; version <= 6; version++)
      await client.replace(uri, `samplingRatePerMillion: ${version === 6 ? -6 : version}\n`, version);
    await done;
    const last = validated.at(-1)!;
    assert.deepEqual(last, { uri, version: 6, diagnosticCount: 1 });
    assert.ok(
      validated.every((v, i) => i === 0 || (v.version ?? 0) > (validated[i - 1]!.version ?? 0)),
      `out of order: ${JSON.stringify(validated)}`,
    );
    const published = client.latest.get(uri)!;
    assert.equal(published.version, 6);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['tracing-config/sampling-rate-negative'],
    );
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///w/tracing-config.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'samplingRatePerMillion: -1\n');
    assert.equal((await opened).length, 1);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual(await cleared, []);
  });

  it('forgets a closed document: reopening with new text is validated afresh', async () => {
    const uri = 'file:///w/tracing-config.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, 'samplingRatePerMillion: -1\n');
    assert.equal((await opened).length, 1);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    await cleared;
    const reopened = client.nextDiagnostics(uri);
    await client.open(uri, 'samplingRatePerMillion: 5\n');
    assert.deepEqual(await reopened, []);
  });
});
