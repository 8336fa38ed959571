/**
 * Assistance in a KubeletConfiguration (rules/kubelet): its `tracing:` block holds the same component-base
 * fields as kube-apiserver's file (hovers and completions of tracing-configuration/ with component kubelet),
 * and its `featureGates:` map takes the gate names the version registers (history on hover, names with their
 * stage then true/false on completion). Quick fixes: turn KubeletTracing on, and the feature-gate findings
 * in the map (a removed or locked gate, a value that is not a boolean).
 */
import { plainText } from '../text/markdown';
import { isMap, isPair, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { FileContext } from '../context';
import type { Finding } from '../findings';
import { gateSpecAt, gatesAt } from '../rules/feature-gates';
import { describeVersionSource, KNOWN_MINORS_RANGE, kubeletFacts, type KubernetesVersionInForce } from '../versions';
import { lastEntry, mapEntries } from '../yaml/nodes';
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import type { Cursor } from './cursor';
import { addKey, removePair, replaceOffsets } from './edits';
import { describeGateAt, describeHistory, describePeriod, gateHistory } from './feature-gates/history';
import { tracingCompletions } from './tracing-configuration/completion';
import { tracingHover } from './tracing-configuration/hover';
import type { CodeAction, CompletionItem, Range, TextEdit } from './types';

export function kubeletHover(cursor: Cursor, version: KubernetesVersionInForce): string | null {
  const [first, second] = cursor.path;
  if (first === 'tracing' && cursor.path.length === 2) return tracingHover({ cursor, version, component: 'kubelet' });
  if (first === 'featureGates' && cursor.path.length === 2 && cursor.place === 'key' && typeof second === 'string') {
    const history = gateHistory(second, 'kubelet');
    return [
      `**${plainText(second)}** · feature gate`,
      '',
      history ? `${describeHistory(history)}.` : `Not registered in any Kubernetes version kube-tracing knows (${KNOWN_MINORS_RANGE}).`,
      '',
      `In ${describeVersionSource(version, 'markdown')}: ${describeGateAt(second, version.version, 'kubelet')}.`,
    ].join('\n');
  }
  return null;
}

export function kubeletCompletions(cursor: Cursor, version: KubernetesVersionInForce, range: Range): CompletionItem[] {
  const [first] = cursor.path;
  const inTracing = first === 'tracing' && (cursor.place === 'new-key' ? cursor.path.length === 1 : cursor.path.length === 2);
  if (inTracing) return tracingCompletions({ cursor, version, component: 'kubelet', range });
  const inGates = first === 'featureGates';
  if (inGates && (cursor.place === 'new-key' ? cursor.path.length === 1 : cursor.place === 'key' && cursor.path.length === 2)) {
    const present = new Set(
      cursor.map
        ? cursor.map.items.flatMap((item) =>
            isPair(item) && isScalar(item.key) && item.key !== cursor.scalar ? [String(item.key.value)] : [],
          )
        : [],
    );
    return gatesAt(version.version, 'kubelet')
      .filter((spec) => !present.has(spec.name))
      .map((spec) => ({
        label: spec.name,
        kind: 'feature-gate' as const,
        detail: describePeriod(spec),
        insertText: cursor.place === 'new-key' || !hasValue(cursor) ? `${spec.name}: ` : spec.name,
        retrigger: cursor.place === 'new-key' || !hasValue(cursor),
        range,
        sortText: spec.name === kubeletFacts.tracingGate ? '0' : `1${spec.name}`,
      }))
      .sort((a, b) => a.sortText.localeCompare(b.sortText));
  }
  if (inGates && cursor.place === 'value' && cursor.path.length === 2) {
    const spec = gateSpecAt(String(cursor.path[1]), version.version, 'kubelet');
    return (spec?.locked ? [spec.default] : [true, false]).map((value, index) => ({
      label: String(value),
      kind: 'value' as const,
      detail: spec ? `${spec.name}: ${describePeriod(spec)}` : undefined,
      insertText: String(value),
      range,
      sortText: String(index),
    }));
  }
  return [];
}

function hasValue(cursor: Cursor): boolean {
  const pair = cursor.map?.items.find((item): item is Pair => isPair(item) && item.key === cursor.scalar);
  return !!pair && pair.value !== null && !(isScalar(pair.value) && pair.value.value === null);
}

/** Fixes for kubelet findings that are not shared tracing-field ones (those go through tracingFieldFixes). */
export function kubeletFixes(file: ParsedFile, document: ParsedDocument, finding: Finding, context: FileContext): CodeAction[] {
  const root = document.document.contents;
  if (!isMap(root)) return [];
  const data = (finding.data ?? {}) as Record<string, unknown>;
  const one = (title: string, edit: TextEdit | null, isPreferred = true): CodeAction[] =>
    edit ? [{ title, kind: 'quickfix', fixes: [finding], edits: [edit], isPreferred }] : [];
  const start = file.lines.offsetAt(finding.range.start);
  const end = file.lines.offsetAt(finding.range.end);
  if (finding.code === 'kubelet/tracing-gate-disabled' && typeof data.addFeatureGate === 'string') {
    const [gate] = data.addFeatureGate.split(':');
    return one(`Turn on ${gate} in featureGates`, setMapGate(file, root as YAMLMap, gate!.trim()));
  }
  if (finding.code === 'kubelet/feature-gate-not-bool' && Array.isArray(data.replacements)) {
    return data.replacements
      .filter((r): r is string => typeof r === 'string')
      .flatMap((value, index) => one(`Set to ${value}`, replaceOffsets(file, start, end, value), index === 0));
  }
  if (finding.code.startsWith('feature-gates/')) {
    const gates = lastEntry(mapEntries(root, document.document), 'featureGates')?.value;
    const pair = isMap(gates)
      ? gates.items.find(
          (item): item is Pair =>
            isPair(item) &&
            isScalar(item.key) &&
            item.key.range![0] <= start &&
            start <= ((item.value as { range?: number[] } | null)?.range?.[1] ?? item.key.range![1]),
        )
      : undefined;
    if (!pair || !isScalar(pair.key)) return [];
    const name = String(pair.key.value);
    const actions: CodeAction[] = [];
    if (typeof data.replacement === 'string')
      actions.push(
        ...one(`Change ${name} to ${data.replacement}`, replaceOffsets(file, pair.key.range![0], pair.key.range![1], data.replacement)),
      );
    if (finding.code === 'feature-gates/unrecognized' || finding.code === 'feature-gates/locked') {
      actions.push(
        ...one(
          `Remove ${name} (${finding.code.endsWith('locked') ? 'locked' : 'not registered'} in ${describeVersionSource(context.defaultKubernetesVersion, 'markdown').replace(/`/g, '')})`,
          removePair(file, pair),
          actions.length === 0,
        ),
      );
    }
    return actions;
  }
  return [];
}

/** `featureGates: {Gate: true}`: the value set to true when the key is there, else the key (or the whole map) added. */
function setMapGate(file: ParsedFile, root: YAMLMap, gate: string): TextEdit | null {
  const gatesPair = root.items.find((item): item is Pair => isPair(item) && isScalar(item.key) && item.key.value === 'featureGates');
  const gates = gatesPair?.value;
  if (!gatesPair) return addKey(file, root, 'featureGates', `\n  ${gate}: true`);
  if (!isMap(gates)) return null;
  const existing = gates.items.find((item): item is Pair => isPair(item) && isScalar(item.key) && item.key.value === gate);
  const valueRange = (existing?.value as { range?: [number, number, number] } | null)?.range;
  if (existing && valueRange) return replaceOffsets(file, valueRange[0], valueRange[1], 'true');
  return addKey(file, gates, gate, 'true');
}
