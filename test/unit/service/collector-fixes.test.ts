/**
 * Quick fixes on Collector configs (collector/assist/fixes.ts), with the targets the Collector's assistant builds: each fix applied, the result checked again with the same rules, and it must be clean of that finding.
 */
import { strict as assert } from 'node:assert';
import { normalizeSettings } from '../../../common/src/settings';
import { applyEdits } from '../../../server/src/service/assist/edits';
import { collectorConfigType, configsInForce } from '../../../server/src/service/collector';
import { collectorFixes } from '../../../server/src/service/collector/assist/fixes';
import { catalogFrom, type CollectorCatalog, type ComponentKind, type Distribution } from '../../../server/src/service/collector/catalog';
import type { FileContext } from '../../../server/src/service/context';
import type { Finding } from '../../../server/src/service/findings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const ALL: Distribution[] = ['core', 'contrib', 'k8s'];
const entry = (kind: ComponentKind, type: string, from: string, to: string | null, distributions: Distribution[]) => ({
  kind,
  type,
  aliasOf: null,
  history: [{ from, to, distributions, stability: { traces: 'beta' } }],
});
const CATALOG: CollectorCatalog = catalogFrom(
  { releases: [{ version: '0.159.0' }, { version: '0.120.0' }] },
  {
    components: [
      entry('receiver', 'otlp', '0.80.0', null, ALL),
      entry('processor', 'batch', '0.80.0', null, ALL),
      entry('processor', 'tail_sampling', '0.80.0', null, ['contrib', 'k8s']),
      entry('exporter', 'otlp', '0.80.0', null, ALL),
      entry('exporter', 'otlp_grpc', '0.144.0', null, ALL),
      entry('exporter', 'debug', '0.86.0', null, ALL),
      entry('exporter', 'logging', '0.80.0', '0.110.0', ALL),
      entry('exporter', 'jaeger', '0.80.0', '0.84.0', ALL),
      entry('exporter', 'prometheus', '0.80.0', null, ALL),
      entry('connector', 'span_metrics', '0.150.0', null, ['contrib', 'k8s']),
    ],
  },
)!;

const type = collectorConfigType(() => CATALOG);

function contextOf(text: string): FileContext {
  return {
    file: parseFile('file:///ws/otel.yaml', text),
    path: '/ws/otel.yaml',
    options: { settings: normalizeSettings({}) },
  } as FileContext;
}

function check(text: string): Finding[] {
  const context = contextOf(text);
  return context.file.documents.filter((d) => type.recognize(d, context)).flatMap((d) => type.validate(d, context));
}

/** The fixes for the finding with this code (and message part), applied one at a time. */
function fixed(text: string, code: string, messagePart = ''): Array<{ title: string; text: string }> {
  const context = contextOf(text);
  const finding = check(text).find((f) => f.code === code && f.message.includes(messagePart));
  assert.ok(finding, `a ${code} finding "${messagePart}"`);
  const document = context.file.documents.find(
    (d) =>
      d.startOffset <= context.file.lines.offsetAt(finding.range.start) && context.file.lines.offsetAt(finding.range.start) <= d.endOffset,
  )!;
  const targets = configsInForce(document.document, context, CATALOG).map((c) => c.target);
  return collectorFixes(context.file, targets, finding).map((action) => ({
    title: action.title,
    text: applyEdits(text, action.edits, (p) => context.file.lines.offsetAt(p)),
  }));
}

const SEED_A = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: otel-collector-config}',
  'data:',
  '  config.yaml: |',
  '    receivers:',
  '      otlp:',
  '        protocols:',
  '          grpc:',
  '    processors:',
  '      batch:',
  '    exporters:',
  '      jaeger:',
  '        endpoint: jaeger-collector:14250',
  '        tls:',
  '          insecure: true',
  '      logging:',
  '        loglevel: debug',
  '    service:',
  '      pipelines:',
  '        traces:',
  '          receivers: [otlp]',
  '          processors: [batch]',
  '          exporters: [jaeger, logging]',
  '---',
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata: {name: otel-agent}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: otel',
  '          image: otel/opentelemetry-collector:latest',
  '      volumes: [{name: c, configMap: {name: otel-collector-config}}]',
].join('\n');

describe('Collector quick fixes', () => {
  it('jaeger → an OTLP gRPC exporter to port 4317, renamed in the pipeline, inside the ConfigMap block', () => {
    const [fix, ...others] = fixed(SEED_A, 'collector/unknown-type', '"jaeger"');
    assert.equal(others.length, 0);
    assert.equal(fix!.title, 'Send to Jaeger over OTLP: exporter "otlp_grpc/jaeger" to port 4317');
    assert.match(fix!.text, /\n {6}otlp_grpc\/jaeger:\n {8}endpoint: jaeger-collector:4317\n {8}tls:\n/);
    assert.match(fix!.text, /exporters: \[otlp_grpc\/jaeger, logging\]/);
    assert.deepEqual(
      check(fix!.text).filter((f) => f.message.includes('jaeger')),
      [],
    );
  });

  it('jaeger on a release before the otlp_grpc name: otlp/jaeger', () => {
    const [fix] = fixed(SEED_A.replace(':latest', ':0.120.0'), 'collector/unknown-type', '"jaeger"');
    assert.match(fix!.text, /\n {6}otlp\/jaeger:\n {8}endpoint: jaeger-collector:4317\n/);
  });

  it('logging → debug with verbosity from loglevel, renamed in the pipeline', () => {
    const [fix] = fixed(SEED_A, 'collector/unknown-type', 'logging');
    assert.equal(fix!.title, 'Use the debug exporter ("debug") with verbosity');
    assert.match(fix!.text, /\n {6}debug:\n {8}verbosity: detailed\n/);
    assert.match(fix!.text, /exporters: \[jaeger, debug\]/);
    assert.deepEqual(
      check(fix!.text).filter((f) => f.message.includes('logging')),
      [],
    );
  });

  it('both fixes and the pin: seed A clean', () => {
    let text = SEED_A;
    text = fixed(text, 'collector/unknown-type', '"jaeger"')[0]!.text;
    text = fixed(text, 'collector/unknown-type', 'logging')[0]!.text;
    const [pin] = fixed(text, 'collector/image-not-pinned');
    assert.equal(pin!.title, 'Pin the Collector image to 0.159.0');
    assert.match(pin!.text, /image: otel\/opentelemetry-collector:0\.159\.0\n/);
    assert.deepEqual(check(pin!.text), []);
  });

  it('a contrib-only processor on a core image: the contrib image, same tag', () => {
    const text = [
      'receivers: {otlp: {}}',
      'processors: {tail_sampling: {}}',
      'exporters: {otlp: {endpoint: "jaeger:4317"}}',
      'service: {pipelines: {traces: {receivers: [otlp], processors: [tail_sampling], exporters: [otlp]}}}',
      '# run by ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector:0.159.0',
    ].join('\n');
    const [fix, ...others] = fixed(text, 'collector/unknown-type', 'tail_sampling');
    assert.equal(others.length, 0);
    assert.equal(
      fix!.title,
      'Use the contrib image: ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib:0.159.0',
    );
    assert.deepEqual(check(fix!.text), []);
  });

  const SEED_C = [
    'receivers: {otlp: {protocols: {grpc: {endpoint: "0.0.0.0:4317"}}}}',
    'exporters:',
    '  spanmetrics:',
    '    metrics_exporter: prometheus',
    '    latency_histogram_buckets: [2ms, 6ms, 10ms, 100ms, 250ms]',
    '    dimensions:',
    '      - name: http.method',
    '  prometheus:',
    '    endpoint: 0.0.0.0:8889',
    'service:',
    '  pipelines:',
    '    traces:',
    '      receivers: [otlp]',
    '      exporters: [spanmetrics]',
    '    metrics:',
    '      receivers: [spanmetrics]',
    '      exporters: [prometheus]',
    '# otel/opentelemetry-collector-contrib:0.159.0',
  ];

  it('spanmetrics under exporters → the span_metrics connector with its keys, renamed in both pipelines', () => {
    const [fix, ...others] = fixed(SEED_C.join('\n'), 'collector/unknown-type', 'spanmetrics');
    assert.equal(others.length, 0);
    assert.equal(
      fix!.text,
      [
        'receivers: {otlp: {protocols: {grpc: {endpoint: "0.0.0.0:4317"}}}}',
        'connectors:',
        '  span_metrics:',
        '    histogram: {explicit: {buckets: [2ms, 6ms, 10ms, 100ms, 250ms]}}',
        '    dimensions:',
        '      - name: http.method',
        'exporters:',
        '  prometheus:',
        '    endpoint: 0.0.0.0:8889',
        'service:',
        '  pipelines:',
        '    traces:',
        '      receivers: [otlp]',
        '      exporters: [span_metrics]',
        '    metrics:',
        '      receivers: [span_metrics]',
        '      exporters: [prometheus]',
        '# otel/opentelemetry-collector-contrib:0.159.0',
      ].join('\n'),
    );
    assert.deepEqual(check(fix!.text), []);
  });

  it('inside a ConfigMap block, without a metrics pipeline: the connector and a metrics pipeline from metrics_exporter', () => {
    const withoutMetrics = SEED_C.slice(0, 14).filter((l) => !l.startsWith('#'));
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: c}',
      'data:',
      '  config.yaml: |',
      ...withoutMetrics.map((l) => `    ${l}`),
      '# otel/opentelemetry-collector-contrib:0.159.0',
    ].join('\n');
    const [fix] = fixed(text, 'collector/unknown-type', 'spanmetrics');
    assert.match(
      fix!.text,
      /\n {4}connectors:\n {6}span_metrics:\n {8}histogram: \{explicit: \{buckets: \[2ms, 6ms, 10ms, 100ms, 250ms\]\}\}\n {8}dimensions:\n/,
    );
    assert.match(
      fix!.text,
      /\n {6}pipelines:\n {8}metrics\/span_metrics: \{receivers: \[span_metrics\], exporters: \[prometheus\]\}\n {8}traces:\n/,
    );
    assert.deepEqual(check(fix!.text), []);
  });
});
