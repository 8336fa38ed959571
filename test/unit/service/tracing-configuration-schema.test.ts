/**
 * schemas/tracing-configuration.schema.json: the file VS Code and yaml-language-server validate with. It must agree
 * with the Go types (component-base tracing/api/v1/types.go) and carry the Go doc comments as descriptions.
 */
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import schema from '../../../schemas/tracing-configuration.schema.json';

describe('schemas/tracing-configuration.schema.json', () => {
  const validate = new Ajv({ allErrors: true, strict: true, strictTypes: false }).compile(schema);

  it('is a strict-mode draft-07 schema with a description on every field', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    for (const [name, property] of Object.entries(schema.properties)) assert.ok(property.description.length > 40, name);
    assert.match(schema.properties.endpoint.description, /^Endpoint of the collector this component will report traces to\./);
    assert.match(
      schema.properties.samplingRatePerMillion.description,
      /^SamplingRatePerMillion is the number of samples to collect per million spans\./,
    );
  });

  it('accepts the documents of apiserver tracing_test.go and every served apiVersion', () => {
    assert.ok(validate({}));
    for (const version of ['v1alpha1', 'v1beta1', 'v1']) {
      assert.ok(
        validate({
          apiVersion: `apiserver.config.k8s.io/${version}`,
          kind: 'TracingConfiguration',
          endpoint: 'localhost:4317',
          samplingRatePerMillion: 12345,
        }),
        version,
      );
    }
    assert.ok(validate({ endpoint: null, samplingRatePerMillion: null }));
  });

  it('refuses what the Go decoder refuses: wrong types, beyond int32, unknown fields, other kinds and groups', () => {
    const refused = [
      { samplingRatePerMillion: '5' },
      { samplingRatePerMillion: 1.5 },
      { samplingRatePerMillion: 3000000000 },
      { endpoint: 4317 },
      { endpoint: true },
      { Endpoint: 'x' },
      { kind: 'TracingConfig' },
      { apiVersion: 'apiserver.k8s.io/v1alpha1' },
    ];
    for (const document of refused) assert.equal(validate(document), false, JSON.stringify(document));
  });
});
