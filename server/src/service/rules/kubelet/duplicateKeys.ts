/**
 * Duplicate keys anywhere in a KubeletConfiguration except the tracing block (checked with the shared
 * TracingConfiguration rules). Mirrors sigs.k8s.io/yaml YAMLToJSONStrict → gopkg.in/yaml.v2 UnmarshalStrict
 * decode.go setMapIndex ("yaml: unmarshal errors:\n  line N: key %q already set in map", N the 1-based line of
 * the value), wrapped as "strict decoding error: …"; the kubelet then decodes leniently (the last value wins) and
 * only logs the failure (pkg/kubelet/kubeletconfig/util/codec).
 */
import { isMap, isPair, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { findingAt, Severity } from '../../report';
import { kubeletLenientDecodingLog } from '../../versions';
import { type KubeletTarget } from './target';

const MAX_DEPTH = 32;

interface Pair {
  key: string;
  keyNode: { range?: [number, number, number] | null } | null;
  value: unknown;
}

function pairsOf(map: YAMLMap): Pair[] {
  return map.items.filter(isPair).map((pair) => ({
    key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    keyNode: isScalar(pair.key) ? pair.key : null,
    value: pair.value,
  }));
}

export function checkDuplicateKeys(target: KubeletTarget): Finding[] {
  const root = target.document.contents;
  if (!isMap(root)) return [];
  const findings: Finding[] = [];
  const visit = (map: YAMLMap, depth: number, isRoot: boolean) => {
    const first = new Map<string, Pair>();
    for (const pair of pairsOf(map)) {
      const earlier = first.get(pair.key);
      if (earlier) findings.push(duplicate(target, pair, earlier));
      else first.set(pair.key, pair);
      if (isRoot && pair.key === 'tracing') continue; // the shared tracing rules check inside the block
      if (depth >= MAX_DEPTH) continue;
      // Aliases are not followed: a hostile document must cost nothing.
      if (isMap(pair.value)) visit(pair.value, depth + 1, false);
      if (isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) visit(item, depth + 1, false);
    }
  };
  visit(root, 0, true);
  return findings;
}

function duplicate(target: KubeletTarget, pair: Pair, earlier: Pair): Finding {
  const lines = target.file.lines;
  const valueRange = (pair.value as { range?: [number, number, number] | null } | null)?.range;
  const anchor = valueRange ? valueRange[0] : (pair.keyNode?.range?.[0] ?? 0);
  const line = lines.positionAt(anchor).line + 1;
  const earlierLine = lines.positionAt(earlier.keyNode?.range?.[0] ?? 0).line + 1;
  return findingAt(target.file, pair.keyNode, {
    severity: Severity.Warning,
    code: 'kubelet/duplicate-field',
    message: kubeletLenientDecodingLog(
      target.version.version,
      `strict decoding error: yaml: unmarshal errors:\n  line ${line}: key ${goQuote(pair.key)} already set in map`,
    ),
    explanation: `The kubelet's strict decoding fails, so it logs this and decodes leniently: the value on line ${earlierLine} is silently replaced by this one. Keep one ${pair.key}.`,
    data: { firstLine: earlierLine },
  });
}
