/**
 * Quick fixes for the TracingConfiguration field rules (tracing-config/* and the kubelet's tracing.* codes,
 * which share the component-base validators): each uses the `data` the finding carries where the rule provides
 * it (replacements, min/max) and the AST otherwise, and touches only the offending key or value.
 */
import { isPair, isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Finding } from '../../findings';
import type { ParsedFile } from '../../yaml/parse';
import { clusterDnsFixes } from '../clusterDnsFixes';
import { addKey, removePair, replaceOffsets } from '../edits';
import type { CodeAction } from '../types';

/** The key or value the finding points at, and its pair. */
export interface FindingTarget {
  pair: Pair | undefined;
  scalar: Scalar | undefined;
  /** The mapping that holds the pair. */
  map: YAMLMap | null;
}

/** The code without its document-type prefix: `tracing-config/sampling-rate-negative` → `sampling-rate-negative`. */
export function ruleOf(code: string): string {
  return code.slice(code.indexOf('/') + 1);
}

export function tracingFieldFixes(file: ParsedFile, finding: Finding, target: FindingTarget): CodeAction[] {
  const rule = ruleOf(finding.code);
  const data = (finding.data ?? {}) as {
    replacements?: unknown;
    replacement?: unknown;
    min?: unknown;
    max?: unknown;
    suggestedRate?: unknown;
  };
  const quickfix = (title: string, newText: string, isPreferred = false): CodeAction | null => {
    const range = target.scalar?.range;
    if (!range) return null;
    return { title, kind: 'quickfix', fixes: [finding], edits: [replaceOffsets(file, range[0], range[1], newText)], isPreferred };
  };
  switch (rule) {
    case 'api-version-not-served':
    case 'wrong-group': {
      const replacements = Array.isArray(data.replacements) ? data.replacements.filter((r): r is string => typeof r === 'string') : [];
      // Newest served first: the rule lists them oldest first.
      return [...replacements]
        .reverse()
        .flatMap((apiVersion, index) => quickfix(`Change apiVersion to ${apiVersion}`, apiVersion, index === 0) ?? []);
    }
    case 'wrong-kind':
      return typeof data.replacement === 'string'
        ? [quickfix(`Change kind to ${data.replacement}`, data.replacement, true)].flatMap((a) => a ?? [])
        : [];
    case 'sampling-rate-negative':
    case 'sampling-rate-too-large': {
      const bound = rule === 'sampling-rate-negative' ? data.min : data.max;
      if (typeof bound !== 'number') return [];
      const meaning = bound === 0 ? 'sample no new traces' : 'sample every trace';
      return [quickfix(`Set the sampling rate to ${bound} (${meaning})`, String(bound), true)].flatMap((a) => a ?? []);
    }
    case 'unsupported-scheme': {
      const value = isScalar(target.scalar) && typeof target.scalar.value === 'string' ? target.scalar.value : undefined;
      // The rule's suggestion (host:port of an http(s) URL) first; else strip whatever `scheme://` is there.
      const stripped = typeof data.replacement === 'string' ? data.replacement : value?.replace(/^[^:/]*:\/\//, '');
      if (value === undefined || stripped === undefined || stripped === value) return [];
      return [quickfix(`Remove the scheme: ${stripped}`, quoteLike(target.scalar!, file, stripped), true)].flatMap((a) => a ?? []);
    }
    case 'endpoint-without-port': {
      if (typeof data.replacement !== 'string' || !target.scalar) return [];
      return [quickfix(`Use ${data.replacement} (the OTLP gRPC port)`, quoteLike(target.scalar, file, data.replacement), true)].flatMap(
        (a) => a ?? [],
      );
    }
    case 'sampling-rate-parent-only': {
      if (typeof data.suggestedRate !== 'number') return [];
      const title = `Sample ${data.suggestedRate} per million new traces`;
      const onRate = target.pair && isScalar(target.pair.key) && target.pair.key.value === 'samplingRatePerMillion';
      if (onRate) return [quickfix(title, String(data.suggestedRate))].flatMap((a) => a ?? []);
      const edit = target.map ? addKey(file, target.map, 'samplingRatePerMillion', String(data.suggestedRate)) : null;
      return edit ? [{ title, kind: 'quickfix', fixes: [finding], edits: [edit] }] : [];
    }
    case 'unknown-field': {
      if (!target.pair) return [];
      const name = isScalar(target.pair.key) ? String(target.pair.key.value) : 'the key';
      const actions: CodeAction[] = [];
      const keyRange = isScalar(target.pair.key) ? target.pair.key.range : undefined;
      if (typeof data.replacement === 'string' && keyRange) {
        actions.push({
          title: `Rename ${name} to ${data.replacement}`,
          kind: 'quickfix',
          fixes: [finding],
          edits: [replaceOffsets(file, keyRange[0], keyRange[1], data.replacement)],
          isPreferred: true,
        });
      }
      actions.push({
        title: `Remove the unknown field ${name}`,
        kind: 'quickfix',
        fixes: [finding],
        edits: [removePair(file, target.pair)],
        isPreferred: actions.length === 0,
      });
      return actions;
    }
    case 'duplicate-field': {
      if (!target.pair) return [];
      const name = isScalar(target.pair.key) ? String(target.pair.key.value) : 'the key';
      // Lenient decoding keeps the last value: removing the earlier one keeps what kube-apiserver used so far.
      const earlier = target.map?.items.find(
        (item): item is Pair => isPair(item) && isScalar(item.key) && item.key.value === name && item !== target.pair,
      );
      const line = (pair: Pair) => file.lines.positionAt((pair.key as Scalar).range?.[0] ?? 0).line + 1;
      const actions: CodeAction[] = [];
      if (earlier)
        actions.push({
          title: `Keep this ${name}, remove the one on line ${line(earlier)}`,
          kind: 'quickfix',
          fixes: [finding],
          edits: [removePair(file, earlier)],
          isPreferred: true,
        });
      actions.push({ title: `Remove this duplicate ${name}`, kind: 'quickfix', fixes: [finding], edits: [removePair(file, target.pair)] });
      return actions;
    }
    case 'cluster-dns-endpoint': {
      // kube-apiserver/cluster-dns-endpoint (a mounted config of a hostNetwork apiserver) and kubelet/cluster-dns-endpoint.
      const scalar = target.scalar;
      if (!scalar?.range) return [];
      const keyStart = (target.pair?.key as Scalar | undefined)?.range?.[0];
      const lineStart =
        keyStart === undefined ? undefined : file.lines.offsetAt({ line: file.lines.positionAt(keyStart).line, character: 0 });
      const indent = keyStart === undefined || lineStart === undefined ? undefined : file.text.slice(lineStart, keyStart);
      const commentLine =
        lineStart !== undefined && indent !== undefined && /^[ \t]*$/.test(indent) ? { start: lineStart, indent } : undefined;
      return clusterDnsFixes({
        file,
        finding,
        start: scalar.range[0],
        end: scalar.range[1],
        write: (address) => quoteLike(scalar, file, address),
        commentLine,
      });
    }
    default:
      return [];
  }
}

/** A replacement in the same quoting as the original scalar, so `"http://x"` becomes `"x"`. */
export function quoteLike(scalar: Scalar, file: ParsedFile, text: string): string {
  const source = scalar.range ? file.text.slice(scalar.range[0], scalar.range[1]) : '';
  if (source.startsWith('"')) return JSON.stringify(text);
  if (source.startsWith("'")) return `'${text.replace(/'/g, "''")}'`;
  return text;
}
