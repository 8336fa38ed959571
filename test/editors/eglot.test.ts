/**
 * Emacs 28 with eglot 1.9 (Debian bookworm: emacs-nox elpa-eglot elpa-yaml-mode) as a second real LSP client.
 * eglot advertises workspace/configuration and answers it from `eglot-workspace-configuration` (the pull
 * path; neovim 0.7 is the push path). The Emacs side is test/editors/eglot/diagnostics.el.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');
const SCRIPT = join(__dirname, 'eglot/diagnostics.el');

interface EglotResult {
  error?: string;
  server: string | null;
  diagnostics: Array<{ line: number; type: string; text: string }>;
}

function eglotAvailable(): boolean {
  const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (require 'yaml-mode))"], { encoding: 'utf8', timeout: 30000 });
  return probe.status === 0;
}

describe('Emacs eglot as the LSP client', function () {
  this.timeout(60000);
  before(function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    if (eglotAvailable()) return;
    // Optional on a developer's machine (like scripts/test.mjs treats missing tools); required in CI.
    if (process.env.CI) throw new Error('emacs with eglot and yaml-mode is missing: apt-get install -y --no-install-recommends emacs-nox elpa-eglot elpa-yaml-mode');
    this.skip(); // reason: emacs/eglot/yaml-mode are not installed here (see the line above for the packages)
  });

  it('shows the Kubernetes messages for the version it was configured with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-tracing-eglot-'));
    try {
      const file = join(dir, 'tracing-config.yaml');
      const resultPath = join(dir, 'result.json');
      writeFileSync(file, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -5\n');
      const run = spawnSync('emacs', ['--batch', '-l', SCRIPT], {
        cwd: dir,
        env: { ...process.env, HOME: dir, KT_SERVER: SERVER, KT_FILE: file, KT_VERSION: '1.33', KT_EXPECT: '2', KT_RESULT: resultPath },
        timeout: 50000,
        encoding: 'utf8',
      });
      if (!existsSync(resultPath)) throw new Error(`emacs wrote no result (exit ${run.status}): ${run.stderr}`);
      const result = JSON.parse(readFileSync(resultPath, 'utf8')) as EglotResult;
      assert.equal(result.error, undefined, JSON.stringify(result));
      assert.equal(result.server, 'kube-tracing');
      // 1.33 (from eglot's configuration) does not serve v1: that error proves the settings arrived.
      assert.deepEqual(result.diagnostics.map((d) => [d.line, d.type]), [[0, 'eglot-error'], [2, 'eglot-error']]);
      assert.match(result.diagnostics[0]!.text, /tracing-config\/api-version-not-served.*no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io\/v1"/);
      assert.match(result.diagnostics[1]!.text, /samplingRatePerMillion: Invalid value: -5: sampling rate must be positive/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
