/**
 * The opentelemetry-collector Helm chart's values file as a Collector config: its `config:` merged onto the chart's
 * default config for the chart version in force, with the chart's renames (helmMerge.ts), checked by the same rules
 * as any Collector config. A finding on a node from the defaults lands on the `config:` key and says so.
 * Recognized by name (`values.yaml`, `*-values.yaml`, `values-*.yaml`) with a Collector-looking `config:`, or by
 * the chart's shape: `mode: daemonset|deployment|statefulset` or a Collector `image.repository`, with `config:`.
 * Which Collector: image.repository (distribution, collectorInForce.ts images) and image.tag, else the chart's
 * appVersion (templates/_pod.tpl: `image.tag | default .Chart.AppVersion`). Which chart: the Chart.yaml beside the
 * file when it is this chart's, else the setting kubeTracing.collectorHelmChartVersion, else the newest chart version the
 * data has (schemas/collector/helm-chart.json). A chart version the data lacks is not checked.
 */
import { isMap, isScalar, type Document, type Scalar, type YAMLMap } from 'yaml';
import type { FileContext } from '../context';
import { Severity, type Finding, type Position } from '../findings';
import { lastEntry, mapEntries, type AstNode, type MapEntry } from '../yaml/nodes';
import { parseFile, type ParsedFile } from '../yaml/parse';
import { DISTRIBUTIONS, type CollectorCatalog, type Distribution } from './catalog';
import type { CollectorInForce } from './collectorInForce';
import { bundledHelmChart, chartVersion, type HelmChartData, type HelmChartVersion } from './helmChart';
import { applyRenames, coalesce, isEmptyValue, isNullNode, nodeFromDefault } from './helmMerge';
import { applyPresets, enabledPresets } from './helmPresets';
import { chartRefusals } from './helmRefusals';
import { imageReferenceIn } from './images';

const MODES = new Set(['daemonset', 'deployment', 'statefulset']);
const SECTIONS = /^(receivers|processors|exporters|connectors|extensions|service)$/;
const VALUES_NAME = /(^|\/)([^/]*[-_.])?values([-_.][^/]*)?\.ya?ml$/i;

export interface HelmValuesConfig {
  file: ParsedFile;
  root: YAMLMap;
  document: Document.Parsed;
  collector: CollectorInForce;
  chart: HelmChartVersion;
  /** The key the config is read from (`config`, or `alternateConfig` when that replaces it), for assistance. */
  prefix: readonly string[];
  /** The rules' findings with where each came from (the chart's defaults, a preset, a rename), and the chart's refusals. */
  complete(findings: Finding[]): Finding[];
}

const scalarText = (node: AstNode | null | undefined): string | undefined =>
  isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;

const isNonEmptyMap = (node: AstNode | null | undefined): boolean => isMap(node) && node.items.length > 0;

/** Whether a document is this chart's values (see the header), without merging anything. */
export function looksLikeHelmValues(root: AstNode | null, document: Document.Parsed, path: string): boolean {
  if (!isMap(root)) return false;
  const entries = mapEntries(root, document);
  if (lastEntry(entries, 'kind')) return false;
  const config = lastEntry(entries, 'config')?.value ?? null;
  const alternate = lastEntry(entries, 'alternateConfig')?.value ?? null;
  const image = mapEntries(lastEntry(entries, 'image')?.value ?? null, document);
  const repository = scalarText(lastEntry(image, 'repository')?.value);
  const collectorImage = repository !== undefined && imageReferenceIn(repository) !== undefined;
  const collectorLike = (node: AstNode | null) => mapEntries(node, document).some((e) => SECTIONS.test(e.key));
  if (collectorImage) return isMap(config) || isNullNode(config) || isNonEmptyMap(alternate);
  const mode = scalarText(lastEntry(entries, 'mode')?.value);
  const shaped = (mode !== undefined && MODES.has(mode)) || VALUES_NAME.test(path.replace(/\\/g, '/'));
  return shaped && (collectorLike(config) || (isNonEmptyMap(alternate) && collectorLike(alternate)));
}

/**
 * Another values file of a Collector config beside this one (`values.yaml` with `values-prod.yaml`): Helm merges
 * them in the order `-f` names them, which the workspace does not say, so what this file references may be defined
 * there. Then references are not judged (see PRESET_SENSITIVE).
 */
function splitValues(context: FileContext): boolean {
  const path = context.path.replace(/\\/g, '/');
  const folder = path.replace(/\/[^/]*$/, '');
  const workspace = context.options?.workspace;
  if (!workspace) return false;
  return workspace.list().some((other) => {
    const normalized = other.replace(/\\/g, '/');
    if (normalized === path || normalized.replace(/\/[^/]*$/, '') !== folder || !VALUES_NAME.test(normalized)) return false;
    return /^(config|alternateConfig):/m.test(workspace.read(other) ?? '');
  });
}

/** The chart version: Chart.yaml beside the values file when it is the opentelemetry-collector chart's. */
function chartInForce(data: HelmChartData, context: FileContext): { chart: HelmChartVersion; source: string } | undefined {
  const folder = context.path.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
  const chartFile = `${folder}/Chart.yaml`;
  const text = context.options?.workspace?.read(chartFile);
  if (text !== undefined) {
    const chartRoot = parseFile(chartFile, text).documents[0];
    const entries = chartRoot ? mapEntries(chartRoot.document.contents, chartRoot.document) : [];
    const version = scalarText(lastEntry(entries, 'version')?.value);
    if (scalarText(lastEntry(entries, 'name')?.value) === 'opentelemetry-collector' && version !== undefined) {
      const chart = chartVersion(data, version);
      // A chart version the data lacks: its defaults are unknown, so nothing is checked (silence beats a guess).
      return chart ? { chart, source: `Chart.yaml beside it (chart ${chart.chart})` } : undefined;
    }
  }
  const setting = context.options?.settings?.collectorHelmChartVersion;
  if (setting && setting !== 'auto') {
    const chart = chartVersion(data, setting);
    return chart ? { chart, source: `the setting kubeTracing.collectorHelmChartVersion (chart ${chart.chart})` } : undefined;
  }
  const newest = data.versions[0]!;
  return {
    chart: newest,
    source: `the newest chart kube-tracing knows (${newest.chart}; no Chart.yaml of this chart beside the file, no setting)`,
  };
}

/** `0.150`, `0.150.0`, `v0.150.0` → the release; a minor alone takes the newest patch the catalogue knows. */
function tagRelease(tag: string, catalog: CollectorCatalog | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(tag);
  if (!m) return undefined;
  if (m[3] !== undefined) return `${m[1]}.${m[2]}.${m[3]}`;
  return catalog?.releases.find((r) => r.startsWith(`${m[1]}.${m[2]}.`)) ?? `${m[1]}.${m[2]}.0`;
}

function collectorOf(
  entries: MapEntry[],
  document: Document.Parsed,
  chart: HelmChartVersion,
  chartSource: string,
  context: FileContext,
  catalog: CollectorCatalog | undefined,
): CollectorInForce {
  const image = mapEntries(lastEntry(entries, 'image')?.value ?? null, document);
  const repository = scalarText(lastEntry(image, 'repository')?.value) ?? chart.image.repository;
  const tag = scalarText(lastEntry(image, 'tag')?.value) || chart.image.tag;
  const reference = repository ? imageReferenceIn(repository) : undefined;
  const setting = context.options?.settings?.collectorDistribution;
  const settingDistribution = setting && (DISTRIBUTIONS as readonly string[]).includes(setting) ? (setting as Distribution) : undefined;
  const tagged = tag && tag !== 'latest' ? tagRelease(tag, catalog) : undefined;
  const latest = tag === 'latest' || (tag !== '' && tagged === undefined);
  const version = latest ? (catalog?.releases[0] ?? chart.appVersion) : (tagged ?? chart.appVersion);
  const tagWords = tag ? `image.tag ${tag}` : `the chart's appVersion ${chart.appVersion} (no image.tag)`;
  return {
    version,
    distribution: reference?.distribution ?? settingDistribution ?? 'contrib',
    source: `the Helm values (image.repository ${repository || 'unset'}, ${tagWords}; chart from ${chartSource})`,
    origin: 'helm-values',
    detail: `${repository || '(no image.repository)'}:${tag || chart.appVersion} (Helm chart ${chart.chart})`,
    latest,
    distributionKnown: reference !== undefined || settingDistribution !== undefined,
  };
}

/**
 * Codes a preset can make false when it is not modelled (options of the user's): it adds receivers, processors and
 * pipeline entries, so a reference to its component or a pipeline it fills is left alone then. The same holds when
 * another values file beside this one may define what it references (splitValues).
 */
const PRESET_SENSITIVE = new Set(['collector/not-configured', 'collector/pipeline-incomplete']);

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/** Per document: recognize, validate and assistance each ask; a new parse is a new Document, so nothing goes stale. */
const merged = new WeakMap<Document.Parsed, { key: string; configs: HelmValuesConfig[] }>();

/** The Collector config of a values document, merged as the chart merges it; [] when the document is not one. */
export function helmValuesConfigs(
  document: Document.Parsed,
  context: FileContext,
  catalog: CollectorCatalog | undefined,
  data: HelmChartData | undefined = bundledHelmChart(),
): HelmValuesConfig[] {
  if (!data || !looksLikeHelmValues(document.contents, document, context.path)) return [];
  const found = chartInForce(data, context);
  if (!found) return [];
  const key = [context.path, found.chart.chart, found.source, catalog?.releases[0], context.options?.settings?.collectorDistribution].join(
    '\u0000',
  );
  const known = merged.get(document);
  if (known?.key === key && known.configs[0]?.file === context.file) return known.configs;
  const configs = mergeValues(document, context, catalog, found.chart, found.source);
  merged.set(document, { key, configs });
  return configs;
}

function mergeValues(
  document: Document.Parsed,
  context: FileContext,
  catalog: CollectorCatalog | undefined,
  chart: HelmChartVersion,
  source: string,
): HelmValuesConfig[] {
  const root = document.contents;
  const entries = mapEntries(root, document);
  const configEntry = lastEntry(entries, 'config');
  const alternateEntry = lastEntry(entries, 'alternateConfig');
  const useAlternate = isNonEmptyMap(alternateEntry?.value);
  const anchor: Scalar | null = (useAlternate ? alternateEntry?.keyNode : configEntry?.keyNode) ?? entries[0]?.keyNode ?? null;
  const origin = anchor?.range ?? ([0, 0, 0] as [number, number, number]);
  if (configEntry && !isNullNode(configEntry.value) && !isMap(configEntry.value)) return []; // the chart fails on it
  const valuesConfig = isMap(configEntry?.value)
    ? coalesce(configEntry.value, chart.config, document, origin)
    : (nodeFromDefault(chart.config, origin) as YAMLMap);
  const config = useAlternate ? coalesce(alternateEntry!.value!, {}, document, origin) : valuesConfig;
  const refusals = chartRefusals(context.file, entries, valuesConfig, document, chart); // before presets add to it
  const rewrite = chart.rewrite ? lastEntry(entries, chart.rewrite.value) : undefined;
  const renaming = chart.rewrite !== null && (rewrite ? !isEmptyValue(rewrite.value, document) : chart.rewrite.default);
  // Presets as the data has them: rendered with their default options, the renames on and one replica.
  const enabled = enabledPresets(lastEntry(entries, 'presets')?.value ?? null, document).map((preset) => ({
    ...preset,
    hasOptions:
      preset.hasOptions ||
      (preset.name === 'clusterMetrics' && lastEntry(entries, 'replicaCount') !== undefined) ||
      (preset.name === 'kubernetesAttributes' && !renaming && chart.rewrite !== null),
  }));
  const mode = scalarText(lastEntry(entries, 'mode')?.value);
  const unmodelled = applyPresets(config, chart, mode, enabled, document, origin);
  const renamedAt: Position[] = [];
  if (renaming)
    applyRenames(config, chart.renames, document, (node) => {
      if (node.range) renamedAt.push(context.file.lines.positionAt(node.range[0]));
    });
  const originStart = context.file.lines.positionAt(origin[0]);
  const where = anchor ? `\`${String(anchor.value)}:\`` : 'the values';
  const presetAt = enabled.flatMap((p) => {
    const range = p.enabledKey?.range;
    return range ? [{ name: p.name, start: context.file.lines.positionAt(range[0]) }] : [];
  });
  const split = splitValues(context);
  const complete = (findings: Finding[]): Finding[] => [
    // A value this file does not set (Information) is most likely in the other values file.
    ...refusals.filter((finding) => !(split && finding.severity === Severity.Information)),
    ...findings
      .filter((finding) => !((unmodelled.length > 0 || split) && PRESET_SENSITIVE.has(finding.code)))
      .map((finding) => {
        if (samePosition(finding.range.start, originStart) && samePosition(finding.range.end, context.file.lines.positionAt(origin[1]))) {
          return {
            ...finding,
            explanation: `From the chart's default config (opentelemetry-collector chart ${chart.chart}, values.yaml \`config:\`), not from this file; shown on ${where}. Override it under \`config:\`, or set the key to \`null\` to delete it. ${finding.explanation}`,
          };
        }
        const preset = presetAt.find((p) => samePosition(p.start, finding.range.start));
        if (preset) {
          return {
            ...finding,
            explanation: `Added by the chart's preset ${preset.name} (chart ${chart.chart}), not written in this file; shown on its \`enabled:\`. ${finding.explanation}`,
          };
        }
        if (renamedAt.some((p) => samePosition(p, finding.range.start))) {
          return {
            ...finding,
            explanation: `The chart renames this id (${chart.rewrite?.value}, chart ${chart.chart}): the Collector sees the new name. ${finding.explanation}`,
          };
        }
        return finding;
      }),
  ];
  return [
    {
      file: context.file,
      root: config,
      document,
      collector: collectorOf(entries, document, chart, source, context, catalog),
      chart,
      prefix: [useAlternate ? 'alternateConfig' : 'config'],
      complete,
    },
  ];
}
