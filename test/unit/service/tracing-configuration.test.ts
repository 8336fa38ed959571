import assert from 'node:assert/strict';
import { errors, Severity, validate, where } from '../helpers';

describe('TracingConfiguration: apiVersion and kind', () => {
  it('accepts each apiVersion from the Kubernetes version that serves it', () => {
    const doc = (v: string) => `apiVersion: apiserver.config.k8s.io/${v}\nkind: TracingConfiguration\nendpoint: localhost:4317\n`;
    assert.deepEqual(validate(doc('v1alpha1'), { version: '1.22' }), []);
    assert.deepEqual(validate(doc('v1beta1'), { version: '1.27' }), []);
    assert.deepEqual(validate(doc('v1'), { version: '1.34' }), []);
  });

  it('rejects v1 on 1.33 and v1beta1 on 1.26 with the decoder message, on the apiVersion value', () => {
    const v1 = validate('apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n', { version: '1.33' });
    assert.deepEqual(where(v1), ['1:13 tracing-config/api-version-not-served']);
    assert.equal(v1[0]!.severity, Severity.Error);
    assert.equal(
      v1[0]!.message,
      'no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io/v1" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:49"',
    );
    const beta = validate('apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\n', { version: '1.26' });
    assert.match(
      beta[0]!.message,
      /^no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io\/v1beta1" in scheme "k8s.io\/apiserver\/pkg\/server\/options\/tracing.go:47"$/,
    );
  });

  it('rejects the legacy apiserver.k8s.io group', () => {
    const findings = validate('apiVersion: apiserver.k8s.io/v1alpha1\nkind: TracingConfiguration\n', { version: '1.30' });
    assert.deepEqual(where(findings), ['1:13 tracing-config/wrong-group']);
  });
});

describe('TracingConfiguration: samplingRatePerMillion', () => {
  // Cases from component-base tracing/api/v1/config_test.go TestValidateTracingConfiguration.
  it('-1 is "sampling rate must be positive", on the value', () => {
    const findings = validate('samplingRatePerMillion: -1\n');
    assert.deepEqual(where(findings), ['1:25 tracing-config/sampling-rate-negative']);
    assert.equal(findings[0]!.message, 'samplingRatePerMillion: Invalid value: -1: sampling rate must be positive');
  });

  it('accepts 0 and 1000000, rejects 1000001', () => {
    assert.deepEqual(errors(validate('samplingRatePerMillion: 0\n')), []);
    assert.deepEqual(validate('samplingRatePerMillion: 1000000\n'), []);
    assert.equal(
      validate('samplingRatePerMillion: 1000001\n')[0]!.message,
      'samplingRatePerMillion: Invalid value: 1000001: sampling rate per million must be less than or equal to one million',
    );
  });
});

describe('Which files are checked', () => {
  it('leaves unrelated YAML alone, even when it is broken', () => {
    assert.deepEqual(validate('apiVersion: v1\nkind: Service\nmetadata: {name: x}\n', { fileName: 'service.yaml' }), []);
    assert.deepEqual(validate('a: [\n', { fileName: 'values.yaml' }), []);
  });

  it('checks a file without apiVersion/kind only when its name matches kubeTracing.tracingConfigFiles', () => {
    assert.equal(validate('samplingRatePerMillion: -1\n', { fileName: 'conf/tracing-config.yaml' }).length, 1);
    assert.equal(validate('samplingRatePerMillion: -1\n', { fileName: 'conf/other.yaml' }).length, 0);
    assert.equal(
      validate('samplingRatePerMillion: -1\n', { fileName: 'conf/other.yaml', settings: { tracingConfigFiles: ['**/other.yaml'] } }).length,
      1,
    );
  });

  it('reports a broken document and still checks the others; kube-apiserver reads only the first', () => {
    const text = 'samplingRatePerMillion: -1\n---\nfoo: [\n---\nkind: TracingConfiguration\nsamplingRatePerMillion: 2000000\n';
    // The real code reads the first document only (test/golden/tracing-config test/97): neither the broken second
    // (go-yaml never scans it) nor the third is judged.
    assert.deepEqual(where(validate(text)), [
      '1:25 tracing-config/sampling-rate-negative',
      '3:1 tracing-config/ignored-document',
      '5:1 tracing-config/ignored-document',
    ]);
  });
});
