/**
 * Kubernetes' own test cases, run through the language service:
 * - component-base tracing/api/v1/config_test.go TestValidateTracingConfiguration (kubelet path `tracing.`;
 *   kube-apiserver passes a nil root, hence the bare field names here);
 * - apiserver pkg/server/options/tracing_test.go TestReadTracingConfiguration.
 * Where the Go test only says "expectError", the exact message is the one docs/tracing-configuration.md §3 gives for the real code.
 */
import assert from 'node:assert/strict';
import { Severity, validate, where } from '../helpers';

const config = (fields: string, apiVersion = 'apiserver.config.k8s.io/v1beta1') =>
  `apiVersion: ${apiVersion}\nkind: TracingConfiguration\n${fields}`;

describe('component-base config_test.go TestValidateTracingConfiguration', () => {
  it('sampling-rate-valid: 12378 is accepted', () => {
    assert.deepEqual(validate(config('samplingRatePerMillion: 12378\n')), []);
  });

  it('sampling-rate-negative: -1 is "sampling rate must be positive"', () => {
    const findings = validate(config('samplingRatePerMillion: -1\n'));
    assert.deepEqual(where(findings), ['3:25 tracing-config/sampling-rate-negative']);
    assert.equal(findings[0]!.message, 'samplingRatePerMillion: Invalid value: -1: sampling rate must be positive');
    assert.equal(findings[0]!.severity, Severity.Error);
  });

  it('sampling-rate-negative (the second case, 1000001): too large', () => {
    const findings = validate(config('samplingRatePerMillion: 1000001\n'));
    assert.deepEqual(where(findings), ['3:25 tracing-config/sampling-rate-too-large']);
    assert.equal(
      findings[0]!.message,
      'samplingRatePerMillion: Invalid value: 1000001: sampling rate per million must be less than or equal to one million',
    );
  });

  for (const [name, endpoint] of [
    ['default Endpoint', 'localhost:4317'],
    ['dns Endpoint', 'dns://google.com:4317'],
    ['unix Endpoint', 'unix://path/to/socket'],
  ]) {
    it(`${name}: ${endpoint} is accepted`, () => {
      assert.deepEqual(validate(config(`endpoint: ${endpoint}\nsamplingRatePerMillion: 100\n`)), []);
    });
  }

  it('invalid Endpoint: http://localhost:4317 is an unsupported scheme (two spaces after each period)', () => {
    const findings = validate(config('endpoint: http://localhost:4317\n'));
    assert.deepEqual(where(findings), ['3:11 tracing-config/unsupported-scheme']);
    assert.equal(
      findings[0]!.message,
      'endpoint: Invalid value: "http://localhost:4317": unsupported scheme: http.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md',
    );
    assert.equal(findings[0]!.severity, Severity.Error);
    assert.match(findings[0]!.explanation, /gRPC.*host:port \(e\.g\. localhost:4317\)/);
    assert.deepEqual(findings[0]!.data, { replacement: 'localhost:4317' });
  });

  it('invalid url: dn%2s://localhost:4317 fails url.Parse', () => {
    const findings = validate(config('endpoint: dn%2s://localhost:4317\n'));
    assert.deepEqual(where(findings), ['3:11 tracing-config/endpoint-unparsable']);
    assert.equal(
      findings[0]!.message,
      'endpoint: Invalid value: "dn%2s://localhost:4317": parse "dn%2s://localhost:4317": first path segment in URL cannot contain colon',
    );
  });
});

describe('apiserver tracing_test.go TestReadTracingConfiguration', () => {
  it('empty: an empty file is a valid, empty configuration', () => {
    assert.deepEqual(validate(''), []);
    assert.deepEqual(validate('# comments only\n'), []);
  });

  it('v1alpha1: endpoint and rate 12345 are accepted', () => {
    const text =
      '\napiVersion: apiserver.config.k8s.io/v1alpha1\nkind: TracingConfiguration\nendpoint: localhost:4317\nsamplingRatePerMillion: 12345\n';
    for (const version of ['1.22', '1.27', '1.32', '1.36', '1.37']) assert.deepEqual(validate(text, { version }), [], version);
  });

  it('ip address: 127.0.0.1:4317 is accepted', () => {
    assert.deepEqual(
      validate(
        '\napiVersion: apiserver.config.k8s.io/v1alpha1\nkind: TracingConfiguration\nendpoint: 127.0.0.1:4317\nsamplingRatePerMillion: 1\n',
      ),
      [],
    );
  });

  it('wrong_type: a DaemonSet in an ordinary file is not a tracing config, so it is left alone', () => {
    const daemonSet = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n';
    assert.deepEqual(validate(daemonSet, { fileName: 'agent.yaml' }), []);
  });

  it('wrong kind in the config group: no kind "…" is registered for version (the prefix the Go test checks)', () => {
    const findings = validate('apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfig\n', { version: '1.30' });
    assert.deepEqual(where(findings), ['2:7 tracing-config/wrong-kind']);
    assert.match(
      findings[0]!.message,
      /^no kind "TracingConfig" is registered for version "apiserver\.config\.k8s\.io\/v1beta1" in scheme "/,
    );
  });
});
