/**
 * What Go's JSON decoder sees for a value of a Kubernetes config file.
 *
 * YAML files reach the decoder through sigs.k8s.io/yaml YAMLToJSON: go-yaml v2 resolves each plain scalar
 * (YAML 1.1: `yes`/`on` are bools, `1e3` is a float, `1:30` is a string), then encoding/json marshals the result,
 * so a float 1.0 becomes the JSON number `1` and decodes into an int32 without complaint. JSON files
 * (sigs.k8s.io/yaml IsJSONBuffer: the text starts with `{`) are decoded directly, from the literal text, so
 * `1.0` there is refused by strconv.ParseInt.
 * Mirrors gopkg.in/yaml.v2 resolve.go resolve(), sigs.k8s.io/yaml yaml.go convertToJSONableObject (no target),
 * and encoding/json encode.go floatEncoder.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { AstNode } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';

export type GoJsonValue =
  | { kind: 'null' }
  | { kind: 'bool' }
  | { kind: 'string'; value: string }
  /** `literal` is the JSON number text the decoder reads, e.g. `3000000000`, `1.5`, `1` (from YAML `1.0`). */
  | { kind: 'number'; literal: string }
  | { kind: 'object' }
  | { kind: 'array' }
  /** A YAML value that YAMLToJSON cannot turn into JSON (.inf, .nan): the file is refused with this message. */
  | { kind: 'unrepresentable'; message: string };

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
]);
const INFINITIES = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
const NANS = new Set(['.nan', '.NaN', '.NAN']);
/** go-yaml v2 yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export function goJsonValue(node: AstNode | null, file: ParsedFile): GoJsonValue {
  if (node === null) return { kind: 'null' };
  if (isMap(node)) return { kind: 'object' };
  if (isSeq(node)) return { kind: 'array' };
  if (!isScalar(node)) return { kind: 'null' };
  const source = node.range ? file.text.slice(node.range[0], node.range[1]) : String(node.value ?? '');
  if (file.isJson) return jsonLiteral(node, source);
  if (node.type !== Scalar.PLAIN || node.tag) return fromParsedValue(node);
  // A multi-line plain scalar is folded (the library's string is what go-yaml sees); a value the library resolved
  // to something else (YAML 1.1 sexagesimal `1:30`, `yes`) is a single line whose text go-yaml resolves anew.
  return resolvePlain(typeof node.value === 'string' ? node.value : source.trim());
}

/** JSON input: the decoder reads the literal text. */
function jsonLiteral(node: Scalar, source: string): GoJsonValue {
  const value = node.value;
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'bool' };
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 'number', literal: source.trim() };
  return { kind: 'string', value: String(value) };
}

/** A quoted, block or tagged scalar: the YAML library's value (quoted and block scalars are strings). */
function fromParsedValue(node: Scalar): GoJsonValue {
  const value = node.value;
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'bool' };
  if (typeof value === 'number') return numberFromFloat(value);
  if (typeof value === 'bigint') return { kind: 'number', literal: value.toString() };
  return { kind: 'string', value: String(value) };
}

/** go-yaml v2 resolve() for a plain scalar, then what encoding/json writes for the Go value. */
export function resolvePlain(plain: string): GoJsonValue {
  if (NULLS.has(plain)) return { kind: 'null' };
  if (BOOLS.has(plain)) return { kind: 'bool' };
  if (INFINITIES.has(plain))
    return { kind: 'unrepresentable', message: `json: unsupported value: ${plain.startsWith('-') ? '-Inf' : '+Inf'}` };
  if (NANS.has(plain)) return { kind: 'unrepresentable', message: 'json: unsupported value: NaN' };
  const first = plain[0] ?? '';
  if (!/[-+.0-9]/.test(first)) return { kind: 'string', value: plain };
  const integer = parseGoInt(plain.replace(/_/g, ''));
  if (integer !== null) return { kind: 'number', literal: integer.toString() };
  // strconv.ParseFloat refuses a value beyond float64 (1e400) with a range error: go-yaml keeps it a string.
  if (YAML_STYLE_FLOAT.test(plain.replace(/_/g, '')) && Number.isFinite(Number(plain.replace(/_/g, ''))))
    return numberFromFloat(Number(plain.replace(/_/g, '')));
  return { kind: 'string', value: plain };
}

/** strconv.ParseInt(s, 0, 64), falling back to ParseUint, as go-yaml v2 does: null when neither accepts it. */
function parseGoInt(text: string): bigint | null {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return null;
  const negative = match[1] === '-';
  const digits = match[2]!;
  let magnitude: bigint;
  if (/^0[oO]/.test(digits)) magnitude = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) magnitude = BigInt(`0o${digits.slice(1)}`);
  else magnitude = BigInt(digits);
  const value = negative ? -magnitude : magnitude;
  if (value >= -(2n ** 63n) && value < 2n ** 63n) return value;
  if (!negative && match[1] !== '+' && value < 2n ** 64n) return value; // ParseUint refuses signs
  return null;
}

/** encoding/json's float64 text: shortest round-trip digits, exponent form below 1e-6 or from 1e21 (as JavaScript's). */
function numberFromFloat(value: number): GoJsonValue {
  if (!Number.isFinite(value))
    return { kind: 'unrepresentable', message: `json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}` };
  return { kind: 'number', literal: Object.is(value, -0) ? '-0' : String(value) };
}

/** The word encoding/json's UnmarshalTypeError uses for a value (`number 1.5` only when the target is numeric). */
export function goJsonKindWord(value: GoJsonValue, numericTarget: boolean): string {
  switch (value.kind) {
    case 'number':
      return numericTarget ? `number ${value.literal}` : 'number';
    case 'unrepresentable':
      return 'number';
    default:
      return value.kind;
  }
}
