import assert from 'node:assert/strict';
import { hover } from '../../../../server/src/service/assist';
import { actionsFor, applyAction, codes, completionLabels, completionsAt, cursor, hoverAt, inputFor, validateText } from './helpers';

const V1ALPHA1 = 'apiserver.config.k8s.io/v1alpha1';
const V1BETA1 = 'apiserver.config.k8s.io/v1beta1';
const V1 = 'apiserver.config.k8s.io/v1';

describe('assist: TracingConfiguration hovers', () => {
  it('on a field: its Go doc comment, Go type and the version the file is checked against', () => {
    const text = hoverAt(`apiVersion: ${V1}\nkind: TracingConfiguration\nsamplingRate|PerMillion: 100\n`, { version: '1.34' });
    assert.ok(text, 'a hover');
    assert.match(text, /\*\*samplingRatePerMillion\*\* · `\*int32`/);
    assert.match(text, /SamplingRatePerMillion is the number of samples to collect per million spans/);
    assert.match(text, /Kubernetes 1\.34 \(setting `kubeTracing\.kubernetesVersion`\)/);
  });

  it('on apiVersion v1beta1 under 1.26: served from 1.27, not by this version, and what to use instead', () => {
    const text = hoverAt(`apiVersion: apiserver.config.k8s.io/v1be|ta1\nkind: TracingConfiguration\n`, { version: '1.26' });
    assert.ok(text);
    assert.match(text, /served by Kubernetes 1\.27 and later/);
    assert.match(text, /Kubernetes 1\.26 .* does \*\*not\*\* serve it/);
    assert.match(text, /Use `apiserver\.config\.k8s\.io\/v1alpha1`/);
    assert.match(text, /apiserver@v0\.27\.0 pkg\/apis\/apiserver\/v1beta1\/register\.go/);
  });

  it('on apiVersion v1 under the default version: served, and says the version came from the default', () => {
    const text = hoverAt(`apiVersion: ${V1}|\nkind: TracingConfiguration\n`);
    assert.match(text!, /Kubernetes 1\.37 \(the latest released minor/);
    assert.match(text!, /serves it/);
  });

  it('on an unknown key: what the version does with it (strict from 1.32, ignored before), with the case-sensitive name', () => {
    const strict = hoverAt(`apiVersion: ${V1ALPHA1}\nkind: TracingConfiguration\nEndp|oint: localhost:4317\n`, { version: '1.32' });
    assert.match(strict!, /did you mean `endpoint`\?/);
    assert.match(strict!, /strict decoding error: unknown field "Endpoint"/);
    const lenient = hoverAt(`apiVersion: ${V1ALPHA1}\nkind: TracingConfiguration\nEndp|oint: localhost:4317\n`, { version: '1.31' });
    assert.match(lenient!, /silently ignored/);
  });

  it('on a sampling rate and on an endpoint value: what they mean', () => {
    assert.match(hoverAt(`kind: TracingConfiguration\nsamplingRatePerMillion: 100|00\n`)!, /1% of new traces \(about 1 in 100\)/);
    assert.match(hoverAt(`kind: TracingConfiguration\nendpoint: otel:43|17\n`)!, /reads it as `dns:\/\/otel:4317`/);
  });
});

describe('assist: multi-document files (only the document under the cursor is parsed)', () => {
  const three = [
    'apiVersion: apiserver.config.k8s.io/v1alpha1\nkind: TracingConfiguration\nendpoint: a:4317\n',
    '--- # second\napiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nendpoint: b:4317\n',
    '---\napiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: 1000000\n',
  ].join('');

  it('answers in each document with positions of the whole file', () => {
    const { text, position } = cursor(three.replace('apiserver.config.k8s.io/v1\n', 'apiserver.config.k8s.io/v|1\n'));
    const result = hover(inputFor(text, { version: '1.30' }), position);
    assert.ok(result);
    assert.match(result.contents, /\*\*apiserver\.config\.k8s\.io\/v1\*\* · served by Kubernetes 1\.34/);
    assert.deepEqual(result.range, { start: { line: 8, character: 12 }, end: { line: 8, character: 38 } });
    assert.match(hoverAt(three.replace('endpoint: b:4317', 'endpoint: b:43|17'))!, /reads it as `dns:\/\/b:4317`/);
    assert.match(hoverAt(three.replace('1000000', '100|0000'))!, /every trace|100% of new traces/);
  });

  it('completes in the middle document from its own keys', () => {
    assert.deepEqual(completionLabels(three.replace('endpoint: b:4317\n', 'endpoint: b:4317\n|\n')), ['samplingRatePerMillion']);
  });
});

describe('assist: TracingConfiguration completions', () => {
  it('offers the missing fields on a blank line, not those already set', () => {
    assert.deepEqual(completionLabels(`apiVersion: ${V1}\nkind: TracingConfiguration\n|`), ['endpoint', 'samplingRatePerMillion']);
  });

  it('completes a half-typed key with the field and a value placeholder', () => {
    const items = completionsAt(`kind: TracingConfiguration\nsamp|`);
    const rate = items.find((item) => item.label === 'samplingRatePerMillion');
    assert.ok(rate);
    assert.equal(rate.insertText, 'samplingRatePerMillion: ${1:100}');
    assert.deepEqual(rate.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  });

  it('offers only the apiVersions the version in force serves, newest first', () => {
    assert.deepEqual(completionLabels('apiVersion: |\nkind: TracingConfiguration\n', { version: '1.26' }), [V1ALPHA1]);
    assert.deepEqual(completionLabels('apiVersion: |\nkind: TracingConfiguration\n', { version: '1.30' }), [V1BETA1, V1ALPHA1]);
    assert.deepEqual(completionLabels('apiVersion: |\nkind: TracingConfiguration\n', { version: '1.34' }), [V1, V1BETA1, V1ALPHA1]);
  });

  it('inserts the newest served apiVersion with the field name', () => {
    const item = completionsAt('kind: TracingConfiguration\n|', { version: '1.30' }).find((i) => i.label === 'apiVersion');
    assert.equal(item?.insertText, `apiVersion: \${1:${V1BETA1}}`);
  });

  it('offers the kind in a file that is not named like a tracing config, once its apiVersion says what it is', () => {
    assert.deepEqual(completionLabels(`apiVersion: ${V1}\nkind: |\n`, { fileName: 'apiserver-otel.yaml' }), ['TracingConfiguration']);
    assert.deepEqual(completionLabels('apiVersion: v1\nkind: |\n', { fileName: 'apiserver-otel.yaml' }), []);
  });

  it('offers the kind and value hints that the validator accepts', () => {
    assert.deepEqual(completionLabels(`apiVersion: ${V1}\nkind: |\n`), ['TracingConfiguration']);
    const endpoints = completionsAt('kind: TracingConfiguration\nendpoint: |\n');
    assert.deepEqual(
      endpoints.map((i) => i.label),
      ['localhost:4317', 'dns:///host:4317', 'unix:///path'],
    );
    // Each hint, with its placeholders filled as written, passes the endpoint validation.
    for (const item of endpoints) {
      const value = item.insertText.replace(/\$\{\d+:([^}]*)\}/g, '$1');
      assert.deepEqual(codes(validateText(`kind: TracingConfiguration\nendpoint: ${value}\n`)), [], value);
    }
    assert.deepEqual(completionLabels('kind: TracingConfiguration\nsamplingRatePerMillion: |\n'), ['100', '10000', '1000000', '0']);
  });
});

describe('assist: TracingConfiguration in JSON and in quoted YAML', () => {
  it('completes a JSON value inside its quotes and keeps the JSON valid', () => {
    const items = completionsAt('{"apiVersion": "|", "kind": "TracingConfiguration"}', {
      version: '1.30',
      fileName: 'tracing-config.json',
    });
    assert.deepEqual(
      items.map((i) => i.insertText),
      [`"${V1BETA1}"`, `"${V1ALPHA1}"`],
    );
    const { text } = cursor('{"apiVersion": "|", "kind": "TracingConfiguration"}');
    const start = text.indexOf('""');
    const filled = text.slice(0, start) + items[0]!.insertText + text.slice(start + 2);
    assert.deepEqual(JSON.parse(filled), { apiVersion: V1BETA1, kind: 'TracingConfiguration' });
    assert.deepEqual(codes(validateText(filled, { version: '1.30', fileName: 'tracing-config.json' })), []);
  });

  it('completes a half-typed JSON key as a quoted key with a quoted string value, a bare number', () => {
    const items = completionsAt('{"kind": "TracingConfiguration", "e|"}', { fileName: 'tracing-config.json' });
    assert.equal(items.find((i) => i.label === 'endpoint')?.insertText, '"endpoint": "${1:localhost:4317}"');
    assert.equal(items.find((i) => i.label === 'samplingRatePerMillion')?.insertText, '"samplingRatePerMillion": ${1:100}');
  });

  it('keeps single quotes in YAML; leaves numbers bare', () => {
    assert.deepEqual(completionLabels("kind: TracingConfiguration\napiVersion: '|'\n", { version: '1.26' }), [V1ALPHA1]);
    assert.equal(completionsAt("kind: TracingConfiguration\napiVersion: '|'\n", { version: '1.26' })[0]!.insertText, `'${V1ALPHA1}'`);
    assert.equal(completionsAt('kind: TracingConfiguration\nsamplingRatePerMillion: |\n')[0]!.insertText, '100');
  });
});

describe('assist: TracingConfiguration quick fixes (applied, then re-validated)', () => {
  it('changes an apiVersion to one the version serves, newest preferred', () => {
    const text = `apiVersion: ${V1}\nkind: TracingConfiguration\nendpoint: localhost:4317\n`;
    const actions = actionsFor(text, 'tracing-config/api-version-not-served', { version: '1.30' });
    assert.deepEqual(
      actions.map((a) => a.title),
      [`Change apiVersion to ${V1BETA1}`, `Change apiVersion to ${V1ALPHA1}`],
    );
    assert.equal(actions[0]!.isPreferred, true);
    for (const action of actions) {
      const fixed = applyAction(text, action);
      assert.deepEqual(codes(validateText(fixed, { version: '1.30' })), []);
    }
    assert.equal(applyAction(text, actions[0]!), `apiVersion: ${V1BETA1}\nkind: TracingConfiguration\nendpoint: localhost:4317\n`);
  });

  it('fixes the legacy group (a quoted value is replaced by a plain one)', () => {
    const text = `apiVersion: "apiserver.k8s.io/v1alpha1"\nkind: TracingConfiguration\n`;
    const [first] = actionsFor(text, 'tracing-config/wrong-group', { version: '1.27' });
    const fixed = applyAction(text, first!);
    assert.equal(fixed, `apiVersion: ${V1BETA1}\nkind: TracingConfiguration\n`);
    assert.deepEqual(codes(validateText(fixed, { version: '1.27' })), []);
  });

  it('puts a sampling rate back in range at the nearest bound', () => {
    const low = 'kind: TracingConfiguration\nsamplingRatePerMillion: -5\n';
    const lowFix = actionsFor(low, 'tracing-config/sampling-rate-negative');
    assert.equal(applyAction(low, lowFix[0]!), 'kind: TracingConfiguration\nsamplingRatePerMillion: 0\n');
    const high = 'kind: TracingConfiguration\nsamplingRatePerMillion: 2000000\n';
    const fixed = applyAction(high, actionsFor(high, 'tracing-config/sampling-rate-too-large')[0]!);
    assert.equal(fixed, 'kind: TracingConfiguration\nsamplingRatePerMillion: 1000000\n');
    assert.deepEqual(validateText(fixed), []);
  });

  it('strips an unsupported scheme from the endpoint, in YAML and in JSON (keeping JSON quotes)', () => {
    const yaml = 'kind: TracingConfiguration\nendpoint: http://otel:4317\n';
    const [fix] = actionsFor(yaml, 'tracing-config/unsupported-scheme');
    assert.equal(fix!.title, 'Remove the scheme: otel:4317');
    const fixed = applyAction(yaml, fix!);
    assert.equal(fixed, 'kind: TracingConfiguration\nendpoint: otel:4317\n');
    assert.deepEqual(codes(validateText(fixed)), []);
    const json = '{"kind": "TracingConfiguration", "endpoint": "https://otel:4317"}';
    const jsonFixed = applyAction(json, actionsFor(json, 'tracing-config/unsupported-scheme')[0]!);
    assert.equal(jsonFixed, '{"kind": "TracingConfiguration", "endpoint": "otel:4317"}');
    assert.deepEqual(codes(validateText(jsonFixed)), []);
  });

  it('renames a wrongly cased field, or removes an unknown one', () => {
    const text = 'kind: TracingConfiguration\nEndpoint: otel:4317\nfoo: 1\nsamplingRatePerMillion: 100\n';
    const cased = actionsFor(text, 'tracing-config/unknown-field', { version: '1.36' });
    assert.deepEqual(
      cased.map((a) => a.title),
      ['Rename Endpoint to endpoint', 'Remove the unknown field Endpoint'],
    );
    const renamed = applyAction(text, cased[0]!);
    assert.equal(renamed, 'kind: TracingConfiguration\nendpoint: otel:4317\nfoo: 1\nsamplingRatePerMillion: 100\n');
    const [removeFoo] = actionsFor(renamed, 'tracing-config/unknown-field', { version: '1.36' });
    assert.equal(removeFoo!.title, 'Remove the unknown field foo');
    const fixed = applyAction(renamed, removeFoo!);
    assert.equal(fixed, 'kind: TracingConfiguration\nendpoint: otel:4317\nsamplingRatePerMillion: 100\n');
    assert.deepEqual(codes(validateText(fixed, { version: '1.36' })), []);
  });

  it('resolves a duplicate key by keeping the value in effect (the last), or removing the duplicate', () => {
    const text = 'kind: TracingConfiguration\nendpoint: a:4317\nsamplingRatePerMillion: 5\nendpoint: b:4317\n';
    const actions = actionsFor(text, 'tracing-config/duplicate-field', { version: '1.31' });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Keep this endpoint, remove the one on line 2', 'Remove this duplicate endpoint'],
    );
    assert.equal(applyAction(text, actions[0]!), 'kind: TracingConfiguration\nsamplingRatePerMillion: 5\nendpoint: b:4317\n');
    assert.equal(applyAction(text, actions[1]!), 'kind: TracingConfiguration\nendpoint: a:4317\nsamplingRatePerMillion: 5\n');
    for (const action of actions) assert.deepEqual(codes(validateText(applyAction(text, action), { version: '1.32' })), []);
  });

  it('adds the OTLP port to a bare host, and sets a sampling rate where 0 only follows parents', () => {
    const bare = 'kind: TracingConfiguration\nendpoint: otel\n';
    assert.equal(
      applyAction(bare, actionsFor(bare, 'tracing-config/endpoint-without-port')[0]!),
      'kind: TracingConfiguration\nendpoint: otel:4317\n',
    );
    const zero = 'kind: TracingConfiguration\nendpoint: otel:4317\nsamplingRatePerMillion: 0\n';
    const fixed = applyAction(zero, actionsFor(zero, 'tracing-config/sampling-rate-parent-only')[0]!);
    assert.equal(fixed, 'kind: TracingConfiguration\nendpoint: otel:4317\nsamplingRatePerMillion: 10000\n');
    assert.deepEqual(codes(validateText(fixed)), []);
  });
});
