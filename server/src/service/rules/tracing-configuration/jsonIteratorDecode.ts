/**
 * Kubernetes 1.22 decodes the fields of --tracing-config-file with json-iterator (apimachinery v0.22
 * runtime/serializer/json json.go caseSensitiveJSONIterator; sigs.k8s.io/json from 1.23), whose type errors read
 * `v1alpha1.TracingConfiguration.SamplingRatePerMillion: ReadInt32: overflow: 2147483648, error found in #10 byte
 * of ...|…|..., bigger context ...|…|...`: an excerpt of the JSON it reads (the file itself, or YAMLToJSON's
 * text of it). go/jsonIterator.ts reproduces the decoder; the struct and its fields are those the scheme registers
 * for the file's group/version (schemas/tracing-config-scheme.json). Where the input is not modelled, undefined.
 */
import type { Finding } from '../../findings';
import { jsonIteratorStructError } from '../../go/jsonIterator';
import { yamlToJsonText } from '../../go/yamlToJson';
import { goJsonValue } from '../../k8s/goJsonValue';
import { findingAt } from '../../report';
import { pickRange, tracingConfigurationFacts as facts } from '../../versions';
import { lastEntry } from '../../yaml/nodes';
import { resolvedGroupVersion } from './apiVersionAndKind';
import { registeredKind } from './otherKinds';
import type { TracingFieldsTarget } from './target';

/** The type error json-iterator gives instead of `typeError` (a finding of fieldTypes.ts), in the minors that use it. */
export function jsonIteratorTypeError(target: TracingFieldsTarget, typeError: Finding): Finding | undefined {
  const decoder = pickRange(facts.fieldDecoder, target.version.version);
  if (decoder?.decoder !== 'json-iterator' || target.component !== 'kube-apiserver') return undefined;
  const apiVersion = goJsonValue(lastEntry(target.entries, 'apiVersion')?.value ?? null, target.file);
  const [group, version] = resolvedGroupVersion(apiVersion.kind === 'string' && apiVersion.value !== '/' ? apiVersion.value : '');
  const registered = registeredKind(target.version.version, group, version, facts.kind);
  if (!registered) return undefined;
  const json = target.file.isJson ? target.file.text : yamlToJsonText(target.document.contents, target.file);
  if (json === undefined) return undefined;
  const fields = [
    { json: 'apiVersion', go: 'APIVersion', type: 'string' as const },
    { json: 'kind', go: 'Kind', type: 'string' as const },
    ...registered.fields.map((name) => ({
      json: name,
      go: name[0]!.toUpperCase() + name.slice(1),
      type: /^samplingratepermillion$/i.test(name) ? ('int32' as const) : ('string' as const),
    })),
  ];
  const error = jsonIteratorStructError(json, registered.type, fields);
  if (!error) return undefined;
  const entry = error.field ? lastEntry(target.entries, error.field) : undefined;
  return {
    ...(entry ? findingAt(target.file, entry.value, typeError, entry.keyNode) : typeError),
    message: error.message,
  };
}
