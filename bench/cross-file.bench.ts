/**
 * What cross-file checking costs: validating a kube-apiserver manifest and the tracing config it mounts, with the
 * server's workspace view (workspace/workspaceFiles.ts over a real temporary folder of N YAML files: kubeadm
 * manifests and unrelated YAML from test/fixtures), against the same validation with no workspace (single-file,
 * the baseline), in the same process and run. Steady state: the listing and file texts are cached, as in an
 * editing session. Prints a markdown table and writes .bench/cross-file.json.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../common/src/settings';
import { ServerWorkspaceFiles } from '../server/src/workspace/workspaceFiles';
import { validateSource } from '../server/src/service/languageService';

const root = join(__dirname, '..');
const fixtures = join(root, 'test/fixtures/kubeadm');
const SIZES = [100, 1000, 4000];
const ROUNDS = 200;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const corpus = yamlFiles(fixtures).map((path) => readFileSync(path, 'utf8'));
const manifestText = readFileSync(join(fixtures, '1.33/tracing-on/kube-apiserver.yaml'), 'utf8');
const configText = readFileSync(join(fixtures, '1.33/tracing-on/tracing-config.yaml'), 'utf8');
const noDocuments = { all: () => [] } as unknown as TextDocuments<TextDocument>;
const settings = normalizeSettings({});

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of one validation over ROUNDS, after a warm-up. */
function time(run: () => unknown): number {
  for (let i = 0; i < 20; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

interface Row {
  workspaceFiles: number;
  document: string;
  singleFileMs: number;
  crossFileMs: number;
  ratio: number;
  crossFileFindings: number;
}

const rows: Row[] = [];
for (const size of SIZES) {
  const folder = mkdtempSync(join(tmpdir(), 'kube-tracing-bench-'));
  try {
    const manifest = join(folder, 'node/etc/kubernetes/manifests/kube-apiserver.yaml');
    const config = join(folder, 'node/etc/kubernetes/tracing/tracing-config.yaml');
    mkdirSync(join(folder, 'node/etc/kubernetes/manifests'), { recursive: true });
    mkdirSync(join(folder, 'node/etc/kubernetes/tracing'), { recursive: true });
    writeFileSync(manifest, manifestText);
    writeFileSync(config, configText);
    for (let i = 0; i < size - 2; i++) {
      const directory = join(folder, `apps/${Math.floor(i / 50)}`);
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, `file-${i}.yaml`), corpus[i % corpus.length]!);
    }
    const workspace = new ServerWorkspaceFiles(noDocuments, () => [folder]);
    for (const [label, path, text] of [
      ['kube-apiserver manifest', manifest, manifestText],
      ['its tracing config', config, configText],
    ] as const) {
      const source = { uri: pathToFileURL(path).href, text };
      const single = time(() => validateSource(source, { settings, workspaceFolders: [folder] }));
      const cross = time(() => validateSource(source, { settings, workspaceFolders: [folder], workspace }));
      const crossFileFindings = validateSource(source, { settings, workspaceFolders: [folder], workspace }).length;
      rows.push({
        workspaceFiles: workspace.list().length,
        document: label,
        singleFileMs: single,
        crossFileMs: cross,
        ratio: cross / single,
        crossFileFindings,
      });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

console.log('| workspace files | document | single-file (ms, median) | with workspace (ms, median) | ratio | findings |');
console.log('|---:|---|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.workspaceFiles} | ${row.document} | ${row.singleFileMs.toFixed(3)} | ${row.crossFileMs.toFixed(3)} | ${row.ratio.toFixed(1)}× | ${row.crossFileFindings} |`,
  );
}
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench/cross-file.json'), JSON.stringify({ rounds: ROUNDS, rows }, null, 2));
