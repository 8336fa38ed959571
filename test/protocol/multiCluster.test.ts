/**
 * A repository with two clusters (test/fixtures/multi-cluster): each kube-apiserver manifest is judged with its own
 * cluster's tracing-config.yaml, and the CLI (`kube-tracing check <folder>`, in process) and the editor (the real
 * server over stdio, its background workspace check) give the same findings on the same tree.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli/main';
import { LspTestClient, SERVER_PATH } from './lspClient';

const TREE = join(__dirname, '../fixtures/multi-cluster');
const B_MANIFEST = 'cluster-b/etc/kubernetes/manifests/kube-apiserver.yaml';
const B_CONFIG = 'cluster-b/etc/kubernetes/tracing/tracing-config.yaml';
/** `file:line code`, paths relative to the tree. */
const EXPECTED = [`${B_MANIFEST}:43 kube-apiserver/tracing-config-file-problems`, `${B_CONFIG}:1 tracing-config/api-version-not-served`];

function cliFindings(): { findings: string[]; related: string[] } {
  const out: string[] = [];
  main(
    ['check', '--format', 'json', TREE],
    (text) => out.push(text) > 0,
    () => true,
  );
  const parsed = JSON.parse(out.join('\n')) as Array<{ file: string; line: number; code: string; message: string }>;
  return {
    findings: parsed.map((f) => `${relative(TREE, f.file)}:${f.line} ${f.code}`).sort(),
    related: parsed.filter((f) => f.code === 'kube-apiserver/tracing-config-file-problems').map((f) => f.message),
  };
}

describe('several clusters in one repository: the CLI and the editor agree', function () {
  let client: LspTestClient | undefined;

  before(function () {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run npm run build first`);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it("links each manifest to its own cluster's tracing-config.yaml, in the CLI", () => {
    const { findings, related } = cliFindings();
    assert.deepEqual(findings, EXPECTED);
    // The manifest's message names its own cluster's file (relative to the manifest), not cluster-a's.
    assert.match(related[0]!, /^\.\.\/tracing\/tracing-config\.yaml:1: /);
  });

  it("publishes the same findings from the editor's background check, and the same link", async () => {
    const lsp = new LspTestClient({ rootUri: pathToFileURL(TREE).href, initializationOptions: { validationDelayMs: 0 } });
    client = lsp;
    await lsp.initialize();
    // Let the pass end (the server logs it): every file it publishes is then in lsp.latest.
    for (let waited = 0; !lsp.logMessages.some((m) => m.startsWith('kube-tracing: checked')); waited += 20) {
      assert.ok(waited < 15000, 'the background check did not finish');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const manifest = lsp.latest.get(pathToFileURL(join(TREE, B_MANIFEST)).href)?.diagnostics ?? [];
    const published = [...lsp.latest.entries()].flatMap(([uri, params]) =>
      params.diagnostics.map((d) => `${relative(TREE, fileURLToPath(uri))}:${d.range.start.line + 1} ${String(d.code)}`),
    );
    assert.deepEqual(published.sort(), cliFindings().findings);
    const link = manifest[0]!.relatedInformation?.[0]?.location.uri;
    assert.equal(link && relative(TREE, fileURLToPath(link)), B_CONFIG);
  });
});
