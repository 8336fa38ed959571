/**
 * Quick fixes for the TracingConfiguration field rules (tracing-config/* and the kubelet's tracing.* codes,
 * which share the component-base validators): each uses the `data` the finding carries where the rule provides
 * it (replacements, min/max) and the AST otherwise, and touches only the offending key or value.
 */
import { isScalar, type Pair, type Scalar } from 'yaml';
import type { Finding } from '../../findings';
import type { ParsedFile } from '../../yaml/parse';
import { removePair, replaceOffsets } from '../edits';
import type { CodeAction } from '../types';

/** The key or value the finding points at, and its pair. */
export interface FindingTarget {
  pair: Pair | undefined;
  scalar: Scalar | undefined;
}

/** The code without its document-type prefix: `tracing-config/sampling-rate-negative` → `sampling-rate-negative`. */
export function ruleOf(code: string): string {
  return code.slice(code.indexOf('/') + 1);
}

export function tracingFieldFixes(file: ParsedFile, finding: Finding, target: FindingTarget): CodeAction[] {
  const rule = ruleOf(finding.code);
  const data = (finding.data ?? {}) as { replacements?: unknown; replacement?: unknown; min?: unknown; max?: unknown };
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
      return [...replacements].reverse().flatMap((apiVersion, index) => quickfix(`Change apiVersion to ${apiVersion}`, apiVersion, index === 0) ?? []);
    }
    case 'wrong-kind':
      return typeof data.replacement === 'string' ? [quickfix(`Change kind to ${data.replacement}`, data.replacement, true)].flatMap((a) => a ?? []) : [];
    case 'sampling-rate-negative':
    case 'sampling-rate-too-large': {
      const bound = rule === 'sampling-rate-negative' ? data.min : data.max;
      if (typeof bound !== 'number') return [];
      const meaning = bound === 0 ? 'sample no new traces' : 'sample every trace';
      return [quickfix(`Set the sampling rate to ${bound} (${meaning})`, String(bound), true)].flatMap((a) => a ?? []);
    }
    case 'unsupported-scheme': {
      const value = isScalar(target.scalar) && typeof target.scalar.value === 'string' ? target.scalar.value : undefined;
      const stripped = value?.replace(/^[^:/]*:\/\//, '');
      if (value === undefined || stripped === undefined || stripped === value) return [];
      return [quickfix(`Remove the scheme: ${stripped}`, quoteLike(target.scalar!, file, stripped), true)].flatMap((a) => a ?? []);
    }
    case 'unknown-field':
    case 'duplicate-field':
    case 'duplicate-key': {
      if (!target.pair) return [];
      const name = isScalar(target.pair.key) ? String(target.pair.key.value) : 'the key';
      const title = rule === 'unknown-field' ? `Remove the unknown field ${name}` : `Remove this duplicate ${name} (the last one is kept)`;
      return [{ title, kind: 'quickfix', fixes: [finding], edits: [removePair(file, target.pair)], isPreferred: true }];
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
