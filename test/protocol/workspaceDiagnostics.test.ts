/**
 * The whole workspace over LSP (issue 11): files nobody opened get their diagnostics published, kept current when
 * they change on disk, and an open document's own diagnostics win. A real workspace on disk, the real server, a real
 * LSP client.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, SERVER_PATH } from './lspClient';

/** etcd 3.5.10 does not know this flag: etcd exits (a crash-loop of the static pod). */
const BROKEN_ETCD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: etcd',
  '  namespace: kube-system',
  'spec:',
  '  containers:',
  '  - command:',
  '    - etcd',
  '    - --experimental-enable-distributed-tracing=true',
  '    - --experimental-distributed-tracing-sampling-rate=100', // line 10 (0-based)
  '    image: registry.k8s.io/etcd:3.5.10-0',
  '    name: etcd',
  '  hostNetwork: true',
  '',
].join('\n');
const FIXED_ETCD = BROKEN_ETCD.replace('3.5.10-0', '3.5.11-0');

/** The kubelet refuses a negative sampling rate. */
const BROKEN_KUBELET = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ntracing:\n  samplingRatePerMillion: -1\n';
const UNRELATED =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`);

describe('workspace diagnostics: unopened files (a real LSP client, a workspace on disk)', function () {
  let root: string;
  let client: LspTestClient;
  const uriOf = (relative: string) => pathToFileURL(join(root, relative)).href;
  const write = (relative: string, text: string) => {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  };
  const changed = (relative: string, type: FileChangeType = FileChangeType.Changed) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(relative), type }] });

  before(function () {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run npm run build first`);
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-workspace-'));
    write('etc/kubernetes/manifests/etcd.yaml', BROKEN_ETCD);
    write('var/lib/kubelet/config.yaml', BROKEN_KUBELET);
    write('apps/web/deployment.yaml', UNRELATED);
  });
  afterEach(async () => {
    const logged = [...client.loggedErrors];
    await client.stop();
    rmSync(root, { recursive: true, force: true });
    assert.deepEqual(logged, [], 'the server logged a failure');
  });

  async function start(settings: Record<string, unknown> = {}): Promise<void> {
    client = new LspTestClient({ rootUri: pathToFileURL(root).href, settings, initializationOptions: { validationDelayMs: 0 } });
    await client.initialize();
  }

  it('publishes the errors of a broken etcd manifest and kubelet config that are never opened, nothing for a Deployment', async () => {
    await start();
    const [etcdDiagnostics, kubeletDiagnostics] = await Promise.all([
      client.nextDiagnostics(uriOf('etc/kubernetes/manifests/etcd.yaml')),
      client.nextDiagnostics(uriOf('var/lib/kubelet/config.yaml')),
    ]);
    assert.deepEqual(codes(etcdDiagnostics), ['10:etcd/flag-not-available']);
    assert.match(String(etcdDiagnostics[0]!.message), /flag provided but not defined: -experimental-distributed-tracing-sampling-rate/);
    assert.deepEqual(codes(kubeletDiagnostics), ['3:kubelet/sampling-rate-negative']);
    // Give the pass time to reach every file: the Deployment gets nothing at all (not even an empty publish).
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(client.latest.get(uriOf('apps/web/deployment.yaml')), undefined);
  });

  it('follows the disk: a fixed file loses its errors, a deleted one too, a new broken one gets them', async () => {
    await start();
    await client.nextDiagnostics(uriOf('etc/kubernetes/manifests/etcd.yaml'), (d) => d.length === 1);
    await client.nextDiagnostics(uriOf('var/lib/kubelet/config.yaml'), (d) => d.length === 1);

    write('etc/kubernetes/manifests/etcd.yaml', FIXED_ETCD);
    const fixed = client.nextDiagnostics(uriOf('etc/kubernetes/manifests/etcd.yaml'), (d) => d.length === 0);
    await changed('etc/kubernetes/manifests/etcd.yaml');
    await fixed;

    rmSync(join(root, 'var/lib/kubelet/config.yaml'));
    const deleted = client.nextDiagnostics(uriOf('var/lib/kubelet/config.yaml'), (d) => d.length === 0);
    await changed('var/lib/kubelet/config.yaml', FileChangeType.Deleted);
    await deleted;

    write('cluster-b/etc/kubernetes/manifests/etcd.yaml', BROKEN_ETCD);
    const created = client.nextDiagnostics(uriOf('cluster-b/etc/kubernetes/manifests/etcd.yaml'), (d) => d.length === 1);
    await changed('cluster-b/etc/kubernetes/manifests/etcd.yaml', FileChangeType.Created);
    await created;
  });

  it("an open document's own diagnostics win; closing it brings back what the disk says", async () => {
    await start();
    const uri = uriOf('etc/kubernetes/manifests/etcd.yaml');
    await client.nextDiagnostics(uri, (d) => d.length === 1);
    const opened = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.open(uri, FIXED_ETCD); // fixed in the editor, not saved
    await opened;
    // A disk change of another file makes a new pass: it must not publish the disk's errors over the open document.
    write('var/lib/kubelet/config.yaml', BROKEN_KUBELET.replace('-1', '-2'));
    await changed('var/lib/kubelet/config.yaml');
    await client.nextDiagnostics(uriOf('var/lib/kubelet/config.yaml'), (d) => d.length === 1 && /-2/.test(String(d[0]!.message)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(client.latest.get(uri)!.diagnostics, []);
    const closed = client.nextDiagnostics(uri, (d) => d.length === 1);
    await client.close(uri);
    assert.deepEqual(codes(await closed), ['10:etcd/flag-not-available']);
  });

  it('kubeTracing.workspaceDiagnostics: false checks open files only, and turning it off clears what was published', async () => {
    await start({ workspaceDiagnostics: false });
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(client.latest.get(uriOf('etc/kubernetes/manifests/etcd.yaml')), undefined);
    const published = client.nextDiagnostics(uriOf('etc/kubernetes/manifests/etcd.yaml'), (d) => d.length === 1);
    await client.changeSettings({ workspaceDiagnostics: true });
    await published;
    const cleared = client.nextDiagnostics(uriOf('etc/kubernetes/manifests/etcd.yaml'), (d) => d.length === 0);
    await client.changeSettings({ workspaceDiagnostics: false });
    await cleared;
  });
});
