// scripts/generate-traces.mjs answers --help and refuses unknown arguments before it writes anything
// (without this, `--help` started a 147 MB write of the default preset).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../../scripts/generate-traces.mjs');

function runGenerator(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/generate-traces.mjs command line', () => {
  it('prints the usage for --help and -h and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const { status, stdout } = runGenerator([flag]);
      assert.equal(status, 0);
      assert.match(stdout, /^usage: node scripts\/generate-traces\.mjs/);
      assert.match(stdout, /--preset 200k/);
    }
  });

  it('refuses an unknown argument with exit 2, names it, and writes no file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'generate-traces-'));
    try {
      const out = join(folder, 'should-not-exist.jsonl');
      const { status, stderr } = runGenerator(['--out', out, '--spanz', '10']);
      assert.equal(status, 2);
      assert.match(stderr, /unknown argument "--spanz"/);
      assert.equal(existsSync(out), false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('writes --out where it says: an absolute path is not moved under the repository', () => {
    const folder = mkdtempSync(join(tmpdir(), 'generate-traces-'));
    try {
      const out = join(folder, 'small.otlp.jsonl');
      const { status, stderr } = runGenerator(['--spans', '200', '--out', out, '--force']);
      assert.equal(status, 0, stderr);
      assert.equal(existsSync(out), true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
