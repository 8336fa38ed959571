// The Collector area of `npm run oracle` (scripts/oracle.mjs). See README.md beside this file.
//   full run: components and releases from module metadata (RELEASES), fields from the oracle Collector built for
//             each release of FIELD_RELEASES, golden vectors from the GOLDEN Collectors on the corpus.
//   --check:  rebuild the GOLDEN Collectors (--newest: only the newest), run the corpus and the dump, and report
//             every difference from the committed vectors and fields.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildCollector } from './build.mjs';
import { buildComponents } from './components.mjs';
import { download } from './modules.mjs';
import { fieldsDisagreements, fieldsFrom } from './fields.mjs';
import { RUNS, runCorpus } from './golden.mjs';
import { FIELD_RELEASES, GOLDEN, RELEASES } from './releases.mjs';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const schemas = join(root, 'schemas', 'collector');
const goldenDir = join(root, 'test', 'golden', 'collector');
const corpusDir = join(root, 'test', 'fixtures', 'collector', 'corpus');
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);

async function dumpOf(binary) {
  const { stdout } = await exec(binary, ['kube-tracing-dump'], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

/**
 * Whether this release's `validate` builds the pipeline graph (otelcol/collector.go DryRun calls service.Validate
 * from v0.124.0; before, connector misuse shows only on a real start).
 */
export async function validateBuildsGraph(version) {
  const otelcol = (await download([`go.opentelemetry.io/collector/otelcol@v${version}`])).get(
    `go.opentelemetry.io/collector/otelcol@v${version}`,
  );
  const source = readFileSync(join(otelcol.dir, 'collector.go'), 'utf8');
  const dryRun = /func \(col \*Collector\) DryRun[\s\S]*?\n}\n/.exec(source)?.[0] ?? '';
  return /Validate\(ctx/.test(dryRun);
}

/** The golden file of one release: module versions, the factories the binary has, the corpus outputs. */
function goldenOf(version, modules, dump, cases, buildsGraph) {
  const components = dump.map((d) => ({ kind: d.kind, type: d.type, aliasOf: d.aliasOf ?? null, stability: d.stability }));
  return {
    collector: version,
    modules,
    components,
    validateBuildsGraph: buildsGraph,
    runs: RUNS,
    cases,
  };
}

export async function run({ check, newest, log }) {
  const disagreements = [];
  let vectors = 0;
  const built = new Set();
  const golden = newest ? GOLDEN.slice(0, 1) : GOLDEN;
  if (check) {
    const committedFields = JSON.parse(readFileSync(join(schemas, 'fields.json'), 'utf8')).fields;
    for (const version of golden) {
      const { binary } = await buildCollector(version, log, built);
      const dump = await dumpOf(binary);
      disagreements.push(...fieldsDisagreements(version, dump, committedFields));
      const committed = JSON.parse(readFileSync(join(goldenDir, `${version}.json`), 'utf8'));
      const cases = await runCorpus(binary, corpusDir, 1);
      for (const c of cases) {
        const was = committed.cases.find((k) => k.file === c.file);
        vectors++;
        if (!was) disagreements.push(`${version} ${c.file}: not in the committed vectors`);
        else if (was.exitCode !== c.exitCode)
          disagreements.push(`${version} ${c.file}: exit code ${c.exitCode}, committed ${was.exitCode}`);
        else if (!was.outputs.includes(c.outputs[0]))
          disagreements.push(`${version} ${c.file}: new output ${JSON.stringify(c.outputs[0]).slice(0, 300)}`);
      }
      for (const was of committed.cases)
        if (!cases.some((c) => c.file === was.file)) disagreements.push(`${version} ${was.file}: no longer in the corpus`);
    }
    return { vectors, disagreements };
  }
  const components = await buildComponents(RELEASES, log);
  mkdirSync(schemas, { recursive: true });
  mkdirSync(goldenDir, { recursive: true });
  const dumps = new Map();
  for (const version of new Set([...golden, ...FIELD_RELEASES])) {
    try {
      const { binary, modules } = await buildCollector(version, log, built);
      const dump = await dumpOf(binary);
      dumps.set(version, dump);
      if (golden.includes(version)) {
        const cases = await runCorpus(binary, corpusDir);
        vectors += cases.length;
        writeJson(join(goldenDir, `${version}.json`), goldenOf(version, modules, dump, cases, await validateBuildsGraph(version)));
      }
    } catch (error) {
      disagreements.push(`${version}: the oracle Collector did not build: ${String(error.message ?? error).slice(0, 2000)}`);
    }
  }
  writeJson(join(schemas, 'releases.json'), {
    source: `go.opentelemetry.io/collector/otelcol@v<release> (date: the proxy's .info time; coreStable: the confmap version its go.mod requires). Components: each module's metadata.yaml; membership from the releases repository's manifests where read (to v0.159.0), after that the newest manifest carried forward joined with the modules' own status.distributions (that field alone agrees with the manifests on ${components.agreed} of ${components.compared} module entries)`,
    releases: components.releases,
  });
  writeJson(join(schemas, 'components.json'), {
    source: `metadata.yaml (type, deprecated_type, status.stability, status.distributions) of every component module the distributions build, at the version they build, from the Go module proxy; aliases also from With…DeprecatedTypeAlias in the factory source. Generated by oracle/collector. Modules the proxy does not serve: ${components.problems.length} (each run lists them in oracle/.bin/collector-not-served.txt; releases.json says which distributions lack a type because of them)`,
    components: components.components,
  });
  writeJson(join(schemas, 'fields.json'), {
    source: `reflection over each factory's CreateDefaultConfig() (mapstructure tags; squash inlined; a nested struct with its own Unmarshal is "any") in the oracle Collector built from the release's modules (oracle/collector/program), releases ${[...dumps.keys()].join(', ')}`,
    fields: fieldsFrom(dumps),
  });
  writeFileSync(join(here, '..', '.bin', 'collector-not-served.txt'), `${components.problems.join('\n')}\n`); // for the curious; the data carries what matters
  log(`${components.components.length} component types, ${components.problems.length} modules not read, fields for ${dumps.size} releases`);
  return { vectors, disagreements };
}
