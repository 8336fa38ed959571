/**
 * etcd rules, against etcd's own messages (etcd server/etcdmain/config.go, server/embed/config.go,
 * server/embed/config_tracing.go; Go src/flag/flag.go) at the version boundaries 3.5.10/3.5.11, 3.5/3.6, 3.6/3.7.
 */
import { strict as assert } from 'node:assert';
import { validate, Severity } from '../helpers';
import type { Finding } from '../../../server/src/service/findings';

interface PodOptions {
  image?: string;
  hostNetwork?: boolean;
  /** Items of `args:` after `command: [etcd]`. */
  args?: string[];
}

/** An etcd static pod; the flags start on line 9 (1-based), one per line. */
function etcdPod(flags: string[], options: PodOptions = {}): string {
  const image = options.image === undefined ? 'registry.k8s.io/etcd:3.5.21-0' : options.image;
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: etcd',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    ...['etcd', ...flags].map((flag) => `    - ${flag}`),
    ...(options.args ? ['    args:', ...options.args.map((arg) => `    - ${arg}`)] : []),
    ...(image ? [`    image: ${image}`] : []),
    '    name: etcd',
    `  hostNetwork: ${options.hostNetwork ?? true}`,
    '',
  ].join('\n');
}

const FIRST_FLAG_LINE = 10;

function check(flags: string[], options: PodOptions & { kubernetes?: string; etcdSetting?: string } = {}): Finding[] {
  return validate(etcdPod(flags, options), {
    fileName: 'manifests/etcd.yaml',
    ...(options.kubernetes ? { version: options.kubernetes } : {}),
    settings: options.etcdSetting ? { etcdVersion: options.etcdSetting } : {},
  });
}

/** The single finding with that code, asserting there is exactly one. */
function only(findings: Finding[], code: string): Finding {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got ${JSON.stringify(findings.map((f) => `${f.code}: ${f.message}`))}`);
  return matching[0]!;
}

function line(finding: Finding): number {
  return finding.range.start.line + 1;
}

const ENABLE_35 = '--experimental-enable-distributed-tracing=true';
const ENABLE_36 = '--enable-distributed-tracing=true';

describe('etcd tracing flags', () => {
  describe('3.5.10 / 3.5.11: --experimental-distributed-tracing-sampling-rate', () => {
    const flags = [ENABLE_35, '--experimental-distributed-tracing-sampling-rate=100'];

    it('is an unknown flag on 3.5.10 (etcd exits)', () => {
      const finding = only(check(flags, { image: 'registry.k8s.io/etcd:3.5.10-0' }), 'etcd/flag-not-available');
      assert.equal(finding.message, 'flag provided but not defined: -experimental-distributed-tracing-sampling-rate');
      assert.equal(finding.severity, Severity.Error);
      assert.equal(line(finding), FIRST_FLAG_LINE + 1);
      assert.equal(finding.range.start.character, 6, 'on the flag name');
    });

    it('is accepted on 3.5.11', () => {
      assert.deepEqual(check(flags, { image: 'registry.k8s.io/etcd:3.5.11-0' }), []);
    });

    it('is only a warning when kubeadm pairing leaves the 3.5 patch unknown', () => {
      const finding = only(check(flags, { image: '', kubernetes: '1.33' }), 'etcd/flag-not-available');
      assert.equal(finding.severity, Severity.Warning);
      assert.match(finding.explanation, /etcd 3\.5\.x \(what kubeadm deploys with Kubernetes 1\.33/);
    });
  });

  describe('3.5 / 3.6: the un-prefixed names', () => {
    it('--enable-distributed-tracing is unknown to 3.5.21, with the experimental spelling suggested', () => {
      const finding = only(check([ENABLE_36]), 'etcd/flag-not-available');
      assert.equal(finding.message, 'flag provided but not defined: -enable-distributed-tracing');
      assert.equal(finding.severity, Severity.Error);
      assert.equal(line(finding), FIRST_FLAG_LINE);
      assert.match(finding.explanation, /--experimental-enable-distributed-tracing/);
    });

    it('is accepted by 3.6.0', () => {
      const findings = check([ENABLE_36, '--distributed-tracing-sampling-rate=100'], { image: 'registry.k8s.io/etcd:3.6.0-0' });
      assert.deepEqual(findings, []);
    });

    it("3.6 warns on the experimental names with etcd's deprecation text", () => {
      const finding = only(check([ENABLE_35], { image: 'registry.k8s.io/etcd:3.6.4-0' }), 'etcd/flag-deprecated');
      assert.equal(
        finding.message,
        '--experimental-enable-distributed-tracing is deprecated in 3.6 and will be decommissioned in 3.7. Use --enable-distributed-tracing instead.',
      );
      assert.equal(finding.severity, Severity.Warning);
      assert.equal(line(finding), FIRST_FLAG_LINE);
    });

    it('3.5 does not warn on the experimental names', () => {
      const findings = check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=100']);
      assert.deepEqual(findings, []);
    });

    it('3.6 refuses both names of one flag', () => {
      const findings = check(
        [
          ENABLE_36,
          '--experimental-distributed-tracing-address=localhost:4317',
          '--distributed-tracing-address=localhost:4318',
          '--distributed-tracing-sampling-rate=1',
        ],
        {
          image: 'registry.k8s.io/etcd:3.6.8-0',
        },
      );
      const finding = only(findings, 'etcd/flag-conflict');
      assert.equal(
        finding.message,
        'cannot set --experimental-distributed-tracing-address and --distributed-tracing-address at the same time, please use --distributed-tracing-address only',
      );
      assert.equal(finding.severity, Severity.Error);
      assert.equal(line(finding), FIRST_FLAG_LINE + 1);
      assert.equal(finding.related?.[0]?.range.start.line, FIRST_FLAG_LINE + 1);
    });

    it('kubeadm pairing: 3.5 with Kubernetes 1.33, 3.6 with 1.34', () => {
      const on133 = check([ENABLE_36, '--distributed-tracing-sampling-rate=5'], { image: '', kubernetes: '1.33' });
      assert.deepEqual(
        on133.map((f) => [f.code, f.severity, line(f)]),
        [
          ['etcd/flag-not-available', Severity.Error, FIRST_FLAG_LINE],
          ['etcd/flag-not-available', Severity.Error, FIRST_FLAG_LINE + 1],
        ],
      );
      assert.deepEqual(check([ENABLE_36, '--distributed-tracing-sampling-rate=5'], { image: '', kubernetes: '1.34' }), []);
    });

    it('the setting kubeTracing.etcdVersion applies when the image has no version tag', () => {
      const findings = check([ENABLE_36], { image: 'registry.k8s.io/etcd', etcdSetting: '3.5.9', kubernetes: '1.34' });
      assert.match(only(findings, 'etcd/flag-not-available').explanation, /etcd 3\.5\.9 \(setting kubeTracing\.etcdVersion\)/);
    });

    it('the image tag wins over the setting', () => {
      assert.deepEqual(
        check([ENABLE_36, '--distributed-tracing-sampling-rate=5'], { image: 'registry.k8s.io/etcd:3.6.1-0', etcdSetting: '3.5.9' }),
        [],
      );
    });
  });

  describe('3.4: no tracing flags at all', () => {
    it('the experimental flags are unknown to etcd 3.4.13 (the etcd of Kubernetes 1.19–1.21)', () => {
      const finding = only(check([ENABLE_35], { image: 'k8s.gcr.io/etcd:3.4.13-0' }), 'etcd/flag-not-available');
      assert.equal(finding.message, 'flag provided but not defined: -experimental-enable-distributed-tracing');
      assert.equal(finding.severity, Severity.Error);
    });

    it('other flags are not judged before 3.5: their list was not transcribed', () => {
      assert.deepEqual(check(['--some-3.4-only-flag=1'], { image: 'k8s.gcr.io/etcd:3.4.13-0' }), []);
    });
  });

  it('a hosted control plane: etcd in a StatefulSet, flags in args only, recognized by its image', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: etcd',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: etcd',
      '        image: quay.io/coreos/etcd:v3.5.9',
      '        args:',
      '        - --experimental-enable-distributed-tracing=true',
      '        - --experimental-distributed-tracing-sampling-rate=100',
      '',
    ].join('\n');
    const finding = only(validate(text, { fileName: 'hosted/etcd.yaml' }), 'etcd/flag-not-available');
    assert.equal(line(finding), 13);
    assert.match(finding.explanation, /etcd 3\.5\.9 \(image quay\.io\/coreos\/etcd:v3\.5\.9\)/);
  });

  describe('3.6 / 3.7: the experimental names are gone', () => {
    it('3.7 refuses --experimental-enable-distributed-tracing', () => {
      const finding = only(check([ENABLE_35], { image: 'gcr.io/etcd-development/etcd:v3.7.0' }), 'etcd/flag-removed');
      assert.equal(finding.message, 'flag provided but not defined: -experimental-enable-distributed-tracing');
      assert.equal(finding.severity, Severity.Error);
      assert.equal(line(finding), FIRST_FLAG_LINE);
    });

    it('3.7 accepts the un-prefixed names', () => {
      assert.deepEqual(
        check([ENABLE_36, '--distributed-tracing-sampling-rate=1000000'], { image: 'gcr.io/etcd-development/etcd:v3.7.0' }),
        [],
      );
    });
  });

  describe('unknown flags and command-line shape', () => {
    it('an unknown flag stops etcd, with the closest name suggested', () => {
      const finding = only(check(['--experimental-enable-distributed-tracin=true']), 'etcd/unknown-flag');
      assert.equal(finding.message, 'flag provided but not defined: -experimental-enable-distributed-tracin');
      assert.match(finding.explanation, /Did you mean --experimental-enable-distributed-tracing\?/);
    });

    it('a bool flag never takes the next item: etcd stops at the positional argument (3.5 wording)', () => {
      const findings = check(['--experimental-enable-distributed-tracing', '"true"', '--name=cp-1']);
      const finding = only(findings, 'etcd/not-a-flag');
      assert.equal(finding.message, "'true' is not a valid flag");
      assert.equal(line(finding), FIRST_FLAG_LINE + 1);
      assert.match(finding.explanation, /--experimental-enable-distributed-tracing=true/);
      assert.match(finding.explanation, /1 item\(s\) after it are not read/);
    });

    it('3.6 quotes the positional argument with %q', () => {
      const finding = only(check(['--enable-distributed-tracing', '"true"'], { image: 'registry.k8s.io/etcd:3.6.4-0' }), 'etcd/not-a-flag');
      assert.equal(finding.message, '"true" is not a valid flag');
    });

    it('a non-bool flag takes the next item, in command or across into args', () => {
      const findings = check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate'], { args: ['"250"'] });
      assert.deepEqual(findings, []);
    });

    it('a non-bool flag with nothing after it', () => {
      const finding = only(check([ENABLE_35, '--experimental-distributed-tracing-address']), 'etcd/flag-needs-argument');
      assert.equal(finding.message, 'flag needs an argument: -experimental-distributed-tracing-address');
      assert.equal(line(finding), FIRST_FLAG_LINE + 1);
    });

    it('flags given only in args, with a single dash, are read (the image entrypoint is etcd)', () => {
      const text = etcdPod([], { args: ['-experimental-enable-distributed-tracing=yes'] }).replace(
        '  - command:\n    - etcd\n    args:',
        '  - args:',
      );
      const finding = only(validate(text, { fileName: 'etcd.yaml' }), 'etcd/invalid-bool');
      assert.equal(finding.message, 'invalid boolean value "yes" for -experimental-enable-distributed-tracing: parse error');
    });
  });

  describe('values', () => {
    it('bools as strconv.ParseBool: yes is refused, T and 1 are accepted', () => {
      const finding = only(check(['--experimental-enable-distributed-tracing=yes']), 'etcd/invalid-bool');
      assert.equal(finding.message, 'invalid boolean value "yes" for -experimental-enable-distributed-tracing: parse error');
      assert.equal(line(finding), FIRST_FLAG_LINE);
      assert.equal(finding.range.start.character, 6 + '--experimental-enable-distributed-tracing='.length, 'on the value');
      for (const ok of ['T', '1', 'TRUE']) {
        assert.deepEqual(
          check([`--experimental-enable-distributed-tracing=${ok}`, '--experimental-distributed-tracing-sampling-rate=5']),
          [],
          ok,
        );
      }
    });

    it('the sampling rate as strconv.ParseInt(s, 0, 64)', () => {
      const finding = only(check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=1e3']), 'etcd/invalid-int');
      assert.equal(finding.message, 'invalid value "1e3" for flag -experimental-distributed-tracing-sampling-rate: parse error');
      const range = only(check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=99999999999999999999']), 'etcd/invalid-int');
      assert.equal(
        range.message,
        'invalid value "99999999999999999999" for flag -experimental-distributed-tracing-sampling-rate: value out of range',
      );
      assert.deepEqual(check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=0x10']), []);
      assert.deepEqual(check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=10_000']), []);
    });

    it('a negative rate with tracing enabled (3.5.11+)', () => {
      const finding = only(check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=-1']), 'etcd/sampling-rate-negative');
      assert.equal(finding.message, 'distributed tracing configurition is not valid: (tracing sampling rate must be positive)');
      assert.equal(finding.severity, Severity.Error);
      assert.equal(line(finding), FIRST_FLAG_LINE + 1);
    });

    it('above one million on 3.6; exactly one million is accepted', () => {
      const options = { image: 'registry.k8s.io/etcd:3.6.5-0' };
      const finding = only(check([ENABLE_36, '--distributed-tracing-sampling-rate=1000001'], options), 'etcd/sampling-rate-too-large');
      assert.equal(finding.message, 'distributed tracing configurition is not valid: (tracing sampling rate must be less than 1000000)');
      assert.deepEqual(check([ENABLE_36, '--distributed-tracing-sampling-rate=1000000'], options), []);
    });

    it('enabled with a zero or missing rate: Information, where the rate flag exists', () => {
      const zero = only(check([ENABLE_35, '--experimental-distributed-tracing-sampling-rate=0']), 'etcd/sampling-rate-zero');
      assert.equal(zero.severity, Severity.Information);
      assert.equal(line(zero), FIRST_FLAG_LINE + 1);
      const missing = only(check([ENABLE_35]), 'etcd/sampling-rate-zero');
      assert.equal(line(missing), FIRST_FLAG_LINE, 'on the enable flag');
      assert.deepEqual(check([ENABLE_35], { image: 'registry.k8s.io/etcd:3.5.10-0' }), [], 'no rate flag before 3.5.11: nothing to advise');
    });

    it('tracing flags without tracing enabled are ignored: warn once', () => {
      const finding = only(
        check(['--experimental-distributed-tracing-address=localhost:4317', '--experimental-distributed-tracing-sampling-rate=-5']),
        'etcd/tracing-not-enabled',
      );
      assert.equal(finding.severity, Severity.Warning);
      assert.equal(line(finding), FIRST_FLAG_LINE);
      assert.equal(
        finding.message,
        'distributed tracing is not enabled: --experimental-distributed-tracing-address, --experimental-distributed-tracing-sampling-rate have no effect',
      );
    });
  });

  describe('the collector address', () => {
    const flags = (address: string) => [
      ENABLE_35,
      `--experimental-distributed-tracing-address=${address}`,
      '--experimental-distributed-tracing-sampling-rate=100',
    ];

    it('a cluster DNS name in a hostNetwork pod', () => {
      for (const address of ['otel-collector.observability.svc:4317', 'otel-collector.observability.svc.cluster.local:4317']) {
        const finding = only(check(flags(address)), 'etcd/cluster-dns-address');
        assert.equal(finding.severity, Severity.Warning);
        assert.equal(line(finding), FIRST_FLAG_LINE + 1);
      }
    });

    it('no warning without hostNetwork, or for a node-resolvable address', () => {
      assert.deepEqual(check(flags('otel-collector.observability.svc:4317'), { hostNetwork: false }), []);
      assert.deepEqual(check(flags('localhost:4317')), []);
      assert.deepEqual(check(flags('10.0.0.5:4317')), []);
    });

    it('a URL instead of host:port', () => {
      const finding = only(check(flags('http://localhost:4317')), 'etcd/address-has-scheme');
      assert.deepEqual(finding.data, { replacement: 'localhost:4317' });
    });

    it('gRPC resolver targets are addresses gRPC dials (dns:///, unix://): no warning; their host is still checked', () => {
      assert.deepEqual(check(flags('dns:///localhost:4317')), []);
      assert.deepEqual(check(flags('unix:///var/run/otel.sock')), []);
      only(check(flags('dns:///otel-collector.observability.svc:4317')), 'etcd/cluster-dns-address');
    });

    it('a URL with no host gets no empty suggestion', () => {
      const finding = only(check(flags('http:///localhost:4317')), 'etcd/address-has-scheme');
      assert.doesNotMatch(finding.explanation, /Write {2}instead/);
      assert.match(finding.explanation, /Write the collector's host:port instead\.$/);
      assert.equal(finding.data, undefined);
    });
  });

  it('--config-file makes etcd ignore the tracing flags (but still parse them)', () => {
    const findings = check(['--config-file=/etc/etcd/etcd.conf.yml', ENABLE_35, '--experimental-distributed-tracing-sampling-rate=-1']);
    const finding = only(findings, 'etcd/flags-ignored-with-config-file');
    assert.equal(
      finding.message,
      'loaded server configuration, other configuration command line flags and environment variables will be ignored if provided',
    );
    assert.equal(finding.severity, Severity.Warning);
    assert.equal(line(finding), FIRST_FLAG_LINE + 1);
    assert.deepEqual(
      findings.map((f) => f.code),
      ['etcd/flags-ignored-with-config-file'],
      'no rate error: the value is never used',
    );
    const parsedStill = check(['--config-file=/etc/etcd/etcd.conf.yml', '--experimental-enable-distributed-tracing=maybe']);
    assert.ok(
      parsedStill.some((f) => f.code === 'etcd/invalid-bool'),
      'flag parsing comes first',
    );
  });

  it("an etcd image run through an entrypoint script is not judged (we cannot see etcd's argv)", () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: app-etcd',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: etcd',
      '        image: docker.io/bitnami/etcd:3.5.16-debian-12-r2',
      '        command: [/opt/bitnami/scripts/etcd/entrypoint.sh]',
      '        args: [/opt/bitnami/scripts/etcd/run.sh, --enable-distributed-tracing=true]',
      '      - name: etcd-2',
      '        image: docker.io/bitnami/etcd:3.5.16-debian-12-r2',
      '        args: [/opt/bitnami/scripts/etcd/run.sh]',
      '',
    ].join('\n');
    assert.deepEqual(validate(text, { fileName: 'apps/etcd.yaml' }), []);
  });

  it('a shell-wrapped command is not split (no findings)', () => {
    const text = etcdPod([]).replace(
      '  - command:\n    - etcd',
      '  - command:\n    - sh\n    - -c\n    - etcd --enable-distributed-tracing=bogus',
    );
    assert.deepEqual(validate(text, { fileName: 'etcd.yaml' }), []);
  });
});

/**
 * Facts the etcd oracle found (oracle/etcd: real servers, the flag registrations of every patch release, and
 * kubeadm's SupportedEtcdVersion), at the patch boundaries the golden vectors do not run.
 */
describe('etcd facts from the oracle', () => {
  const at = (version: string, flags: string[]): Finding[] => check(flags, { image: `registry.k8s.io/etcd:${version}-0` });
  const codes = (findings: Finding[]): string[] => findings.map((f) => `${f.code}: ${f.message}`);

  it('kubeadm pairs 1.37 and 1.38 with etcd 3.7: the experimental tracing flag stops etcd', () => {
    for (const kubernetes of ['1.37', '1.38']) {
      const finding = only(check([ENABLE_35], { image: '', kubernetes }), 'etcd/flag-removed');
      assert.equal(finding.message, 'flag provided but not defined: -experimental-enable-distributed-tracing');
      assert.match(finding.explanation, /etcd 3\.7\.x \(what kubeadm deploys with Kubernetes 1\.3[78]/);
    }
    assert.equal(only(check([ENABLE_35], { image: '', kubernetes: '1.36' }), 'etcd/flag-deprecated').severity, Severity.Warning);
  });

  it('flags that appeared in 3.5 patch releases are unknown before them', () => {
    for (const [flag, first] of [
      ['--experimental-enable-lease-checkpoint-persist=true', 2],
      ['--max-concurrent-streams=100', 5],
      ['--tls-min-version=TLS1.2', 8],
      ['--experimental-stop-grpc-service-on-defrag=true', 14],
      ['--experimental-compaction-sleep-interval=10ms', 16],
    ] as const) {
      assert.equal(
        only(at(`3.5.${first - 1}`, [flag]), 'etcd/unknown-flag').message,
        `flag provided but not defined: -${flag.slice(2, flag.indexOf('='))}`,
      );
      assert.deepEqual(codes(at(`3.5.${first}`, [flag])), [], `${flag} in 3.5.${first}`);
    }
  });

  it('flags our old list accepted that no 3.5/3.6 server registers', () => {
    for (const flag of [
      '--experimental-max-learners=1',
      '--experimental-wait-cluster-ready-timeout=5s',
      '--experimental-enable-grpc-logging=true',
      '--disable-log-sampling=true',
    ]) {
      for (const version of ['3.5.21', '3.6.4'])
        assert.equal(only(at(version, [flag]), 'etcd/unknown-flag').severity, Severity.Error, `${flag} on ${version}`);
    }
    assert.equal(only(at('3.5.21', ['--log-format=json']), 'etcd/unknown-flag').severity, Severity.Error);
    assert.deepEqual(codes(at('3.6.4', ['--log-format=json'])), []);
  });

  it('--max-snapshots is still registered by 3.7 (deprecated, with no consequence we know: no finding)', () => {
    for (const version of ['3.5.21', '3.6.4', '3.7.3']) assert.deepEqual(codes(at(version, ['--max-snapshots=5'])), [], version);
  });

  it("a deprecated flag a later release refuses is Information with etcd's warning", () => {
    const watch = only(at('3.6.4', ['--experimental-watch-progress-notify-interval=5s']), 'etcd/flag-deprecated');
    assert.equal(watch.severity, Severity.Information);
    assert.equal(
      watch.message,
      "--experimental-watch-progress-notify-interval is deprecated in v3.6 and will be decommissioned in v3.7. Use '--watch-progress-notify-interval' instead.",
    );
    assert.equal(
      only(at('3.5.18', ['--enable-v2=false']), 'etcd/flag-deprecated').message,
      '--enable-v2 is deprecated in 3.5 and will be decommissioned in 3.6.',
    );
    assert.deepEqual(codes(at('3.5.17', ['--enable-v2=false'])), []);
    assert.deepEqual(codes(at('3.6.4', ['--snapshot-count=10000'])), [], 'kubeadm writes it; 3.7 still accepts it');
  });

  it('3.5.11-3.5.34 resolve the tracing address at start: an empty or host-less dns: target stops etcd', () => {
    const address = (value: string) => [ENABLE_35, `--experimental-distributed-tracing-address=${value}`];
    assert.equal(
      only(at('3.5.11', address('dns:///')), 'etcd/address-refused-at-start').message,
      'failed to build resolver: dns resolver: missing address',
    );
    assert.equal(only(at('3.5.22', address('dns://8.8.8.8/')), 'etcd/address-refused-at-start').message, 'dns resolver: missing address');
    assert.equal(
      only(at('3.5.34', address('')), 'etcd/address-refused-at-start').message,
      'failed to exit idle mode: failed to start resolver: passthrough: received empty target in Build()',
    );
    for (const version of ['3.5.10', '3.5.35', '3.6.16']) {
      const flags = version.startsWith('3.6') ? [ENABLE_36, '--distributed-tracing-address=dns:///'] : address('dns:///');
      assert.equal(errors(at(version, flags)).length, 0, version);
    }
    assert.equal(errors(at('3.5.11', address('dns:///localhost:4317'))).length, 0);
  });
});

function errors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === Severity.Error);
}
