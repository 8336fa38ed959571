/**
 * What the background workspace check costs (server/src/handlers/workspaceDiagnostics.ts), on a real folder of
 * 500 YAML files (the kubeadm manifests, tracing and kubelet configs of test/fixtures/kubeadm, repeated, plus
 * unrelated Deployments), driven over stdio by the real LSP client:
 *   - the first pass: wall time the server reports, the server process's CPU time, files checked and published;
 *   - a pass after one file changes on disk (workspace/didChangeWatchedFiles);
 *   - the keystroke path: edit → diagnostics of an open document while a pass runs, against the same edit with
 *     kubeTracing.workspaceDiagnostics off and the same disk changes, in the same run (the ratio is the figure;
 *     never fails on a number).
 * Run: npm run bench -- workspace-diagnostics (or npx tsx bench/workspace-diagnostics.bench.ts after npm run build).
 * Writes .bench/workspace-diagnostics.json.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../test/protocol/lspClient';

const ROOT = join(__dirname, '..');
/** The production bundles scripts/bench.mjs snapshotted (dist/ itself when run by hand). */
const SERVER = [join(process.env.BENCH_DIST_DIR ?? join(ROOT, 'dist'), 'server.js'), '--stdio'];
const FILES = Number(process.env.WORKSPACE_FILES ?? 500);
const EDITS = 15;
const fixtures = join(ROOT, 'test/fixtures/kubeadm');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const UNRELATED = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';

function buildFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kube-tracing-workspace-bench-'));
  const corpus = yamlFiles(fixtures);
  for (let i = 0; i < FILES; i++) {
    // Two files of three from the fixtures (each in its own node tree), one unrelated Deployment.
    const source = i % 3 === 2 ? undefined : corpus[i % corpus.length]!;
    const directory = join(
      folder,
      `cluster-${Math.floor(i / 50)}`,
      source ? source.slice(fixtures.length + 1).replace(/\/[^/]+$/, '') : 'apps',
    );
    mkdirSync(directory, { recursive: true });
    const name = source ? source.slice(source.lastIndexOf('/') + 1) : `deployment-${i}.yaml`;
    writeFileSync(join(directory, name), source ? readFileSync(source, 'utf8') : UNRELATED);
  }
  return folder;
}

/** utime + stime of a process, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function passEnds(client: LspTestClient, after: number): Promise<string> {
  for (;;) {
    const line = client.logMessages.slice(after).find((message) => message.startsWith('kube-tracing: checked'));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** Each edit is sent once the pass a disk change started is under way (its delay is 300 ms). */
async function editLatencies(client: LspTestClient, during: () => void): Promise<number[]> {
  const uri = 'file:///bench/open/tracing-config.yaml';
  await client.open(uri, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: 10\n');
  const samples: number[] = [];
  for (let version = 2; version < 2 + EDITS; version++) {
    during();
    await new Promise((resolve) => setTimeout(resolve, 320 + (version % 5) * 20));
    const rate = version % 2 === 0 ? '-5' : '10';
    const published = client.nextDiagnostics(
      uri,
      (d) => (rate === '-5') === d.some((x) => x.code === 'tracing-config/sampling-rate-negative'),
    );
    const start = performance.now();
    await client.replace(
      uri,
      `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: ${rate}\n`,
      version,
    );
    await published;
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main(): Promise<void> {
  const folder = buildFolder();
  try {
    const rootUri = pathToFileURL(folder).href;
    const on = new LspTestClient({ rootUri, serverArgs: SERVER, initializationOptions: { validationDelayMs: 0 } });
    await on.initialize();
    // The pass starts 300 ms after initialized: this reading leaves the server's start-up out.
    const cpuBefore = cpuMs(on.process.pid!);
    const first = await passEnds(on, 0);
    const firstCpu = cpuMs(on.process.pid!) - cpuBefore;
    const published = [...on.latest.values()].filter((p) => p.diagnostics.length > 0).length;

    // One file changed on disk: the whole pass again (files unchanged on disk are read from the cache).
    const logged = on.logMessages.length;
    const cpuChange = cpuMs(on.process.pid!);
    const changed = join(folder, 'cluster-0', readdirSync(join(folder, 'cluster-0'))[0]!);
    await on.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(changed).href, type: FileChangeType.Changed }],
    });
    const second = await passEnds(on, logged);
    const changeCpu = cpuMs(on.process.pid!) - cpuChange;

    // Keystrokes while passes run (a disk change before each edit starts a new pass), then with the check off.
    let n = 0;
    const during = await editLatencies(on, () => {
      void on.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(join(folder, `x-${n++}.yaml`)).href, type: FileChangeType.Created }],
      });
    });
    await on.stop();
    const off = new LspTestClient({
      rootUri,
      serverArgs: SERVER,
      settings: { workspaceDiagnostics: false },
      initializationOptions: { validationDelayMs: 0 },
    });
    await off.initialize();
    // The same disk changes: the open document's cross-file rules re-read the disk either way.
    const without = await editLatencies(off, () => {
      void off.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(join(folder, `x-${n++}.yaml`)).href, type: FileChangeType.Created }],
      });
    });
    await off.stop();

    const result = {
      files: FILES,
      firstPass: first,
      firstPassServerCpuMs: firstCpu,
      filesWithDiagnostics: published,
      passAfterOneDiskChange: second,
      passAfterOneDiskChangeServerCpuMs: changeCpu,
      editToDiagnosticsMsMedian: { withBackgroundPasses: median(during), checkOff: median(without) },
    };
    console.log(
      `| workspace files | first pass (server log) | first pass, server CPU (start-up excluded) | files with diagnostics | pass after one disk change, server CPU | edit → diagnostics, passes running (median ms) | same, check off | ratio |`,
    );
    console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${FILES} | ${first.replace('kube-tracing: ', '')} | ${firstCpu.toFixed(0)} ms | ${published} | ${changeCpu.toFixed(0)} ms | ${median(during).toFixed(1)} | ${median(without).toFixed(1)} | ${(median(during) / median(without)).toFixed(1)}× |`,
    );
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    writeFileSync(join(ROOT, '.bench/workspace-diagnostics.json'), JSON.stringify(result, null, 2));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
