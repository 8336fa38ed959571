/**
 * What kube-apiserver's reader of --tracing-config-file says before any field is decoded: another registered kind,
 * go-yaml's own syntax errors and alias limit, YAMLToJSON's null keys, encoding/json's duplicate TypeMeta. Every
 * document here is one of test/golden/tracing-config/documents.json, so each expectation is also checked against the
 * real code of every minor there.
 */
import assert from 'node:assert/strict';
import { errors, validate, where } from '../helpers';

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
