/**
 * The Collector config rules on the three seed recipes and their fixed forms, with a small fixture
 * catalogue written here (the generated schemas/collector/ data is tested against the real Collector's goldens
 * in collector-golden.test.ts). Messages follow otelcol/internal/configunmarshaler/configs.go and otelcol/config.go.
 */
import { strict as assert } from 'node:assert';
import { collectorConfigType } from '../../../server/src/service/collector';
import {
  catalogFrom,
  type CollectorCatalog,
  type ComponentEntry,
  type ComponentKind,
  type Distribution,
} from '../../../server/src/service/collector/catalog';
import type { FileContext } from '../../../server/src/service/context';
import { Severity, type Finding } from '../../../server/src/service/findings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const ALL = ['core', 'contrib', 'k8s', 'otlp'];
const STABLE = { traces: 'stable', metrics: 'stable', logs: 'beta' };
const entry = (
  kind: ComponentKind,
  type: string,
  from: string,
  to: string | null,
  distributions: string[],
  aliasOf: string | null = null,
): ComponentEntry => ({
  kind,
  type,
  aliasOf,
  history: [{ from, to, distributions: distributions as Distribution[], stability: { ...STABLE } }],
});

/** A fixture catalogue shaped like docs/collector-data-format.md: two releases, a few components. */
export const FIXTURE_CATALOG: CollectorCatalog = catalogFrom(
  { releases: [{ version: '0.159.0' }, { version: '0.110.0' }, { version: '0.84.0' }] },
  {
    components: [
      entry('receiver', 'otlp', '0.84.0', null, ALL),
      entry('processor', 'batch', '0.84.0', null, ['core', 'contrib', 'k8s']),
      entry('processor', 'tail_sampling', '0.84.0', null, ['contrib', 'k8s']),
      entry('exporter', 'otlp', '0.84.0', null, ALL),
      entry('exporter', 'debug', '0.86.0', null, ['core', 'contrib', 'k8s']),
      entry('exporter', 'logging', '0.84.0', '0.110.0', ['core', 'contrib']),
      entry('exporter', 'jaeger', '0.84.0', '0.84.0', ['core', 'contrib']),
      entry('exporter', 'prometheus', '0.84.0', null, ['core', 'contrib']),
      entry('connector', 'spanmetrics', '0.84.0', null, ['contrib', 'k8s']),
    ],
  },
)!;

/** `catalog: null` = the generated data is absent. */
function check(text: string, catalog: CollectorCatalog | null = FIXTURE_CATALOG): Finding[] {
  const type = collectorConfigType(() => catalog ?? undefined);
  const file = parseFile('file:///workspace/otel.yaml', text);
  const context = { file } as FileContext; // the Collector type reads only the file from the context
  return file.documents.filter((d) => type.recognize(d, context)).flatMap((d) => type.validate(d, context));
}

const at = (findings: Finding[]) => findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);

const SEED_A_CONFIG = [
  'receivers:',
  '  otlp:',
  '    protocols:',
  '      grpc:',
  'processors:',
  '  batch:',
  'exporters:',
  '  jaeger:',
  '    endpoint: jaeger:14250',
  '  logging:',
  '    loglevel: debug',
  'service:',
  '  pipelines:',
  '    traces:',
  '      receivers: [otlp]',
  '      processors: [batch]',
  '      exporters: [jaeger, logging]',
];

const CORE_EXPORTERS_159 = '[debug otlp prometheus]';

describe('Collector config', () => {
  it('seed A as a plain file on the newest release: jaeger and logging, each on its line, in the v0.129+ wording', () => {
    assert.deepEqual(at(check(['# image: otel/opentelemetry-collector:latest', ...SEED_A_CONFIG].join('\n'))), [
      `9:3 'exporters' unknown type: "jaeger" for id: "jaeger" (valid values: ${CORE_EXPORTERS_159})`,
      "11:3 'exporters' the logging exporter has been deprecated, use the debug exporter instead",
      '1:10 The Collector image is not pinned: checked as 0.159.0, the newest release kube-tracing knows',
    ]);
  });

  it('seed A inside a ConfigMap block: positions map back into the block scalar', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: otel-collector-config',
      'data:',
      '  config.yaml: |',
      ...SEED_A_CONFIG.map((l) => `    ${l}`),
      '---',
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: otel',
      '          image: otel/opentelemetry-collector:0.84.0',
    ].join('\n');
    const findings = check(text);
    // 0.84.0: jaeger and logging still exist; nothing to report for them.
    assert.deepEqual(at(findings), []);
    const newer = check(text.replace('0.84.0', '0.110.0'));
    assert.deepEqual(at(newer), [
      `14:7 error decoding 'exporters': unknown type: "jaeger" for id: "jaeger" (valid values: [debug logging otlp prometheus])`,
    ]);
  });

  it('seed B on core: tail_sampling is contrib-only, with the fix to use the contrib image', () => {
    const text = [
      'receivers: {otlp: {protocols: {grpc: {}}}}',
      'processors:',
      '  tail_sampling:',
      '    decision_wait: 10s',
      'exporters:',
      '  otlp/jaeger:',
      '    endpoint: jaeger:4317',
      'service:',
      '  pipelines:',
      '    traces:',
      '      receivers: [otlp]',
      '      processors: [tail_sampling]',
      '      exporters: [otlp/jaeger]',
      '# runs as otel/opentelemetry-collector:0.159.0',
    ].join('\n');
    const findings = check(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, Severity.Error);
    assert.match(findings[0]!.message, /^'processors' unknown type: "tail_sampling" for id: "tail_sampling" \(valid values: \[batch\]\)$/);
    assert.match(findings[0]!.explanation, /contrib image/);
    assert.deepEqual(check(text.replace('collector:0.159.0', 'collector-contrib:0.159.0')), []);
  });

  it('seed C: spanmetrics is no exporter; the pipeline references unconfigured components', () => {
    const text = [
      'exporters:',
      '  spanmetrics:',
      '    metrics_exporter: prometheus',
      '  prometheus:',
      '    endpoint: 0.0.0.0:8889',
      'service:',
      '  pipelines:',
      '    traces:',
      '      receivers: [otlp]',
      '      exporters: [spanmetrics, jaeger]',
      '    metrics:',
      '      receivers: [spanmetrics]',
      '      exporters: [prometheus]',
    ].join('\n');
    assert.deepEqual(at(check(text)), [
      `2:3 'exporters' unknown type: "spanmetrics" for id: "spanmetrics" (valid values: [debug otlp prometheus])`,
      '9:19 service::pipelines::traces: references receiver "otlp" which is not configured',
      '10:32 service::pipelines::traces: references exporter "jaeger" which is not configured',
      '12:19 service::pipelines::metrics: references receiver "spanmetrics" which is not configured',
    ]);
  });

  it('the fixed seed A has no finding', () => {
    const fixed = SEED_A_CONFIG.join('\n')
      .replace('  jaeger:\n    endpoint: jaeger:14250', '  otlp/jaeger:\n    endpoint: jaeger:4317')
      .replace('  logging:\n    loglevel: debug', '  debug:\n    verbosity: detailed')
      .replace('[jaeger, logging]', '[otlp/jaeger, debug]');
    assert.deepEqual(at(check(fixed)), []);
  });

  it('without the catalogue only the structural rules speak (never a guess about types)', () => {
    assert.deepEqual(at(check(SEED_A_CONFIG.join('\n'), null)), []);
    const missing = check(SEED_A_CONFIG.join('\n').replace('[jaeger, logging]', '[jaeger, otlp/x]'), null);
    assert.deepEqual(at(missing), ['17:27 service::pipelines::traces: references exporter "otlp/x" which is not configured']);
  });

  it('a pipeline without exporters', () => {
    const findings = check('receivers: {otlp: {}}\nexporters: {debug: {}}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n');
    assert.deepEqual(at(findings), ['5:5 service::pipelines::traces: must have at least one exporter']);
  });

  it('a v1beta1 OpenTelemetryCollector spec.config object', () => {
    const text = [
      'apiVersion: opentelemetry.io/v1beta1',
      'kind: OpenTelemetryCollector',
      'spec:',
      '  image: otel/opentelemetry-collector-contrib:0.159.0',
      '  config:',
      '    receivers: {otlp: {}}',
      '    exporters:',
      '      jaeger: {}',
      '    service:',
      '      pipelines:',
      '        traces: {receivers: [otlp], exporters: [jaeger]}',
    ].join('\n');
    assert.deepEqual(at(check(text)), [`8:7 'exporters' unknown type: "jaeger" for id: "jaeger" (valid values: [debug otlp prometheus])`]);
  });

  it('a connector used only as an exporter: the graph error on each use', () => {
    const text = [
      'receivers: {otlp: {}}',
      'connectors: {spanmetrics: {}}',
      'exporters: {debug: {}}',
      'service:',
      '  pipelines:',
      '    traces: {receivers: [otlp], exporters: [spanmetrics, debug]}',
      '# otel/opentelemetry-collector-contrib:0.159.0',
    ].join('\n');
    assert.deepEqual(at(check(text)), [
      '6:45 connector "spanmetrics" used as exporter in [traces] pipeline but not used in any supported receiver pipeline',
    ]);
    const joined = text.replace('    traces:', '    metrics: {receivers: [spanmetrics], exporters: [debug]}\n    traces:');
    assert.deepEqual(at(check(joined)), []);
  });

  it('a connector pair the connector does not support (from the catalogue)', () => {
    const catalog: CollectorCatalog = {
      ...FIXTURE_CATALOG,
      components: [
        ...FIXTURE_CATALOG.components.filter((c) => c.type !== 'spanmetrics'),
        entry('connector', 'spanmetrics', '0.84.0', null, ['contrib']),
      ],
    };
    catalog.components[catalog.components.length - 1]!.history[0]!.stability = { 'traces->metrics': 'alpha' };
    const text = [
      'receivers: {otlp: {}}',
      'connectors: {spanmetrics: {}}',
      'exporters: {debug: {}}',
      'service:',
      '  pipelines:',
      '    traces: {receivers: [otlp], exporters: [spanmetrics]}',
      '    logs: {receivers: [spanmetrics], exporters: [debug]}',
      '# otel/opentelemetry-collector-contrib:0.159.0',
    ].join('\n');
    assert.deepEqual(at(check(text, catalog)), [
      '6:45 connector "spanmetrics" used as exporter in [traces] pipeline but not used in any supported receiver pipeline',
      '7:24 connector "spanmetrics" used as receiver in [logs] pipeline but not used in any supported exporter pipeline',
    ]);
    assert.deepEqual(at(check(text.replace('    logs:', '    metrics:'), catalog)), []);
  });

  it('${…} references: a default without the env scheme cannot be resolved (confmap/expand.go newLocation)', () => {
    const text = [
      'receivers:',
      '  otlp:',
      '    protocols:',
      '      grpc: {endpoint: "${env:OTLP_ENDPOINT:-0.0.0.0:4317}"}',
      'exporters:',
      '  otlp:',
      '    endpoint: ${JAEGER_ENDPOINT:-jaeger:4317}',
      '    headers: {a: "${A}", b: "$${NOT_A_REFERENCE:-x}", c: "${env:1BAD}"}',
      'service:',
      '  pipelines:',
      '    traces: {receivers: [otlp], exporters: [otlp]}',
    ].join('\n');
    assert.deepEqual(at(check(text).filter((f) => f.code === 'collector/env-reference')), [
      '7:15 cannot resolve the configuration: invalid uri: "JAEGER_ENDPOINT:-jaeger:4317"',
      '8:58 cannot resolve the configuration: environment variable "1BAD" has invalid name: must match regex ^[a-zA-Z_][a-zA-Z0-9_]*$',
    ]);
  });

  it('a type that may belong to a module the proxy did not serve is not called unknown', () => {
    const catalog: CollectorCatalog = {
      ...FIXTURE_CATALOG,
      unread: { '0.159.0': { contrib: ['github.com/open-telemetry/opentelemetry-collector-contrib/receiver/awslambdareceiver'] } },
    };
    const text = (type: string) =>
      [
        `receivers: {${type}: {}}`,
        'exporters: {otlp: {}}',
        'service:',
        '  pipelines:',
        `    traces: {receivers: [${type}], exporters: [otlp]}`,
        '# otel/opentelemetry-collector-contrib:0.159.0',
      ].join('\n');
    assert.deepEqual(at(check(text('awslambda'), catalog)), []);
    const other = check(text('awslamda'), catalog);
    assert.deepEqual(
      other.map((f) => f.code),
      ['collector/unknown-type'],
    );
    assert.match(other[0]!.explanation, /lacks the types of 1 module/);
  });

  it('v0.96-era wording: pipeline validation and the connector error name the signal (seen in a real v0.96.0)', () => {
    const text = [
      'receivers: {otlp: {}}',
      'connectors: {spanmetrics: {}}',
      'exporters: {otlp: {}}',
      'service:',
      '  pipelines:',
      '    traces: {receivers: [otlp], exporters: [spanmetrics]}',
      '    trace: {receivers: [otlp], exporters: []}',
      '# otel/opentelemetry-collector-contrib:0.84.0',
    ].join('\n');
    assert.deepEqual(at(check(text)), [
      '7:5 service::pipelines config validation failed: pipeline "trace": unknown datatype "trace"',
      '7:5 service::pipelines config validation failed: pipeline "trace": must have at least one exporter',
      '6:45 connector "spanmetrics" used as exporter in traces pipeline but not used in any supported receiver pipeline',
    ]);
  });

  it("invalid component and pipeline ids (the key decodes as component.ID: its path is '')", () => {
    const text = [
      'receivers: {otlp: {}, "otlp/": {}, "1otlp": {}}',
      'exporters: {debug: {}}',
      'service:',
      '  pipelines:',
      '    trace: {receivers: [otlp], exporters: [debug]}',
    ].join('\n');
    assert.deepEqual(at(check(text)), [
      `1:23 'receivers' '' in "otlp/" id: the part after / should not be empty`,
      `1:36 'receivers' '' in "1otlp" id: invalid character(s) in type "1otlp"`,
      `5:5 'service.pipelines' in "trace" id: unknown pipeline signal: "trace"`,
    ]);
  });

  describe('unknown keys (fields data)', () => {
    const withFields: CollectorCatalog = {
      ...FIXTURE_CATALOG,
      releases: ['0.159.0', '0.130.0', '0.110.0', '0.84.0'],
      fields: {
        'exporter/debug': [
          {
            from: '0.86.0',
            to: null,
            goType: 'debugexporter.Config',
            keys: { verbosity: { type: 'string' }, sampling_initial: { type: 'int' } },
          },
        ],
        'receiver/otlp': [
          {
            from: '0.84.0',
            to: null,
            goType: 'otlpreceiver.Config',
            keys: { protocols: { type: 'object', keys: { grpc: { type: 'any' }, http: { type: 'any' } } } },
          },
        ],
      },
    };
    const config = (image: string) =>
      [
        'receivers:',
        '  otlp:',
        '    protocols:',
        '      grpc: {endpoint: 0.0.0.0:4317, whatever: 1}',
        '      thrift: {}',
        'exporters:',
        '  debug:',
        '    loglevel: debug',
        '    Verbosity: detailed',
        'service:',
        '  pipelines:',
        '    traces: {receivers: [otlp], exporters: [debug]}',
        `# ${image}`,
      ].join('\n');

    it('v0.144+: the qualified struct name; names match case-sensitively (confmap caseSensitiveMatchName); `any` ends the check', () => {
      const debug = `'exporters' error reading configuration for "debug": decoding failed due to the following error(s):\n\n'debugexporter.Config' has invalid keys: Verbosity, loglevel`;
      assert.deepEqual(at(check(config('otel/opentelemetry-collector:0.159.0'), withFields)), [
        `5:7 'receivers' error reading configuration for "otlp": decoding failed due to the following error(s):\n\n'protocols' has invalid keys: thrift`,
        `8:5 ${debug}`,
        `9:5 ${debug}`,
      ]);
    });

    it("v0.129-v0.143: the struct is ''", () => {
      const findings = check(config('otel/opentelemetry-collector:0.130.0'), withFields).filter((f) => f.message.includes('debug'));
      const debug = `'exporters' error reading configuration for "debug": decoding failed due to the following error(s):\n\n'' has invalid keys: Verbosity, loglevel`;
      assert.deepEqual(at(findings), [`8:5 ${debug}`, `9:5 ${debug}`]);
    });

    it('a component without field data is not key-checked', () => {
      assert.deepEqual(at(check(config('otel/opentelemetry-collector:0.159.0')).filter((f) => f.code === 'collector/unknown-key')), []);
    });
  });
});
