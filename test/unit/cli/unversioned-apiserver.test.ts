/**
 * Issue 9's done-when check: `kube-tracing check` on a kube-apiserver manifest whose image has no tag is judged as
 * the latest released minor (1.37 since 2026-08-26), where APIServerTracing is gone (GA in 1.34, removed in 1.37:
 * oracle/feature-gates registries), so `--feature-gates=APIServerTracing=true` stops kube-apiserver. Runs main()
 * in-process, and dist/cli.js (the shipped bundle) when it has been built (`node scripts/build.mjs`).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import versions from '../../../schemas/kubernetes-versions.json';
import { main } from '../../../server/src/cli/main';

const REPO = join(__dirname, '../../..');
const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver
    command:
    - kube-apiserver
    - --feature-gates=APIServerTracing=true
`;

function manifestFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kube-tracing-cli-')), 'kube-apiserver.yaml');
  writeFileSync(path, MANIFEST);
  return path;
}

describe('kube-tracing check: a kube-apiserver with no image tag and APIServerTracing=true', () => {
  it('is judged as the latest released minor, 1.37', () => {
    assert.equal(versions.latestReleased, '1.37');
  });

  it('main(): unrecognized feature gate: APIServerTracing, exit 1', () => {
    const out: string[] = [];
    const code = main(
      ['check', manifestFile()],
      (text) => out.push(text) > 0,
      () => true,
    );
    assert.equal(code, 1);
    assert.match(out.join('\n'), /:12:23 error feature-gates\/unrecognized unrecognized feature gate: APIServerTracing/);
  });

  it('dist/cli.js says the same', function () {
    const cli = join(REPO, 'dist/cli.js');
    // The bundle exists only after `node scripts/build.mjs`; without it there is nothing to run.
    if (!existsSync(cli)) this.skip();
    const result = spawnSync(process.execPath, [cli, 'check', manifestFile()], { encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /error feature-gates\/unrecognized unrecognized feature gate: APIServerTracing/);
  });
});
