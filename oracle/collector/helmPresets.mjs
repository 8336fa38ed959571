// What each preset of the opentelemetry-collector chart adds to the Collector config, asked of Helm itself: the chart
// is rendered (helm-render/) with one preset on and an `alternateConfig` of marker components, and the difference from
// the render with no preset is the preset's part. Per mode (the daemonset and the deployment/statefulset templates
// apply different presets):
//   probe A, every pipeline present with one marker per list: which components the preset adds (their config as
//            rendered for the preset's default options), and which ids it adds before (`start`) or after (`end`) the
//            marker of which list;
//   probe B, no pipeline: which pipelines the preset creates when they are absent, and their lists.
// The order the templates apply presets in is the order of their `.Values.presets.<name>.enabled` tests in
// templates/_config.tpl's daemonsetConfig / deploymentConfig (read from the text: a fact, not code).
// The release is named `otel` in namespace `default`, as in the golden renders (logsCollection's exclude path has it).
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

const exec = promisify(execFile);
export const MODES = { daemonset: 'daemonsetConfig', deployment: 'deploymentConfig' };
const SECTIONS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'];
// No profiles pipeline in probe A: kubernetesAttributes changes its own pod_association when one exists (not modelled).
const SIGNALS = ['traces', 'metrics', 'logs'];
const ROLES = ['receivers', 'processors', 'exporters'];
const MARK = { receivers: 'kt_receiver', processors: 'kt_processor', exporters: 'kt_exporter' };

/** Preset names in the order a mode's template applies them (`annotationDiscovery.logs` for nested switches). */
export function presetOrder(configTpl, define) {
  const start = configTpl.indexOf(`{{- define "opentelemetry-collector.${define}" -}}`);
  if (start < 0) return [];
  const body = configTpl.slice(start, configTpl.indexOf('{{- define', start + 10));
  const names = [...body.matchAll(/\.Values\.presets\.(\w+)((?:\.(?:logs|metrics))?)\.enabled/g)].map((m) => m[1] + m[2]);
  return [...new Set(names)];
}

function probeValues(mode, preset, withPipelines) {
  const presets = {};
  const [name, sub] = preset ? preset.split('.') : [];
  if (name) presets[name] = sub ? { [sub]: { enabled: true } } : { enabled: true };
  const pipelines = withPipelines ? Object.fromEntries(SIGNALS.map((s) => [s, Object.fromEntries(ROLES.map((r) => [r, [MARK[r]]]))])) : {};
  return {
    mode,
    image: { repository: 'example.com/kube-tracing/probe' },
    presets,
    alternateConfig: { extensions: { health_check: {} }, service: { extensions: ['health_check'], pipelines } },
  };
}

/** The preset's part: components, list insertions, created pipelines. */
function difference(base, withPreset, created) {
  const components = {};
  for (const section of SECTIONS) {
    for (const [id, value] of Object.entries(withPreset[section] ?? {})) {
      if (JSON.stringify(base[section]?.[id]) === JSON.stringify(value)) continue;
      (components[section] ??= {})[id] = value ?? null;
    }
  }
  const lists = [];
  const insertions = (pipeline, role, list, mark) => {
    const at = mark === undefined ? -1 : list.indexOf(mark);
    list.forEach((id, i) => {
      if (id !== mark) lists.push({ pipeline, role, id, at: at >= 0 && i < at ? 'start' : 'end' });
    });
  };
  for (const [signal, pipeline] of Object.entries(withPreset.service?.pipelines ?? {})) {
    for (const role of ROLES) insertions(signal, role, pipeline?.[role] ?? [], MARK[role]);
  }
  insertions(null, 'extensions', withPreset.service?.extensions ?? [], 'health_check');
  // Probe B had no pipeline: those it renders are the ones the preset creates, as it creates them. A preset that
  // fails without its pipeline (annotationDiscovery) creates none.
  const creates = created?.service?.pipelines ?? {};
  return { components, lists, creates };
}

/** For one extracted chart: per mode, the presets in template order with their parts. */
export async function presetsOf(binary, chartDir, work) {
  const configTpl = readFileSync(join(chartDir, 'templates', '_config.tpl'), 'utf8');
  const files = [];
  const write = (name, values) => {
    const path = join(work, `${name}.yaml`);
    writeFileSync(path, stringify(values));
    files.push(path);
    return path;
  };
  const plan = [];
  for (const [mode, define] of Object.entries(MODES)) {
    const base = write(`${mode}-base`, probeValues(mode, undefined, true));
    for (const preset of presetOrder(configTpl, define)) {
      plan.push({
        mode,
        preset,
        base,
        a: write(`${mode}-${preset}-a`, probeValues(mode, preset, true)),
        b: write(`${mode}-${preset}-b`, probeValues(mode, preset, false)),
      });
    }
  }
  const { stdout } = await exec(binary, [chartDir, ...files], { maxBuffer: 64 << 20 });
  const rendered = JSON.parse(stdout);
  const result = { daemonset: [], deployment: [] };
  for (const { mode, preset, base, a, b } of plan) {
    const [ra, rb, rbase] = [rendered[a], rendered[b], rendered[base]];
    if (!rbase?.config) throw new Error(`${chartDir} ${mode}: the probe without presets fails: ${rbase?.error}`);
    if (!ra?.config) throw new Error(`${chartDir} ${mode} ${preset}: the chart refuses the probe: ${ra?.error}`);
    result[mode].push({ preset, ...difference(rbase.config, ra.config, rb?.config) });
  }
  return result;
}
