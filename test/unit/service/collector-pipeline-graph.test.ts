/**
 * The pipeline view's model (collector/pipelineGraph.ts): per pipeline its receivers, processors in order and
 * exporters, with where the pipeline names each and where it is defined; connectors linked from the exporter side
 * of one pipeline to the receiver side of another; validation's own findings (bundled schemas/collector/ data)
 * attached to the nodes they are about. A plain file and a ConfigMap block (positions in the outer file).
 */
import { strict as assert } from 'node:assert';
import type { CollectorPipelineGraph, PipelineNode } from '../../../common/src/protocolPipelines';
import { normalizeSettings } from '../../../common/src/settings';
import { pipelineGraphsOfFile } from '../../../server/src/service';
import { pipelineGraph } from '../../../server/src/service/collector/pipelineGraph';
import { readConfig } from '../../../server/src/service/collector/configView';
import { Severity, type Finding } from '../../../server/src/service/findings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const graphsOf = (
  text: string,
  uri = 'file:///ws/otel.yaml',
  settings = { collectorVersion: '0.159.0', collectorDistribution: 'contrib' },
) => pipelineGraphsOfFile({ source: { uri, text }, options: { settings: normalizeSettings(settings), workspaceFolders: ['/ws'] } });

const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length - 1;
const ids = (nodes: PipelineNode[]) => nodes.map((node) => node.id);

const CONNECTED = `receivers:
  otlp:
    protocols:
      grpc:
processors:
  memory_limiter:
    check_interval: 1s
    limit_percentage: 80
  batch:
connectors:
  spanmetrics:
exporters:
  debug:
  otlp/jaeger:
    endpoint: jaeger:4317
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlp/jaeger, spanmetrics]
    metrics:
      receivers: [spanmetrics]
      exporters: [debug]
`;

describe('collector pipeline graph', () => {
  it('draws each pipeline in the config order with reference and definition ranges, and links the connector', () => {
    const [graph] = graphsOf(CONNECTED) as [CollectorPipelineGraph];
    assert.equal(graph.label, 'Collector config (line 1)');
    assert.deepEqual(graph.collector, { version: '0.159.0', distribution: 'contrib' });
    assert.deepEqual(
      graph.pipelines.map((p) => [p.id, p.signal, ids(p.receivers), ids(p.processors), ids(p.exporters)]),
      [
        ['traces', 'traces', ['otlp'], ['memory_limiter', 'batch'], ['otlp/jaeger', 'spanmetrics']],
        ['metrics', 'metrics', ['spanmetrics'], [], ['debug']],
      ],
    );
    assert.equal(graph.range.start.line, lineOf(CONNECTED, 'pipelines:'));
    const traces = graph.pipelines[0]!;
    assert.equal(traces.range.start.line, lineOf(CONNECTED, '    traces:'));
    const batch = traces.processors[1]!;
    const batchLine = lineOf(CONNECTED, 'processors: [memory_limiter, batch]');
    assert.deepEqual(batch.reference, {
      start: { line: batchLine, character: '      processors: [memory_limiter, '.length },
      end: { line: batchLine, character: '      processors: [memory_limiter, batch'.length },
    });
    assert.deepEqual(batch.definition, {
      start: { line: lineOf(CONNECTED, '  batch:'), character: 2 },
      end: { line: lineOf(CONNECTED, '  batch:'), character: 7 },
    });
    const [jaeger, connectorOut] = traces.exporters as [PipelineNode, PipelineNode];
    assert.equal(jaeger.type, 'otlp');
    assert.equal(jaeger.connector, false);
    assert.equal(connectorOut.connector, true);
    assert.equal(connectorOut.definition?.start.line, lineOf(CONNECTED, '  spanmetrics:'));
    const connectorIn = graph.pipelines[1]!.receivers[0]!;
    assert.deepEqual(graph.links, [{ connector: 'spanmetrics', from: connectorOut.key, to: connectorIn.key }]);
    const all = graph.pipelines.flatMap((p) => [...p.receivers, ...p.processors, ...p.exporters]);
    assert.equal(new Set(all.map((n) => n.key)).size, all.length, 'node keys are unique');
    assert.deepEqual(
      all.flatMap((n) => n.problems),
      [],
      'a valid config has no problems',
    );
    assert.deepEqual(graph.problems, []);
  });

  it("marks validation's findings on the nodes they are about: unknown type, not configured, unused connector side, empty pipeline", () => {
    const text = `receivers:
  otlp:
    protocols:
      grpc:
connectors:
  forward:
exporters:
  jaeger:
    endpoint: jaeger:14250
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger, forward]
    traces/copy:
      receivers: [otlp]
      exporters: [jaeger]
    logs:
      receivers: [otlp]
`;
    // The core image: contrib has modules kube-tracing could not read, so an unknown type there is not called unknown.
    const [graph] = graphsOf(text, 'file:///ws/otel.yaml', { collectorVersion: '0.159.0', collectorDistribution: 'core' }) as [
      CollectorPipelineGraph,
    ];
    const [traces, copy, logs] = graph.pipelines as [(typeof graph.pipelines)[0], (typeof graph.pipelines)[0], (typeof graph.pipelines)[0]];
    const codes = (node: PipelineNode | undefined) => node?.problems.map((p) => p.code) ?? [];
    // The jaeger exporter was removed in v0.85.0: the finding sits on its definition, so both pipelines show it.
    assert.deepEqual(codes(traces.exporters[0]), ['collector/unknown-type']);
    assert.deepEqual(codes(copy.exporters[0]), ['collector/unknown-type']);
    assert.match(traces.exporters[0]!.problems[0]!.message, /unknown type: "jaeger" for id: "jaeger"/);
    assert.equal(traces.exporters[0]!.configured, true, 'defined, if unknown');
    const batch = traces.processors[0]!;
    assert.equal(batch.configured, false);
    assert.equal(batch.definition, undefined);
    assert.deepEqual(codes(batch), ['collector/not-configured']);
    assert.equal(batch.problems[0]!.message, 'service::pipelines::traces: references processor "batch" which is not configured');
    // forward is an exporter of traces and the receiver of nothing.
    assert.deepEqual(codes(traces.exporters[1]), ['collector/connector-unused-side']);
    assert.deepEqual(graph.links, []);
    assert.deepEqual(codes(traces.receivers[0]), []);
    assert.deepEqual(
      logs.problems.map((p) => [p.code, p.severity]),
      [['collector/pipeline-incomplete', Severity.Error]],
    );
    assert.deepEqual(traces.problems, [], 'problems on a node are not repeated on its pipeline');
    assert.deepEqual(graph.problems, [], 'every finding of this config is on a node or a pipeline');
  });

  it('answers in the positions of the outer file for a ConfigMap block, one graph per data key', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: otel-conf
data:
  agent.yaml: |
    receivers:
      otlp:
        protocols:
          grpc:
    exporters:
      debug:
    service:
      pipelines:
        traces:
          receivers: [otlp]
          exporters: [debug, nope]
  gateway.yaml: |
    receivers:
      otlp:
    exporters:
      debug:
    service:
      pipelines:
        logs:
          receivers: [otlp]
          exporters: [debug]
`;
    const graphs = graphsOf(text, 'file:///ws/cm.yaml');
    assert.deepEqual(
      graphs.map((g) => g.label),
      [
        `ConfigMap otel-conf (line ${lineOf(text, '    receivers:') + 1})`,
        `ConfigMap otel-conf (line ${lineOf(text, '    receivers:', text.indexOf('gateway')) + 1})`,
      ],
    );
    const nope = graphs[0]!.pipelines[0]!.exporters[1]!;
    const line = lineOf(text, 'exporters: [debug, nope]');
    assert.deepEqual(nope.reference.start, { line, character: '          exporters: [debug, '.length });
    assert.deepEqual(
      nope.problems.map((p) => p.code),
      ['collector/not-configured'],
    );
    assert.equal(graphs[1]!.pipelines[0]!.id, 'logs');
    assert.deepEqual(graphs[1]!.pipelines[0]!.exporters[0]!.problems, [], "the first config's finding is not the second's");
  });

  it('the pure function attaches only findings inside a node, its definition or its pipeline', () => {
    const text = CONNECTED;
    const file = parseFile('file:///ws/otel.yaml', text);
    const document = file.documents[0]!.document;
    const view = readConfig(document.contents, document);
    const at = (line: number, character: number, code: string): Finding => ({
      range: { start: { line, character }, end: { line, character: character + 1 } },
      severity: Severity.Warning,
      code,
      message: code,
      explanation: '',
    });
    const findings = [
      at(lineOf(text, 'check_interval'), 4, 'in-memory-limiter'),
      at(lineOf(text, 'receivers:'), 0, 'on-receivers-section-key'),
      at(lineOf(text, '    metrics:'), 4, 'on-metrics-pipeline-key'),
    ];
    const graph = pipelineGraph({ file, view, findings, label: 'x', collector: { version: '0.159.0', distribution: 'core' } });
    const traces = graph.pipelines[0]!;
    assert.deepEqual(
      traces.processors.map((p) => p.problems.map((q) => q.code)),
      [['in-memory-limiter'], []],
    );
    assert.deepEqual(traces.receivers[0]!.problems, [], 'a finding on the section key belongs to no node');
    assert.deepEqual(
      graph.problems.map((p) => p.code),
      ['on-receivers-section-key'],
      "it is listed as the config's own",
    );
    assert.deepEqual(
      graph.pipelines[1]!.problems.map((p) => p.code),
      ['on-metrics-pipeline-key'],
    );
    assert.deepEqual(traces.problems, []);
  });

  it("lists the config's findings on no pipeline entry: an unused component's key, service::telemetry", () => {
    const text = `${CONNECTED.replace('  debug:\n', '  debug:\n  unused:\n')}`.replace(
      'service:\n',
      'service:\n  telemetry:\n    metrics:\n      address: 0.0.0.0:8888\n',
    );
    const [graph] = graphsOf(text) as [CollectorPipelineGraph];
    assert.deepEqual(
      graph.problems.map((p) => [p.code, p.range.start.line]),
      [
        ['collector/unknown-type', lineOf(text, '  unused:')],
        ['collector/telemetry-metrics-address', lineOf(text, '      address:')],
      ],
    );
    assert.deepEqual(
      graph.pipelines.flatMap((p) => [...p.problems, ...[...p.receivers, ...p.processors, ...p.exporters].flatMap((n) => n.problems)]),
      [],
      'no node or pipeline takes them',
    );
  });
});
