/**
 * The CLI's contract on files it cannot or must not read: exit 1 with the reason, never a stack trace, never a
 * hang; the other files are still checked. Unreadable files need a user that permissions apply to: as root, the
 * command runs as `nobody` (a child process), otherwise as the current user.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/main';

const REPO = join(__dirname, '../../..');
const CLI = join(REPO, 'dist/cli.js');
const BAD = 'kind: TracingConfiguration\nsamplingRatePerMillion: -1\n';

function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    (text) => out.push(text) > 0,
    (text) => err.push(text) > 0,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const AS_ROOT = process.getuid?.() === 0;

/**
 * dist/cli.js (the shipped bundle, built by `npm run build`) as a user that permissions apply to. As root, `nobody`
 * runs a copy of the bundle (and the schemas it reads beside it) in a world-readable folder: the checkout itself
 * may sit under a folder only root can enter (/root, a 0700 temporary folder).
 */
let shippedCli = CLI;
function runCli(cwd: string, ...argv: string[]) {
  const asNobody = AS_ROOT ? { uid: 65534, gid: 65534 } : {};
  return spawnSync(process.execPath, [shippedCli, ...argv], { cwd, encoding: 'utf8', timeout: 30000, ...asNobody });
}

function copyForNobody(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kube-tracing-cli-'));
  chmodSync(folder, 0o755);
  mkdirSync(join(folder, 'dist'));
  copyFileSync(CLI, join(folder, 'dist/cli.js'));
  cpSync(join(REPO, 'schemas'), join(folder, 'schemas'), { recursive: true });
  for (const path of [join(folder, 'dist'), join(folder, 'schemas')]) chmodSync(path, 0o755);
  return join(folder, 'dist/cli.js');
}

describe('kube-tracing: files it cannot or must not read', function () {
  this.timeout(60000); // a generous bound for a shared, slow machine; no timing is asserted
  let root: string;
  before(() => {
    if (AS_ROOT && existsSync(CLI)) shippedCli = copyForNobody();
  });
  after(() => {
    if (shippedCli !== CLI) rmSync(join(shippedCli, '../..'), { recursive: true, force: true });
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-contract-'));
    chmodSync(root, 0o755);
  });
  afterEach(() => {
    for (const dir of ['locked']) if (existsSync(join(root, dir))) chmodSync(join(root, dir), 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('a FIFO and /dev/zero named on the command line: reported, not read (no hang), exit 1', () => {
    spawnSync('mkfifo', [join(root, 'pipe-tracing-config.yaml')]);
    writeFileSync(join(root, 'z-tracing-config.yaml'), BAD);
    const check = run('check', join(root, 'pipe-tracing-config.yaml'), '/dev/zero', join(root, 'z-tracing-config.yaml'));
    assert.equal(check.code, 1);
    assert.match(check.err, /pipe-tracing-config\.yaml: not a regular file/);
    assert.match(check.err, /\/dev\/zero: not a regular file/);
    assert.match(check.out, /z-tracing-config\.yaml:2:25 error tracing-config\/sampling-rate-negative/);
    const summarize = run('summarize', join(root, 'pipe-tracing-config.yaml'), '/dev/zero');
    assert.equal(summarize.code, 1);
    assert.match(summarize.err, /\/dev\/zero: not a regular file/);
  });

  it('a file over the size limit is not read whole: one Information from its head, the others checked', () => {
    const big = join(root, 'big-tracing-config.yaml');
    writeFileSync(big, `kind: TracingConfiguration\n# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    writeFileSync(join(root, 'z-tracing-config.yaml'), BAD);
    const { code, out } = run('check', root);
    assert.equal(code, 1);
    assert.match(
      out,
      /big-tracing-config\.yaml:1:1 info file-too-large kube-tracing did not check this file: 5\.0 MB is over the 4 MB limit/,
    );
    assert.match(out, /z-tracing-config\.yaml:2:25 error/);
  });

  describe('dist/cli.js', () => {
    before(function () {
      if (!existsSync(CLI)) this.skip(); // built by `npm run build`; the in-process tests above cover the same code
    });

    it('an unreadable file and an unreadable sub-folder: each reported with the reason, the rest checked, exit 1', () => {
      writeFileSync(join(root, 'a-tracing-config.yaml'), 'kind: TracingConfiguration\n');
      chmodSync(join(root, 'a-tracing-config.yaml'), 0);
      mkdirSync(join(root, 'locked'));
      writeFileSync(join(root, 'locked/tracing-config.yaml'), BAD);
      chmodSync(join(root, 'locked'), 0);
      writeFileSync(join(root, 'z-tracing-config.yaml'), 'kind: TracingConfiguration\n');
      chmodSync(join(root, 'z-tracing-config.yaml'), 0o644);
      const child = runCli(root, 'check', '.');
      assert.equal(child.status, 1, child.stderr);
      assert.match(child.stderr, /a-tracing-config\.yaml: EACCES: permission denied/);
      assert.match(child.stderr, /locked: folder not read: EACCES: permission denied/);
      assert.doesNotMatch(child.stderr, /\n\s+at /, 'no stack trace');
      assert.match(child.stdout, /0 error\(s\), 0 warning\(s\), 0 info in 1 file\(s\) checked; 2 path\(s\) could not be read or checked/);
    });

    it('a closed pipe (| head) ends the command quietly', async () => {
      for (let i = 0; i < 200; i++) writeFileSync(join(root, `tracing-config-${i}.yaml`), BAD);
      const stderr = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'check', root, '--explain'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.stdout.once('data', () => child.stdout.destroy());
        child.on('close', () => resolve(err));
      });
      assert.equal(stderr, '');
    });
  });
});
