/**
 * Which Collector runs a config: the image in the same file, the workload in the workspace that mounts the
 * ConfigMap, the Operator's default core image, the settings, the newest known release — and the rules that
 * depend on it (a contrib-only processor on a core image). A small fixture catalogue shaped like
 * docs/collector-data-format.md; the generated data is tested in the golden tests.
 */
import { strict as assert } from 'node:assert';
import { normalizeSettings } from '../../../common/src/settings';
import { collectorConfigType, collectorsOf } from '../../../server/src/service/collector';
import { catalogFrom, type CollectorCatalog, type ComponentKind, type Distribution } from '../../../server/src/service/collector/catalog';
import { collectorInForce } from '../../../server/src/service/collector/collectorInForce';
import type { FileContext, ValidationOptions, WorkspaceFiles } from '../../../server/src/service/context';
import { parseFile } from '../../../server/src/service/yaml/parse';

const entry = (kind: ComponentKind, type: string, distributions: Distribution[]) => ({
  kind,
  type,
  aliasOf: null,
  history: [{ from: '0.100.0', to: null, distributions, stability: { traces: 'beta' } }],
});
const CATALOG: CollectorCatalog = catalogFrom(
  { releases: [{ version: '0.159.0' }, { version: '0.110.0' }] },
  {
    components: [
      entry('receiver', 'otlp', ['core', 'contrib', 'k8s', 'otlp']),
      entry('processor', 'batch', ['core', 'contrib', 'k8s']),
      entry('processor', 'tail_sampling', ['contrib', 'k8s']),
      entry('exporter', 'debug', ['core', 'contrib', 'k8s']),
    ],
  },
)!;

function workspaceOf(files: Record<string, string>): WorkspaceFiles {
  return { list: () => Object.keys(files), read: (path) => files[path] };
}

function optionsWith(files: Record<string, string> = {}, settings: Record<string, unknown> = {}): ValidationOptions {
  return { settings: normalizeSettings(settings), workspaceFolders: ['/ws'], workspace: workspaceOf(files) };
}

function contextOf(path: string, text: string, options: ValidationOptions): FileContext {
  return { file: parseFile(`file://${path}`, text), path, options } as FileContext;
}

/** The Collector of the first Collector config in the file. */
function inForce(text: string, options: ValidationOptions = optionsWith(), path = '/ws/otel.yaml') {
  const context = contextOf(path, text, options);
  const document = context.file.documents.find((d) => collectorsOf(d.document, context, CATALOG).length > 0);
  assert.ok(document, 'a Collector config is found');
  return collectorsOf(document.document, context, CATALOG)[0]!;
}

function check(text: string, options: ValidationOptions, path = '/ws/otel.yaml') {
  const type = collectorConfigType(() => CATALOG);
  const context = contextOf(path, text, options);
  return context.file.documents.filter((d) => type.recognize(d, context)).flatMap((d) => type.validate(d, context));
}

const CONFIG = [
  'receivers: {otlp: {protocols: {grpc: {}}}}',
  'processors: {tail_sampling: {}}',
  'exporters: {debug: {}}',
  'service:',
  '  pipelines:',
  '    traces: {receivers: [otlp], processors: [tail_sampling], exporters: [debug]}',
];

const configMap = (name: string, namespace = 'observability') =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'data:',
    '  config.yaml: |',
    ...CONFIG.map((l) => `    ${l}`),
  ].join('\n');

const daemonSet = (image: string, configMapName: string, namespace = 'observability') =>
  [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: otel-agent',
    `  namespace: ${namespace}`,
    'spec:',
    '  template:',
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    '        - name: otel',
    `          image: "${image}"`,
    '          ports: [{containerPort: 4317, hostPort: 4317}]',
    '      volumes:',
    '        - name: config',
    `          configMap: {name: ${configMapName}}`,
  ].join('\n');

describe('Collector in force', () => {
  it('the image in the same file: release from the tag, distribution from the name (docker and ghcr)', () => {
    const core = inForce(`${configMap('otel')}\n---\n${daemonSet('otel/opentelemetry-collector:0.110.0', 'otel')}`);
    assert.deepEqual(
      [core.version, core.distribution, core.origin, core.detail, core.latest],
      ['0.110.0', 'core', 'image', 'otel/opentelemetry-collector:0.110.0', false],
    );
    const ghcr = inForce(
      `${configMap('otel')}\n---\n${daemonSet('ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s:0.110', 'otel')}`,
    );
    assert.deepEqual([ghcr.version, ghcr.distribution], ['0.110.0', 'k8s']);
  });

  it("the workload in the same file that mounts the ConfigMap, among others, even with an escape in its image's name", () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: otel\nspec:\n  ports: [{port: 4317}]';
    const plain = inForce(
      [service, configMap('otel'), service, daemonSet('otel/opentelemetry-collector:0.110.0', 'otel'), service].join('\n---\n'),
    );
    assert.deepEqual(
      [plain.workload?.kind, plain.workload?.image?.text, plain.workload?.hostNetwork],
      ['DaemonSet', 'otel/opentelemetry-collector:0.110.0', true],
    );
    // `\x2D` is `-` in a double-quoted scalar: the text never spells the image's name, the value does.
    const escaped = inForce([configMap('otel'), service, daemonSet('otel/opentelemetry\\x2Dcollector:0.110.0', 'otel')].join('\n---\n'));
    assert.equal(escaped.workload?.image?.text, 'otel/opentelemetry-collector:0.110.0');
    const other = inForce([configMap('otel'), service, daemonSet('otel/opentelemetry-collector:0.110.0', 'another')].join('\n---\n'));
    assert.equal(other.workload, undefined);
  });

  it(':latest and an untagged image mean the newest known release, marked latest', () => {
    for (const image of ['otel/opentelemetry-collector-contrib:latest', 'otel/opentelemetry-collector-contrib']) {
      const found = inForce(`${configMap('otel')}\n---\n${daemonSet(image, 'otel')}`);
      assert.deepEqual([found.version, found.distribution, found.latest], ['0.159.0', 'contrib', true], image);
    }
  });

  it('a ConfigMap takes the image of the workspace workload that mounts it by name, in its namespace', () => {
    const options = optionsWith({
      '/ws/deploy/agent.yaml': daemonSet('otel/opentelemetry-collector:0.110.0', 'otel-config'),
      '/ws/deploy/other.yaml': daemonSet('otel/opentelemetry-collector-contrib:0.159.0', 'another-config'),
      '/ws/deploy/elsewhere.yaml': daemonSet('otel/opentelemetry-collector-k8s:0.159.0', 'otel-config', 'default'),
    });
    const found = inForce(configMap('otel-config'), options);
    assert.deepEqual(
      [found.version, found.distribution, found.origin, found.detail],
      ['0.110.0', 'core', 'workspace-image', 'otel/opentelemetry-collector:0.110.0 (deploy/agent.yaml)'],
    );
    assert.equal(found.workload?.path, '/ws/deploy/agent.yaml');
  });

  it('two workloads with different images mounting it: no guess, the settings decide', () => {
    const options = optionsWith(
      {
        '/ws/a.yaml': daemonSet('otel/opentelemetry-collector:0.110.0', 'otel-config'),
        '/ws/b.yaml': daemonSet('otel/opentelemetry-collector-contrib:0.110.0', 'otel-config'),
      },
      { collectorVersion: 'v0.110.0', collectorDistribution: 'k8s' },
    );
    const found = inForce(configMap('otel-config'), options);
    assert.deepEqual([found.version, found.distribution, found.origin], ['0.110.0', 'k8s', 'setting']);
  });

  it('a plain config file takes the one Collector image of the workspace', () => {
    const options = optionsWith({ '/ws/ds.yaml': daemonSet('otel/opentelemetry-collector:0.159.0', 'anything') });
    assert.equal(inForce(CONFIG.join('\n'), options).origin, 'workspace-image');
    const two = optionsWith({
      '/ws/ds.yaml': daemonSet('otel/opentelemetry-collector:0.159.0', 'x'),
      '/ws/ds2.yaml': daemonSet('otel/opentelemetry-collector-contrib:0.159.0', 'y'),
    });
    assert.equal(inForce(CONFIG.join('\n'), two).origin, 'default');
  });

  it("an OpenTelemetryCollector without spec.image runs the Operator's default core image; with one, that image", () => {
    const resource = (image?: string) =>
      [
        'apiVersion: opentelemetry.io/v1beta1',
        'kind: OpenTelemetryCollector',
        'metadata: {name: otel}',
        'spec:',
        ...(image ? [`  image: ${image}`] : []),
        '  config:',
        ...CONFIG.map((l) => `    ${l}`),
      ].join('\n');
    const operator = inForce(resource());
    assert.deepEqual([operator.version, operator.distribution, operator.origin], ['0.159.0', 'core', 'operator-default']);
    assert.deepEqual(
      check(resource(), optionsWith()).map((f) => `${f.range.start.line + 1} ${f.message}`),
      [`7 'processors' unknown type: "tail_sampling" for id: "tail_sampling" (valid values: [batch])`],
    );
    assert.equal(
      inForce(resource('ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib:0.110.0')).distribution,
      'contrib',
    );
    assert.deepEqual(check(resource('otel/opentelemetry-collector-contrib:0.159.0'), optionsWith()), []);
    // A custom build: its components are unknown, so the settings (here none: contrib, not known) decide.
    const custom = inForce(resource('registry.example/otelcol-custom:1.2.3'));
    assert.deepEqual([custom.origin, custom.distributionKnown], ['default', false]);
  });

  it('the settings, when no image is found; an invalid setting falls back to auto', () => {
    const set = collectorInForce('', CATALOG, normalizeSettings({ collectorVersion: '0.110', collectorDistribution: 'core' }));
    assert.deepEqual([set.version, set.distribution, set.origin, set.distributionKnown], ['0.110.0', 'core', 'setting', true]);
    const bad = normalizeSettings({ collectorVersion: 'newest', collectorDistribution: 'enterprise' });
    assert.deepEqual([bad.collectorVersion, bad.collectorDistribution], ['auto', 'auto']);
    const none = collectorInForce('', CATALOG, bad);
    assert.deepEqual([none.version, none.distribution, none.origin, none.distributionKnown], ['0.159.0', 'contrib', 'default', false]);
  });

  it('tail_sampling in a ConfigMap run by a core DaemonSet elsewhere in the workspace: the unknown-type error, saying which image', () => {
    const options = optionsWith({ '/ws/deploy/agent.yaml': daemonSet('otel/opentelemetry-collector:0.159.0', 'otel-config') });
    const [finding, ...rest] = check(configMap('otel-config'), options);
    assert.equal(rest.length, 0);
    assert.equal(finding!.message, `'processors' unknown type: "tail_sampling" for id: "tail_sampling" (valid values: [batch])`);
    assert.equal(finding!.range.start.line, 8);
    assert.match(finding!.explanation, /contrib/);
    const contrib = optionsWith({ '/ws/deploy/agent.yaml': daemonSet('otel/opentelemetry-collector-contrib:0.159.0', 'otel-config') });
    assert.deepEqual(check(configMap('otel-config'), contrib), []);
  });
});
