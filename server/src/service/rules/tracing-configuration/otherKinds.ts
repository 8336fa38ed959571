/**
 * A --tracing-config-file naming another kind its scheme registers (EgressSelectorConfiguration,
 * AdmissionConfiguration, ...). Mirrors apimachinery runtime/serializer/json json.go Decode, which creates the
 * registered type the file names (runtime.UseOrCreateObject) and decodes the file into it, and
 * runtime/serializer/versioning versioning.go codec.Decode, which then converts that object to the internal
 * TracingConfiguration: no conversion exists between two kinds, so scheme.Convert fails with conversion/converter.go's
 * "converting (<type>) to (<type>): unknown conversion" (strict decoding errors of that decode are dropped for it).
 * What each minor registers, and the Go type names: schemas/tracing-config-scheme.json, from the real scheme
 * (oracle/tracing-config go/scheme: k8s.io/apiserver pkg/apis/apiserver/install.Install).
 */
import schemeData from '../../../../../schemas/tracing-config-scheme.json';
import type { Finding } from '../../findings';
import { findingAt, Severity } from '../../report';
import { compareMinor, parseMinor, pickRange, tracingConfigurationFacts as facts, type MinorVersion } from '../../versions';
import type { MapEntry } from '../../yaml/nodes';
import type { TracingFieldsTarget } from './target';

export interface RegisteredKind {
  /** The Go type the decoder creates, as reflect names it (`v1alpha1.EgressSelectorConfiguration`). */
  type: string;
  /** JSON names of its top-level fields besides apiVersion and kind. */
  fields: string[];
  /** An apimachinery meta type every group version gets (ListOptions, WatchEvent, Status, ...). */
  generic?: boolean;
}

interface SchemeRange {
  from: string;
  to: string;
  apiserver: string[];
  /** `<group>/<version>` (version `__internal` for the internal one) → kind → its type. */
  kinds: Record<string, Record<string, RegisteredKind>>;
}

const schemes: readonly SchemeRange[] = (schemeData as { schemes: SchemeRange[] }).schemes;

/** The internal version's name in a group/version key (runtime.APIVersionInternal). */
export const INTERNAL_VERSION = '__internal';

/** The registrations of `version`; a minor newer than the data gets the newest known. */
function schemeOf(version: MinorVersion): SchemeRange | undefined {
  const newest = schemes.at(-1);
  if (newest && compareMinor(version, parseMinor(newest.to)!) > 0) return newest;
  return pickRange(schemes, version);
}

/** The type `version`'s scheme creates for group/version/kind (`version` of the group/version pair `__internal` for the internal one). */
export function registeredKind(version: MinorVersion, group: string, groupVersion: string, kind: string): RegisteredKind | undefined {
  return schemeOf(version)?.kinds[`${group}/${groupVersion}`]?.[kind];
}

/**
 * The kinds k8s.io/apiserver's own config packages register in any covered minor: a file named like a tracing
 * config that holds one of them is a kube-apiserver config file, judged as what kube-apiserver would make of it.
 */
export const APISERVER_CONFIG_KINDS: ReadonlySet<string> = new Set(
  schemes.flatMap((range) =>
    Object.values(range.kinds).flatMap((kinds) =>
      Object.entries(kinds)
        .filter(([, registered]) => !registered.generic)
        .map(([kind]) => kind),
    ),
  ),
);

/**
 * What kube-apiserver says about a file of another registered kind: the conversion error, unless the file sets a
 * field of that kind's own, whose decode could fail first (its type is not modelled here): then an Error in our
 * words, as the file is refused either way.
 */
export function otherKindFinding(
  target: TracingFieldsTarget,
  kind: string,
  registered: RegisteredKind,
  at: MapEntry,
  explanation: string,
): Finding {
  const internal =
    registeredKind(target.version.version, facts.group, INTERNAL_VERSION, facts.kind)?.type ?? 'apiserver.TracingConfiguration';
  const own = new Set(registered.fields.map((field) => field.toLowerCase()));
  const setsOwnField = target.entries.some((entry) => own.has(entry.key.toLowerCase()));
  return findingAt(target.file, at.value, {
    severity: Severity.Error,
    code: 'tracing-config/other-kind',
    message: setsOwnField
      ? `${kind} is not a ${facts.kind}: kube-apiserver cannot read this file as its tracing configuration`
      : `converting (${registered.type}) to (${internal}): unknown conversion`,
    explanation: `${explanation} This file is a ${kind} (Go type ${registered.type}): kube-apiserver decodes it as one, then finds no conversion to ${facts.kind}${setsOwnField ? ' (or first fails on one of its own fields)' : ''}. The tracing config file must be kind: ${facts.kind}.`,
  });
}
