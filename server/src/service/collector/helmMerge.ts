/**
 * The Collector config the opentelemetry-collector chart writes into its ConfigMap, built on the `yaml` AST so that
 * every node keeps a place in the values file: the user's nodes keep their own ranges, nodes that come from the
 * chart's defaults get the range of the values file's `config:` key.
 * - Helm's values merge, mirrors helm.sh/helm/v3@v3.22.0 pkg/chartutil/coalesce.go (coalesceTablesFullKey): tables
 *   merge key by key, the user's value wins otherwise (a scalar over a default table too), `null` deletes a key the
 *   defaults have (and stays where they do not), lists replace.
 * - `alternateConfig` (non-empty) replaces `config` instead (templates/_config.tpl baseConfig).
 * - The chart's renames (templates/_config.tpl rewriteDeprecatedComponentNames, table in _helpers.tpl): an id
 *   `old` or `old/name` of the table's sections becomes `new…`, merged onto an existing `new…` (sprig
 *   mustMergeOverwrite), and every pipeline's list of
 *   that section is rewritten and deduplicated (sprig uniq).
 * Presets are applied between the two (helmPresets.ts); internalTelemetryViaOTLP is not (docs/collector.md).
 * test/unit/service/collector-helm-golden.test.ts holds this to Helm's own rendering.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { deref, lastEntry, mapEntries, type AstNode } from '../yaml/nodes';
import type { JsonValue } from './helmChart';

type Range = [number, number, number];

/** Nodes built from the chart's defaults: they have no text of their own in the file, so no edit may target them. */
const fromDefaults = new WeakSet<object>();

/** Whether a node of a merged config came from the chart's defaults (quick fixes leave such nodes alone). */
export function fromChartDefaults(node: unknown): boolean {
  return typeof node === 'object' && node !== null && fromDefaults.has(node);
}

/** A node built from a default value, placed at `origin`. */
export function nodeFromDefault(value: JsonValue, origin: Range): AstNode {
  let node: AstNode;
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map((item) => nodeFromDefault(item, origin));
    node = seq;
  } else if (value !== null && typeof value === 'object') {
    const map = new YAMLMap();
    map.items = Object.entries(value).map(([k, v]) => new Pair(nodeFromDefault(k, origin), nodeFromDefault(v, origin)));
    node = map;
  } else node = new Scalar(value);
  fromDefaults.add(node);
  return placed(node, origin);
}

function placed<T extends AstNode>(node: T, range: Range | null | undefined): T {
  if (range) node.range = [range[0], range[1], range[2]];
  return node;
}

/** A YAML null: `key:` with nothing, `~`, `null`. */
export function isNullNode(node: AstNode | null): boolean {
  return node === null || (isScalar(node) && (node.value === null || node.value === undefined));
}

const isJsonTable = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** coalesceTablesFullKey(dst = the user's table, src = the chart's defaults). */
export function coalesce(user: AstNode, defaults: { [key: string]: JsonValue }, document: Document.Parsed, origin: Range): YAMLMap {
  const merged = placed(new YAMLMap(), user.range);
  const entries = mapEntries(user, document);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (lastEntry(entries, entry.key) !== entry) continue; // the last duplicate wins, as in Go's decode
    seen.add(entry.key);
    if (isNullNode(entry.value) && entry.key in defaults) continue; // null deletes a default; elsewhere it stays
    const fallback = defaults[entry.key];
    const value = isMap(entry.value) && isJsonTable(fallback) ? coalesce(entry.value, fallback, document, origin) : entry.value;
    merged.items.push(new Pair(entry.keyNode ?? entry.pair.key, value));
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (!seen.has(key)) merged.items.push(new Pair(nodeFromDefault(key, origin), nodeFromDefault(value, origin)));
  }
  return merged;
}

/** Whether Go templates count the value empty (false, 0, "", null, an empty table or list). */
export function isEmptyValue(node: AstNode | null, document: Document.Parsed): boolean {
  const value = deref(node, document);
  if (isNullNode(value)) return true;
  if (isScalar(value)) return value.value === false || value.value === 0 || value.value === '';
  if (isMap(value) || isSeq(value)) return value.items.length === 0;
  return false;
}

/**
 * sprig mustMergeOverwrite(dst, src) on tables (mergo with WithOverride): every key of src replaces dst's, even an
 * empty value; two tables merge deeply.
 */
export function mergeOverwrite(dst: AstNode | null, src: AstNode | null, document: Document.Parsed): AstNode | null {
  const d = deref(dst, document);
  const s = deref(src, document);
  if (!isMap(d)) return s ?? d;
  if (!isMap(s)) return d;
  const merged = placed(new YAMLMap(), s.range ?? d.range);
  const byKey = new Map<string, Pair>();
  for (const entry of mapEntries(d, document)) byKey.set(entry.key, new Pair(entry.keyNode ?? entry.pair.key, entry.value));
  for (const entry of mapEntries(s, document)) {
    const existing = byKey.get(entry.key);
    const existingValue = (existing?.value ?? null) as AstNode | null;
    if (existing && isMap(existingValue) && isMap(entry.value)) {
      byKey.set(entry.key, new Pair(entry.keyNode ?? entry.pair.key, mergeOverwrite(existingValue, entry.value, document)));
    } else {
      byKey.set(entry.key, new Pair(entry.keyNode ?? entry.pair.key, entry.value));
    }
  }
  merged.items = [...byKey.values()];
  return merged;
}

/** Go's strings.Replace(s, old, new, -1). */
const replaceAll = (text: string, from: string, to: string): string => (from === '' ? text : text.split(from).join(to));

/** One table entry (`processors`: `k8sattributes` → `k8s_attributes`) applied to the whole config, in place. */
function rename(
  config: YAMLMap,
  section: string,
  from: string,
  to: string,
  document: Document.Parsed,
  onRename: (node: Scalar) => void,
): void {
  const sectionNode = lastEntry(mapEntries(config, document), section)?.value ?? null;
  if (isMap(sectionNode) && sectionNode.items.length > 0) {
    for (const entry of mapEntries(sectionNode, document).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      if (entry.key !== from && !entry.key.startsWith(`${from}/`)) continue;
      const newKey = replaceAll(replaceAll(entry.key, `${from}/`, `${to}/`), from, to);
      const items = sectionNode.items as Pair[];
      const existingIndex = items.findIndex((p) => isScalar(p.key) && String(p.key.value) === newKey);
      const existing = existingIndex >= 0 ? (items[existingIndex]!.value as AstNode | null) : null;
      const value = mergeOverwrite(isEmptyValue(existing, document) ? new YAMLMap() : existing, entry.value, document);
      const keyNode = placed(new Scalar(newKey), entry.keyNode?.range);
      onRename(keyNode);
      if (existingIndex >= 0) items.splice(existingIndex, 1);
      items.push(new Pair(keyNode, value));
      const oldIndex = items.findIndex((p) => isScalar(p.key) && String(p.key.value) === entry.key);
      if (oldIndex >= 0) items.splice(oldIndex, 1);
    }
  }
  const service = lastEntry(mapEntries(config, document), 'service')?.value ?? null;
  const pipelines = lastEntry(mapEntries(service, document), 'pipelines')?.value ?? null;
  for (const pipeline of mapEntries(pipelines, document)) {
    if (isNullNode(pipeline.value) || !isMap(pipeline.value)) continue;
    const refs = lastEntry(mapEntries(pipeline.value, document), section);
    const list = refs?.value ?? null;
    if (!refs || !isSeq(list) || list.items.length === 0) continue;
    const renamed = list.items.map((item) => {
      const node = deref(item, document);
      if (!isScalar(node) || typeof node.value !== 'string') return node;
      const value =
        node.value === from ? to : node.value.startsWith(`${from}/`) ? replaceAll(node.value, `${from}/`, `${to}/`) : node.value;
      if (value === node.value) return node;
      const renamedNode = placed(new Scalar(value), node.range);
      onRename(renamedNode);
      return renamedNode;
    });
    const seen = new Set<string>();
    const unique = renamed.filter((node) => {
      const key = isScalar(node) ? JSON.stringify(node.value) : String(node);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const seq = placed(new YAMLSeq(), list.range);
    seq.items = unique;
    (refs.pair as Pair).value = seq;
  }
}

/** The renames of a chart version applied to a merged config (built by coalesce, so its tables are ours to change). */
export function applyRenames(
  config: YAMLMap,
  renames: Record<string, Record<string, string>>,
  document: Document.Parsed,
  onRename: (node: Scalar) => void = () => undefined,
): void {
  const sorted = <T>(record: Record<string, T>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [section, table] of sorted(renames))
    for (const [from, to] of sorted(table)) rename(config, section, from, to, document, onRename);
}

/** The merged config as plain data (JSON), as the chart's ConfigMap holds it; for the golden comparison. */
export function toPlain(node: AstNode | null, document: Document.Parsed): JsonValue {
  const value = deref(node, document);
  if (value === null) return null;
  if (isMap(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const entry of mapEntries(value, document)) out[entry.key] = toPlain(entry.value, document);
    return out;
  }
  if (isSeq(value)) return value.items.map((item) => toPlain(item as AstNode, document));
  if (isScalar(value)) {
    const v = value.value;
    return v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as JsonValue);
  }
  return null;
}
