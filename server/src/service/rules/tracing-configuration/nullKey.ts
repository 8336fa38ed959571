/**
 * A null mapping key (`~: 1`, `null: x`) anywhere in a YAML --tracing-config-file. Mirrors sigs.k8s.io/yaml
 * yaml.go convertToJSONableObject, which YAMLToJSON runs after go-yaml's unmarshal: a key it cannot write as a JSON
 * object key (nil) fails the whole file with
 * `<Unsupported|unsupported> map key of type: %s, key: %+#v, value: %+#v` (the capital until sigs.k8s.io/yaml v1.4.0).
 * The value is printed as Go's %+#v prints what go-yaml decoded: modelled for null, bools, integers, short
 * decimals and strings; for any other value the refusal is said in our words.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Scalar } from 'yaml';
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { findingAt, Severity } from '../../report';
import { pickRange, tracingConfigurationFacts as facts } from '../../versions';
import type { TracingFieldsTarget } from './target';

export function checkNullKeys(target: TracingFieldsTarget): Finding[] {
  if (target.file.isJson || !target.document.contents) return [];
  let found: { key: Scalar; value: unknown } | undefined;
  visit(target.document, {
    Pair: (_key, pair) => {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === null) {
        found = { key: pair.key, value: pair.value };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!found) return [];
  const prefix = pickRange(facts.unsupportedMapKey, target.version.version)?.text ?? 'unsupported map key of type';
  const value = goValue(found.value);
  return [
    findingAt(target.file, found.key, {
      severity: Severity.Error,
      code: `${target.codePrefix}/null-key`,
      message:
        value === undefined
          ? 'a null mapping key: kube-apiserver cannot convert this YAML to JSON'
          : `${prefix}: %!s(<nil>), key: <nil>, value: ${value}`,
      explanation:
        'kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"): the file is converted to JSON before it is read, and a JSON object key cannot be null. Quote the key ("~") or remove it.',
    }),
  ];
}

/** Go's %+#v of the value go-yaml v2 decodes, where it is certain. */
function goValue(node: unknown): string | undefined {
  if (node === null || node === undefined) return '<nil>';
  if (isMap(node) || isSeq(node) || !isScalar(node)) return undefined;
  const { value } = node;
  if (value === null) return '<nil>';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const source = node.source ?? '';
  // An int: go-yaml resolves it so; printed in decimal.
  if (Number.isSafeInteger(value) && /^[-+]?[0-9_]+$/.test(source)) return String(value);
  // A float: %v's shortest %g uses no exponent for these.
  if (/[.]/.test(source) && (value === 0 || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6)) && !Number.isInteger(value))
    return String(value);
  return undefined;
}
