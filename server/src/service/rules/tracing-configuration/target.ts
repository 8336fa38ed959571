/**
 * The mapping that holds component-base's TracingConfiguration fields (`endpoint`, `samplingRatePerMillion`):
 * the whole document for kube-apiserver's --tracing-config-file, the `tracing:` block for the kubelet.
 * The field validators take this so both components share them, as they share ValidateTracingConfiguration.
 */
import { isMap, isSeq, type Document } from 'yaml';
import type { ParsedFile } from '../../yaml/parse';
import { deref, mapEntries, type AstNode, type MapEntry } from '../../yaml/nodes';
import type { KubernetesVersionInForce } from '../../versions';

export interface TracingFieldsTarget {
  file: ParsedFile;
  document: Document.Parsed;
  /** The mapping node itself (for ranges), null when absent. */
  node: AstNode | null;
  entries: MapEntry[];
  /** Field path prefix in messages: `` for kube-apiserver (nil root), `tracing.` for the kubelet. */
  fieldPathPrefix: '' | 'tracing.';
  component: 'kube-apiserver' | 'kubelet';
  /** Rule code prefix, e.g. `tracing-config` or `kubelet`. */
  codePrefix: string;
  version: KubernetesVersionInForce;
}

/** How a component reacts when it refuses a value, for explanations. */
export function refusalPhrase(target: Pick<TracingFieldsTarget, 'component'>): string {
  return target.component === 'kube-apiserver'
    ? 'kube-apiserver refuses to start ("failed to validate tracing configuration")'
    : 'the kubelet refuses to start ("invalid configuration")';
}

export function componentName(target: Pick<TracingFieldsTarget, 'component'>): string {
  return target.component === 'kube-apiserver' ? 'kube-apiserver' : 'the kubelet';
}

/** The fields a decoder knows at this target: TypeMeta plus TracingConfiguration's at the root of the apiserver file. */
export function knownFields(target: Pick<TracingFieldsTarget, 'component'>): readonly string[] {
  return target.component === 'kube-apiserver'
    ? ['apiVersion', 'kind', 'endpoint', 'samplingRatePerMillion']
    : ['endpoint', 'samplingRatePerMillion'];
}

/**
 * A mapping's entries with YAML 1.1 merge keys (`<<: *base`) replaced by the merged entries, in the order
 * gopkg.in/yaml.v2 decode.go mapping()/merge() applies them: in place of the `<<` key, a sequence of maps from last
 * to first (earlier maps take precedence). So the last entry of a name is the value Go keeps when decoding leniently,
 * and an overlap is the "already set in map" duplicate it reports when decoding strictly.
 */
export function expandMergeKeys(entries: MapEntry[], document: Document.Parsed): MapEntry[] {
  if (!entries.some(isMergeEntry)) return entries;
  // A budget, not just a depth limit: merges of merges of the same anchor grow exponentially (a merge-key bomb).
  const budget = { entries: MAX_MERGED_ENTRIES };
  return expandInto(entries, document, 0, budget);
}

const MAX_MERGED_ENTRIES = 10000;

function expandInto(entries: MapEntry[], document: Document.Parsed, depth: number, budget: { entries: number }): MapEntry[] {
  const expanded: MapEntry[] = [];
  for (const entry of entries) {
    // Every entry visited, merge keys and merged maps included, spends the budget, so the work is bounded.
    if (--budget.entries < 0) break;
    if (!isMergeEntry(entry)) {
      expanded.push(entry);
      continue;
    }
    if (depth >= 8) continue;
    const sources = isSeq(entry.value) ? [...entry.value.items].reverse() : [entry.value];
    for (const item of sources) {
      if (--budget.entries < 0) break;
      const source = deref(item, document);
      if (isMap(source)) expanded.push(...expandInto(mapEntries(source, document), document, depth + 1, budget));
    }
  }
  return expanded;
}

/** The `<<` key of YAML 1.1 (the YAML library gives it a symbol value); a quoted '<<' is an ordinary key. */
export function isMergeEntry(entry: MapEntry): boolean {
  return typeof entry.keyNode?.value === 'symbol' && entry.keyNode.source === '<<';
}
