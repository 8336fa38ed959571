/**
 * `kube-tracing check` on etcd 3.7 manifests that still use the experimental tracing flags: etcd 3.7 removed
 * them (the oracle's etcd 3.7.3 exits with this line, test/golden/etcd/3.7.3.json), so the check must print
 * etcd's own `flag provided but not defined` and exit 1 — for a 3.7 image tag, and for an untagged image checked
 * as Kubernetes 1.37, which kubeadm pairs with etcd 3.7 (k8s.io/kubernetes@v1.37.2 SupportedEtcdVersion).
 * Runs main() in-process, and dist/cli.js (the shipped bundle) when it has been built.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/main';

const REPO = join(__dirname, '../../..');
const TAGGED = join(REPO, 'test/fixtures/etcd/etcd-3.7-experimental-tracing.yaml');
const UNTAGGED = join(REPO, 'test/fixtures/etcd/etcd-untagged-experimental-tracing.yaml');
const UNDEFINED = 'error etcd/flag-removed flag provided but not defined: -experimental-enable-distributed-tracing';
/** `line:7` of the experimental enable flag in a fixture (1-based; the flag items start in column 7). */
const enableAt = (path: string): string =>
  `:${
    readFileSync(path, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('--experimental-enable-distributed-tracing')) + 1
  }:7`;

function run(...argv: string[]): { code: number; out: string } {
  const out: string[] = [];
  const code = main(
    argv,
    (text) => out.push(text) > 0,
    () => true,
  );
  return { code, out: out.join('\n') };
}

describe('kube-tracing check: etcd 3.7 refuses the experimental tracing flags', () => {
  it('an etcd 3.7 image', () => {
    const { code, out } = run('check', TAGGED);
    assert.equal(code, 1);
    assert.ok(out.includes(`${enableAt(TAGGED)} ${UNDEFINED}`), out);
    assert.ok(out.includes('flag provided but not defined: -experimental-distributed-tracing-address'), out);
  });

  it('an untagged image on Kubernetes 1.37 (kubeadm deploys etcd 3.7.0)', () => {
    const { code, out } = run('check', UNTAGGED, '--kubernetes-version', '1.37');
    assert.equal(code, 1);
    assert.ok(out.includes(`${enableAt(UNTAGGED)} ${UNDEFINED}`), out);
  });

  it('the same untagged image on Kubernetes 1.36 (etcd 3.6) only warns', () => {
    const { code, out } = run('check', UNTAGGED, '--kubernetes-version', '1.36');
    assert.equal(code, 0, out);
    assert.ok(out.includes('warning etcd/flag-deprecated --experimental-enable-distributed-tracing is deprecated in 3.6'), out);
  });

  describe('dist/cli.js', () => {
    const cli = join(REPO, 'dist/cli.js');
    before(function () {
      // Built by `node scripts/build.mjs` (scripts/test.mjs builds before every stage); the in-process tests
      // above cover the same code when this file runs alone on a fresh clone.
      if (!existsSync(cli)) this.skip();
    });

    it('says flag provided but not defined and exits 1', () => {
      const child = spawnSync(process.execPath, [cli, 'check', TAGGED], { encoding: 'utf8' });
      assert.equal(child.status, 1, child.stderr);
      assert.match(child.stdout, /flag provided but not defined: -experimental-enable-distributed-tracing/);
    });
  });
});
