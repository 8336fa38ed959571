/**
 * What kube-apiserver's reader of --tracing-config-file says before any field is decoded: another registered kind,
 * go-yaml's own syntax errors and alias limit, YAMLToJSON's null keys, encoding/json's duplicate TypeMeta. Every
 * document here is one of test/golden/tracing-config/documents.json, so each expectation is also checked against the
 * real code of every minor there.
 */
import assert from 'node:assert/strict';
import { errors, Severity, validate, where } from '../helpers';

const messages = (text: string, version: string, fileName?: string) => errors(validate(text, { version, fileName })).map((f) => f.message);

describe('TracingConfiguration reader: another registered kind', () => {
  it('decodes as that kind, then finds no conversion (no apiVersion: the internal kind)', () => {
    const text = 'kind: EgressSelectorConfiguration\nendpoint: localhost:4317\nsamplingRatePerMillion: 100\n';
    for (const version of ['1.22', '1.37'])
      assert.deepEqual(messages(text, version), [
        'converting (apiserver.EgressSelectorConfiguration) to (apiserver.TracingConfiguration): unknown conversion',
      ]);
    assert.deepEqual(where(validate(text, { version: '1.37' })), ['1:7 tracing-config/other-kind']);
  });

  it('in the legacy group apiserver.k8s.io, the versioned type', () => {
    const text =
      'apiVersion: apiserver.k8s.io/v1alpha1\nkind: EgressSelectorConfiguration\nendpoint: "dns://[127.0.0.1]:4317"\nsamplingRatePerMillion: -1000000\nSamplingRatePerMillion: 10\nSamplingRatePerMillion: x\n';
    assert.deepEqual(messages(text, '1.37'), [
      'converting (v1alpha1.EgressSelectorConfiguration) to (apiserver.TracingConfiguration): unknown conversion',
    ]);
  });

  it('a kind the group/version does not register is "no kind ... registered"', () => {
    const text =
      'apiVersion: apiserver.config.k8s.io/v1alpha1\nkind: EgressSelectorConfiguration\nendpoint: localhost:4317\nsamplingRatePerMillion: 100\n';
    assert.deepEqual(messages(text, '1.37'), [
      'no kind "EgressSelectorConfiguration" is registered for version "apiserver.config.k8s.io/v1alpha1" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:48"',
    ]);
  });

  it('an unknown kind without apiVersion is judged when the file shows a tracing field', () => {
    assert.deepEqual(messages('kind: Foo\nsamplingRatePerMillion: -1\n', '1.30'), [
      'no kind "Foo" is registered for the internal version of group "apiserver.config.k8s.io" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:49"',
    ]);
    // Another tool's file of the same name says nothing.
    assert.deepEqual(validate('apiVersion: example.com/v1\nkind: Foo\nendpoint: x\n', { version: '1.30' }), []);
  });
});

describe('TracingConfiguration reader: go-yaml v2 and sigs.k8s.io/yaml', () => {
  it('syntax errors in go-yaml v2 words and lines', () => {
    const cases: [text: string, message: string][] = [
      [
        'apiVersion: apiserver.config.k8s.io/v1alpha1\nkind: TracingConfiguration\nendpoint: localhost:\nsamplingRatePerMillion: 100\n',
        'yaml: line 3: mapping values are not allowed in this context',
      ],
      ['endpoint: a\n  samplingRatePerMillion: 1\n', 'yaml: line 2: mapping values are not allowed in this context'],
      ['endpoint: [\n', 'yaml: line 1: did not find expected node content'],
      ['kind: TracingConfiguration\n\tendpoint: a\n', 'yaml: line 2: found a tab character that violates indentation'],
    ];
    for (const [text, message] of cases) assert.deepEqual(messages(text, '1.37'), [message], text);
  });

  it('a file starting with { is JSON to the reader, whatever the YAML parser says', () => {
    assert.deepEqual(
      messages(
        '{apiVersion: apiserver.config.k8s.io/v1alpha1, kind: TracingConfiguration, endpoint: localhost:, samplingRatePerMillion: 100}\n',
        '1.37',
      ),
      ["couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of object key string"],
    );
  });

  it('a broken document after the first is never read', () => {
    const findings = validate(
      'samplingRatePerMillion: -1\n---\nfoo: [\n---\nkind: TracingConfiguration\nsamplingRatePerMillion: 2000000\n',
      {
        version: '1.37',
      },
    );
    assert.deepEqual(
      errors(findings).map((f) => f.code),
      ['tracing-config/sampling-rate-negative'],
    );
    assert.ok(findings.some((f) => f.code === 'tracing-config/ignored-document' && f.severity === Severity.Information));
  });

  it('an alias bomb is refused before anything is decoded', () => {
    const rows = Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`);
    const text = `kind: TracingConfiguration\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${rows.join('\n')}\nendpoint: *a9\nsamplingRatePerMillion: *a9\n`;
    assert.deepEqual(messages(text, '1.22'), ['yaml: document contains excessive aliasing']);
  });

  it('a null key has no JSON form (sigs.k8s.io/yaml capitalized its message until v1.4.0)', () => {
    assert.deepEqual(messages('kind: TracingConfiguration\n~: 1\n', '1.28'), [
      'Unsupported map key of type: %!s(<nil>), key: <nil>, value: 1',
    ]);
    assert.deepEqual(messages('kind: TracingConfiguration\n~: 1\n', '1.37'), [
      'unsupported map key of type: %!s(<nil>), key: <nil>, value: 1',
    ]);
  });

  it('JSON: the first apiVersion that is not a string is the error, even when a later one is', () => {
    const text =
      '{\n  "endpoint": ["localhost:4317"],\n  "apiVersion": true,\n  "kind": "TracingConfiguration",\n  "samplingRatePerMillion": 100,\n  "apiVersion": "apiserver.config.k8s.io/V1"\n}\n';
    assert.deepEqual(messages(text, '1.37', 'tracing-config.json'), [
      "couldn't get version/kind; json parse error: json: cannot unmarshal bool into Go struct field .apiVersion of type string",
    ]);
  });
});

describe('TracingConfiguration reader: Kubernetes 1.22 decodes fields with json-iterator', () => {
  it('says what json-iterator says, excerpts included, in YAML (YAMLToJSON text) and JSON', () => {
    assert.deepEqual(
      messages(
        'apiVersion: apiserver.config.k8s.io/v1alpha1\nkind: TracingConfiguration\nendpoint: 4317\nsamplingRatePerMillion: 100\n',
        '1.22',
      ),
      [
        'v1alpha1.TracingConfiguration.Endpoint: ReadString: expects " or n, but found 4, error found in #10 byte of ...|ndpoint":4317,"kind"|..., bigger context ...|n":"apiserver.config.k8s.io/v1alpha1","endpoint":4317,"kind":"TracingConfiguration","samplingRatePer|...',
      ],
    );
    const json =
      '{\n  "apiVersion": "apiserver.config.k8s.io/v1alpha1",\n  "samplingRatePerMillion": 2147483648,\n  "endpoint": "otel{x}:4317"\n}\n';
    // The decode goes on past an overflow, and each field decoded after it prefixes the error again.
    assert.deepEqual(messages(json, '1.22', 'tracing-config.json'), [
      'v1alpha1.TracingConfiguration.Endpoint: SamplingRatePerMillion: ReadInt32: overflow: 2147483648, error found in #10 byte of ...|2147483648,\n  "endpo|..., bigger context ...|/v1alpha1",\n  "samplingRatePerMillion": 2147483648,\n  "endpoint": "otel{x}:4317"\n}\n|...',
    ]);
    // From 1.23, sigs.k8s.io/json: encoding/json's words.
    assert.deepEqual(messages(json, '1.23', 'tracing-config.json'), [
      'json: cannot unmarshal number 2147483648 into Go struct field TracingConfiguration.samplingRatePerMillion of type int32',
    ]);
  });
});

describe('TracingConfiguration reader: a value nested past what kube-tracing reads', () => {
  it('under an unknown key, the file is judged as kube-apiserver does, which never looks inside', () => {
    const text = `kind: TracingConfiguration\nextra: ${'['.repeat(300)}${']'.repeat(300)}\nsamplingRatePerMillion: -1\n`;
    const strict = validate(text, { version: '1.32' });
    assert.deepEqual(where(strict), ['2:1 tracing-config/unknown-field', '2:263 yaml/too-deep']);
    assert.equal(errors(strict)[0]!.message, 'strict decoding error: unknown field "extra"');
    // Before 1.32 the unknown field is ignored and the file is validated.
    assert.deepEqual(
      errors(validate(text, { version: '1.31' })).map((f) => f.message),
      ['samplingRatePerMillion: Invalid value: -1: sampling rate must be positive'],
    );
  });

  it('under a field of its own, it is not judged', () => {
    const text = `kind: TracingConfiguration\nendpoint: ${'['.repeat(300)}${']'.repeat(300)}\n`;
    assert.deepEqual(where(validate(text, { version: '1.32' })), ['2:266 yaml/too-deep']);
  });
});
