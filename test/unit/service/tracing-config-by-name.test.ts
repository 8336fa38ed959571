/**
 * A file recognized only by its name (`kubeTracing.tracingConfigFiles`) is judged as a TracingConfiguration only
 * when it shows one of its fields: other tools' tracing configs share the name (issue 11 false alarms).
 */
import { strict as assert } from 'node:assert';
import { Severity, validate, where } from '../helpers';

describe('tracing config recognized by file name', () => {
  it('a Thanos tracing config named tracing-config.yaml gets nothing', () => {
    const thanos = 'type: JAEGER\nconfig:\n  service_name: thanos\n  sampler_type: ratelimiting\n  sampler_param: 2\n';
    assert.deepEqual(validate(thanos, { fileName: 'tracing-config.yaml', version: '1.31' }), []);
  });

  it('a jaeger-client config named tracing-config.yaml gets nothing', () => {
    const jaegerClient = 'serviceName: api\nsampler:\n  type: const\n  param: 1\nreporter:\n  localAgentHostPort: jaeger:6831\n';
    assert.deepEqual(validate(jaegerClient, { fileName: 'tracing-config.yaml', version: '1.31' }), []);
  });

  it('a file with a TracingConfiguration field (any case) is still judged', () => {
    const findings = validate('Endpoint: collector:4317\n', { fileName: 'tracing-config.yaml', version: '1.33' });
    assert.deepEqual(where(findings), ['1:1 tracing-config/unknown-field']);
    assert.equal(findings[0]!.severity, Severity.Error);
    assert.match(findings[0]!.message, /unknown field "Endpoint"/);
  });

  it('a file with only the apiserver apiVersion is still judged', () => {
    const findings = validate('apiVersion: apiserver.config.k8s.io/v1\n', { fileName: 'tracing-config.yaml', version: '1.29' });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['tracing-config/api-version-not-served'],
    );
  });
});
