/**
 * Helm values files of the opentelemetry-collector chart checked as the Collector config the chart renders
 * (helmValues.ts): findings on the user's lines, or on `config:` saying they come from the chart's defaults; the
 * Collector release and distribution from image.repository / image.tag / the chart's appVersion; the chart version
 * from a Chart.yaml beside the file. Values files of test/fixtures/collector/helm/ (our own) and inline ones.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../common/src/settings';
import { complete, hover } from '../../../server/src/service';
import { collectorsOf, collectorType, configsInForce } from '../../../server/src/service/collector';
import { collectorFixes } from '../../../server/src/service/collector/assist/fixes';
import { bundledHelmChart } from '../../../server/src/service/collector/helmChart';
import type { FileContext } from '../../../server/src/service/context';
import { Severity, type Finding } from '../../../server/src/service/findings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'collector');

function contextOf(path: string, text: string, files: Record<string, string> = {}): FileContext {
  const file = parseFile(`file://${path}`, text);
  return {
    file,
    path,
    options: { settings: DEFAULT_SETTINGS, workspace: { list: () => Object.keys(files), read: (p: string) => files[p] } },
  } as unknown as FileContext;
}

function check(path: string, text: string, files?: Record<string, string>): Finding[] {
  const context = contextOf(path, text, files);
  return context.file.documents.filter((d) => collectorType.recognize(d, context)).flatMap((d) => collectorType.validate(d, context));
}

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const at = (findings: Finding[]) => findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);

describe('collector: Helm values of the opentelemetry-collector chart', () => {
  it('a problem only the defaults have lands on `config:` and says it comes from the chart', () => {
    const findings = check('/w/values.yaml', fixture('helm/default-reference-dangling.yaml'));
    assert.deepEqual(at(findings), [
      '5:1 service::pipelines::logs: references processor "memory_limiter" which is not configured',
      '5:1 service::pipelines::metrics: references processor "memory_limiter" which is not configured',
      '5:1 service::pipelines::traces: references processor "memory_limiter" which is not configured',
    ]);
    const newest = bundledHelmChart()!.versions[0]!.chart;
    for (const f of findings)
      assert.match(
        f.explanation,
        new RegExp(`^From the chart's default config \\(opentelemetry-collector chart ${newest.replace(/\./g, '\\.')}`),
      );
  });

  it("the user's own problems land on the user's lines, in the Collector's words for the image's release", () => {
    const findings = check('/w/seed-values.yaml', fixture('helm/seed-era.yaml'));
    const codes = findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
    assert.deepEqual(
      codes.sort((a, b) => parseInt(a) - parseInt(b)),
      [
        '4:15 collector/image-not-pinned',
        '8:5 collector/unknown-type',
        '10:5 collector/unknown-type',
        '12:5 collector/unknown-type',
        '15:5 collector/unknown-type',
      ],
    );
    assert.ok(findings.some((f) => f.message.startsWith('\'exporters\' unknown type: "jaeger" for id: "jaeger" (valid values: [')));
    assert.ok(!findings.some((f) => f.explanation.startsWith("From the chart's default")), 'none of these comes from the defaults');
  });

  it('null deleting default components and replacing their lists leaves a config that starts: no finding', () => {
    assert.deepEqual(at(check('/w/values.yaml', fixture('helm/null-deletes.yaml'))), []);
    assert.deepEqual(at(check('/w/values.yaml', fixture('helm/list-replace.yaml'))), []);
  });

  it("the chart's rename reaches the Collector: k8sattributes is k8s_attributes, which core lacks (on the user's lines)", () => {
    const text = fixture('helm-chart-pinned/values.yaml');
    const chartYaml = fixture('helm-chart-pinned/Chart.yaml');
    const findings = check('/w/chart/values.yaml', text, { '/w/chart/Chart.yaml': chartYaml });
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`),
      ['8:5 collector/unknown-type'],
    );
    assert.match(findings[0]!.message, /unknown type: "k8s_attributes" for id: "k8s_attributes"/);
    assert.match(findings[0]!.explanation, /^The chart renames this id \(rewriteDeprecatedProcessorNames, chart 0\.160\.0\)/);
  });

  it('the Collector in force: image.repository, image.tag, else the appVersion of the Chart.yaml beside it', () => {
    const pinned = contextOf('/w/chart/values.yaml', fixture('helm-chart-pinned/values.yaml'), {
      '/w/chart/Chart.yaml': fixture('helm-chart-pinned/Chart.yaml'),
    });
    const [fromChart] = collectorsOf(pinned.file.documents[0]!.document, pinned);
    assert.equal(fromChart?.version, '0.154.0');
    assert.equal(fromChart?.distribution, 'core');
    assert.match(fromChart!.source, /appVersion 0\.154\.0.*Chart\.yaml beside it \(chart 0\.160\.0\)/);
    const tagged = contextOf('/w/values.yaml', fixture('helm/null-deletes.yaml'));
    const [fromTag] = collectorsOf(tagged.file.documents[0]!.document, tagged);
    assert.equal(fromTag?.version, '0.150.0');
    assert.equal(fromTag?.distribution, 'k8s');
    assert.equal(fromTag?.latest, false);
  });

  it("a preset's component satisfies the user's reference to it", () => {
    const text = [
      'mode: daemonset',
      'image:',
      '  repository: otel/opentelemetry-collector-k8s',
      'presets:',
      '  kubeletMetrics:',
      '    enabled: true',
      'config:',
      '  service:',
      '    pipelines:',
      '      metrics:',
      '        receivers: [otlp, kubeletstats]',
      '  exporters:',
      '    logging: {}',
      '',
    ].join('\n');
    const findings = check('/w/values.yaml', text);
    assert.deepEqual(at(findings), ["13:5 'exporters' the logging exporter has been deprecated, use the debug exporter instead"]);
    const off = check('/w/values.yaml', text.replace('enabled: true', 'enabled: false'));
    assert.ok(off.some((f) => f.code === 'collector/not-configured' && f.range.start.line === 10));
  });

  it("a preset's components are checked too, on its `enabled:` key", () => {
    // kubeletstats is a contrib/k8s receiver: the core image does not have it.
    const text =
      'mode: daemonset\nimage:\n  repository: otel/opentelemetry-collector\n  tag: 0.150.0\npresets:\n  kubeletMetrics:\n    enabled: true\n';
    const findings = check('/w/values.yaml', text);
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`),
      ['7:5 collector/unknown-type'],
    );
    assert.match(findings[0]!.message, /unknown type: "kubeletstats"/);
    assert.match(findings[0]!.explanation, /^Added by the chart's preset kubeletMetrics/);
  });

  it("a preset with options of the user's is not modelled: references it might satisfy are left alone", () => {
    const text = [
      'mode: daemonset',
      'image:',
      '  repository: otel/opentelemetry-collector-contrib',
      'presets:',
      '  logsCollection:',
      '    enabled: true',
      '    includeCollectorLogs: true',
      'config:',
      '  service:',
      '    pipelines:',
      '      logs:',
      '        receivers: [otlp, file_log/own]',
      '',
    ].join('\n');
    assert.deepEqual(at(check('/w/values.yaml', text)), []);
    const withoutOptions = check('/w/values.yaml', text.replace('    includeCollectorLogs: true\n', ''));
    assert.deepEqual(at(withoutOptions), ['11:27 service::pipelines::logs: references receiver "file_log/own" which is not configured']);
  });

  it("quick fixes never edit the chart's defaults (they have no text here), only what the file says", () => {
    // The otlp distribution has none of the default receivers but otlp: the defaults' jaeger, zipkin and prometheus fail.
    const text =
      'mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-otlp\nconfig:\n  exporters:\n    logging/verbose: {}\n';
    const context = contextOf('/w/values.yaml', text);
    const document = context.file.documents[0]!;
    const findings = collectorType.validate(document, context);
    const fromDefaults = findings.filter((f) => f.range.start.line === 3 && f.code === 'collector/unknown-type');
    assert.ok(fromDefaults.length >= 2, at(findings).join('\n'));
    const targets = configsInForce(document.document, context).map((c) => c.target);
    for (const finding of fromDefaults) {
      for (const action of collectorFixes(context.file, targets, finding)) {
        assert.ok(
          action.edits.every((e) => e.range.start.line !== 3),
          `${action.title} edits config:`,
        );
      }
    }
    const contrib = contextOf('/w/values.yaml', text.replace('-otlp', '-contrib'));
    const contribDocument = contrib.file.documents[0]!;
    const logging = collectorType.validate(contribDocument, contrib).find((f) => f.range.start.line === 5)!;
    const contribTargets = configsInForce(contribDocument.document, contrib).map((c) => c.target);
    assert.ok(
      collectorFixes(contrib.file, contribTargets, logging).some((a) => a.title.includes('debug')),
      "the user's logging still gets its fix",
    );
  });

  it('without a Chart.yaml, kubeTracing.collectorHelmChartVersion picks the chart (a Chart.yaml beside wins)', () => {
    const text = fixture('helm-chart-pinned/values.yaml');
    const file = parseFile('file:///w/values.yaml', text);
    const settings = { ...DEFAULT_SETTINGS, collectorHelmChartVersion: '0.146.0' };
    const context = { file, path: '/w/values.yaml', options: { settings } } as unknown as FileContext;
    const [collector] = collectorsOf(file.documents[0]!.document, context);
    assert.equal(collector?.version, '0.146.1'); // chart 0.146.0's appVersion
    assert.match(collector!.source, /kubeTracing\.collectorHelmChartVersion \(chart 0\.146\.0\)/);
    // Chart 0.146.0 does not rename yet: the core image lacks the k8sattributes it is given under its own name.
    const findings = collectorType.validate(file.documents[0]!, context);
    assert.ok(findings.some((f) => /unknown type: "k8sattributes"/.test(f.message)));
    const unknown = { ...context, options: { settings: { ...settings, collectorHelmChartVersion: '0.1.0' } } } as FileContext;
    assert.equal(collectorType.recognize(file.documents[0]!, unknown), false, 'a chart version the data lacks: not checked');
  });

  it('hovers and completions work under `config:` and nowhere else in the values', () => {
    const text =
      'mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  processors:\n    batch: {}\n  exporters:\n    \n';
    const input = { source: { uri: 'file:///w/values.yaml', text }, options: { settings: DEFAULT_SETTINGS } };
    assert.match(hover(input, { line: 5, character: 6 })?.contents ?? '', /^\*\*processor `batch`\*\*/);
    assert.equal(hover(input, { line: 3, character: 2 }), null, 'no hover on `config:` itself');
    assert.ok(
      complete(input, { line: 7, character: 4 }).some((item) => item.label === 'debug'),
      'exporter types under config.exporters',
    );
    assert.deepEqual(complete(input, { line: 0, character: 0 }), [], 'no Collector sections offered at the values root');
  });

  it('a contrib-only component on the core image: the fix edits image.repository, and the status bar names the values', () => {
    const text =
      'mode: deployment\nimage:\n  repository: otel/opentelemetry-collector\n  tag: 0.150.0\nconfig:\n  processors:\n    tail_sampling: {}\n';
    const context = contextOf('/w/values.yaml', text);
    const document = context.file.documents[0]!;
    const finding = collectorType.validate(document, context).find((f) => f.code === 'collector/unknown-type')!;
    assert.equal(finding.range.start.line, 6);
    const targets = configsInForce(document.document, context).map((c) => c.target);
    const actions = collectorFixes(context.file, targets, finding);
    assert.deepEqual(
      actions.map((a) => [a.title, a.edits.map((e) => `${e.range.start.line}:${e.range.start.character} ${e.newText}`)]),
      [['Use the contrib image: otel/opentelemetry-collector-contrib', ['2:14 otel/opentelemetry-collector-contrib']]],
    );
    const [collector] = collectorsOf(document.document, context);
    assert.equal(collector?.origin, 'helm-values');
    assert.equal(collector?.detail, `otel/opentelemetry-collector:0.150.0 (Helm chart ${bundledHelmChart()!.versions[0]!.chart})`);
  });

  it('beside another values file (values.yaml + values-prod.yaml), references are not judged: Helm merges both', () => {
    const base =
      'mode: deployment\nimage:\n  repository: otel/opentelemetry-collector-contrib\nconfig:\n  exporters:\n    otlp/prod: {endpoint: "prod:4317"}\n';
    const prod = 'config:\n  service:\n    pipelines:\n      traces:\n        exporters: [otlp/prod]\n';
    const alone = check('/w/values-prod.yaml', prod);
    assert.deepEqual(
      alone.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.severity}`),
      [
        `1:1 collector/helm-chart-refuses ${Severity.Information}`,
        `1:1 collector/helm-chart-refuses ${Severity.Information}`,
        `5:21 collector/not-configured ${Severity.Error}`,
      ],
    );
    assert.deepEqual(at(check('/w/values-prod.yaml', prod, { '/w/values.yaml': base, '/w/values-prod.yaml': prod })), []);
  });

  it('a Chart.yaml of a chart version the data lacks: nothing is checked (its defaults are unknown)', () => {
    const chartYaml = 'apiVersion: v2\nname: opentelemetry-collector\nversion: 0.90.0\n';
    assert.deepEqual(at(check('/w/c/values.yaml', fixture('helm/default-reference-dangling.yaml'), { '/w/c/Chart.yaml': chartYaml })), []);
  });

  it("another chart's values are not taken for this chart's", () => {
    const other = 'mode: deployment\nimage:\n  repository: nginx\nconfig:\n  server:\n    port: 80\n';
    const context = contextOf('/w/values.yaml', other);
    assert.equal(collectorType.recognize(context.file.documents[0]!, context), false);
  });
});
