/**
 * A tracing config file whose document is not a mapping (a list, a string, a number).
 * Mirrors apimachinery runtime/serializer/json meta.go SimpleMetaFactory.Interpret, the first step of decoding:
 * it unmarshals the document into an anonymous struct of apiVersion and kind, and Go's encoding/json refuses any
 * JSON value but an object (or null) there. The message was checked against real kube-apiserver/kubectl logs.
 */
import { isMap, isScalar } from 'yaml';
import type { Finding } from '../../findings';
import { goJsonKindWord, goJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity } from '../../report';
import type { AstNode } from '../../yaml/nodes';
import type { TracingFieldsTarget } from './target';

const TYPE_META_STRUCT = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** A root that is neither a mapping nor null (an empty document is a valid, empty configuration). */
export function isNonMappingRoot(root: AstNode | null): boolean {
  if (root === null || isMap(root)) return false;
  return !(isScalar(root) && (root.value === null || root.value === undefined));
}

export function checkRootType(target: TracingFieldsTarget): Finding[] {
  if (!isNonMappingRoot(target.node)) return [];
  const value = goJsonValue(target.node, target.file);
  if (value.kind === 'null') return [];
  return [
    findingAt(target.file, target.node, {
      severity: Severity.Error,
      code: `${target.codePrefix}/not-a-mapping`,
      message: `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKindWord(value, false)} into Go value of type ${TYPE_META_STRUCT}`,
      explanation: `kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"). A TracingConfiguration is a mapping of fields such as endpoint: host:port and samplingRatePerMillion: 10000.`,
    }),
  ];
}
