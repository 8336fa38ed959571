/**
 * Field types: decode errors, fatal in every Kubernetes version (strict or not), never validation errors.
 * Mirrors the decoding in apiserver pkg/server/options/tracing.go ReadTracingConfiguration (`runtime.DecodeInto`,
 * apimachinery runtime/serializer/json json.go Decode: meta.go SimpleMetaFactory.Interpret reads apiVersion and
 * kind first, then sigs.k8s.io/json decodes the fields) into component-base tracing/api/v1/types.go
 * TracingConfiguration (`Endpoint *string`, `SamplingRatePerMillion *int32`; null is allowed).
 *
 * The JSON types come from schemas/tracing-configuration.schema.json, checked with ajv (compiled once, on first
 * use); each ajv error is turned into the message Go's decoder prints, e.g.
 * `json: cannot unmarshal string into Go struct field TracingConfiguration.samplingRatePerMillion of type int32`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../../../schemas/tracing-configuration.schema.json';
import type { Finding } from '../../findings';
import { goJsonKindWord, goJsonValue, type GoJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity } from '../../report';
import { atLeast, pickRange, tracingConfigurationFacts } from '../../versions';
import type { MapEntry } from '../../yaml/nodes';
import { componentName, type TracingFieldsTarget } from './target';

let compiled: ValidateFunction | undefined;

/**
 * The schema validator, loaded and compiled on first use. Loading ajv and compiling cost tens of milliseconds, which
 * would otherwise delay the server's first diagnostics; a `require` inside the function keeps the bundled module
 * uninitialized until then (a top-level import would run at startup).
 */
function validator(): ValidateFunction {
  if (!compiled) {
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

/**
 * True when every value already has the Go type the schema asks for, so there is nothing ajv could report.
 * Keeps the common case (a correct file) from loading ajv at all; any other value goes to the schema.
 */
function obviouslyWellTyped(values: Iterable<[string, GoJsonValue]>): boolean {
  for (const [field, value] of values) {
    if (value.kind === 'null') continue;
    if (GO_TYPES[field]!.numeric) {
      if (value.kind !== 'number' || !/^-?\d{1,9}$/.test(value.literal)) return false; // up to 9 digits always fits an int32
    } else if (value.kind !== 'string') {
      return false;
    }
  }
  return true;
}

/** Go types of the fields, for messages: `of type int32`. */
const GO_TYPES: Record<string, { goType: string; numeric: boolean }> = {
  endpoint: { goType: 'string', numeric: false },
  samplingRatePerMillion: { goType: 'int32', numeric: true },
  apiVersion: { goType: 'string', numeric: false },
  kind: { goType: 'string', numeric: false },
};

const TYPE_META = new Set(['apiVersion', 'kind']);
const isStringOrNull = (value: GoJsonValue) => value.kind === 'string' || value.kind === 'null';

/** A number strconv.ParseInt refuses (`1.5`, `1e3` in JSON) becomes NaN, which ajv's `integer` refuses too. */
function instanceValue(value: GoJsonValue): unknown {
  switch (value.kind) {
    case 'null':
      return null;
    case 'bool':
      return true;
    case 'string':
      return value.value;
    case 'number':
      return /^-?\d+$/.test(value.literal) ? Number(value.literal) : Number.NaN;
    case 'object':
      return {};
    case 'array':
      return [];
    case 'unrepresentable':
      return Number.NaN;
  }
}

export function checkFieldTypes(target: TracingFieldsTarget): Finding[] {
  const byField = new Map<string, { entry: MapEntry; value: GoJsonValue }>();
  for (const entry of target.entries) {
    if (!(entry.key in GO_TYPES)) continue;
    const value = goJsonValue(entry.value, target.file);
    // In JSON, meta.go Interpret's encoding/json decodes every duplicate apiVersion and kind in turn and keeps the
    // first type error (decode.go saveError): one that is not a string stays the one reported.
    const earlier = byField.get(entry.key);
    if (target.file.isJson && TYPE_META.has(entry.key) && earlier && !isStringOrNull(earlier.value)) continue;
    byField.set(entry.key, { entry, value }); // otherwise the last duplicate wins, as in Go
  }
  const findings: Finding[] = [];
  // YAMLToJSON fails on a value JSON cannot hold, before any field is decoded.
  for (const { entry, value } of byField.values()) {
    if (value.kind === 'unrepresentable') findings.push(decodeFinding(target, entry, value.message, 'unrepresentable-value'));
  }
  if (findings.length > 0) return findings;

  if (obviouslyWellTyped([...byField].map(([field, { value }]) => [field, value]))) return [];
  const instance: Record<string, unknown> = {};
  // Go's decoders leave a field alone on null, whatever its type: never a type error.
  for (const [key, { value }] of byField) if (value.kind !== 'null') instance[key] = instanceValue(value);
  const validate = validator();
  if (validate(instance)) return [];
  const reported = new Set<string>();
  for (const error of validate.errors ?? []) {
    const field = fieldOf(error);
    if (!field || reported.has(field) || !isTypeError(error)) continue;
    const found = byField.get(field);
    if (!found) continue;
    reported.add(field);
    findings.push(typeFinding(target, field, found.entry, found.value));
  }
  return findings;
}

function fieldOf(error: ErrorObject): string | undefined {
  const match = /^\/([^/]+)$/.exec(error.instancePath);
  return match?.[1];
}

/** Only type and int32-range errors are decode errors; enum/const (apiVersion, kind) and unknown fields are other rules'. */
function isTypeError(error: ErrorObject): boolean {
  return error.keyword === 'type' || error.keyword === 'minimum' || error.keyword === 'maximum';
}

function typeFinding(target: TracingFieldsTarget, field: string, entry: MapEntry, value: GoJsonValue): Finding {
  const { goType, numeric } = GO_TYPES[field]!;
  const word = goJsonKindWord(value, numeric);
  if (field === 'apiVersion' || field === 'kind') {
    // SimpleMetaFactory.Interpret decodes into an anonymous struct, hence the empty struct name.
    const message = `couldn't get version/kind; json parse error: json: cannot unmarshal ${word} into Go struct field .${field} of type string`;
    return decodeFinding(target, entry, message, 'type-meta-not-string');
  }
  // From 1.37 the versioned types embed component-base's struct with json:"", and the error names it too.
  const struct =
    (target.component === 'kube-apiserver' && pickRange(tracingConfigurationFacts.typeErrorStructPath, target.version.version)?.path) ||
    'TracingConfiguration.';
  const message = `json: cannot unmarshal ${word} into Go struct field ${struct}${target.fieldPathPrefix}${field} of type ${goType}`;
  return decodeFinding(target, entry, message, `${field === 'endpoint' ? 'endpoint' : 'sampling-rate'}-wrong-type`);
}

function decodeFinding(target: TracingFieldsTarget, entry: MapEntry, message: string, rule: string): Finding {
  const component = componentName(target);
  const hint =
    entry.key === 'samplingRatePerMillion'
      ? ' samplingRatePerMillion is a whole number from 0 to 1000000 (an int32), written without quotes or a decimal point.'
      : entry.key === 'endpoint'
        ? ' endpoint is a string such as localhost:4317; quote it if YAML would read it as something else.'
        : ` ${entry.key} must be a string.`;
  return findingAt(
    target.file,
    entry.value,
    {
      severity: Severity.Error,
      code: `${target.codePrefix}/${rule}`,
      message,
      explanation: `${component} cannot decode the file and refuses to start, in every Kubernetes version (a type error is not subject to strict or lenient decoding).${hint}${wordingNote(target, message)}`,
    },
    entry.keyNode,
  );
}

/** apimachinery decoded fields with json-iterator before sigs.k8s.io/json (1.23): same refusal, other words. */
function wordingNote(target: TracingFieldsTarget, message: string): string {
  if (!message.startsWith('json: cannot unmarshal') || atLeast(target.version.version, '1.23')) return '';
  return ' (Kubernetes 1.22 decodes fields with json-iterator, which words this error differently; the file is refused all the same.)';
}
