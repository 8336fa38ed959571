/**
 * "Enable Tracing in This Manifest" over LSP: the server says whether the manifest can trace before the command
 * asks its questions (kubeTracing/canEnableTracing), and the edit creates the TracingConfiguration where the mount
 * says, in the manifest's node tree, not in the static-pod folder.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { CanEnableTracingRequest, EnableTracingRequest } from '../../common/src/protocol';
import { LspTestClient, SERVER_PATH } from './lspClient';

const FIXTURES = join(__dirname, '../fixtures/kubeadm');
const MANIFEST = 'file:///w/node1/etc/kubernetes/manifests/kube-apiserver.yaml';

describe('Enable Tracing over LSP', function () {
  let client: LspTestClient;

  before(function () {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run npm run build first`);
  });
  beforeEach(async () => {
    client = new LspTestClient({ initializationOptions: { validationDelayMs: 0 } });
    await client.initialize();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('says a manifest already traces before any question; a plain one may go on', async () => {
    await client.open(MANIFEST, readFileSync(join(FIXTURES, '1.30/tracing-on/kube-apiserver.yaml'), 'utf8'));
    const refused = await client.connection.sendRequest(CanEnableTracingRequest.type, { uri: MANIFEST });
    assert.match(refused.error ?? '', /already has --tracing-config-file/);
    await client.replace(MANIFEST, readFileSync(join(FIXTURES, '1.30/kube-apiserver.yaml'), 'utf8'), 2);
    assert.deepEqual(await client.connection.sendRequest(CanEnableTracingRequest.type, { uri: MANIFEST }), {});
  });

  it('creates the TracingConfiguration at the mounted host path inside the node tree', async () => {
    await client.open(MANIFEST, readFileSync(join(FIXTURES, '1.30/kube-apiserver.yaml'), 'utf8'));
    const result = await client.connection.sendRequest(EnableTracingRequest.type, {
      uri: MANIFEST,
      endpoint: 'localhost:4317',
      samplingRatePerMillion: 100,
    });
    assert.ok(!('error' in result), JSON.stringify(result));
    const created = (result.edit.documentChanges ?? []).filter(
      (change): change is CreateFile => 'kind' in change && change.kind === 'create',
    );
    assert.deepEqual(
      created.map((change) => change.uri),
      ['file:///w/node1/etc/kubernetes/tracing/tracing-config.yaml'],
    );
    const manifestEdit = (result.edit.documentChanges ?? []).find(
      (change): change is TextDocumentEdit => 'textDocument' in change && change.textDocument.uri === MANIFEST,
    );
    assert.ok(
      manifestEdit?.edits.some(
        (edit) => 'newText' in edit && edit.newText.includes('--tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml'),
      ),
    );
  });
});
