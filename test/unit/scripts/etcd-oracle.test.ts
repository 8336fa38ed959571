// The etcd oracle's own reading code (oracle/etcd/*.mjs), without Go: kubeadm's SupportedEtcdVersion in the two
// shapes its releases write it, the release ranges the flag facts are grouped into, and the seeded corpus.
// The modules are ESM JavaScript, so they run in a child node and answer as JSON.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ORACLE = join(__dirname, '../../../oracle/etcd');

/** Runs `body` (ESM, with the oracle's modules imported as k, d and c) and returns what it prints as JSON. */
function ask<T>(body: string): T {
  const url = (name: string): string => pathToFileURL(join(ORACLE, name)).href;
  const script = `import * as k from '${url('kubeadm.mjs')}'; import * as d from '${url('data.mjs')}'; import * as c from '${url('corpus.mjs')}';\n${body}`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
}

describe('oracle/etcd reading code', () => {
  it("reads kubeadm's map with literal keys and with getSkewedKubernetesVersion keys", () => {
    const literal = 'SupportedEtcdVersion = map[uint8]string{\n\t\t34: "3.7.0-0",\n\t\t35: "3.7.0-0",\n\t\t36: "3.7.0-0",\n\t}';
    const skewed =
      'SupportedEtcdVersion = map[uint8]string{\n\t\tuint8(getSkewedKubernetesVersion(-2).Minor()): "3.5.24-0",\n\t\tuint8(getSkewedKubernetesVersion(0).Minor()):  "3.6.6-0",\n\t}';
    const answer = ask<[Record<string, string>, Record<string, string>]>(
      `console.log(JSON.stringify([k.supportedEtcdVersion(${JSON.stringify(literal)}, 'v1.37.2'), k.supportedEtcdVersion(${JSON.stringify(skewed)}, 'v1.35.4')]));`,
    );
    assert.deepEqual(answer, [
      { 34: '3.7.0-0', 35: '3.7.0-0', 36: '3.7.0-0' },
      { 33: '3.5.24-0', 35: '3.6.6-0' },
    ]);
  });

  it('refuses a map entry it cannot read, instead of dropping it', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as k from '${pathToFileURL(join(ORACLE, 'kubeadm.mjs')).href}'; k.supportedEtcdVersion('SupportedEtcdVersion = map[uint8]string{\\n\\t\\tminor(): "3.7.0-0",\\n\\t}', 'v1.39.0');`,
      ],
      { encoding: 'utf8' },
    );
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /cannot read SupportedEtcdVersion entry "minor\(\): \\"3\.7\.0-0\\","/);
  });

  it("resolves a minor like kubeadm's EtcdSupportedVersion: its own key, else the nearest end", () => {
    const map = { 34: '3.7.0-0', 35: '3.7.0-0', 36: '3.7.0-0' };
    const answer = ask<unknown[]>(
      `const m = ${JSON.stringify(map)}; console.log(JSON.stringify([35, 37, 30].map((minor) => k.etcdFor(m, minor))));`,
    );
    assert.deepEqual(answer, [
      { image: '3.7.0-0', exact: true },
      { image: '3.7.0-0', exact: false },
      { image: '3.7.0-0', exact: false },
    ]);
  });

  it('groups registrations into release ranges: first patch, <minor>.99 to the end of a minor, open to the newest', () => {
    const releases = { 'v3.5.0': ['a'], 'v3.5.1': ['a', 'b'], 'v3.5.2': ['b'], 'v3.6.0': ['b', 'c'], 'v3.7.0': ['c'] };
    const ranges = ask<Record<string, unknown>>(
      `console.log(JSON.stringify(Object.fromEntries(d.flagRanges(${JSON.stringify(releases)}))));`,
    );
    assert.deepEqual(ranges, {
      a: [{ from: '3.5.0', to: '3.5.1' }],
      b: [{ from: '3.5.1', to: '3.6.99' }],
      c: [{ from: '3.6.0' }],
    });
  });

  it('the corpus is the same for a seed, another seed gives other combinations', () => {
    const flags = [
      { name: 'max-snapshots', bool: false, default: '5' },
      { name: 'auto-tls', bool: true, default: 'false' },
    ];
    const [a, b, other] = ask<Array<Array<{ why: string; args: string[] }>>>(
      `const f = ${JSON.stringify(flags)}; console.log(JSON.stringify([c.etcdCorpus({ seed: 9, flags: f }), c.etcdCorpus({ seed: 9, flags: f }), c.etcdCorpus({ seed: 10, flags: f })]));`,
    );
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, other);
    assert.ok(a!.some((c) => c.args.join(' ') === '--max-snapshots=5'));
    assert.ok(a!.some((c) => c.args.join(' ') === '--auto-tls=false'));
    assert.ok(a!.some((c) => c.args.includes('--experimental-distributed-tracing-address=dns:///')));
  });
});
