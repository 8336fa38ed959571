import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../server/src/service/findings';
import { Severity, validate, where } from '../helpers';

interface ManifestOptions {
  image?: string;
  flags?: string[];
  mountName?: string;
  mountPath?: string;
  volumeName?: string;
  volumeSource?: string;
}

/**
 * A kube-apiserver static pod in kubeadm's layout (cmd/kubeadm/app/phases/controlplane/manifests.go), trimmed to
 * what tracing touches. The flags start on line 9; `line(i)` is the line of flags[i].
 */
function manifest(options: ManifestOptions = {}): string {
  const flags = options.flags ?? ['--tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml'];
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
${flags.map((f) => `    - ${f}`).join('\n')}
    image: ${options.image ?? 'registry.k8s.io/kube-apiserver:v1.30.0'}
    name: kube-apiserver
    volumeMounts:
    - mountPath: ${options.mountPath ?? '/etc/kubernetes/tracing'}
      name: ${options.mountName ?? 'tracing'}
      readOnly: true
  hostNetwork: true
  volumes:
  - ${options.volumeSource ?? 'hostPath:\n      path: /etc/kubernetes/tracing\n      type: DirectoryOrCreate'}
    name: ${options.volumeName ?? 'tracing'}
`;
}
const flagLine = (index: number) => 10 + index;
const CONFIG_FLAG = '--tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml';

function check(text: string, version?: string): Finding[] {
  return validate(text, { fileName: 'manifests/kube-apiserver.yaml', ...(version ? { version } : {}) });
}

function only(findings: Finding[], code: string): Finding {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got ${JSON.stringify(where(findings))}`);
  return matching[0]!;
}

describe('kube-apiserver: --tracing-config-file by version (1.21/1.22)', () => {
  it('1.21 does not know the flag: pflag\'s "unknown flag", on the flag name', () => {
    const findings = check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.21.14' }));
    const finding = only(findings, 'kube-apiserver/unknown-flag');
    assert.equal(finding.message, 'unknown flag: --tracing-config-file');
    assert.equal(finding.severity, Severity.Error);
    assert.equal(finding.range.start.line + 1, flagLine(0));
    assert.equal(finding.range.start.character, 6);
    assert.equal(finding.range.end.character, 6 + '--tracing-config-file'.length);
    assert.match(finding.explanation, /image registry\.k8s\.io\/kube-apiserver:v1\.21\.14/);
  });

  it('1.22 knows it (the alpha gate is the only concern there)', () => {
    const findings = check(
      manifest({ image: 'registry.k8s.io/kube-apiserver:v1.22.0', flags: ['--feature-gates=APIServerTracing=true', CONFIG_FLAG] }),
    );
    assert.deepEqual(where(findings), []);
  });

  it('a single dash is pflag shorthand; a bare flag needs an argument', () => {
    // pflag quotes the whole argument after the dash, `=value` included (a 1.37.2 kube-apiserver says so: oracle/kube-apiserver-flags).
    assert.equal(
      only(check(manifest({ flags: ['-tracing-config-file=/etc/kubernetes/tracing/t.yaml'] })), 'kube-apiserver/unknown-flag').message,
      "unknown shorthand flag: 't' in -tracing-config-file=/etc/kubernetes/tracing/t.yaml",
    );
    // -h is a boolean shorthand (help): pflag reads on letter by letter and names what is left (a 1.32.13
    // kube-apiserver says so: oracle/kube-apiserver-flags; 1.37 has the same -h and -v); -v takes a value and ends the
    // letters.
    assert.equal(
      only(
        check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.37.2', flags: ['-http2-max-streams-per-connection=x'] })),
        'kube-apiserver/unknown-flag',
      ).message,
      "unknown shorthand flag: 't' in -ttp2-max-streams-per-connection=x",
    );
    assert.deepEqual(
      check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.37.2', flags: ['-v2', '-hv2'] })).filter(
        (f) => f.code === 'kube-apiserver/unknown-flag',
      ),
      [],
    );
    assert.equal(
      only(check(manifest({ flags: ['--tracing-config-file'] })), 'kube-apiserver/flag-needs-argument').message,
      'flag needs an argument: --tracing-config-file',
    );
  });
});

describe('kube-apiserver: APIServerTracing by version', () => {
  it('1.26 (alpha, off): a config file without the gate is silently ignored: Warning on the flag, with the fix', () => {
    const findings = check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.26.3' }));
    const finding = only(findings, 'kube-apiserver/tracing-gate-off');
    assert.equal(finding.severity, Severity.Warning);
    assert.equal(finding.message, '--tracing-config-file is ignored: feature gate APIServerTracing is alpha and off by default in 1.26');
    assert.equal(finding.range.start.line + 1, flagLine(0));
    assert.match(finding.explanation, /--feature-gates=APIServerTracing=true/);
    assert.equal(findings.length, 1);
  });

  it('1.26: AllAlpha=true turns the alpha gate on too (featuregate special gate)', () => {
    assert.deepEqual(
      where(check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.26.3', flags: ['--feature-gates=AllAlpha=true', CONFIG_FLAG] }))),
      [],
    );
  });

  it('1.27 (beta, on): the same manifest is fine', () => {
    assert.deepEqual(where(check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.27.0' }))), []);
  });

  it('1.27 and 1.33: APIServerTracing=false silently disables tracing: Warning on the assignment', () => {
    for (const image of ['registry.k8s.io/kube-apiserver:v1.27.1', 'registry.k8s.io/kube-apiserver:v1.33.0']) {
      const findings = check(manifest({ image, flags: ['--feature-gates=APIServerTracing=false', CONFIG_FLAG] }));
      const finding = only(findings, 'kube-apiserver/tracing-gate-disabled');
      assert.equal(finding.severity, Severity.Warning);
      assert.equal(finding.message, 'APIServerTracing=false: kube-apiserver ignores --tracing-config-file and does not trace');
      assert.equal(finding.range.start.line + 1, flagLine(0));
      assert.equal(finding.range.start.character, 6 + '--feature-gates='.length);
      assert.equal(findings.length, 1, JSON.stringify(where(findings)));
    }
  });

  it('1.34 (GA, locked): APIServerTracing=false is the locked-gate error, on the value', () => {
    const findings = check(
      manifest({ image: 'registry.k8s.io/kube-apiserver:v1.34.1', flags: ['--feature-gates=APIServerTracing=false', CONFIG_FLAG] }),
    );
    const finding = only(findings, 'feature-gates/locked');
    assert.equal(finding.severity, Severity.Error);
    assert.equal(finding.message, 'cannot set feature gate APIServerTracing to false, feature is locked to true');
    assert.equal(finding.range.start.line + 1, flagLine(0));
    assert.equal(finding.range.start.character, 6 + '--feature-gates=APIServerTracing='.length);
    assert.equal(findings.length, 1);
  });

  it('1.33/1.34: APIServerTracing=true is plain on 1.33 and a GA warning (Information) on 1.34', () => {
    const flags = ['--feature-gates=APIServerTracing=true', CONFIG_FLAG];
    assert.deepEqual(where(check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.33.2', flags }))), []);
    const finding = only(check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.34.0', flags })), 'feature-gates/ga-or-deprecated');
    assert.equal(finding.severity, Severity.Information);
    assert.equal(finding.message, 'Setting GA feature gate APIServerTracing=true. It will be removed in a future release.');
  });

  it('1.36/1.37: the gate is known on 1.36 and unrecognized on 1.37 (Error)', () => {
    const flags = ['--feature-gates=APIServerTracing=true', CONFIG_FLAG];
    assert.equal(
      check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.36.0', flags })).filter((f) => f.severity === Severity.Error).length,
      0,
    );
    const finding = only(check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.37.0-beta.0', flags })), 'feature-gates/unrecognized');
    assert.equal(finding.message, 'unrecognized feature gate: APIServerTracing');
    assert.equal(finding.range.start.line + 1, flagLine(0));
    assert.equal(finding.range.start.character, 6 + '--feature-gates='.length);
    assert.match(finding.explanation, /registered from Kubernetes 1\.22 up to 1\.36/);
    // Without the gate, 1.37 always applies the config file: nothing to say.
    assert.deepEqual(where(check(manifest({ image: 'registry.k8s.io/kube-apiserver:v1.37.0-beta.0' }))), []);
  });

  it('--emulated-version=1.33 on a 1.34 binary: APIServerTracing is beta and unlocked again (rules §2.3)', () => {
    const image = 'registry.k8s.io/kube-apiserver:v1.34.0';
    const findings = check(manifest({ image, flags: ['--emulated-version=1.33', '--feature-gates=APIServerTracing=false', CONFIG_FLAG] }));
    assert.deepEqual(where(findings), [`${flagLine(1)}:23 kube-apiserver/tracing-gate-disabled`]);
    assert.match(findings[0]!.explanation, /1\.33 \(emulated\)/);
    // The same with kube=1.33, and without emulation it is the locked error again.
    assert.deepEqual(
      where(check(manifest({ image, flags: ['--emulated-version=kube=1.33', '--feature-gates=APIServerTracing=false', CONFIG_FLAG] }))).map(
        (w) => w.split(' ')[1],
      ),
      ['kube-apiserver/tracing-gate-disabled'],
    );
    assert.deepEqual(
      where(check(manifest({ image, flags: ['--feature-gates=APIServerTracing=false', CONFIG_FLAG] }))).map((w) => w.split(' ')[1]),
      ['feature-gates/locked'],
    );
  });

  it('--emulated-version: a gate newer than the emulated minor is PreAlpha there', () => {
    // MutableCSINodeAllocatableCount first appears in 1.33 (alpha): a 1.33 binary emulating 1.32 refuses it.
    const findings = check(
      manifest({
        image: 'registry.k8s.io/kube-apiserver:v1.33.0',
        flags: ['--emulated-version=1.32', '--feature-gates=MutableCSINodeAllocatableCount=true', CONFIG_FLAG],
      }),
    );
    const finding = only(findings, 'feature-gates/pre-alpha-at-emulated-version');
    assert.equal(
      finding.message,
      'cannot set feature gate MutableCSINodeAllocatableCount to true, feature is PreAlpha at emulated version 1.32',
    );
    assert.equal(finding.range.start.line + 1, flagLine(1));
  });

  it('the setting overrides the image tag', () => {
    const text = manifest({ image: 'registry.k8s.io/kube-apiserver:v1.30.0' });
    assert.equal(only(check(text, '1.21'), 'kube-apiserver/unknown-flag').message, 'unknown flag: --tracing-config-file');
  });
});

describe('kube-apiserver: the mount chain', () => {
  it('no volumeMount covers the path: "tracing-config-file <path> does not exist", on the path', () => {
    const findings = check(manifest({ flags: ['--tracing-config-file=/etc/otel/tracing.yaml'] }));
    const finding = only(findings, 'kube-apiserver/tracing-config-not-mounted');
    assert.equal(finding.message, 'tracing-config-file /etc/otel/tracing.yaml does not exist');
    assert.equal(finding.range.start.line + 1, flagLine(0));
    assert.equal(finding.range.start.character, 6 + '--tracing-config-file='.length);
  });

  it('a mount whose name differs from the volume: one error on the mount name, one on the volume name', () => {
    const text = manifest({ mountName: 'tracing-config', volumeName: 'tracing' });
    const findings = check(text);
    const mountError = only(findings, 'kube-apiserver/volume-mount-without-volume');
    assert.equal(mountError.message, 'spec.containers[0].volumeMounts[0].name: Not found: "tracing-config"');
    assert.equal(mountError.range.start.line + 1, 15);
    const volumeError = only(findings, 'kube-apiserver/volume-name-mismatch');
    assert.equal(
      volumeError.message,
      'volume "tracing" is not mounted: the volumeMount for /etc/kubernetes/tracing names "tracing-config"',
    );
    assert.equal(volumeError.range.start.line + 1, 22);
    assert.equal(findings.length, 2);
  });

  it('an emptyDir volume does not bring the file', () => {
    const finding = only(check(manifest({ volumeSource: 'emptyDir: {}' })), 'kube-apiserver/tracing-config-volume-empty');
    assert.equal(finding.message, 'tracing-config-file /etc/kubernetes/tracing/tracing-config.yaml does not exist');
  });

  it('configMap, secret and projected volumes, and a subPath mount of the file itself, are fine', () => {
    assert.deepEqual(where(check(manifest({ volumeSource: 'configMap:\n      name: apiserver-tracing' }))), []);
    assert.deepEqual(where(check(manifest({ volumeSource: 'secret:\n      secretName: apiserver-tracing' }))), []);
    assert.deepEqual(where(check(manifest({ volumeSource: 'projected:\n      sources: []' }))), []);
    assert.deepEqual(where(check(manifest({ mountPath: '/etc/kubernetes/tracing/tracing-config.yaml' }))), []);
  });

  it("uses the pod template's field path in a Deployment", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: kube-apiserver
        image: registry.k8s.io/kube-apiserver:v1.31.0
        command: [kube-apiserver, --tracing-config-file=/etc/tracing/config.yaml]
        volumeMounts:
        - {name: tracing-cfg, mountPath: /etc/tracing}
      volumes:
      - {name: tracing, configMap: {name: tracing}}
`;
    const finding = only(check(text), 'kube-apiserver/volume-mount-without-volume');
    assert.equal(finding.message, 'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "tracing-cfg"');
  });
});

describe("kube-apiserver: no false alarms on kubeadm's manifests", () => {
  const fixtures = join(__dirname, '../../fixtures/kubeadm');
  for (const minor of [
    '1.22',
    '1.23',
    '1.24',
    '1.25',
    '1.26',
    '1.27',
    '1.28',
    '1.29',
    '1.30',
    '1.31',
    '1.32',
    '1.33',
    '1.34',
    '1.35',
    '1.36',
  ]) {
    it(`${minor}: kube-apiserver.yaml, plain and with tracing turned on`, () => {
      for (const path of [`${minor}/kube-apiserver.yaml`, `${minor}/tracing-on/kube-apiserver.yaml`]) {
        const text = readFileSync(join(fixtures, path), 'utf8');
        assert.match(text, new RegExp(`kube-apiserver:v${minor.replace('.', '\\.')}\\.`), `${path} pins its version by image`);
        assert.deepEqual(where(check(text)), [], path);
      }
    });
  }
});

describe('kube-apiserver: hostile shapes', () => {
  it('wrong types where lists and maps belong give no internal error and no false alarm', () => {
    const texts = [
      'kind: Pod\nspec:\n  containers: {a: 1}\n',
      'kind: Pod\nspec:\n  containers:\n  - command: kube-apiserver\n',
      'kind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, 1, true, null, {a: b}, [x]]\n    volumeMounts: "x"\n  volumes: 7\n',
      'kind: Deployment\nspec:\n  template: 3\n',
      'kind: Pod\nspec:\n  containers:\n  - &c {command: [kube-apiserver, --feature-gates=APIServerTraicng=true]}\n  - *c\n',
    ];
    const results = texts.map((text) => where(check(text)));
    assert.deepEqual(results.slice(0, 4), [[], [], [], []]);
    // An alias repeats the container: both copies are checked, at the anchored node.
    assert.deepEqual(results[4], ['4:51 feature-gates/unrecognized', '4:51 feature-gates/unrecognized']);
  });

  it('a mount without a name is "Required value"; a flag unknown to the version is not checked further', () => {
    const noName =
      'kind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, --tracing-config-file=/a/b.yaml]\n    volumeMounts: [{mountPath: /a}]\n';
    assert.equal(
      only(check(noName), 'kube-apiserver/volume-mount-without-volume').message,
      'spec.containers[0].volumeMounts[0].name: Required value',
    );
    const old =
      'kind: Pod\nspec:\n  containers:\n  - image: registry.k8s.io/kube-apiserver:v1.19.0\n    args: [--tracing-config-file=/x]\n';
    assert.deepEqual(where(check(old)), ['5:12 kube-apiserver/unknown-flag']);
  });
});
