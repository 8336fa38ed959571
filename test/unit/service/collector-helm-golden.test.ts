/**
 * Our merge of a values file's `config:` onto the opentelemetry-collector chart's defaults (helmMerge.ts) against
 * Helm's own rendering: test/golden/helm/opentelemetry-collector.json holds the `data.relay` config that helm.sh/helm/v3
 * rendered from the chart at each golden chart version for each values file of test/fixtures/collector/helm/
 * (oracle/collector/helmChart.mjs --golden). Each rendered config must equal ours, key for key; a values file the chart
 * refuses (no image.repository, no mode, a value its schema rejects) has no config to compare.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileContext } from '../../../server/src/service/context';
import { bundledCatalog } from '../../../server/src/service/collector/catalog';
import { bundledHelmChart } from '../../../server/src/service/collector/helmChart';
import { toPlain } from '../../../server/src/service/collector/helmMerge';
import { helmValuesConfigs } from '../../../server/src/service/collector/helmValues';
import { collectorType } from '../../../server/src/service/collector';
import { DEFAULT_SETTINGS } from '../../../common/src/settings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const ROOT = join(__dirname, '..', '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'collector', 'helm');

interface Rendered {
  config?: unknown;
  error?: string;
}
interface Golden {
  charts: Record<string, string>;
  cases: Record<string, Record<string, Rendered>>;
}

const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'helm', 'opentelemetry-collector.json'), 'utf8')) as Golden;

/** A values file of the corpus with a Chart.yaml of that chart version beside it. */
function contextOf(name: string, chart: string): FileContext {
  const path = `/chart/${name}`;
  const file = parseFile(`file://${path}`, readFileSync(join(CORPUS, name), 'utf8'));
  const chartYaml = `apiVersion: v2\nname: opentelemetry-collector\nversion: ${chart}\n`;
  return {
    file,
    path,
    options: {
      settings: DEFAULT_SETTINGS,
      workspace: { list: () => [], read: (p: string) => (p === '/chart/Chart.yaml' ? chartYaml : undefined) },
    },
  } as unknown as FileContext;
}

/** Our merged config of a values file, with a Chart.yaml of that chart version beside it. */
export function mergedConfig(name: string, chart: string): unknown {
  const context = contextOf(name, chart);
  const file = context.file;
  const configs = helmValuesConfigs(file.documents[0]!.document, context, bundledCatalog());
  assert.equal(configs.length, 1, `${name} is recognized as the chart's values`);
  assert.equal(configs[0]!.chart.chart, chart);
  return toPlain(configs[0]!.root, file.documents[0]!.document);
}

describe('collector Helm values: our merge gives the config Helm renders (test/golden/helm)', () => {
  it('covers at least 12 values files at 5 chart versions', () => {
    assert.ok(Object.keys(golden.cases).length >= 12);
    assert.equal(Object.keys(golden.charts).length, 5);
    assert.ok(bundledHelmChart(), 'schemas/collector/helm-chart.json loads');
  });
  for (const [name, byChart] of Object.entries(golden.cases)) {
    for (const [chart, rendered] of Object.entries(byChart)) {
      if (rendered.config === undefined) continue;
      it(`${name} at chart ${chart}`, () => {
        assert.deepStrictEqual(mergedConfig(name, chart), rendered.config);
      });
    }
  }
});

/** The chart's `fail` messages (templates/NOTES.txt) that Helm printed, as `execution error at (…NOTES.txt:L:C): <message>`. */
const failMessage = (error: string): string | undefined => /NOTES\.txt:\d+:\d+\): (.*)$/s.exec(error)?.[1]?.trim();

describe("collector Helm values: the chart's refusals agree with Helm's (test/golden/helm)", () => {
  let refused = 0;
  for (const [name, byChart] of Object.entries(golden.cases)) {
    for (const [chart, rendered] of Object.entries(byChart)) {
      const message = rendered.error === undefined ? undefined : failMessage(rendered.error);
      if (rendered.error !== undefined && message === undefined) continue; // refused by the values schema, not NOTES.txt
      it(`${name} at chart ${chart}: ${message ? 'refused' : 'rendered'}`, () => {
        const context = contextOf(name, chart);
        const findings = context.file.documents.flatMap((d) => collectorType.validate(d, context));
        const ours = findings.filter((f) => f.code === 'collector/helm-chart-refuses').map((f) => f.message);
        if (message === undefined) assert.deepEqual(ours, []);
        else {
          refused++;
          assert.ok(ours.includes(message), `Helm: ${message}\nours: ${ours.join('\n')}`);
        }
      });
    }
  }
  after(() => assert.ok(refused >= 10, `${refused} refusals compared`));
});
