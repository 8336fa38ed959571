/**
 * The etcd golden vectors (test/golden/etcd/<release>.json, written by `node scripts/oracle.mjs etcd` from real
 * etcd servers built from go.etcd.io/etcd/server/v3): for every command line the real etcd ran, the service,
 * given the same command line in an etcd static pod whose image tag names that release, must agree.
 * - etcd exited: an Error whose message is etcd's error line;
 * - etcd started: no Error; every warning etcd logged (but those NOT_MODELLED lists, with the reason) is a finding
 *   with etcd's text that is not an Error (Warning for tracing flags, Information for other deprecated flags);
 *   any other Warning is one of our own advisory findings (etcd starts silently, the setting does nothing), never
 *   a claim that etcd prints what it does not.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, Severity } from '../helpers';
import type { Finding } from '../../../server/src/service/findings';
import { flagRegistered, isEtcdBoolFlag, parseEtcdVersion } from '../../../server/src/service/rules/etcd/facts';

interface Vector {
  why: string;
  args: string[];
  verdict: 'starts' | 'exits';
  status?: number | null;
  error?: string;
  warnings?: { msg: string; error?: string }[];
}

interface Golden {
  module: string;
  version: string;
  baseArgs: string[];
  flags: { name: string; bool: boolean }[];
  vectors: Vector[];
}

const GOLDEN_DIR = join(__dirname, '..', '..', 'golden', 'etcd');
const goldens: Golden[] = readdirSync(GOLDEN_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(GOLDEN_DIR, name), 'utf8')) as Golden);
const total = goldens.reduce((sum, golden) => sum + golden.vectors.length, 0);

/** Our findings in words of our own: etcd starts without a word, but the setting has no effect or cannot work. */
const ADVISORY = new Set(['etcd/tracing-not-enabled', 'etcd/address-has-scheme', 'etcd/cluster-dns-address']);

/**
 * etcd warnings the service does not model, each with the reason. Everything else etcd warns about at start
 * must come out of the service with etcd's text.
 */
const NOT_MODELLED: ReadonlyMap<string, string> = new Map([
  // Deprecation warnings for flags the newest etcd we know still registers: no consequence we know of, and
  // kubeadm's own manifests set --snapshot-count (flagAvailability.ts deprecatedFlagFinding says why).
  ['--snapshot-count is deprecated in 3.6 and will be decommissioned in 3.7.', 'still registered by 3.7'],
  ['--max-snapshots is deprecated in 3.6 and will be decommissioned in 3.7.', 'still registered by 3.7'],
  ['--max-snapshots is deprecated in 3.6 and will be decommissioned in 3.8.', 'still registered by 3.7'],
  [
    '--v2-deprecation is deprecated and scheduled for removal in v3.8. The default value is enforced, ignoring user input.',
    'still registered by 3.7',
  ],
]);

const BASE_VALUES: Record<string, string> = { dataDir: '/var/lib/etcd', clientPort: '2379', peerPort: '2380' };

function manifest(golden: Golden, args: string[]): string {
  const argv = [...golden.baseArgs.map((arg) => arg.replace(/\{(\w+)\}/g, (_, key: string) => BASE_VALUES[key]!)), ...args];
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: etcd',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    ...['etcd', ...argv].map((item) => `    - ${JSON.stringify(item)}`),
    `    image: registry.k8s.io/etcd:${golden.version.replace(/^v/, '')}-0`,
    '    name: etcd',
    '  hostNetwork: true',
    '',
  ].join('\n');
}

function describeFindings(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f) => `${Severity[f.severity]} ${f.code}: ${f.message}`));
}

/** What is wrong with the service's answer to one vector, or undefined when it agrees. */
function disagreement(golden: Golden, vector: Vector): string | undefined {
  const findings = validate(manifest(golden, vector.args), { fileName: 'manifests/etcd.yaml' });
  const errors = findings.filter((f) => f.severity === Severity.Error);
  const warnings = findings.filter((f) => f.severity === Severity.Warning);
  const notErrors = findings.filter((f) => f.severity !== Severity.Error);
  if (vector.verdict === 'exits') {
    if (!errors.some((f) => f.message === vector.error))
      return `etcd exits with ${JSON.stringify(vector.error)}; we say ${describeFindings(findings)}`;
    return undefined;
  }
  if (errors.length) return `etcd starts; we say ${describeFindings(errors)}`;
  const upstream = (vector.warnings ?? []).map((w) => w.msg).filter((msg) => !NOT_MODELLED.has(msg));
  const missing = upstream.filter((msg) => !notErrors.some((f) => f.message === msg));
  if (missing.length) return `etcd warns ${JSON.stringify(missing)}; we say ${describeFindings(findings)}`;
  const invented = warnings.filter((f) => !ADVISORY.has(f.code) && !upstream.includes(f.message));
  if (invented.length) return `etcd starts without these warnings; we say ${describeFindings(invented)}`;
  return undefined;
}

describe(`etcd golden vectors: the service agrees with real etcd on all ${total} command lines`, () => {
  it('has vectors for every release the oracle builds', () => {
    const built = (
      JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'oracle', 'etcd', 'releases.json'), 'utf8')) as { built: string[] }
    ).built;
    assert.deepEqual(goldens.map((g) => g.version).sort(), [...built].sort());
    for (const golden of goldens) assert.equal(golden.module, 'go.etcd.io/etcd/server/v3');
  });
  it('knows the flag set of every built release: each flag registered, as a bool or not, and no other', () => {
    const everyName = new Set(goldens.flatMap((golden) => golden.flags.map((flag) => flag.name)));
    for (const golden of goldens) {
      const version = parseEtcdVersion(golden.version)!;
      const own = new Map(golden.flags.map((flag) => [flag.name, flag.bool]));
      for (const name of everyName) {
        assert.equal(flagRegistered(name, version), own.has(name), `--${name} on etcd ${golden.version}`);
        if (own.has(name)) assert.equal(isEtcdBoolFlag(name), own.get(name), `--${name} is ${own.get(name) ? '' : 'not '}a bool flag`);
      }
    }
  });
  for (const golden of goldens) {
    it(`etcd ${golden.version}: ${golden.vectors.length} vectors`, () => {
      const wrong = golden.vectors.map((vector) => [vector, disagreement(golden, vector)] as const).filter(([, why]) => why !== undefined);
      assert.equal(
        wrong.length,
        0,
        `${wrong.length} of ${golden.vectors.length} disagree:\n${wrong
          .slice(0, 40)
          .map(([v, why]) => `  ${JSON.stringify(v.args)} (${v.why}): ${why}`)
          .join('\n')}`,
      );
    });
  }
});
