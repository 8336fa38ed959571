/**
 * Runs the integration suite (test/vscode/suite/) inside a real VS Code with @vscode/test-electron's runTests.
 *
 * Which VS Code:
 *   - VSCODE_EXECUTABLE=/path/to/code   a desktop VS Code you have (e.g. the oldest supported, 1.91).
 *   - VSCODE_EXECUTABLE=download        test-electron's normal download (VSCODE_VERSION, default "stable").
 *   - otherwise                         code-server 4.139.1 (VS Code 1.139.1) driven by headless Chromium through
 *                                       test/host/code-test-launcher.mjs; works offline and without a display.
 *
 *   npx tsx test/vscode/runTests.ts [--grep <pattern>]
 *
 * Each run bundles the suite into .vscode-test/suite/ and opens a fresh copy of test/vscode/workspace/ (tests
 * may edit files and write workspace settings), with a fresh user profile under .vscode-test/.
 */
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '../..');
const suiteSource = join(__dirname, 'suite');
const stateDir = join(root, '.vscode-test');
const suiteOut = join(stateDir, 'suite');
const workspaceCopy = join(stateDir, 'workspace');
const launcher = join(root, 'test/host/code-test-launcher.mjs');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

async function bundleSuite(): Promise<void> {
  rmSync(suiteOut, { recursive: true, force: true });
  // One bundle per file so index.js can find the *.test.js files; npm packages and vscode stay external and
  // resolve from the repository's node_modules (the output lives inside the clone).
  await esbuild.build({
    entryPoints: sources(suiteSource),
    outdir: suiteOut,
    outbase: suiteSource,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

function ensureExtensionBuilt(): void {
  if (existsSync(join(root, 'dist/extension.js')) && existsSync(join(root, 'dist/server.js'))) return;
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

async function vscodeExecutable(): Promise<string | undefined> {
  const requested = process.env.VSCODE_EXECUTABLE;
  if (requested === 'download') return undefined; // runTests downloads VS Code itself
  if (requested) return requested;
  // code-server and Node 24 live in test/host/, installed on first use (minutes, once).
  const { ensureHost } = (await import(join(root, 'test/host/install.mjs'))) as { ensureHost: (o?: { quiet?: boolean }) => unknown };
  ensureHost({ quiet: true });
  return launcher;
}

async function main(): Promise<void> {
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
  ensureExtensionBuilt();
  await bundleSuite();
  rmSync(workspaceCopy, { recursive: true, force: true });
  cpSync(join(__dirname, 'workspace'), workspaceCopy, { recursive: true });
  const profile = join(stateDir, `profile-${process.pid}`);
  const vscodeExecutablePath = await vscodeExecutable();
  console.log(
    `integration suite: ${relative(root, suiteOut)} in ${vscodeExecutablePath ? relative(root, vscodeExecutablePath) || vscodeExecutablePath : 'downloaded VS Code'}`,
  );
  try {
    await runTests({
      vscodeExecutablePath,
      version: process.env.VSCODE_VERSION,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(suiteOut, 'index.js'),
      launchArgs: [
        workspaceCopy,
        `--user-data-dir=${join(profile, 'user-data')}`,
        `--extensions-dir=${join(profile, 'extensions')}`,
        '--disable-extensions',
      ],
      extensionTestsEnv: { KUBE_TRACING_VSCODE_GREP: grep ?? '', KUBE_TRACING_TEST_COUNTS: process.env.KUBE_TRACING_TEST_COUNTS ?? '' },
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
