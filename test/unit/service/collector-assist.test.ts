/**
 * Hovers and completions in Collector configs (collector/assist/): the component under the cursor in a plain file
 * and inside a ConfigMap block, its stability and distributions in the release in force, the types that release
 * and distribution have, keys from the field data, configured ids in a pipeline. A fixture catalogue; the service's
 * hover() end to end (positions through the ConfigMap block) with the bundled data, whatever it holds.
 */
import { strict as assert } from 'node:assert';
import { normalizeSettings } from '../../../common/src/settings';
import { hover } from '../../../server/src/service';
import { collectorCompletions } from '../../../server/src/service/collector/assist/completion';
import { componentHover, componentUnderCursor } from '../../../server/src/service/collector/assist/hover';
import { configCursor } from '../../../server/src/service/collector/assist/locate';
import { catalogFrom, type CollectorCatalog, type ComponentKind, type Distribution } from '../../../server/src/service/collector/catalog';
import type { FileContext } from '../../../server/src/service/context';
import { parseFile } from '../../../server/src/service/yaml/parse';

const entry = (
  kind: ComponentKind,
  type: string,
  distributions: Distribution[],
  aliasOf: string | null = null,
  stability: Record<string, string> = { traces: 'beta' },
) => ({
  kind,
  type,
  aliasOf,
  module: `example/${type}`,
  history: [{ from: '0.150.0', to: null, distributions, stability }],
});
const CATALOG: CollectorCatalog = catalogFrom(
  { releases: [{ version: '0.159.0' }] },
  {
    components: [
      entry('receiver', 'otlp', ['core', 'contrib']),
      entry('processor', 'batch', ['core', 'contrib']),
      entry('processor', 'tail_sampling', ['contrib']),
      entry('exporter', 'otlp_grpc', ['core', 'contrib'], null, { traces: 'stable', logs: 'beta' }),
      entry('exporter', 'otlp', ['core', 'contrib'], 'otlp_grpc', { traces: 'stable', logs: 'beta' }),
      entry('exporter', 'debug', ['core', 'contrib']),
      entry('connector', 'span_metrics', ['contrib'], null, { 'traces->metrics': 'alpha' }),
    ],
  },
  {
    fields: {
      'exporter/debug': [
        {
          from: '0.111.0',
          to: null,
          goType: 'debugexporter.Config',
          keys: { verbosity: { type: 'string', enum: ['basic', 'normal', 'detailed'] }, sampling_initial: { type: 'int' } },
        },
      ],
    },
  },
)!;

const CONFIG_MAP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: otel}',
  'data:',
  '  config.yaml: |',
  '    receivers: {otlp: {}}',
  '    processors:',
  '      tail_sampling: {}',
  '      ',
  '    exporters:',
  '      otlp/jaeger: {endpoint: "jaeger:4317"}',
  '      debug:',
  '        ',
  '    service:',
  '      pipelines:',
  '        traces: {receivers: [otlp], processors: [tail_sampling], exporters: [otlp/jaeger, debug]}',
  '---',
  'kind: DaemonSet',
  'apiVersion: apps/v1',
  'metadata: {name: agent}',
  'spec: {template: {spec: {containers: [{name: otel, image: "otel/opentelemetry-collector:0.159.0"}], volumes: [{name: c, configMap: {name: otel}}]}}}',
].join('\n');

function at(text: string, line: number, character: number) {
  const file = parseFile('file:///ws/otel.yaml', text);
  const context = { file, path: '/ws/otel.yaml', options: { settings: normalizeSettings({}) } } as FileContext;
  const found = configCursor(file.documents[0]!.document, context, file.lines.offsetAt({ line, character }), CATALOG);
  assert.ok(found, `a config cursor at ${line}:${character}`);
  return found;
}

describe('Collector assistance', () => {
  it('hover on a component key inside a ConfigMap block: not in core, contrib has it', () => {
    const cursor = at(CONFIG_MAP, 7, 8);
    assert.deepEqual(componentUnderCursor(cursor), { kind: 'processor', id: 'tail_sampling' });
    const text = componentHover(cursor.target, 'processor', 'tail_sampling')!;
    assert.match(text, /^\*\*processor `tail_sampling`\*\*: Keeps or drops whole traces/);
    assert.match(text, /\*\*Not\*\* in Collector 0\.159\.0, core \(image otel\/opentelemetry-collector:0\.159\.0\): \*\*traces\*\* beta\./);
    assert.match(text, /Distributions with it in 0\.159\.0: contrib\./);
  });

  it('hover on a pipeline reference: the alias and what it stands for', () => {
    const cursor = at(CONFIG_MAP, 15, 79);
    assert.deepEqual(componentUnderCursor(cursor), { kind: 'exporter', id: 'otlp/jaeger' });
    const text = componentHover(cursor.target, 'exporter', 'otlp/jaeger')!;
    assert.match(text, /Sends telemetry over OTLP\/gRPC/);
    assert.match(text, /A deprecated alias of `otlp_grpc`/);
    assert.match(text, /\*\*traces\*\* stable · \*\*logs\*\* beta/);
  });

  it('completions under processors: the types of this release and distribution', () => {
    const items = collectorCompletions(at(CONFIG_MAP, 8, 6));
    assert.deepEqual(
      items.map((i) => i.label),
      ['batch'],
    );
    assert.deepEqual(items[0]!.range.start, { line: 8, character: 6 });
  });

  it('completions inside debug: its keys from the field data, with their values', () => {
    const items = collectorCompletions(at(CONFIG_MAP, 12, 8));
    assert.deepEqual(
      items.map((i) => `${i.label} ${i.detail}`),
      ['verbosity string: basic | normal | detailed', 'sampling_initial int'],
    );
  });

  it('completions under exporters: types with aliases last', () => {
    const items = collectorCompletions(
      at(
        ['receivers: {otlp: {}}', 'exporters:', '  ', 'service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}'].join('\n'),
        2,
        2,
      ),
    );
    assert.deepEqual(
      [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label),
      ['debug', 'otlp_grpc', 'otlp'],
    );
  });

  it("the service's hover on the ConfigMap block's key, at the file's position", () => {
    const result = hover(
      { source: { uri: 'file:///ws/otel.yaml', text: CONFIG_MAP }, options: { settings: normalizeSettings({}) } },
      { line: 11, character: 8 },
    );
    assert.ok(result);
    assert.match(result.contents, /^\*\*exporter `debug`\*\*: Writes telemetry to the Collector's own log/);
    assert.deepEqual(result.range, { start: { line: 11, character: 6 }, end: { line: 11, character: 11 } });
  });
});
