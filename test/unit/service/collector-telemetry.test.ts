/**
 * `service::telemetry::metrics::address` per release (collector/rules/telemetry.ts): nothing before v0.111.0,
 * the Collector's deprecation warning as Information while it is honoured (v0.111–v0.122), as a Warning while it is
 * ignored (v0.123–v0.127), and the decode error that stops the Collector from v0.128.0, in each epoch's words (the
 * v0.128.0, v0.143.0 and v0.165.0 words are real Collectors' own, the last two in: test/golden/collector/, corpus
 * telemetry-metrics-address.yaml). In a ConfigMap block, on the key's line in the file.
 */
import { strict as assert } from 'node:assert';
import { normalizeSettings } from '../../../common/src/settings';
import { codeActions, validateSource } from '../../../server/src/service';
import { applyEdits } from '../../../server/src/service/assist/edits';
import { LineIndex } from '../../../server/src/service/text/lineIndex';
import { Severity } from '../../../server/src/service/findings';

const CONFIG = `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  debug:
service:
  telemetry:
    metrics:
      level: detailed
      address: 0.0.0.0:8888
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`;

const telemetryFindings = (text: string, collectorVersion: string) =>
  validateSource(
    { uri: 'file:///ws/otel.yaml', text },
    { settings: normalizeSettings({ collectorVersion, collectorDistribution: 'core' }), workspaceFolders: ['/ws'] },
  ).filter((f) => f.code === 'collector/telemetry-metrics-address');

describe('collector service::telemetry::metrics::address', () => {
  it('says nothing before v0.111.0, nor without the key', () => {
    assert.deepEqual(telemetryFindings(CONFIG, '0.110.0'), []);
    assert.deepEqual(telemetryFindings(CONFIG, '0.96.0'), []);
    assert.deepEqual(telemetryFindings(CONFIG.replace('      address: 0.0.0.0:8888\n', ''), '0.165.0'), []);
  });

  it("gives the Collector's deprecation warning: Information while honoured, Warning while ignored", () => {
    const deprecated = 'service::telemetry::metrics::address is being deprecated in favor of service::telemetry::metrics::readers';
    for (const [version, severity] of [
      ['0.111.0', Severity.Information],
      ['0.122.0', Severity.Information],
      ['0.123.0', Severity.Warning],
      ['0.127.0', Severity.Warning],
    ] as const) {
      const [finding, ...rest] = telemetryFindings(CONFIG, version);
      assert.deepEqual(rest, [], version);
      assert.deepEqual(
        [finding?.severity, finding?.message, finding?.range.start],
        [severity, deprecated, { line: 10, character: 6 }],
        version,
      );
    }
    assert.match(telemetryFindings(CONFIG, '0.124.0')[0]!.explanation, /ignores the address/);
  });

  it('is the decode error that stops the Collector from v0.128.0, in each epoch’s words', () => {
    const expected: Record<string, string> = {
      '0.128.0':
        "error decoding 'service.telemetry.metrics': decoding failed due to the following error(s):\n\n'' has invalid keys: address",
      '0.143.0': "'service.telemetry.metrics' decoding failed due to the following error(s):\n\n'' has invalid keys: address",
      '0.165.0':
        "'service.telemetry.metrics' decoding failed due to the following error(s):\n\n'migration.MetricsConfigV030' has invalid keys: address",
    };
    for (const [version, message] of Object.entries(expected)) {
      const [finding] = telemetryFindings(CONFIG, version);
      assert.deepEqual([finding?.severity, finding?.message], [Severity.Error, message], version);
    }
  });

  it('finds the key inside a ConfigMap block, on its line in the file', () => {
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: otel\ndata:\n  config.yaml: |\n${CONFIG.replace(/^/gm, '    ').trimEnd()}\n`;
    const [finding] = telemetryFindings(configMap, '0.165.0');
    assert.deepEqual(finding?.range.start, { line: 16, character: 10 });
  });

  it('the quick fix writes the Prometheus reader on the same host and port, in a plain file and in a ConfigMap block', () => {
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: otel\ndata:\n  config.yaml: |\n${CONFIG.replace(/^/gm, '    ').trimEnd()}\n`;
    for (const [text, version] of [
      [CONFIG, '0.165.0'],
      [CONFIG, '0.115.0'],
      [configMap, '0.128.0'],
      [CONFIG.replace('0.0.0.0:8888', '"[::]:8888"'), '0.143.0'],
    ] as const) {
      const options = {
        settings: normalizeSettings({ collectorVersion: version, collectorDistribution: 'core' }),
        workspaceFolders: ['/ws'],
      };
      const source = { uri: 'file:///ws/otel.yaml', text };
      const [finding] = telemetryFindings(text, version);
      const actions = codeActions({ source, options }, finding!.range, [finding!]);
      assert.deepEqual(
        actions.map((a) => a.title),
        [`Serve the Collector's metrics with a Prometheus reader on ${text.includes('[::]') ? '::' : '0.0.0.0'}:8888 (metrics::readers)`],
      );
      const lines = new LineIndex(text);
      const fixed = applyEdits(text, actions[0]!.edits, (p) => lines.offsetAt(p));
      assert.match(fixed, /readers: \[\{pull: \{exporter: \{prometheus: \{host: ('::'|0\.0\.0\.0), port: 8888\}\}\}\}\]\n/);
      assert.deepEqual(
        validateSource({ ...source, text: fixed }, options).filter((f) => f.severity === Severity.Error || f.code.includes('telemetry')),
        [],
        `${version}: clean after the fix`,
      );
    }
  });

  it('offers no fix when readers are already set', () => {
    const both = CONFIG.replace('      address: 0.0.0.0:8888\n', '      address: 0.0.0.0:8888\n      readers: []\n');
    const options = {
      settings: normalizeSettings({ collectorVersion: '0.120.0', collectorDistribution: 'core' }),
      workspaceFolders: ['/ws'],
    };
    const [finding] = telemetryFindings(both, '0.120.0');
    assert.deepEqual(codeActions({ source: { uri: 'file:///ws/otel.yaml', text: both }, options }, finding!.range, [finding!]), []);
  });
});
