import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkGateAssignments, closestGate, gateSpecAt, parseFeatureGates } from '../../../server/src/service/rules/feature-gates';
import { parseFile } from '../../../server/src/service/yaml/parse';
import type { Finding } from '../../../server/src/service/findings';
import { Severity, validate, where } from '../helpers';

const minor = (text: string) => ({ major: 1, minor: Number(text.split('.')[1]) });

describe('feature gates: parsing like featuregate.Set', () => {
  // Cases from component-base featuregate/feature_gate_test.go TestFeatureGateFlag, plus Set's edge cases.
  it('"AllAlpha=banana": invalid value with strconv.ParseBool\'s error', () => {
    const parsed = parseFeatureGates('AllAlpha=banana');
    assert.deepEqual(parsed.assignments, []);
    assert.deepEqual(
      parsed.errors.map((e) => e.message),
      ['invalid value of AllAlpha=banana, err: strconv.ParseBool: parsing "banana": invalid syntax'],
    );
  });

  it('TrimSpace on keys and values; only truly empty items are skipped', () => {
    const parsed = parseFeatureGates(' AllAlpha = true ,,AllBeta=F');
    assert.deepEqual(
      parsed.assignments.map((a) => [a.name, a.value]),
      [
        ['AllAlpha', true],
        ['AllBeta', false],
      ],
    );
    assert.deepEqual(parsed.errors, []);
    // A blank item is not empty: Go reports it with an empty name.
    assert.deepEqual(
      parseFeatureGates('A=true, ').errors.map((e) => e.message),
      ['missing bool value for '],
    );
  });

  it('"AllAlpha" alone: missing bool value; "X=" is ParseBool of ""', () => {
    assert.deepEqual(
      parseFeatureGates('AllAlpha').errors.map((e) => e.message),
      ['missing bool value for AllAlpha'],
    );
    assert.deepEqual(
      parseFeatureGates('X=').errors.map((e) => e.message),
      ['invalid value of X=, err: strconv.ParseBool: parsing "": invalid syntax'],
    );
  });

  it("accepts exactly Go's ParseBool spellings", () => {
    const good = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];
    assert.deepEqual(parseFeatureGates(good.map((v, i) => `G${i}=${v}`).join(',')).errors, []);
    for (const bad of ['yes', 'on', 'tRUE', '2']) assert.equal(parseFeatureGates(`G=${bad}`).errors.length, 1, bad);
  });

  it('positions: name and value spans exclude the white space', () => {
    const [assignment] = parseFeatureGates('A=1, Foo =  false').assignments.slice(1);
    assert.deepEqual([assignment!.nameStart, assignment!.nameEnd, assignment!.valueStart, assignment!.valueEnd], [5, 8, 12, 17]);
  });
});

describe('feature gates: the table', () => {
  it('follows APIServerTracing and KubeletTracing through their lifecycles', () => {
    assert.equal(gateSpecAt('APIServerTracing', minor('1.21')), undefined);
    assert.deepEqual(gateSpecAt('APIServerTracing', minor('1.22')), {
      name: 'APIServerTracing',
      stage: 'alpha',
      default: false,
      locked: false,
    });
    assert.deepEqual(gateSpecAt('APIServerTracing', minor('1.27')), {
      name: 'APIServerTracing',
      stage: 'beta',
      default: true,
      locked: false,
    });
    assert.deepEqual(gateSpecAt('APIServerTracing', minor('1.36')), {
      name: 'APIServerTracing',
      stage: 'stable',
      default: true,
      locked: true,
    });
    assert.equal(gateSpecAt('APIServerTracing', minor('1.37')), undefined);
    assert.deepEqual(gateSpecAt('KubeletTracing', minor('1.37')), { name: 'KubeletTracing', stage: 'stable', default: true, locked: true });
    assert.equal(gateSpecAt('KubeletTracing', minor('1.38')), undefined, 'removed in 1.38.0-alpha.1');
  });

  it('suggests the closest known name of that version', () => {
    assert.equal(closestGate('APIServerTraicng', minor('1.30')), 'APIServerTracing');
    assert.equal(closestGate('apiservertracing', minor('1.30')), 'APIServerTracing');
    assert.equal(closestGate('CompletelyUnrelatedThing', minor('1.30')), undefined);
  });
});

describe('feature gates: --feature-gates on kube-apiserver', () => {
  const pod = (gates: string, version: string) => `kind: Pod
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v${version}.0
    command:
    - kube-apiserver
    - --feature-gates=${gates}
`;
  const check = (gates: string, version: string) => validate(pod(gates, version), { fileName: 'kube-apiserver.yaml' });
  const column = (finding: Finding) => finding.range.start.character - '    - --feature-gates='.length;

  it('"fooBarBaz=true": unrecognized feature gate, on the name (line 8)', () => {
    const findings = check('fooBarBaz=true', '1.30');
    assert.deepEqual(where(findings), ['8:23 feature-gates/unrecognized']);
    assert.equal(findings[0]!.message, 'unrecognized feature gate: fooBarBaz');
    assert.match(
      findings[0]!.explanation,
      /invalid argument "fooBarBaz=true" for "--feature-gates" flag: unrecognized feature gate: fooBarBaz/,
    );
  });

  it('a misspelt gate gets a suggestion and a replacement', () => {
    const [finding] = check('APIServerTracing=true,KubeletTracng=true', '1.30');
    assert.equal(finding!.message, 'unrecognized feature gate: KubeletTracng');
    assert.equal(column(finding!), 'APIServerTracing=true,'.length);
    assert.match(finding!.explanation, /Did you mean KubeletTracing\?/);
    assert.deepEqual(finding!.data, { replacement: 'KubeletTracing' });
  });

  it('syntax errors point at the item; the other items are still checked', () => {
    const findings = check('APIServerTracing,Bogus=true', '1.30');
    assert.deepEqual(
      findings.map((f) => [f.code, f.message, column(f)]),
      [
        ['feature-gates/missing-bool-value', 'missing bool value for APIServerTracing', 0],
        ['feature-gates/unrecognized', 'unrecognized feature gate: Bogus', 'APIServerTracing,'.length],
      ],
    );
  });

  it('the GA warning text of 1.33 matches a real 1.33.7 kube-apiserver log line', () => {
    // "W0218 … feature_gate.go:352] Setting GA feature gate MultiCIDRServiceAllocator=false. It will be removed in a future release."
    const [finding] = check('MultiCIDRServiceAllocator=false', '1.33');
    assert.equal(finding!.severity, Severity.Information);
    assert.equal(finding!.message, 'Setting GA feature gate MultiCIDRServiceAllocator=false. It will be removed in a future release.');
    // 1.34 locks it to true: the same setting stops kube-apiserver.
    assert.equal(
      check('MultiCIDRServiceAllocator=false', '1.34')[0]!.message,
      'cannot set feature gate MultiCIDRServiceAllocator to false, feature is locked to true',
    );
  });

  it("the last duplicate wins, as in Go's map", () => {
    assert.deepEqual(
      where(check('APIServerTracing=false,APIServerTracing=true', '1.34')).map((w) => w.split(' ')[1]),
      ['feature-gates/ga-or-deprecated'],
    );
  });

  it('1.35 enforces dependencies; 1.34 does not', () => {
    const [finding] = check('ClusterTrustBundleProjection=true', '1.35');
    assert.equal(finding!.code, 'feature-gates/disabled-dependency');
    assert.equal(
      finding!.message,
      'ClusterTrustBundleProjection is enabled, but depends on features that are disabled: [ClusterTrustBundle]',
    );
    assert.deepEqual(check('ClusterTrustBundleProjection=true,ClusterTrustBundle=true', '1.35'), []);
    assert.deepEqual(check('ClusterTrustBundleProjection=true', '1.34'), []);
  });
});

describe("feature gates: reuse for the kubelet's featureGates map", () => {
  it("checks assignments located anywhere in a file, with the kubelet's error prefix", () => {
    const text = 'featureGates:\n  KubeletTracing: false\n';
    const file = parseFile('file:///workspace/kubelet.yaml', text);
    const at = (s: string) => text.indexOf(s);
    const findings = checkGateAssignments(
      [
        {
          name: 'KubeletTracing',
          value: false,
          nameStart: at('KubeletTracing'),
          nameEnd: at(':'),
          valueStart: at('false'),
          valueEnd: at('false') + 5,
        },
      ],
      {
        file,
        version: { version: minor('1.34'), source: 'setting' },
        component: 'kubelet',
        prints: (message) => `failed to set feature gates from initial flags-based config: ${message}`,
      },
    );
    assert.deepEqual(where(findings), ['2:19 feature-gates/locked']);
    assert.equal(findings[0]!.message, 'cannot set feature gate KubeletTracing to false, feature is locked to true');
    assert.match(
      findings[0]!.explanation,
      /^kubelet exits at start-up: failed to set feature gates from initial flags-based config: cannot set/,
    );
  });
});

describe('feature gates: the generated table is current', () => {
  it("regenerating schemas/feature-gates.json from the oracle's registries (test/golden/feature-gates/registry) gives the committed file, byte for byte", () => {
    const output = join(mkdtempSync(join(tmpdir(), 'kube-tracing-gates-')), 'feature-gates.json');
    const run = spawnSync(process.execPath, [join(__dirname, '../../../scripts/generate-feature-gates.mjs'), output], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(output, 'utf8'), readFileSync(join(__dirname, '../../../schemas/feature-gates.json'), 'utf8'));
  });
});
