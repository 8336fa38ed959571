/**
 * kube-apiserver's --tracing-config-file findings in the order its code meets them, stopping where it stops.
 * Mirrors apiserver pkg/server/options/tracing.go ReadTracingConfiguration (pkg/tracing/config.go in 1.22–1.24):
 * `runtime.DecodeInto` fails at the first decode error (apimachinery runtime/serializer/json json.go Decode:
 * YAMLToJSON, then meta.go Interpret of apiVersion/kind, then the group/version/kind lookup, then the field
 * decode, whose type error is fatal before any strict error, then the strict errors), and only a file that
 * decodes is validated (component-base tracing/api/v1/config.go ValidateTracingConfiguration, every error at once).
 * So kube-apiserver shows one decode error, or every validation error; the file's other problems appear once that
 * one is fixed. Checked against the real code by test/unit/golden/tracing-config.test.ts.
 */
import type { Finding } from '../../findings';
import { goJsonSyntaxError } from '../../go/jsonSyntax';
import { goJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity } from '../../report';
import { pickRange, tracingConfigurationFacts as facts } from '../../versions';
import { lastEntry } from '../../yaml/nodes';
import { checkTracingAdvice } from './advice';
import { checkAliasLimit } from './aliasLimit';
import { checkNullKeys } from './nullKey';
import { checkApiVersionAndKind } from './apiVersionAndKind';
import { checkEndpoint } from './endpoint';
import { checkFieldTypes } from './fieldTypes';
import { jsonIteratorTypeError } from './jsonIteratorDecode';
import { checkSamplingRate } from './samplingRate';
import { checkStrictFields, type StrictMode } from './strictFields';
import type { TracingFieldsTarget } from './target';

const isError = (finding: Finding) => finding.severity === Severity.Error;

/**
 * The first decode error Go reports among `findings`. Decoding YAML goes through YAMLToJSON, which writes the
 * keys of a mapping sorted (encoding/json marshals a map that way), so the first error is the one of the
 * alphabetically first field; JSON input is decoded as written, so it is the first in the file.
 */
function firstDecodeError(findings: Finding[], target: TracingFieldsTarget): Finding[] {
  if (findings.length <= 1) return findings;
  if (target.file.isJson)
    return [
      findings.reduce((a, b) =>
        b.range.start.line < a.range.start.line ||
        (b.range.start.line === a.range.start.line && b.range.start.character < a.range.start.character)
          ? b
          : a,
      ),
    ];
  const field = (finding: Finding) => /field \S*\.(\w+) of type/.exec(finding.message)?.[1] ?? '';
  return [[...findings].sort((a, b) => (field(a) < field(b) ? -1 : field(a) > field(b) ? 1 : 0))[0]!];
}

/**
 * A file that starts with `{` is read as JSON (apimachinery's sniffing), so a YAML flow mapping that is not valid
 * JSON fails meta.go Interpret's json.Unmarshal with Go's syntax error.
 */
export function checkJsonSyntax(target: TracingFieldsTarget): Finding[] {
  // apimachinery's sniffing trims only white space: behind a byte-order mark the file is read as YAML.
  if (!target.file.isJson || target.file.text.startsWith('\uFEFF')) return [];
  const error = goJsonSyntaxError(target.file.text);
  if (!error) return [];
  const offset = charOffset(target.file.text, error.offset);
  return [
    {
      range: target.file.lines.range(offset, Math.min(offset + 1, target.file.text.length)),
      severity: Severity.Error,
      code: `${target.codePrefix}/json-syntax`,
      message: `couldn't get version/kind; json parse error: ${error.message}`,
      explanation:
        'kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"). ' +
        'A file that starts with "{" is read as JSON, not YAML: quote every key and string ("endpoint": "localhost:4317"), or write it as YAML without the braces.',
    },
  ];
}

/** The UTF-16 offset of a UTF-8 byte offset. */
function charOffset(text: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= byteOffset) return i;
    const code = text.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  return text.length;
}

/**
 * Without an apiVersion (absent, empty, null or "/") json.go gvkWithDefaults decodes into the internal type. Up to
 * 1.26 its fields have no json tags, so the case-sensitive decoder reads them only as `Endpoint` and
 * `SamplingRatePerMillion`: `endpoint` and `samplingRatePerMillion` are unknown and silently ignored (data:
 * tracingConfiguration.untaggedInternalFields). Returns the target as the decoder sees it, and a Warning per
 * ignored field.
 */
function asDecoded(target: TracingFieldsTarget): { target: TracingFieldsTarget; ignored: Finding[] } {
  const names = pickRange(facts.untaggedInternalFields, target.version.version);
  const apiVersion = goJsonValue(lastEntry(target.entries, 'apiVersion')?.value ?? null, target.file);
  const internal = apiVersion.kind === 'null' || (apiVersion.kind === 'string' && (apiVersion.value === '' || apiVersion.value === '/'));
  if (!names || !internal) return { target, ignored: [] };
  const goName: Record<string, string> = { endpoint: names.endpoint, samplingRatePerMillion: names.samplingRatePerMillion };
  const ignored = target.entries
    .filter((entry) => entry.key in goName)
    .map((entry) =>
      findingAt(target.file, entry.keyNode, {
        severity: Severity.Warning,
        code: `${target.codePrefix}/ignored-without-api-version`,
        message: `strict decoding error: unknown field "${entry.key}"`,
        explanation:
          `kube-apiserver starts but ignores ${entry.key}, without any message: with no apiVersion the file is decoded into the internal type, whose field is named ${goName[entry.key]} up to Kubernetes 1.26. ` +
          `Add apiVersion: ${facts.group}/v1alpha1 (or a newer version your Kubernetes serves).`,
        data: { replacement: goName[entry.key] },
      }),
    );
  const entries = target.entries
    .filter((entry) => !(entry.key in goName))
    .map((entry) =>
      entry.key === names.endpoint
        ? { ...entry, key: 'endpoint' }
        : entry.key === names.samplingRatePerMillion
          ? { ...entry, key: 'samplingRatePerMillion' }
          : entry,
    );
  return { target: { ...target, entries }, ignored };
}

export function checkInDecodeOrder(written: TracingFieldsTarget, mode: StrictMode): Finding[] {
  const syntax = checkJsonSyntax(written);
  if (syntax.length) return syntax;
  // YAMLToJSON: go-yaml's unmarshal refuses an alias bomb before anything is converted.
  const aliasing = checkAliasLimit(written);
  if (aliasing.length) return aliasing;
  // YAMLToJSON: a null mapping key has no JSON form.
  const nullKey = checkNullKeys(written);
  if (nullKey.length) return nullKey;
  // YAMLToJSON converts every value, known field or not, before anything is decoded.
  const unrepresentable = written.file.isJson ? [] : unrepresentableValues(written);
  if (unrepresentable.length) return firstDecodeError(unrepresentable, written);
  const { target, ignored } = asDecoded(written);
  const findings = decode(target, mode);
  return findings.some(isError) ? findings : [...ignored, ...findings];
}

/** Top-level values YAMLToJSON cannot write as JSON (.inf, .nan), whatever their key. */
function unrepresentableValues(target: TracingFieldsTarget): Finding[] {
  const findings: Finding[] = [];
  for (const entry of target.entries) {
    const value = goJsonValue(entry.value, target.file);
    if (value.kind !== 'unrepresentable') continue;
    findings.push(
      findingAt(target.file, entry.value, {
        severity: Severity.Error,
        code: `${target.codePrefix}/unrepresentable-value`,
        message: value.message,
        explanation: `kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"): YAML's ${entry.value && 'source' in entry.value ? String(entry.value.source) : 'value'} has no JSON form, and the file is converted to JSON before it is read.`,
      }),
    );
  }
  return findings;
}

function decode(target: TracingFieldsTarget, mode: StrictMode): Finding[] {
  const types = checkFieldTypes(target);
  const byRule = (suffix: string) => types.filter((finding) => finding.code.endsWith(suffix));
  // YAMLToJSON: a value JSON cannot hold (.inf, .nan).
  const unrepresentable = byRule('/unrepresentable-value');
  if (unrepresentable.length) return firstDecodeError(unrepresentable, target);
  // meta.go Interpret: apiVersion and kind must be strings.
  const typeMeta = byRule('/type-meta-not-string');
  if (typeMeta.length) return firstDecodeError(typeMeta, target);
  // The group, version and kind must be registered.
  const gvk = checkApiVersionAndKind(target);
  if (gvk.some(isError)) return gvk;
  // The fields' decode: a type error is fatal, before any strict error.
  const fieldTypes = types.filter((finding) => !unrepresentable.includes(finding) && !typeMeta.includes(finding));
  if (fieldTypes.some(isError)) {
    const [first] = firstDecodeError(fieldTypes.filter(isError), target);
    return [jsonIteratorTypeError(target, first!) ?? first!];
  }
  // Strict decoding (1.32+): unknown and duplicate fields fail the decode; before, they are Warnings.
  const strict = checkStrictFields(target, mode);
  if (strict.some(isError)) return strict.filter(isError);
  return [...gvk, ...strict, ...checkSamplingRate(target), ...checkEndpoint(target), ...checkTracingAdvice(target)];
}
