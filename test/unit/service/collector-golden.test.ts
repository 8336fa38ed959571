/**
 * Our Collector findings against what real Collectors printed (test/golden/collector/<version>.json, written by
 * oracle/collector from binaries built from each release's Go modules; docs/collector-data-format.md). The catalogue
 * is the binary's own factory set (its types, aliases and stability, as its dump reported them) with the generated
 * fields.json, so the messages, the valid-values lists and the key checks are all compared. The Collector stops at
 * the first problem (picking among several in random map order), so each of its outputs must contain one of our
 * Error messages; a clean exit must meet no Error from us. Before v0.124.0 `validate` does not build the pipeline
 * graph, so our connector findings (a start-time error there) are left out of the comparison for those releases.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectorConfigType } from '../../../server/src/service/collector';
import {
  catalogFrom,
  typesIn,
  type CollectorCatalog,
  type FieldsRange,
  type ComponentEntry,
  type ComponentKind,
} from '../../../server/src/service/collector/catalog';
import type { FileContext } from '../../../server/src/service/context';
import { Severity, type Finding } from '../../../server/src/service/findings';
import { parseFile } from '../../../server/src/service/yaml/parse';

const ROOT = join(__dirname, '..', '..', '..');
const GOLDEN = join(ROOT, 'test', 'golden', 'collector');
const CORPUS = join(ROOT, 'test', 'fixtures', 'collector', 'corpus');

interface GoldenCase {
  file: string;
  exitCode: number;
  outputs: string[];
}
interface GoldenFile {
  collector: string;
  modules: Record<string, unknown>;
  components: Array<{ kind: ComponentKind; type: string; aliasOf: string | null; stability: Record<string, string> }>;
  /** `validate` builds the pipeline graph (v0.124.0 on); before, connector misuse shows only on a real start. */
  validateBuildsGraph: boolean;
  cases: GoldenCase[];
}

/** As oracle/collector/golden.mjs normalizes the real output: the Collector prints the valid values in map order. */
export function normalizeCollectorText(text: string): string {
  return text.replace(
    /\(valid values: \[([^\]]*)\]\)/g,
    (_, list: string) => `(valid values: [${list.split(' ').filter(Boolean).sort().join(' ')}])`,
  );
}

function catalogOf(golden: GoldenFile): CollectorCatalog {
  const components: ComponentEntry[] = golden.components.map((c) => ({
    kind: c.kind,
    type: c.type,
    aliasOf: c.aliasOf,
    history: [{ from: golden.collector, to: null, distributions: ['core', 'contrib', 'k8s', 'otlp'], stability: c.stability }],
  }));
  const fields = (
    JSON.parse(readFileSync(join(ROOT, 'schemas', 'collector', 'fields.json'), 'utf8')) as { fields?: Record<string, FieldsRange[]> }
  ).fields;
  return { releases: [golden.collector], components, ...(fields ? { fields } : {}) };
}

function errorsFor(file: string, catalog: CollectorCatalog): Finding[] {
  const type = collectorConfigType(() => catalog);
  const parsed = parseFile(`file:///corpus/${file}`, readFileSync(join(CORPUS, file), 'utf8'));
  const context = { file: parsed } as FileContext; // the Collector type reads only the file from the context
  return parsed.documents
    .filter((d) => type.recognize(d, context))
    .flatMap((d) => type.validate(d, context))
    .filter((f) => f.severity === Severity.Error);
}

/** Why our findings disagree with one real case, or undefined when they agree. */
function disagreement(c: GoldenCase, ours: Finding[]): string | undefined {
  if (c.exitCode === 0)
    return ours.length === 0 ? undefined : `the Collector accepts it; we say: ${ours.map((f) => f.message).join(' | ')}`;
  for (const output of c.outputs) {
    const real = normalizeCollectorText(output);
    if (!ours.some((f) => real.includes(normalizeCollectorText(f.message)))) {
      return `the Collector says ${JSON.stringify(output)}; we say: ${ours.map((f) => JSON.stringify(f.message)).join(' | ') || 'nothing'}`;
    }
  }
  return undefined;
}

describe('the generated Collector data against a real Collector seen elsewhere', () => {
  it('v0.157.0 core exporters are the 12 a real v0.157.0 otelcol listed for the seed jaeger exporter (a public log)', () => {
    const catalog = catalogFrom(
      JSON.parse(readFileSync(join(ROOT, 'schemas', 'collector', 'releases.json'), 'utf8')),
      JSON.parse(readFileSync(join(ROOT, 'schemas', 'collector', 'components.json'), 'utf8')),
    );
    assert.ok(catalog);
    const seen = 'otlp_grpc otlp otlp_http otlphttp kafka prometheus nop file prometheus_remote_write prometheusremotewrite zipkin debug';
    assert.deepEqual(typesIn(catalog, 'exporter', '0.157.0', 'core'), seen.split(' ').sort());
  });
});

const goldenFiles = existsSync(GOLDEN)
  ? readdirSync(GOLDEN)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

describe('Collector findings against real Collectors (golden)', () => {
  it('has golden vectors for at least three releases', () => {
    assert.ok(goldenFiles.length >= 3, `golden files: ${goldenFiles.join(', ') || 'none'}`);
  });
  for (const name of goldenFiles) {
    const golden = JSON.parse(readFileSync(join(GOLDEN, name), 'utf8')) as GoldenFile;
    it(`agrees with the real Collector ${golden.collector} on all ${golden.cases.length} corpus cases`, () => {
      const catalog = catalogOf(golden);
      const problems = golden.cases.flatMap((c) => {
        const ours = errorsFor(c.file, catalog).filter((f) => golden.validateBuildsGraph || f.code !== 'collector/connector-unused-side');
        const why = disagreement(c, ours);
        return why ? [`${c.file}: ${why}`] : [];
      });
      assert.deepEqual(problems, []);
    });
  }
});
