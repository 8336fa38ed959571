// `npm test`: every test of the project, in stages, on a fresh clone.
//   node scripts/test.mjs                 all stages
//   node scripts/test.mjs unit protocol   only the named stages
// Installs the npm dependencies when they are missing, builds, then runs each stage. A stage's Debian packages are
// installed on first use when run as root with apt-get (scripts/debian-packages.mjs); a stage whose tool is still
// missing fails under CI (CI=true) and is reported as skipped, with the command that installs it, elsewhere.
// Ends with a plain "N passed, N failed, N skipped" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from './debian-packages.mjs';
import { ensureNpmDependencies } from './npm-dependencies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Each mocha stage's options (files, timeout, the counting reporter) are in test/<stage>/.mocharc.json.
const mocha = (stage) => `npx mocha --config test/${stage}/.mocharc.json`;
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Each stage: a name, a shell command, and optionally what it needs on the machine. */
const STAGES = [
  // The root tsconfig checks everything; client/, server/ and media/ each check their side's globals (Node or DOM).
  { name: 'typecheck', command: 'npm run --silent typecheck' },
  // oxlint (correctness and suspicious rules, .oxlintrc.json) and knip (unused files and dependencies, knip.json).
  { name: 'lint', command: 'npm run --silent lint' },
  { name: 'unit', command: mocha('unit') },
  { name: 'protocol', command: mocha('protocol') },
  // The real Kubernetes, etcd and Collector code (oracle/): rebuilds the newest releases and compares.
  { name: 'oracle', command: 'node scripts/oracle.mjs --check --newest', needs: ['go'] },
  // Real API servers (k8s.io/sample-apiserver) on a real etcd 3.7 and 3.6 → a real Collector's file exporter in
  // every mode → the trace model (oracle/pipeline/); after `oracle`, whose newest etcd and Collector builds it
  // reuses from oracle/.bin and the Go caches (it builds the API server itself).
  { name: 'pipeline', command: mocha('pipeline'), needs: ['go'] },
  { name: 'editors', command: mocha('editors'), needs: ['nvim'], packages: ['neovim', 'emacs-nox', 'elpa-eglot', 'elpa-yaml-mode'] },
  { name: 'webview', command: mocha('webview'), needs: ['chromium'], packages: ['chromium'] },
  {
    name: 'vscode',
    command: `npx tsx test/vscode/runTests.ts && ${mocha('vscode')}`,
    needs: ['chromium'],
    packages: ['chromium', 'libkrb5-dev'],
  },
  { name: 'e2e', command: mocha('e2e'), needs: ['chromium'], packages: ['chromium', 'libkrb5-dev'] },
];

const selected = process.argv.slice(2);
const stages = selected.length ? STAGES.filter((s) => selected.includes(s.name)) : STAGES;
if (selected.length && stages.length !== selected.length) {
  console.error(`unknown stage; stages are: ${STAGES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

function run(command, { env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('close', (code) => resolve({ code: code ?? 1 }));
  });
}

if (!ensureNpmDependencies(root)) process.exit(1);
console.log('== build');
if ((await run('node scripts/build.mjs')).code !== 0) process.exit(1);

let passed = 0,
  failed = 0,
  skipped = 0;
const summary = [];
for (const stage of stages) {
  // Debian packages are installed on first use when we may (root with apt-get); otherwise the reason names the command.
  const packages = stage.packages ? ensureDebianPackages(stage.packages) : { ok: true };
  const missing = (stage.needs ?? []).filter((tool) => !has(tool));
  if (!packages.ok) missing.push(packages.reason);
  if (missing.length) {
    if (process.env.CI) {
      failed++;
      summary.push(`${stage.name}: FAILED (missing ${missing.join(', ')})`);
    } else {
      skipped++;
      summary.push(`${stage.name}: skipped (missing ${missing.join(', ')})`);
    }
    continue;
  }
  console.log(`\n== ${stage.name}: ${stage.command}`);
  const started = Date.now();
  // Mocha stages append their counts as JSON lines (test/support/counting-reporter.cjs, test/vscode/suite/index.ts);
  // other stages count as one test, passed when they exit 0.
  const countsFile = join(tmpdir(), `kube-tracing-counts-${process.pid}-${stage.name}.jsonl`);
  rmSync(countsFile, { force: true });
  const { code } = await run(stage.command, { env: { KUBE_TRACING_TEST_COUNTS: countsFile } });
  const counts = existsSync(countsFile)
    ? readFileSync(countsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  rmSync(countsFile, { force: true });
  const sum = (key) => counts.reduce((total, c) => total + c[key], 0);
  const stagePassed = sum('passes'),
    stageFailed = sum('failures'),
    stagePending = sum('pending');
  const counted = counts.length > 0;
  passed += counted ? stagePassed : code === 0 ? 1 : 0;
  // A non-zero exit with no failing test (a crash, a failed build step) is still a failure.
  failed += counted ? Math.max(stageFailed, code !== 0 && stageFailed === 0 ? 1 : 0) : code === 0 ? 0 : 1;
  skipped += stagePending;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(
    `${stage.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}${counted ? ` ${stagePassed} passed, ${stageFailed} failed, ${stagePending} pending` : ''} in ${seconds} s`,
  );
}
console.log('\n== summary');
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
