/**
 * Cross-file checking in the real language server: the manifest and the tracing config on disk in a temporary
 * workspace, found by the server's bounded scan (workspace/workspaceFiles.ts), and re-checked when the other one
 * changes. The server is bundled from source with esbuild the way scripts/build.mjs bundles dist/server.js, into a
 * temporary directory, so this test neither needs nor disturbs a build of the whole tree.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { VersionInForceRequest } from '../../common/src/protocol';
import { ServerWorkspaceFiles } from '../../server/src/workspace/workspaceFiles';
import { bundleServer } from './bundledServer';
import { LspTestClient } from './lspClient';

const MANIFEST_133 = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml
    image: registry.k8s.io/kube-apiserver:v1.33.1
    name: kube-apiserver
    volumeMounts:
    - mountPath: /etc/kubernetes/tracing
      name: tracing
  hostNetwork: true
  volumes:
  - hostPath:
      path: /etc/kubernetes/tracing
    name: tracing
`;
const CONFIG_V1 = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n';

function makeWorkspace(): { root: string; manifest: string; config: string } {
  const root = mkdtempSync(join(tmpdir(), 'kube-tracing-ws-'));
  const manifest = join(root, 'node1/etc/kubernetes/manifests/kube-apiserver.yaml');
  const config = join(root, 'node1/etc/kubernetes/tracing/tracing-config.yaml');
  mkdirSync(join(root, 'node1/etc/kubernetes/manifests'), { recursive: true });
  mkdirSync(join(root, 'node1/etc/kubernetes/tracing'), { recursive: true });
  mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
  writeFileSync(manifest, MANIFEST_133);
  writeFileSync(config, CONFIG_V1);
  writeFileSync(join(root, 'node_modules/pkg/tracing-config.yaml'), CONFIG_V1);
  return { root, manifest, config };
}

/** Only `all()` and `get()` of TextDocuments are read by ServerWorkspaceFiles: these are the editor's open documents. */
function openDocuments(texts: Record<string, string>): TextDocuments<TextDocument> {
  const documents = Object.entries(texts).map(([path, text]) => ({ uri: pathToFileURL(path).href, getText: () => text }));
  return { all: () => documents, get: (uri: string) => documents.find((d) => d.uri === uri) } as unknown as TextDocuments<TextDocument>;
}

describe("cross-file: the server's workspace view", () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  beforeEach(() => {
    workspace = makeWorkspace();
  });
  afterEach(() => rmSync(workspace.root, { recursive: true, force: true }));

  it("lists YAML/JSON files of the folders, skipping node_modules, and prefers an open document's text", () => {
    const files = new ServerWorkspaceFiles(openDocuments({ [workspace.config]: 'endpoint: unsaved\n' }), () => [workspace.root]);
    assert.deepEqual([...files.list()].sort(), [workspace.config, workspace.manifest].sort());
    assert.equal(files.read(workspace.config), 'endpoint: unsaved\n');
    assert.equal(files.read(workspace.manifest), MANIFEST_133);
    assert.equal(files.read(join(workspace.root, 'missing.yaml')), undefined);
  });

  it('stops at its limits', () => {
    const files = new ServerWorkspaceFiles(openDocuments({}), () => [workspace.root], {
      maxFiles: 1,
      maxDirectories: 100,
      maxDepth: 10,
      maxFileBytes: 1024,
      rescanAfterMs: 0,
    });
    assert.equal(files.list().length, 1);
    const shallow = new ServerWorkspaceFiles(openDocuments({}), () => [workspace.root], {
      maxFiles: 100,
      maxDirectories: 100,
      maxDepth: 2,
      maxFileBytes: 1024,
      rescanAfterMs: 0,
    });
    assert.deepEqual(shallow.list(), []);
  });

  it("names each side as the other's dependent, and still names an old dependent once the reference is gone", () => {
    const files = new ServerWorkspaceFiles(openDocuments({}), () => [workspace.root]);
    assert.deepEqual(files.dependentsOf(workspace.manifest, MANIFEST_133), [workspace.config]);
    assert.deepEqual(files.dependentsOf(workspace.config, CONFIG_V1), [workspace.manifest]);
    const withoutFlag = MANIFEST_133.replace(/    - --tracing-config-file=.*\n/, '');
    assert.deepEqual(files.dependentsOf(workspace.manifest, withoutFlag), [workspace.config]);
    assert.deepEqual(files.dependentsOf(workspace.manifest, withoutFlag), []);
  });
});

describe('cross-file over LSP (the bundled server, a workspace on disk)', function () {
  this.timeout(60000);
  let serverDirectory: string;
  let workspace: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;

  before(async () => {
    serverDirectory = await bundleServer();
  });
  after(() => rmSync(serverDirectory, { recursive: true, force: true }));

  beforeEach(async () => {
    workspace = makeWorkspace();
    client = new LspTestClient({
      rootUri: pathToFileURL(workspace.root).href,
      initializationOptions: { validationDelayMs: 0 },
      serverArgs: [join(serverDirectory, 'server.js'), '--stdio'],
    });
    await client.initialize();
  });
  afterEach(async () => {
    await client.stop();
    rmSync(workspace.root, { recursive: true, force: true });
  });

  it("reads the config from disk for the manifest, checks the config with the manifest's version, and re-checks it when the manifest changes", async () => {
    const manifestUri = pathToFileURL(workspace.manifest).href;
    const configUri = pathToFileURL(workspace.config).href;

    const onManifest = client.nextDiagnostics(manifestUri);
    await client.open(manifestUri, MANIFEST_133);
    const manifestDiagnostics = await onManifest;
    assert.deepEqual(
      manifestDiagnostics.map((d) => [d.range.start.line, d.code]),
      [[9, 'kube-apiserver/tracing-config-file-problems']],
    );
    assert.equal(manifestDiagnostics[0]!.relatedInformation?.[0]?.location.uri, configUri);

    const onConfig = client.nextDiagnostics(configUri);
    await client.open(configUri, CONFIG_V1);
    const configDiagnostics = await onConfig;
    assert.deepEqual(
      configDiagnostics.map((d) => [d.range.start.line, d.code]),
      [[0, 'tracing-config/api-version-not-served']],
    );
    // The status bar's answer for the config file names the manifest it got its version from, relative to the workspace folder.
    const inForce = await client.connection.sendRequest(VersionInForceRequest.type, { uri: configUri });
    assert.equal(inForce?.kubernetesVersion, '1.33');
    assert.equal(inForce?.kubernetesVersionSource, 'referencing-manifest');
    assert.equal(inForce?.kubernetesVersionDetail, 'node1/etc/kubernetes/manifests/kube-apiserver.yaml');

    // Upgrading the apiserver to 1.34 (which serves v1) clears the config file, which was not edited.
    const cleared = client.nextDiagnostics(configUri, (d) => d.length === 0);
    await client.replace(manifestUri, MANIFEST_133.replace('v1.33.1', 'v1.34.0'), 2);
    assert.deepEqual(await cleared, []);
  });
});
