/**
 * Hostile input never crashes the service and never hangs it. These tests only check that validation finishes
 * with sensible findings; how long it takes is measured in benchmarks, not asserted here.
 */
import assert from 'node:assert/strict';
import { validate, where } from '../helpers';

describe('TracingConfiguration robustness', function () {
  this.timeout(60000); // a generous bound for a shared, slow machine; no timing is asserted

  it('a 10 MB file is reported once as too large, not parsed', () => {
    const text = `apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\n# ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const findings = validate(text);
    assert.deepEqual(where(findings), ['1:1 file-too-large']);
  });

  it('a 1 MB file under the limit (many documents) is fully checked', () => {
    const document = 'kind: TracingConfiguration\nendpoint: collector:4317\nsamplingRatePerMillion: 2000000\n';
    const count = Math.floor((1024 * 1024) / (document.length + 4));
    const text = Array.from({ length: count }, () => document).join('---\n');
    // Not named like a tracing config file (where only the first document counts): each document is checked.
    const findings = validate(text, { version: '1.34', fileName: 'all-tracing-documents.yaml' });
    assert.equal(findings.length, count);
    assert.ok(findings.every((f) => f.code === 'tracing-config/sampling-rate-too-large'));
  });

  it('a YAML alias bomb (billion laughs) is refused as go-yaml refuses it, after a bounded count', () => {
    const lines = ['kind: TracingConfiguration', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('endpoint: *a9', 'samplingRatePerMillion: *a9');
    const findings = validate(lines.join('\n') + '\n', { version: '1.33' });
    // go-yaml v2 gives up once aliases drive 99 % of over 1,000 decoded nodes (test/golden/tracing-config test/4).
    assert.deepEqual(
      findings.map((f) => f.message),
      ['yaml: document contains excessive aliasing'],
    );
  });

  it('a merge-key bomb (<< of << of the same anchors) is expanded within a budget', () => {
    const lines = ['kind: TracingConfiguration', 'm0: &m0 {endpoint: "a:1", samplingRatePerMillion: 1}'];
    for (let i = 1; i < 12; i++) lines.push(`m${i}: &m${i} {<<: [${Array.from({ length: 9 }, () => `*m${i - 1}`).join(', ')}]}`);
    lines.push('<<: *m11');
    const findings = validate(lines.join('\n') + '\n', { version: '1.31' });
    assert.ok(findings.length > 0 && findings.length < 20000);
    assert.ok(findings.every((f) => f.code !== 'internal-error'));
  });

  it('deep nesting (flow and block) does not overflow the stack', () => {
    const depth = 5000;
    const flow = `kind: TracingConfiguration\nextra: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    assert.doesNotThrow(() => validate(flow, { version: '1.33' }));
    let block = 'kind: TracingConfiguration\nextra:\n';
    for (let i = 1; i < 300; i++) block += `${'  '.repeat(i)}k${i}:\n`;
    // Past 256 levels (yaml/nesting.ts) the value is reported once where the limit is crossed, and not read; the
    // rest of the file is judged as kube-apiserver does, which never looks inside an unknown field's value
    // (test/golden/tracing-config test/7: strict decoding refuses "extra" from 1.32).
    const findings = validate(block, { version: '1.33' });
    assert.deepEqual(where(findings), ['2:1 tracing-config/unknown-field', '258:513 yaml/too-deep']);
  });

  it('binary junk in a tracing config file gives YAML errors or nothing, and no crash', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20; round++) {
      const junk = Array.from({ length: 4096 }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
      const findings = validate(junk);
      assert.ok(
        findings.every((f) => f.code !== 'internal-error'),
        JSON.stringify(findings.filter((f) => f.code === 'internal-error')),
      );
    }
  });

  it('CRLF line endings: positions and messages are the same as with LF', () => {
    const lf = 'kind: TracingConfiguration\nendpoint: localhost:abc\nsamplingRatePerMillion: -1\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(where(validate(crlf)), where(validate(lf)));
    assert.deepEqual(where(validate(crlf)), ['2:11 tracing-config/endpoint-unparsable', '3:25 tracing-config/sampling-rate-negative']);
    assert.equal(
      validate(crlf)[0]!.message,
      'endpoint: Invalid value: "dns://localhost:abc": parse "dns://localhost:abc": invalid port ":abc" after host',
    );
  });

  it('a BOM at the start does not shift positions or hide the document (YAML and JSON)', () => {
    assert.deepEqual(where(validate('\uFEFFkind: TracingConfiguration\nsamplingRatePerMillion: -1\nendpoint: a:1\n')), [
      '2:25 tracing-config/sampling-rate-negative',
    ]);
    // Positions count the BOM as the one UTF-16 unit it is in the text the client sent.
    const json = '\uFEFF{"samplingRatePerMillion": -1, "endpoint": "a:1"}';
    assert.deepEqual(where(validate(json, { fileName: 'tracing-config.json' })), [
      `1:${json.indexOf('-1') + 1} tracing-config/sampling-rate-negative`,
    ]);
  });
});
