/**
 * The harness itself must be able to fail: test/host/code-test-launcher.mjs (the `code` stand-in that runs
 * test suites inside code-server) has to relay the extension host's console, exit non-zero when the suite
 * fails, and give up on a suite that never finishes. Each case starts a real code-server (about 10 s).
 *   npx mocha --require tsx/cjs --timeout 120000 test/vscode/launcher.test.ts
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHost } from '../host/install.mjs';

const root = join(__dirname, '../..');
const launcher = join(root, 'test/host/code-test-launcher.mjs');
const scratch = join(root, '.vscode-test', `launcher-test-${process.pid}`);

function runLauncher(suiteSource: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const suiteDir = join(scratch, `suite-${Date.now()}`);
  mkdirSync(suiteDir, { recursive: true });
  writeFileSync(join(suiteDir, 'index.js'), suiteSource);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [launcher, `--extensionDevelopmentPath=${root}`, `--extensionTestsPath=${join(suiteDir, 'index.js')}`, join(root, 'demo')],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('code-test-launcher (the harness)', function () {
  before(function () {
    ensureHost({ quiet: true });
  });
  after(function () {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("relays the extension host's console and exits 1 when the suite fails", async function () {
    const { code, output } = await runLauncher(
      `exports.run = async () => { console.log('marker %s from the extension host', 'relayed'); throw new Error('the suite failed on purpose'); };`,
    );
    assert.match(output, /marker relayed from the extension host/);
    assert.equal(code, 1, output);
  });

  it('exits 0 when the suite passes, and the suite ran inside VS Code', async function () {
    const { code, output } = await runLauncher(
      `exports.run = async () => { const vscode = require('vscode'); console.log('inside VS Code ' + vscode.version); };`,
    );
    assert.match(output, /inside VS Code \d+\.\d+\.\d+/);
    assert.equal(code, 0, output);
  });

  it('gives up with exit 1 on a suite that never finishes', async function () {
    const { code, output } = await runLauncher(`exports.run = () => new Promise(() => {});`, { KUBE_TRACING_TEST_TIMEOUT_MS: '8000' });
    assert.match(output, /did not finish within 8000 ms/);
    assert.equal(code, 1, output);
  });
});
