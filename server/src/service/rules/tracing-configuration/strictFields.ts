/**
 * Unknown and duplicate fields: what strict decoding refuses and lenient decoding silently drops.
 * Mirrors apimachinery runtime/serializer/json json.go Decode with Strict: sigs.k8s.io/json UnmarshalStrict
 * (`unknown field "<path>"`, `duplicate field "<path>"`; field names are case-sensitive) and, for YAML input,
 * sigs.k8s.io/yaml YAMLToJSONStrict → gopkg.in/yaml.v2 UnmarshalStrict decode.go setMapIndex
 * (`yaml: unmarshal errors:\n  line N: key "endpoint" already set in map`, N = 1-based line of the value), wrapped
 * by apimachinery runtime/error.go NewStrictDecodingError as `strict decoding error: <errors joined by ", ">`.
 * kube-apiserver decodes --tracing-config-file strictly from 1.32 (apiserver e6b7968, #128073); before, an unknown
 * field is ignored and, for a duplicate, the last value wins. The kubelet reuses this for its lenient fallback.
 */
import { isMap, isPair, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { findingAt, Severity } from '../../report';
import type { AstNode, MapEntry } from '../../yaml/nodes';
import { componentName, isMergeEntry, knownFields, type TracingFieldsTarget } from './target';

/**
 * 'strict': Errors, as the decoder refuses the file. 'lenient': Warnings, as the field is silently ignored
 * (kube-apiserver before 1.32) or, for the kubelet, strict decoding fails and it falls back to lenient decoding.
 */
export type StrictMode = 'strict' | 'lenient';

/** Bounds the walk through nested maps of a hostile document (duplicates are looked for at any depth, as go-yaml does). */
const MAX_DEPTH = 64;

export function checkStrictFields(target: TracingFieldsTarget, mode: StrictMode): Finding[] {
  return [...unknownFieldFindings(target, mode), ...duplicateFindings(target, mode)];
}

function unknownFieldFindings(target: TracingFieldsTarget, mode: StrictMode): Finding[] {
  const known = knownFields(target);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const entry of target.entries) {
    if (known.includes(entry.key) || seen.has(entry.key) || isMergeEntry(entry)) continue;
    seen.add(entry.key);
    const path = `${target.fieldPathPrefix}${entry.key}`;
    const caseTwin = known.find((name) => name.toLowerCase() === entry.key.toLowerCase());
    const hint = caseTwin
      ? ` Field names are case-sensitive: did you mean ${caseTwin}?`
      : ` ${target.component === 'kube-apiserver' ? 'A TracingConfiguration file' : 'The tracing block'} has only ${known.join(', ')}.`;
    findings.push(
      findingAt(target.file, entry.keyNode, {
        severity: mode === 'strict' ? Severity.Error : Severity.Warning,
        code: `${target.codePrefix}/unknown-field`,
        message: `strict decoding error: unknown field ${goQuote(path)}`,
        explanation: consequence(target, mode, `${entry.key} is ignored`) + hint,
        data: caseTwin ? { replacement: caseTwin } : undefined,
      }),
    );
  }
  return findings;
}

function duplicateFindings(target: TracingFieldsTarget, mode: StrictMode): Finding[] {
  const findings: Finding[] = [];
  const visit = (entries: MapEntry[], pathPrefix: string, depth: number) => {
    const firstByKey = new Map<string, MapEntry>();
    for (const entry of entries) {
      if (isMergeEntry(entry)) continue; // a merge key left unexpanded (nested maps, the kubelet block)
      const earlier = firstByKey.get(entry.key);
      // JSON duplicates come from sigs.k8s.io/json, which reports them only for fields it knows (an unknown one is
      // reported once, as unknown); go-yaml's YAMLToJSONStrict reports any key.
      const unknownJsonKey = target.file.isJson && depth === 0 && !knownFields(target).includes(entry.key);
      if (!earlier || unknownJsonKey) {
        firstByKey.set(entry.key, entry);
      } else {
        findings.push(duplicateFinding(target, mode, entry, earlier, `${pathPrefix}${entry.key}`));
      }
      if (depth < MAX_DEPTH && entry.value && isMap(entry.value))
        visit(nestedEntries(entry.value), `${pathPrefix}${entry.key}.`, depth + 1);
      if (depth < MAX_DEPTH && entry.value && isSeq(entry.value)) {
        for (const item of entry.value.items)
          if (isMap(item)) visit(nestedEntries(item as YAMLMap), `${pathPrefix}${entry.key}.`, depth + 1);
      }
    }
  };
  visit(target.entries, target.fieldPathPrefix, 0);
  return findings;
}

/** Entries of a nested map without following aliases: an alias bomb must cost nothing. */
function nestedEntries(map: YAMLMap): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const keyNode = isScalar(pair.key) ? pair.key : null;
    entries.push({ key: keyNode ? String(keyNode.value) : String(pair.key), keyNode, value: (pair.value as AstNode | null) ?? null, pair });
  }
  return entries;
}

function duplicateFinding(target: TracingFieldsTarget, mode: StrictMode, entry: MapEntry, earlier: MapEntry, path: string): Finding {
  const file = target.file;
  // go-yaml reports the line of the duplicate's value node (the key's line when the value is empty).
  const anchor = entry.value?.range ? entry.value.range[0] : (entry.keyNode?.range?.[0] ?? 0);
  const line = file.lines.positionAt(anchor).line + 1;
  const message = file.isJson
    ? `strict decoding error: duplicate field ${goQuote(path)}`
    : `strict decoding error: yaml: unmarshal errors:\n  line ${line}: key ${goQuote(entry.key)} already set in map`;
  const earlierLine = file.lines.positionAt(earlier.keyNode?.range?.[0] ?? 0).line + 1;
  const outcome =
    mode === 'strict'
      ? `${componentName(target)} refuses the file`
      : `the value on line ${earlierLine} is silently replaced by this last one, which is the value checked here`;
  return findingAt(file, entry.keyNode, {
    severity: mode === 'strict' ? Severity.Error : Severity.Warning,
    code: `${target.codePrefix}/duplicate-field`,
    message,
    explanation: `${consequence(target, mode, outcome)} ${entry.key} is already set on line ${earlierLine}; keep one.`,
    data: { firstLine: earlierLine },
  });
}

function consequence(target: TracingFieldsTarget, mode: StrictMode, lenientOutcome: string): string {
  if (target.component === 'kube-apiserver') {
    return mode === 'strict'
      ? `From Kubernetes 1.32 kube-apiserver decodes the tracing config file strictly and refuses to start ("failed to read tracing config: unable to decode tracing configuration data").`
      : `kube-apiserver before 1.32 decodes the file leniently and starts: ${lenientOutcome}, without any message. From 1.32 this is an error.`;
  }
  return mode === 'strict'
    ? 'The kubelet refuses this configuration.'
    : `The kubelet's strict decoding fails, so it logs the error and decodes leniently: ${lenientOutcome}.`;
}
