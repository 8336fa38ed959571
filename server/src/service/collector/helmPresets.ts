/**
 * The chart's presets applied to a merged config, in the order its template applies them (templates/_config.tpl
 * daemonsetConfig / deploymentConfig, apply*Config): each adds its components under the user's (the user's keys win:
 * sprig mustMergeOverwrite), creates the pipelines it needs when absent, and adds its ids to pipeline lists where
 * they are missing (prepend or append, then uniq). What each adds is data rendered by Helm for the preset's default
 * options (helmChart.ts PresetPart); a preset with options of the user's, or one the data lacks, is not modelled and
 * the caller stays silent on what it could supply.
 * Nodes a preset adds are placed on its `enabled:` key, so a finding on them lands there.
 */
import { isMap, isScalar, isSeq, Pair, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { lastEntry, mapEntries, type AstNode, type MapEntry } from '../yaml/nodes';
import type { ChartMode, HelmChartVersion, PresetPart } from './helmChart';
import { mergeOverwrite, nodeFromDefault } from './helmMerge';

type Range = [number, number, number];

/** A preset the values turn on, with the `enabled:` key it was turned on by. */
export interface EnabledPreset {
  name: string;
  enabledKey: AstNode | null;
  /** Options besides `enabled` (their effect is not in the data). */
  hasOptions: boolean;
}

/** `presets.<name>.enabled: true` and `presets.annotationDiscovery.<logs|metrics>.enabled: true`. */
export function enabledPresets(presets: AstNode | null, document: Document.Parsed): EnabledPreset[] {
  const found: EnabledPreset[] = [];
  const visit = (node: AstNode | null, name: string) => {
    const entries = mapEntries(node, document);
    const enabled = lastEntry(entries, 'enabled');
    if (enabled && isScalar(enabled.value) && enabled.value.value === true) {
      found.push({ name, enabledKey: enabled.keyNode, hasOptions: entries.some((e) => e.key !== 'enabled') });
    }
  };
  for (const entry of mapEntries(presets, document)) {
    if (entry.key === 'annotationDiscovery')
      for (const sub of mapEntries(entry.value, document)) visit(sub.value, `${entry.key}.${sub.key}`);
    else visit(entry.value, entry.key);
  }
  return found;
}

/** The table under `key` of a map, created (placed at `origin`) when absent or not a table. */
function tableUnder(map: YAMLMap, key: string, document: Document.Parsed, origin: Range): YAMLMap {
  const entry = lastEntry(mapEntries(map, document), key);
  if (entry && isMap(entry.value)) return entry.value;
  const table = nodeFromDefault({}, origin) as YAMLMap;
  if (entry) entry.pair.value = table;
  else map.items.push(new Pair(nodeFromDefault(key, origin), table));
  return table;
}

function listUnder(map: YAMLMap, key: string, document: Document.Parsed, origin: Range): YAMLSeq {
  const entry = lastEntry(mapEntries(map, document), key);
  if (entry && isSeq(entry.value)) return entry.value;
  const list = nodeFromDefault([], origin) as YAMLSeq;
  if (entry) entry.pair.value = list;
  else map.items.push(new Pair(nodeFromDefault(key, origin), list));
  return list;
}

/** One preset's part applied to the config, in place. `aliases` gives the ids that count as `id` already present. */
function applyPart(config: YAMLMap, part: PresetPart, document: Document.Parsed, origin: Range, aliases: (id: string) => string[]): void {
  for (const [section, components] of Object.entries(part.components)) {
    const table = tableUnder(config, section, document, origin);
    for (const [id, value] of Object.entries(components)) {
      const existing: MapEntry | undefined = lastEntry(mapEntries(table, document), id);
      if (existing) existing.pair.value = mergeOverwrite(nodeFromDefault(value, origin), existing.value, document);
      else table.items.push(new Pair(nodeFromDefault(id, origin), nodeFromDefault(value, origin)));
    }
  }
  const service = tableUnder(config, 'service', document, origin);
  const pipelines =
    Object.keys(part.creates).length > 0 || part.lists.some((l) => l.pipeline) ? tableUnder(service, 'pipelines', document, origin) : null;
  for (const [name, content] of Object.entries(part.creates)) {
    if (pipelines && !lastEntry(mapEntries(pipelines, document), name))
      pipelines.items.push(new Pair(nodeFromDefault(name, origin), nodeFromDefault(content, origin)));
  }
  for (const { pipeline, role, id, at } of part.lists) {
    let list: YAMLSeq;
    if (pipeline === null) list = listUnder(service, role, document, origin);
    else {
      const node = lastEntry(mapEntries(pipelines, document), pipeline)?.value ?? null;
      if (!isMap(node)) continue; // only pipelines the config has (or the preset created) get the id
      list = listUnder(node, role, document, origin);
    }
    const present = new Set(aliases(id));
    if (list.items.some((item) => isScalar(item) && present.has(String(item.value)))) continue;
    const added = nodeFromDefault(id, origin);
    if (at === 'start') list.items.unshift(added);
    else list.items.push(added);
  }
}

/**
 * Applies the enabled presets the data models; returns the names of those it could not (options of the user's, a
 * preset the data lacks), for which the caller stays silent on missing references.
 */
export function applyPresets(
  config: YAMLMap,
  chart: HelmChartVersion,
  mode: string | undefined,
  enabled: readonly EnabledPreset[],
  document: Document.Parsed,
  fallbackOrigin: Range,
): string[] {
  const template: ChartMode = mode === 'daemonset' ? 'daemonset' : 'deployment';
  const byName = new Map(enabled.map((p) => [p.name, p]));
  const unmodelled = enabled.filter((p) => p.hasOptions || !chart.presets[template].some((q) => q.name === p.name)).map((p) => p.name);
  const aliases = (id: string) => {
    const olds = Object.values(chart.renames).flatMap((table) =>
      Object.entries(table)
        .filter(([, to]) => to === id)
        .map(([from]) => from),
    );
    return [id, ...olds];
  };
  for (const { name, part } of chart.presets[template]) {
    const preset = byName.get(name);
    if (!preset || unmodelled.includes(name)) continue;
    const origin = (preset.enabledKey?.range as Range | null | undefined) ?? fallbackOrigin;
    applyPart(config, part, document, origin, aliases);
  }
  return unmodelled;
}
