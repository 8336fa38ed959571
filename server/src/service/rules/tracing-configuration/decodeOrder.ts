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
import { Severity } from '../../report';
import { checkTracingAdvice } from './advice';
import { checkApiVersionAndKind } from './apiVersionAndKind';
import { checkEndpoint } from './endpoint';
import { checkFieldTypes } from './fieldTypes';
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
  if (target.file.isJson) return [findings.reduce((a, b) => (b.range.start.line < a.range.start.line || (b.range.start.line === a.range.start.line && b.range.start.character < a.range.start.character) ? b : a))];
  const field = (finding: Finding) => /(?:field \S*?\.|Go struct field \.)(\w+)/.exec(finding.message)?.[1] ?? '';
  return [[...findings].sort((a, b) => (field(a) < field(b) ? -1 : field(a) > field(b) ? 1 : 0))[0]!];
}

/**
 * A file that starts with `{` is read as JSON (apimachinery's sniffing), so a YAML flow mapping that is not valid
 * JSON fails meta.go Interpret's json.Unmarshal with Go's syntax error.
 */
function checkJsonSyntax(target: TracingFieldsTarget): Finding[] {
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

export function checkInDecodeOrder(target: TracingFieldsTarget, mode: StrictMode): Finding[] {
  const syntax = checkJsonSyntax(target);
  if (syntax.length) return syntax;
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
  if (fieldTypes.some(isError)) return firstDecodeError(fieldTypes.filter(isError), target);
  // Strict decoding (1.32+): unknown and duplicate fields fail the decode; before, they are Warnings.
  const strict = checkStrictFields(target, mode);
  if (strict.some(isError)) return strict.filter(isError);
  return [...gvk, ...strict, ...checkSamplingRate(target), ...checkEndpoint(target), ...checkTracingAdvice(target)];
}
