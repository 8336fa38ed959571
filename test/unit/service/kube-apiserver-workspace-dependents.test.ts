/**
 * The open documents that depend on an edited one (a kube-apiserver manifest and the tracing config it mounts) are
 * found by the edited document's debounced validation (handlers/validation.ts), once per validation and not per
 * keystroke, with the options object that validation used, so the workspace walk of referencesTo is shared.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../../common/src/settings';
import type { ValidationOptions } from '../../../server/src/service/context';
import type { SettingsStore } from '../../../server/src/handlers/settings';
import { ValidationScheduler } from '../../../server/src/handlers/validation';
import { ServerWorkspaceFiles } from '../../../server/src/workspace/workspaceFiles';

const MANIFEST = `apiVersion: v1
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
  volumes:
  - hostPath:
      path: /etc/kubernetes/tracing
    name: tracing
`;
const CONFIG = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n';

/** The editor's open documents, editable: only all() and get() are read by the scheduler and the workspace view. */
class OpenDocuments {
  readonly byUri = new Map<string, TextDocument>();
  open(path: string, text: string): TextDocument {
    const document = TextDocument.create(pathToFileURL(path).href, 'yaml', 1, text);
    this.byUri.set(document.uri, document);
    return document;
  }
  edit(document: TextDocument, text: string): TextDocument {
    const next = TextDocument.create(document.uri, 'yaml', document.version + 1, text);
    this.byUri.set(next.uri, next);
    return next;
  }
  asTextDocuments(): TextDocuments<TextDocument> {
    return { all: () => [...this.byUri.values()], get: (uri: string) => this.byUri.get(uri) } as unknown as TextDocuments<TextDocument>;
  }
}

/** Counts the disk reads per path of the workspace view. */
class CountingWorkspaceFiles extends ServerWorkspaceFiles {
  readonly reads = new Map<string, number>();
  override read(path: string): string | undefined {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    return super.read(path);
  }
}

describe('cross-file: dependents found by the debounced validation', () => {
  let root: string;
  let manifest: string;
  let config: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-deps-'));
    manifest = join(root, 'etc/kubernetes/manifests/kube-apiserver.yaml');
    config = join(root, 'etc/kubernetes/tracing/tracing-config.yaml');
    mkdirSync(join(root, 'etc/kubernetes/manifests'), { recursive: true });
    mkdirSync(join(root, 'etc/kubernetes/tracing'), { recursive: true });
    writeFileSync(manifest, MANIFEST);
    writeFileSync(config, CONFIG);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function setUp(debounceMs: number) {
    const open = new OpenDocuments();
    const documents = open.asTextDocuments();
    const workspace = new CountingWorkspaceFiles(documents, () => [root]);
    const validated: string[] = [];
    const lookups: { path: string; options: ValidationOptions }[] = [];
    const connection = {
      sendDiagnostics: async () => {},
      sendNotification: async (_type: unknown, params: { uri: string }) => void validated.push(params.uri),
      console: { error: (message: string) => assert.fail(message) },
    } as unknown as Connection;
    const settings = { get: async () => normalizeSettings(undefined), forget: () => {} } as unknown as SettingsStore;
    const scheduler = new ValidationScheduler(connection, documents, settings, {
      debounceMs,
      workspaceFolders: () => [root],
      workspace,
      dependentsOf: (path, text, options) => {
        lookups.push({ path, options });
        return workspace.dependentsOf(path, text, options);
      },
    });
    return { open, workspace, scheduler, validated, lookups };
  }

  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('looks dependents up once per debounced validation, not per keystroke, and validates the open other file', async () => {
    const { open, scheduler, validated, lookups } = setUp(30);
    const configDocument = open.open(config, CONFIG);
    scheduler.changed(configDocument);
    let manifestDocument = open.open(manifest, MANIFEST);
    scheduler.changed(manifestDocument);
    await settle(60);
    validated.length = 0;
    lookups.length = 0;
    for (const version of ['v1.33.2', 'v1.33.3', 'v1.34.0']) {
      manifestDocument = open.edit(manifestDocument, MANIFEST.replace('v1.33.1', version));
      scheduler.changed(manifestDocument);
    }
    await settle(120);
    assert.deepEqual(
      lookups.map((lookup) => lookup.path),
      [manifest],
    );
    assert.deepEqual(validated, [manifestDocument.uri, configDocument.uri]);
  });

  it("does not bounce: a dependent validated on another's behalf does not validate that one again", async () => {
    const { open, scheduler, validated, lookups } = setUp(0);
    const configDocument = open.open(config, CONFIG);
    scheduler.changed(configDocument);
    await settle(20);
    const manifestDocument = open.open(manifest, MANIFEST);
    validated.length = 0;
    lookups.length = 0;
    scheduler.changed(manifestDocument);
    await settle(50);
    assert.deepEqual(validated, [manifestDocument.uri, configDocument.uri]);
    assert.deepEqual(
      lookups.map((lookup) => lookup.path),
      [manifest],
    );
  });

  it("shares the validation's options object, so the workspace walk for the edited file is not repeated", async () => {
    const { open, workspace, scheduler, lookups } = setUp(0);
    const configDocument = open.open(config, CONFIG);
    scheduler.changed(configDocument);
    await settle(30);
    assert.equal(lookups.length, 1);
    assert.deepEqual(workspace.dependentsOf(config, CONFIG, lookups[0]!.options), [manifest]);
    // referencesTo(config) walked the workspace once (reading the manifest once) for validation and lookup together.
    assert.equal(workspace.reads.get(manifest), 1);
  });
});
