/**
 * The decoding and validation rules of docs/tracing-configuration.md (§ numbers below are those of the reference it was written from), each with its exact
 * message, code, severity and line:column, across the Kubernetes minors where the outcome changes.
 */
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/service/yaml/parse';
import { mapEntries } from '../../../server/src/service/yaml/nodes';
import { checkStrictFields, checkTracingFields } from '../../../server/src/service/rules/tracing-configuration/fields';
import type { TracingFieldsTarget } from '../../../server/src/service/rules/tracing-configuration/target';
import { kubernetesVersionFromSetting } from '../../../server/src/service/versions';
import type { Finding } from '../../../server/src/service/findings';
import { errors, Severity, validate, where } from '../helpers';

function only(findings: Finding[]): Finding {
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => `${f.code}: ${f.message}`)));
  return findings[0]!;
}

describe('§1.3 endpoint examples', () => {
  const cases: [endpoint: string, code: string, message: string][] = [
    [
      'localhost:abc',
      'endpoint-unparsable',
      'endpoint: Invalid value: "dns://localhost:abc": parse "dns://localhost:abc": invalid port ":abc" after host',
    ],
    [
      'unix:relative.sock',
      'endpoint-unparsable',
      'endpoint: Invalid value: "dns://unix:relative.sock": parse "dns://unix:relative.sock": invalid port ":relative.sock" after host',
    ],
    [
      '"local host:4317"',
      'endpoint-unparsable',
      'endpoint: Invalid value: "dns://local host:4317": parse "dns://local host:4317": invalid character " " in host name',
    ],
    ['"%zz"', 'endpoint-unparsable', 'endpoint: Invalid value: "dns://%zz": parse "dns://%zz": invalid URL escape "%zz"'],
    ['"[::1:4317"', 'endpoint-unparsable', `endpoint: Invalid value: "dns://[::1:4317": parse "dns://[::1:4317": missing ']' in host`],
    [
      '"localhost\\t:4317"',
      'endpoint-unparsable',
      'endpoint: Invalid value: "dns://localhost\\t:4317": parse "dns://localhost\\t:4317": net/url: invalid control character in URL',
    ],
    ['"://x"', 'endpoint-unparsable', 'endpoint: Invalid value: "://x": parse "://x": missing protocol scheme'],
    [
      '//collector:4317',
      'unsupported-scheme',
      'endpoint: Invalid value: "//collector:4317": unsupported scheme: .  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md',
    ],
    [
      'unix-abstract:otel',
      'endpoint-unparsable',
      'endpoint: Invalid value: "dns://unix-abstract:otel": parse "dns://unix-abstract:otel": invalid port ":otel" after host',
    ],
    [
      'https://collector:4317',
      'unsupported-scheme',
      'endpoint: Invalid value: "https://collector:4317": unsupported scheme: https.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md',
    ],
  ];
  for (const [endpoint, code, message] of cases) {
    it(`${endpoint} → ${code}`, () => {
      // Without apiVersion, 1.22-1.26 ignore these fields (see 'no apiVersion' below): 1.27 is the oldest that reads them.
      for (const version of ['1.27', '1.31', '1.36']) {
        const finding = only(validate(`endpoint: ${endpoint}\nsamplingRatePerMillion: 1\n`, { version }));
        assert.equal(finding.code, `tracing-config/${code}`);
        assert.equal(finding.message, message);
        assert.equal(finding.severity, Severity.Error);
        assert.deepEqual(where([finding]), [`1:11 tracing-config/${code}`]);
        assert.match(finding.explanation, /^kube-apiserver refuses to start \("failed to validate tracing configuration"\)\./);
      }
    });
  }

  it('a plain scalar over two lines is folded, as go-yaml does', () => {
    const finding = only(validate('endpoint: local\n  host:4317\nsamplingRatePerMillion: 1\n'));
    assert.equal(
      finding.message,
      'endpoint: Invalid value: "dns://local host:4317": parse "dns://local host:4317": invalid character " " in host name',
    );
  });

  it('the BadValue is the dns://-prefixed string, and the explanation says so', () => {
    const finding = only(validate('endpoint: localhost:abc\nsamplingRatePerMillion: 1\n'));
    assert.match(finding.explanation, /Without "\/\/" the validator reads it as "dns:\/\/localhost:abc"/);
  });

  it('accepts what the real validator accepts: DNS://, unix:/abs.sock, :4317, unix-abstract, IPv6', () => {
    for (const endpoint of [
      'DNS://collector:4317',
      'unix:/abs.sock',
      ':4317',
      'unix-abstract://otel',
      'unix:///var/run/otel.sock',
      '"[::1]:4317"',
    ]) {
      assert.deepEqual(errors(validate(`endpoint: ${endpoint}\nsamplingRatePerMillion: 1\n`)), [], endpoint);
    }
  });

  it('values the validator lets through but that surprise: port above 65535 (Warning), no port (Information), empty (Warning)', () => {
    const high = only(validate('endpoint: localhost:99999\nsamplingRatePerMillion: 1\n'));
    assert.deepEqual(
      [high.code, high.severity, high.message],
      ['tracing-config/endpoint-port-out-of-range', Severity.Warning, 'port 99999 is out of range'],
    );
    const bare = only(validate('endpoint: otel-collector\nsamplingRatePerMillion: 1\n'));
    assert.deepEqual([bare.code, bare.severity], ['tracing-config/endpoint-without-port', Severity.Information]);
    assert.deepEqual(bare.data, { replacement: 'otel-collector:4317' });
    const empty = only(validate('endpoint: ""\nsamplingRatePerMillion: 1\n'));
    assert.deepEqual([empty.code, empty.severity], ['tracing-config/endpoint-empty', Severity.Warning]);
  });
});

describe('§1.3 endpoints whose outcome depends on the Go toolchain', () => {
  const bracketed = 'endpoint: "[localhost]:4317"\nsamplingRatePerMillion: 1\n';

  it('[localhost]:4317 passes up to 1.30 (Go ≤ 1.23), is toolchain-dependent on 1.31–1.34, an Error from 1.35 (.0 on Go 1.25.5)', () => {
    // The Go of each minor's .0 and newest patch release: oracle/tracing-config releases.json (1.31.14: Go 1.24.9).
    assert.deepEqual(validate(bracketed, { version: '1.30' }), []);
    for (const version of ['1.31', '1.32', '1.33', '1.34']) {
      const finding = only(validate(bracketed, { version }));
      assert.equal(finding.code, 'tracing-config/endpoint-toolchain-dependent');
      assert.equal(finding.severity, Severity.Warning);
      assert.equal(
        finding.message,
        'endpoint: Invalid value: "dns://[localhost]:4317": parse "dns://[localhost]:4317": invalid host: ParseAddr("localhost"): unable to parse IP',
      );
      assert.match(finding.explanation, /depends on the Kubernetes patch release/);
    }
    assert.match(
      only(validate(bracketed, { version: '1.34' })).explanation,
      /built with Go 1\.24\.8–1\.24\.9 or Go 1\.24\.10 and later refuse this endpoint.*Go 1\.24\.0–1\.24\.7 accept it/,
    );
    for (const version of ['1.35', '1.36']) {
      const finding = only(validate(bracketed, { version }));
      assert.deepEqual([finding.code, finding.severity], ['tracing-config/endpoint-unparsable', Severity.Error]);
    }
  });

  it('[127.0.0.1]:4317 gives invalid IP-literal where the new rules apply', () => {
    const finding = only(validate('endpoint: "[127.0.0.1]:4317"\nsamplingRatePerMillion: 1\n', { version: '1.36' }));
    assert.equal(finding.message, 'endpoint: Invalid value: "dns://[127.0.0.1]:4317": parse "dns://[127.0.0.1]:4317": invalid IP-literal');
  });

  it('a [ after the start of the host (CVE-2026-25679, Go 1.25.8, 1.26.1) is toolchain-dependent on 1.33 and 1.35, an Error on 1.36', () => {
    const text = 'endpoint: "collector[::1]:4317"\nsamplingRatePerMillion: 1\n';
    assert.deepEqual(validate(text, { version: '1.34' }), []); // Go 1.24.6-1.24.12
    for (const version of ['1.33', '1.35']) {
      const finding = only(validate(text, { version }));
      assert.deepEqual([finding.code, finding.severity], ['tracing-config/endpoint-toolchain-dependent', Severity.Warning]);
      assert.match(finding.message, /invalid IP-literal$/);
    }
    const on136 = only(validate(text, { version: '1.36' })); // Go 1.26.2-1.26.5
    assert.deepEqual([on136.code, on136.severity], ['tracing-config/endpoint-unparsable', Severity.Error]);
  });
});

describe('§1.4 field types: decode errors, fatal in every version', () => {
  const cases: [value: string, message: string][] = [
    ['"5"', 'json: cannot unmarshal string into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
    [
      '3000000000',
      'json: cannot unmarshal number 3000000000 into Go struct field TracingConfiguration.samplingRatePerMillion of type int32',
    ],
    [
      '-2147483649',
      'json: cannot unmarshal number -2147483649 into Go struct field TracingConfiguration.samplingRatePerMillion of type int32',
    ],
    ['1.5', 'json: cannot unmarshal number 1.5 into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
    ['true', 'json: cannot unmarshal bool into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
    ['yes', 'json: cannot unmarshal bool into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
    ['on', 'json: cannot unmarshal bool into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
    ['{a: 1}', 'json: cannot unmarshal object into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
    ['[1]', 'json: cannot unmarshal array into Go struct field TracingConfiguration.samplingRatePerMillion of type int32'],
  ];
  for (const [value, message] of cases) {
    it(`samplingRatePerMillion: ${value}`, () => {
      for (const version of ['1.27', '1.31', '1.32', '1.36', '1.37']) {
        const finding = only(validate(`samplingRatePerMillion: ${value}\nendpoint: localhost:4317\n`, { version }));
        assert.deepEqual(where([finding]), ['1:25 tracing-config/sampling-rate-wrong-type']);
        // From 1.35 the embedded struct is named too (sigs.k8s.io/json synced with Go 1.24's encoding/json;
        // test/golden/tracing-config 1.35, 1.37, 1.38).
        assert.equal(
          finding.message,
          version === '1.36' || version === '1.37'
            ? message.replace('struct field TracingConfiguration.', 'struct field TracingConfiguration.TracingConfiguration.')
            : message,
        );
        assert.equal(finding.severity, Severity.Error);
      }
    });
  }

  it('endpoint of the wrong type: number, bool (YAML 1.1 `on`), map', () => {
    // The default is the latest released minor, 1.37 or later: the embedded struct is named (json:"" embedding).
    const number = only(validate('endpoint: 4317\nsamplingRatePerMillion: 1\n'));
    assert.deepEqual(where([number]), ['1:11 tracing-config/endpoint-wrong-type']);
    assert.equal(
      number.message,
      'json: cannot unmarshal number into Go struct field TracingConfiguration.TracingConfiguration.endpoint of type string',
    );
    assert.equal(
      only(validate('endpoint: on\nsamplingRatePerMillion: 1\n')).message,
      'json: cannot unmarshal bool into Go struct field TracingConfiguration.TracingConfiguration.endpoint of type string',
    );
    assert.equal(
      only(validate('endpoint:\n  host: x\nsamplingRatePerMillion: 1\n')).message,
      'json: cannot unmarshal object into Go struct field TracingConfiguration.TracingConfiguration.endpoint of type string',
    );
  });

  it('on 1.22 (json-iterator) the refusal is the same but the wording is not known exactly, and the explanation says so', () => {
    assert.match(
      only(validate('apiVersion: apiserver.config.k8s.io/v1alpha1\nsamplingRatePerMillion: "5"\nendpoint: a:1\n', { version: '1.22' }))
        .explanation,
      /1\.22 decodes fields with json-iterator/,
    );
    assert.doesNotMatch(
      only(validate('apiVersion: apiserver.config.k8s.io/v1alpha1\nsamplingRatePerMillion: "5"\nendpoint: a:1\n', { version: '1.23' }))
        .explanation,
      /json-iterator/,
    );
  });

  it('no apiVersion: 1.22-1.26 decode into the internal type, which reads only Endpoint and SamplingRatePerMillion', () => {
    // Verified against the real code (test/golden/tracing-config, e.g. 1.23 rnd/251 and rnd/300).
    const ignored = validate('kind: TracingConfiguration\nendpoint: http://x:1\nsamplingRatePerMillion: -1\n', { version: '1.26' });
    assert.deepEqual(where(ignored), ['2:1 tracing-config/ignored-without-api-version', '3:1 tracing-config/ignored-without-api-version']);
    assert.ok(ignored.every((f) => f.severity === Severity.Warning));
    const read = only(validate('kind: TracingConfiguration\nEndpoint: http://x:1\n', { version: '1.24' }));
    assert.equal(read.code, 'tracing-config/unsupported-scheme');
    assert.equal(
      only(validate('kind: TracingConfiguration\nendpoint: http://x:1\n', { version: '1.27' })).code,
      'tracing-config/unsupported-scheme',
    );
  });

  it('null is allowed for both fields (explicit null, ~, empty value)', () => {
    for (const text of ['endpoint: null\nsamplingRatePerMillion: ~\n', 'endpoint:\nsamplingRatePerMillion:\n'])
      assert.deepEqual(errors(validate(text)), [], text);
  });

  it('YAML reaches the decoder as go-yaml v2 sees it: 1.0 and 1e3 are whole numbers, 1:30 is a string', () => {
    assert.deepEqual(errors(validate('samplingRatePerMillion: 1.0\n')), []);
    assert.deepEqual(errors(validate('samplingRatePerMillion: 1e3\n')), []);
    assert.equal(only(validate('samplingRatePerMillion: 1e7\n')).code, 'tracing-config/sampling-rate-too-large');
    assert.deepEqual(validate('samplingRatePerMillion: 0x10\nendpoint: a:1\n'), []); // 16
    assert.equal(
      only(validate('samplingRatePerMillion: 0x1000000\nendpoint: a:1\n')).message,
      'samplingRatePerMillion: Invalid value: 16777216: sampling rate per million must be less than or equal to one million',
    );
    assert.equal(
      only(validate('samplingRatePerMillion: 1:30\n')).message,
      'json: cannot unmarshal string into Go struct field TracingConfiguration.TracingConfiguration.samplingRatePerMillion of type int32',
    );
  });

  it('JSON files are decoded from the literal: 1.0 is refused there', () => {
    const finding = only(validate('{"samplingRatePerMillion": 1.0, "endpoint": "localhost:4317"}\n', { fileName: 'tracing-config.json' }));
    assert.deepEqual(where([finding]), ['1:28 tracing-config/sampling-rate-wrong-type']);
    assert.equal(
      finding.message,
      'json: cannot unmarshal number 1.0 into Go struct field TracingConfiguration.TracingConfiguration.samplingRatePerMillion of type int32',
    );
  });

  it('.inf cannot be converted to JSON at all', () => {
    const finding = only(validate('samplingRatePerMillion: .inf\n'));
    assert.deepEqual([finding.code, finding.message], ['tracing-config/unrepresentable-value', 'json: unsupported value: +Inf']);
  });
});

describe('§1.4 strict decoding from 1.32, silently ignored before', () => {
  const text =
    'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nEndpoint: otel:4317\nfoo: 1\nsamplingRatePerMillion: 100\nendpoint: a:1\nendpoint: b:2\n';

  it('1.32+: unknown (case-sensitive) and duplicate fields are Errors with the strict decoding messages', () => {
    for (const version of ['1.32', '1.36']) {
      const findings = validate(text, { version });
      assert.deepEqual(where(findings), [
        '3:1 tracing-config/unknown-field',
        '4:1 tracing-config/unknown-field',
        '7:1 tracing-config/duplicate-field',
      ]);
      assert.deepEqual(
        findings.map((f) => f.severity),
        [Severity.Error, Severity.Error, Severity.Error],
      );
      assert.equal(findings[0]!.message, 'strict decoding error: unknown field "Endpoint"');
      assert.match(findings[0]!.explanation, /case-sensitive: did you mean endpoint\?/);
      assert.equal(findings[1]!.message, 'strict decoding error: unknown field "foo"');
      assert.equal(findings[2]!.message, 'strict decoding error: yaml: unmarshal errors:\n  line 7: key "endpoint" already set in map');
    }
  });

  it('before 1.32: the same are Warnings saying kube-apiserver ignores them and the last duplicate wins', () => {
    for (const version of ['1.27', '1.31']) {
      const findings = validate(text, { version });
      assert.deepEqual(where(findings), [
        '3:1 tracing-config/unknown-field',
        '4:1 tracing-config/unknown-field',
        '7:1 tracing-config/duplicate-field',
      ]);
      assert.deepEqual(
        findings.map((f) => f.severity),
        [Severity.Warning, Severity.Warning, Severity.Warning],
      );
      assert.match(findings[1]!.explanation, /before 1\.32 decodes the file leniently and starts: foo is ignored/);
      assert.match(findings[2]!.explanation, /value on line 6 is silently replaced by this last one/);
    }
  });

  it('the last duplicate is the value validated', () => {
    const lenient = validate('endpoint: localhost:4317\nendpoint: http://x:4317\nsamplingRatePerMillion: 1\n', { version: '1.30' });
    assert.deepEqual(where(lenient), ['2:1 tracing-config/duplicate-field', '2:11 tracing-config/unsupported-scheme']);
    const fixedLater = validate('endpoint: http://x:4317\nendpoint: localhost:4317\nsamplingRatePerMillion: 1\n', { version: '1.30' });
    assert.deepEqual(where(fixedLater), ['2:1 tracing-config/duplicate-field']);
  });

  it('JSON input: duplicate field "endpoint"', () => {
    const findings = validate('{"endpoint": "a:1", "endpoint": "b:2", "samplingRatePerMillion": 1}', {
      fileName: 'tracing-config.json',
      version: '1.33',
    });
    assert.deepEqual(where(findings), ['1:21 tracing-config/duplicate-field']);
    assert.equal(findings[0]!.message, 'strict decoding error: duplicate field "endpoint"');
  });

  it('go-yaml reports the line of the duplicate value, nested duplicates too', () => {
    const findings = validate('samplingRatePerMillion: 1\nextra:\n  a: 1\n  a: 2\n', { version: '1.34' });
    assert.deepEqual(where(findings), ['2:1 tracing-config/unknown-field', '4:3 tracing-config/duplicate-field']);
    assert.equal(findings[1]!.message, 'strict decoding error: yaml: unmarshal errors:\n  line 4: key "a" already set in map');
  });
});

describe('§1.4 apiVersion and kind edge cases', () => {
  it('both are optional: kind only, apiVersion only, neither', () => {
    assert.deepEqual(validate('kind: TracingConfiguration\nendpoint: a:1\nsamplingRatePerMillion: 1\n', { fileName: 'x.yaml' }), []);
    assert.deepEqual(
      validate('apiVersion: apiserver.config.k8s.io/v1\nendpoint: a:1\nsamplingRatePerMillion: 1\n', { version: '1.34' }),
      [],
    );
    assert.deepEqual(validate('endpoint: a:1\nsamplingRatePerMillion: 1\n'), []);
  });

  it('apiVersion only, not served: the kind defaults to TracingConfiguration', () => {
    const finding = only(
      validate('apiVersion: apiserver.config.k8s.io/v1\nendpoint: a:1\nsamplingRatePerMillion: 1\n', { version: '1.33' }),
    );
    assert.equal(
      finding.message,
      'no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io/v1" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:49"',
    );
  });

  it('a wrong kind without apiVersion is looked up in the internal version', () => {
    const finding = only(validate('kind: TracingConfig\nendpoint: a:1\nsamplingRatePerMillion: 1\n', { version: '1.30' }));
    assert.deepEqual(where([finding]), ['1:7 tracing-config/wrong-kind']);
    // runtime.notRegisteredErr words the internal version its own way; 1.29-1.36 call NewScheme on tracing.go line 49 (test/golden/tracing-config).
    assert.equal(
      finding.message,
      'no kind "TracingConfig" is registered for the internal version of group "apiserver.config.k8s.io" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:49"',
    );
  });

  it('apiVersion or kind that is not a string fails before the lookup', () => {
    const finding = only(validate('apiVersion: 1\nkind: TracingConfiguration\nendpoint: a:1\nsamplingRatePerMillion: 1\n'));
    assert.deepEqual(where([finding]), ['1:13 tracing-config/type-meta-not-string']);
    assert.equal(
      finding.message,
      "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string",
    );
    const kind = only(
      validate('apiVersion: apiserver.config.k8s.io/v1beta1\nkind: [TracingConfiguration]\nendpoint: a:1\nsamplingRatePerMillion: 1\n'),
    );
    assert.equal(
      kind.message,
      "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go struct field .kind of type string",
    );
  });

  it('each served apiVersion on every minor 1.22–1.37', () => {
    const servedFrom: Record<string, number> = { v1alpha1: 22, v1beta1: 27, v1: 34 };
    for (let minor = 22; minor <= 37; minor++) {
      for (const [version, from] of Object.entries(servedFrom)) {
        const findings = validate(
          `apiVersion: apiserver.config.k8s.io/${version}\nkind: TracingConfiguration\nendpoint: a:1\nsamplingRatePerMillion: 1\n`,
          { version: `1.${minor}` },
        );
        assert.deepEqual(where(findings), minor >= from ? [] : ['1:13 tracing-config/api-version-not-served'], `${version} on 1.${minor}`);
      }
    }
  });
});

describe('advice (Information)', () => {
  it('samplingRatePerMillion: 0 records only spans with a sampled parent', () => {
    const finding = only(validate('samplingRatePerMillion: 0\nendpoint: a:1\n'));
    assert.deepEqual(
      [finding.code, finding.severity, finding.message],
      [
        'tracing-config/sampling-rate-parent-only',
        Severity.Information,
        'samplingRatePerMillion is 0: only spans whose parent is sampled are recorded',
      ],
    );
    assert.deepEqual(where([finding]), ['1:25 tracing-config/sampling-rate-parent-only']);
  });

  it('endpoint: null uses localhost:4317', () => {
    const finding = only(validate('samplingRatePerMillion: 5\nendpoint: null\n'));
    assert.deepEqual([finding.code, finding.severity], ['tracing-config/endpoint-default', Severity.Information]);
    assert.match(finding.message, /localhost:4317/);
  });
});

describe('the shared entries for the kubelet (checkTracingFields, checkStrictFields)', () => {
  function kubeletTarget(text: string, version = '1.33'): TracingFieldsTarget {
    const file = parseFile('file:///k/kubelet-config.yaml', text);
    const document = file.documents[0]!.document;
    const tracing = mapEntries(document.contents, document).find((e) => e.key === 'tracing')!;
    return {
      file,
      document,
      node: tracing.value,
      entries: mapEntries(tracing.value, document),
      fieldPathPrefix: 'tracing.',
      component: 'kubelet',
      codePrefix: 'kubelet',
      version: kubernetesVersionFromSetting(version),
    };
  }

  it('uses tracing.-prefixed paths, as config_test.go (field.NewPath("tracing")) does', () => {
    const target = kubeletTarget(
      'kind: KubeletConfiguration\ntracing:\n  endpoint: dn%2s://localhost:4317\n  samplingRatePerMillion: -1\n',
    );
    const findings = checkTracingFields(target);
    assert.deepEqual(where(findings), ['4:27 kubelet/sampling-rate-negative', '3:13 kubelet/endpoint-unparsable']);
    assert.equal(
      findings[1]!.message,
      'tracing.endpoint: Invalid value: "dn%2s://localhost:4317": parse "dn%2s://localhost:4317": first path segment in URL cannot contain colon',
    );
    assert.match(findings[0]!.explanation, /the kubelet refuses to start/);
  });

  it('type errors name the nested field', () => {
    const findings = checkTracingFields(kubeletTarget('tracing:\n  samplingRatePerMillion: "1"\n'));
    assert.equal(
      findings[0]!.message,
      'json: cannot unmarshal string into Go struct field TracingConfiguration.tracing.samplingRatePerMillion of type int32',
    );
  });

  it('unknown fields of the block in lenient mode are Warnings with the full path', () => {
    const findings = checkStrictFields(kubeletTarget('tracing:\n  endpoint: a:1\n  apiVersion: x\n'), 'lenient');
    assert.deepEqual(where(findings), ['3:3 kubelet/unknown-field']);
    assert.equal(findings[0]!.message, 'strict decoding error: unknown field "tracing.apiVersion"');
    assert.equal(findings[0]!.severity, Severity.Warning);
  });
});

describe('a document that is not a mapping', () => {
  it('a list in a tracing config file fails where Go reads apiVersion/kind (message as in real kube-apiserver logs)', () => {
    const finding = only(validate('- endpoint: a:1\n'));
    assert.deepEqual(where([finding]), ['1:1 tracing-config/not-a-mapping']);
    assert.equal(
      finding.message,
      'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
    );
    assert.match(only(validate('just a string\n')).message, /cannot unmarshal string into Go value of type struct/);
  });

  it('is left alone outside files named like a tracing config, and an empty document is fine', () => {
    assert.deepEqual(validate('- a\n- b\n', { fileName: 'list.yaml' }), []);
    assert.deepEqual(validate('~\n'), []);
    assert.deepEqual(validate('# only a comment\n'), []);
  });
});

describe('YAML 1.1 merge keys (go-yaml v2 merges them in document order)', () => {
  const base = 'base: &base\n  endpoint: http://collector:4317\n';

  it('a merged field is validated where it is written, and << is not an unknown field', () => {
    const findings = validate(`kind: TracingConfiguration\nsamplingRatePerMillion: 5\n${base}<<: *base\n`, { version: '1.33' });
    // The strict decoding error stops kube-apiserver before validation: the scheme is judged once base is gone.
    assert.deepEqual(where(findings), ['3:1 tracing-config/unknown-field']);
    assert.equal(findings[0]!.message, 'strict decoding error: unknown field "base"');
  });

  it('overriding a merged key: the later value wins when lenient, a duplicate when strict', () => {
    const text = `kind: TracingConfiguration\nsamplingRatePerMillion: 5\n${base}<<: *base\nendpoint: collector:4317\n`;
    const lenient = validate(text, { version: '1.31' });
    assert.deepEqual(where(lenient), ['3:1 tracing-config/unknown-field', '6:1 tracing-config/duplicate-field']);
    assert.equal(lenient[1]!.severity, Severity.Warning);
    const strict = validate(text, { version: '1.32' });
    assert.equal(strict[1]!.message, 'strict decoding error: yaml: unmarshal errors:\n  line 6: key "endpoint" already set in map');
  });
});
