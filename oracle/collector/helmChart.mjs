// The opentelemetry-collector Helm chart as data, and the chart rendered by Helm as golden vectors.
//   node oracle/collector/helmChart.mjs --charts <git dir>           writes schemas/collector/helm-chart.json
//   node oracle/collector/helmChart.mjs --charts <git dir> --golden  also renders test/fixtures/collector/helm/*.yaml
//                                                                    with Helm (helm-render/) → test/golden/helm/opentelemetry-collector.json
// <git dir> is a clone (bare is fine) of github.com/open-telemetry/opentelemetry-helm-charts with its tags; the chart
// is read at each `opentelemetry-collector-<version>` tag with `git show`. Only facts are kept: the default `config:`,
// `mode`, `image` and the rename switch of values.yaml, Chart.yaml's appVersion, the chart's rename table (a YAML
// body in templates/_helpers.tpl, or a `dict` of old/new names in _config.tpl before 0.162.0), the tag's commit and date.
// That repository is not a Go module and CI cannot reach GitHub: the outputs are committed (README.md beside this file).
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { presetsOf } from './helmPresets.mjs';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const CHART = 'charts/opentelemetry-collector';
/** Chart versions from the one whose appVersion is Collector 0.143.0 (the oldest of the newest releases with data). */
export const FIRST_CHART = '0.143.0';
/** Chart versions the golden corpus is rendered at: the newest, the first and last of each rename-table epoch. */
export const GOLDEN_CHARTS = ['0.170.0', '0.167.0', '0.162.0', '0.161.0', '0.146.0'];
export const HELM_MODULE = 'helm.sh/helm/v3@v3.22.0';

const compare = (a, b) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
};
const git = (dir, ...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const show = (dir, tag, path) => git(dir, 'show', `${tag}:${CHART}/${path}`);

function chartTags(dir) {
  return git(dir, 'tag', '--list', 'opentelemetry-collector-*')
    .split('\n')
    .map((t) => /^opentelemetry-collector-(\d+\.\d+\.\d+)$/.exec(t.trim())?.[1])
    .filter((v) => v !== undefined && compare(v, FIRST_CHART) >= 0)
    .sort(compare);
}

/** The YAML body of a `{{- define "<name>" -}} … {{- end -}}` that holds only data (no template actions). */
function definedData(helpers, name) {
  const start = helpers.indexOf(`{{- define "${name}" -}}`);
  if (start < 0) return undefined;
  const body = helpers.slice(helpers.indexOf('\n', start) + 1, helpers.indexOf('{{- end', start));
  if (body.includes('{{')) throw new Error(`${name} holds template actions: not plain data`);
  return parse(body);
}

/**
 * The chart's rename table: from 0.162.0 the YAML body of _helpers.tpl `deprecatedComponentRenames` (components:
 * section → old → new); in 0.160.0–0.161.0 the `$processorRenames := dict "old" "new" …` of _config.tpl
 * (processors only).
 */
function renameTable(dir, tag) {
  const table = definedData(show(dir, tag, 'templates/_helpers.tpl'), 'opentelemetry-collector.deprecatedComponentRenames');
  if (table) return table.components ?? {};
  const line = /\$processorRenames := dict((?:\s+"[^"]+")+)/.exec(show(dir, tag, 'templates/_config.tpl'));
  if (!line) throw new Error(`${tag}: a rewrite value but no rename table found`);
  const words = [...line[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const processors = {};
  for (let i = 0; i + 1 < words.length; i += 2) processors[words[i]] = words[i + 1];
  return { processors };
}

const digest = (value) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

/** Builds helm-render (helm.sh/helm/v3 from the Go module proxy) once per run. */
async function buildRenderer() {
  const binary = join(root, 'oracle', '.bin', 'helm-render');
  mkdirSync(dirname(binary), { recursive: true });
  await exec('go', ['build', '-o', binary, '.'], { cwd: join(here, 'helm-render'), maxBuffer: 16 << 20 });
  return binary;
}

/** The chart at a version, extracted into `into` (git archive); returns the chart's directory. */
function extractChart(dir, version, into) {
  mkdirSync(into, { recursive: true });
  execFileSync('sh', [
    '-c',
    `git --git-dir "$0" archive "$1" "$2" | tar -x -C "$3"`,
    dir,
    `opentelemetry-collector-${version}`,
    CHART,
    into,
  ]);
  return join(into, CHART);
}

async function chartData(dir, binary, work) {
  const configs = {};
  const presets = {};
  const versions = [];
  for (const version of chartTags(dir)) {
    const tag = `opentelemetry-collector-${version}`;
    const values = parse(show(dir, tag, 'values.yaml'));
    const chart = parse(show(dir, tag, 'Chart.yaml'));
    const rewrite = ['rewriteDeprecatedComponentNames', 'rewriteDeprecatedProcessorNames'].find((key) => key in values);
    const renames = rewrite ? renameTable(dir, tag) : {};
    const configId = digest(values.config);
    configs[configId] = values.config;
    const [commit, date] = git(dir, 'log', '-1', '--format=%H %cs', tag).trim().split(' ');
    const probes = join(work, `probes-${version}`);
    const parts = await presetsOf(binary, extractChart(dir, version, probes), probes);
    const order = {};
    for (const [mode, list] of Object.entries(parts)) {
      order[mode] = list.map(({ preset, ...part }) => {
        const id = digest(part);
        presets[id] = part;
        return [preset, id];
      });
    }
    versions.push({
      chart: version,
      appVersion: String(chart.appVersion),
      commit,
      date,
      config: configId,
      mode: values.mode ?? '',
      image: { repository: values.image?.repository ?? '', tag: values.image?.tag ?? '' },
      rewrite: rewrite ? { value: rewrite, default: values[rewrite] === true } : null,
      renames,
      presets: order,
    });
  }
  versions.reverse(); // newest first, like releases.json
  return {
    source: `github.com/open-telemetry/opentelemetry-helm-charts ${CHART} at each opentelemetry-collector-<chart> tag: values.yaml (config, mode, image, rewriteDeprecatedComponentNames or rewriteDeprecatedProcessorNames), Chart.yaml (appVersion), the rename table (templates/_helpers.tpl deprecatedComponentRenames: components, or templates/_config.tpl $processorRenames before 0.162.0); presets: the chart rendered with helm.sh/helm/v3 per preset and mode (oracle/collector/helmPresets.mjs)`,
    versions,
    configs,
    presets,
  };
}

/** Renders every corpus file at every golden chart version with Helm's own code. */
async function renderCorpus(dir, versionsData, binary, work) {
  const corpusDir = join(root, 'test', 'fixtures', 'collector', 'helm');
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const cases = Object.fromEntries(files.map((f) => [f, {}]));
  for (const version of GOLDEN_CHARTS) {
    const chartDir = extractChart(dir, version, join(work, `golden-${version}`));
    const { stdout } = await exec(binary, [chartDir, ...files.map((f) => join(corpusDir, f))], { maxBuffer: 64 << 20 });
    const rendered = JSON.parse(stdout);
    for (const f of files) cases[f][version] = rendered[join(corpusDir, f)];
  }
  const commits = Object.fromEntries(GOLDEN_CHARTS.map((v) => [v, versionsData.find((d) => d.chart === v)?.commit]));
  return {
    source: `${HELM_MODULE} (chartutil.ToRenderValues, engine.Render: oracle/collector/helm-render) on the chart at each commit; data.relay of the rendered ConfigMap`,
    charts: commits,
    cases,
  };
}

const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);

const args = process.argv.slice(2);
const chartsAt = args.indexOf('--charts');
if (chartsAt < 0 || !args[chartsAt + 1]) {
  console.error('usage: node oracle/collector/helmChart.mjs --charts <opentelemetry-helm-charts git dir> [--golden]');
  process.exit(2);
}
const dir = args[chartsAt + 1];
const work = mkdtempSync(join(tmpdir(), 'helm-chart-'));
try {
  const binary = await buildRenderer();
  const data = await chartData(dir, binary, work);
  writeJson(join(root, 'schemas', 'collector', 'helm-chart.json'), data);
  console.log(
    `helm-chart.json: ${data.versions.length} chart versions (${data.versions.at(-1).chart}–${data.versions[0].chart}), ${Object.keys(data.configs).length} distinct default configs, ${Object.keys(data.presets).length} distinct preset parts`,
  );
  if (args.includes('--golden')) {
    const golden = await renderCorpus(dir, data.versions, binary, work);
    writeJson(join(root, 'test', 'golden', 'helm', 'opentelemetry-collector.json'), golden);
    const results = Object.values(golden.cases).flatMap((c) => Object.values(c));
    console.log(
      `test/golden/helm/opentelemetry-collector.json: ${Object.keys(golden.cases).length} values files × ${GOLDEN_CHARTS.length} chart versions, ${results.filter((r) => r.error).length} refused by the chart`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
