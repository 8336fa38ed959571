/**
 * Settings reach the server two ways. Clients with `workspace.configuration` (VS Code, neovim's default handler)
 * are asked per document; when they signal a change (didChangeConfiguration, often with `settings: null`) the
 * server asks again. Clients without it only push `{ settings: { kubeTracing: … } }`. TracingConfiguration
 * apiVersion v1 is served from Kubernetes 1.34, so 1.33 vs 1.34 shows which settings were in force.
 */
import assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspClient';

const URI = 'file:///w/tracing-config.yaml';
const V1 = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n';
const NOT_SERVED = 'tracing-config/api-version-not-served';
const codes = (diagnostics: Array<{ code?: number | string }>): unknown[] => diagnostics.map((d) => d.code);

describe('settings: pulled and pushed', function () {
  let client: LspTestClient;
  afterEach(async () => {
    const logged = [...client.loggedErrors];
    await client.stop();
    assert.deepEqual(logged, [], 'the server logged a failure');
  });

  describe('a client that answers workspace/configuration', () => {
    beforeEach(async () => {
      client = new LspTestClient({ settings: { kubernetesVersion: '1.33' }, initializationOptions: { validationDelayMs: 0 } });
      await client.initialize();
    });

    it('is asked for section kubeTracing, scoped to the document', async () => {
      const published = client.nextDiagnostics(URI);
      await client.open(URI, V1);
      assert.deepEqual(codes(await published), [NOT_SERVED]);
      assert.ok(
        client.configurationRequests.some((items) => items.some((item) => item.section === 'kubeTracing' && item.scopeUri === URI)),
        `configuration requests: ${JSON.stringify(client.configurationRequests)}`,
      );
    });

    it('asks again when told settings changed without values (settings: null)', async () => {
      const first = client.nextDiagnostics(URI);
      await client.open(URI, V1);
      assert.deepEqual(codes(await first), [NOT_SERVED]);
      const requestsBefore = client.configurationRequests.length;
      client.settings = { kubernetesVersion: '1.34' };
      const second = client.nextDiagnostics(URI);
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      assert.deepEqual(await second, []);
      assert.ok(client.configurationRequests.length > requestsBefore, 'the server did not pull the changed settings');
    });

    it('falls back to defaults for ill-typed values instead of failing', async () => {
      client.settings = { kubernetesVersion: 134, tracingConfigFiles: 'not-a-list-but-a-glob/**' };
      const published = client.nextDiagnostics(URI);
      await client.open(URI, V1);
      // auto → latest released minor (1.37), which serves v1
      assert.deepEqual(await published, []);
    });
  });

  describe('a client that only pushes settings', () => {
    beforeEach(async () => {
      client = new LspTestClient({ pullConfiguration: false, initializationOptions: { validationDelayMs: 0 } });
      await client.initialize();
    });

    it('never sends workspace/configuration and uses pushed values', async () => {
      await client.changeSettings({ kubernetesVersion: '1.33' });
      const first = client.nextDiagnostics(URI);
      await client.open(URI, V1);
      assert.deepEqual(codes(await first), [NOT_SERVED]);
      const second = client.nextDiagnostics(URI);
      await client.changeSettings({ kubernetesVersion: '1.34' });
      assert.deepEqual(await second, []);
      assert.deepEqual(client.configurationRequests, []);
    });

    it('uses the defaults before anything is pushed', async () => {
      const published = client.nextDiagnostics(URI);
      await client.open(URI, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -1\n');
      assert.deepEqual(codes(await published), ['tracing-config/sampling-rate-negative']);
    });

    it('applies the tracingConfigFiles globs it was given to files without apiVersion/kind', async () => {
      const uri = 'file:///w/otel/apiserver-otel.yaml';
      const text = 'samplingRatePerMillion: 2000000\n';
      const ignored = client.nextDiagnostics(uri);
      await client.open(uri, text);
      assert.deepEqual(await ignored, [], 'the default glob (*tracing*config*) does not match this name');
      const matched = client.nextDiagnostics(uri);
      await client.changeSettings({ tracingConfigFiles: ['**/otel/*.yaml'] });
      assert.deepEqual(codes(await matched), ['tracing-config/sampling-rate-too-large']);
    });
  });

  describe('workspace folders', () => {
    it('matches globs relative to workspace folders, following the folders the editor adds and removes', async () => {
      client = new LspTestClient({
        rootUri: 'file:///a',
        settings: { tracingConfigFiles: ['otel/*.yaml'] },
        initializationOptions: { validationDelayMs: 0 },
      });
      await client.initialize();
      const uri = 'file:///b/otel/apiserver.yaml';
      const outside = client.nextDiagnostics(uri);
      await client.open(uri, 'samplingRatePerMillion: 2000000\n');
      assert.deepEqual(await outside, [], '/b is not a workspace folder yet');
      const added = client.nextDiagnostics(uri);
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: [{ uri: 'file:///b', name: 'b' }], removed: [] },
      });
      assert.deepEqual(codes(await added), ['tracing-config/sampling-rate-too-large']);
      const removed = client.nextDiagnostics(uri);
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: [], removed: [{ uri: 'file:///b', name: 'b' }] },
      });
      assert.deepEqual(await removed, []);
    });
  });
});
