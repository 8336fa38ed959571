/**
 * Group, version and kind of a --tracing-config-file document.
 * Mirrors apiserver pkg/server/options/tracing.go ReadTracingConfiguration: `runtime.DecodeInto` with a scheme
 * holding only the versions this Kubernetes release registers (pkg/apis/apiserver/{v1alpha1,v1beta1,v1}/register.go).
 * A group, version or kind the scheme lacks is the decode error
 * `no kind "<Kind>" is registered for version "<group/version>" in scheme "<call site>"`.
 * apiVersion and kind are optional: a missing GVK is defaulted (json.go gvkWithDefaults).
 */
import type { Finding } from '../../findings';
import { goJsonValue, type GoJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity } from '../../report';
import {
  formatMinor,
  pickRange,
  atLeast,
  compareMinor,
  parseMinor,
  tracingConfigurationFacts as facts,
  type MinorVersion,
} from '../../versions';
import { lastEntry } from '../../yaml/nodes';
import { INTERNAL_VERSION, otherKindFinding, registeredKind } from './otherKinds';
import type { TracingFieldsTarget } from './target';

export interface TracingApiVersion {
  /** `apiserver.config.k8s.io/v1beta1` */
  apiVersion: string;
  servedFrom: string;
  /** Where the registration was read. */
  source: string;
}

/** Every apiVersion that ever served TracingConfiguration, as the data lists them. */
export const TRACING_API_VERSIONS: readonly TracingApiVersion[] = facts.apiVersions.map((entry) => ({
  apiVersion: `${facts.group}/${entry.version}`,
  servedFrom: entry.servedFrom,
  source: entry.source,
}));

/**
 * The apiVersions `version` registers in its scheme, newest first (the one to suggest first). The one place this
 * is decided: the decode rule below and the editing assistance (hovers, completions, Enable Tracing) both ask it.
 */
export function servedApiVersions(version: MinorVersion): TracingApiVersion[] {
  return TRACING_API_VERSIONS.filter((fact) => atLeast(version, fact.servedFrom)).sort((a, b) =>
    compareMinor(parseMinor(b.servedFrom)!, parseMinor(a.servedFrom)!),
  );
}

export function schemeName(target: Pick<TracingFieldsTarget, 'version'>): string {
  return pickRange(facts.schemeCallSites, target.version.version)?.name ?? 'k8s.io/apiserver/pkg/server/options/tracing.go';
}

export function checkApiVersionAndKind(target: TracingFieldsTarget): Finding[] {
  const apiVersionEntry = lastEntry(target.entries, 'apiVersion');
  const kindEntry = lastEntry(target.entries, 'kind');
  const apiVersionValue = goJsonValue(apiVersionEntry?.value ?? null, target.file);
  const kindValue = goJsonValue(kindEntry?.value ?? null, target.file);
  // A non-string apiVersion or kind fails before the GVK is looked up (fieldTypes.ts reports it).
  if (!isStringOrNull(apiVersionValue) || !isStringOrNull(kindValue)) return [];
  const written = apiVersionValue.kind === 'string' ? apiVersionValue.value : '';
  const kind = kindValue.kind === 'string' ? kindValue.value : '';
  // apimachinery schema.ParseGroupVersion: more than one "/" is refused before any lookup; "/" is no apiVersion.
  if ((written.match(/\//g) ?? []).length > 1) {
    return [
      findingAt(target.file, apiVersionEntry!.value, {
        severity: Severity.Error,
        code: 'tracing-config/api-version-unparsable',
        message: `unexpected GroupVersion string: ${written}`,
        explanation: `kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"). An apiVersion is group/version, such as ${facts.group}/v1, with one "/".`,
      }),
    ];
  }
  const apiVersion = written === '/' ? '' : written;
  if (!apiVersion && !kind) return [];

  // Explanations and quick fixes list them oldest first.
  const served = servedApiVersions(target.version.version)
    .map((fact) => fact.apiVersion)
    .reverse();
  const effectiveKind = kind || facts.kind;
  const k8s = formatMinor(target.version.version);
  const versionSource = target.version.source === 'default' ? `the latest released Kubernetes, ${k8s}` : `Kubernetes ${k8s}`;
  // GroupVersion.String(): the version alone when the group is empty ("/v1" is version v1 of no group).
  const noKind = (gv: string) =>
    `no kind "${effectiveKind}" is registered for version "${gv.startsWith('/') ? gv.slice(1) : gv}" in scheme "${schemeName(target)}"`;
  const decodeFailure =
    'kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data")';

  // Another kind the scheme registers at the group/version json.go gvkWithDefaults arrives at decodes as that kind.
  if (kind && kind !== facts.kind) {
    const [group, groupVersion] = resolvedGroupVersion(apiVersion);
    const registered = registeredKind(target.version.version, group, groupVersion, kind);
    if (registered) return [otherKindFinding(target, kind, registered, kindEntry!, `${decodeFailure}.`)];
  }

  if (apiVersion) {
    const slash = apiVersion.lastIndexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    if (group !== facts.group) {
      return [
        findingAt(target.file, apiVersionEntry!.value, {
          severity: Severity.Error,
          code: 'tracing-config/wrong-group',
          message: noKind(apiVersion),
          explanation: `${decodeFailure}. TracingConfiguration lives in the group ${facts.group}${group === 'apiserver.k8s.io' ? ' (apiserver.k8s.io holds AdmissionConfiguration and EgressSelectorConfiguration, never TracingConfiguration)' : ''}; ${versionSource} serves ${served.join(', ')}.`,
          data: { replacements: served },
        }),
      ];
    }
    if (!served.includes(apiVersion)) {
      const known = facts.apiVersions.find((v) => v.version === version);
      return [
        findingAt(target.file, apiVersionEntry!.value, {
          severity: Severity.Error,
          code: 'tracing-config/api-version-not-served',
          message: noKind(apiVersion),
          explanation: known
            ? `${decodeFailure}. ${apiVersion} is served from Kubernetes ${known.servedFrom}, but this file is checked against ${versionSource}, which serves ${served.join(', ') || 'no TracingConfiguration version'}.`
            : `${decodeFailure}. ${facts.group} has no version ${version}; ${versionSource} serves ${served.join(', ') || 'no TracingConfiguration version'}.`,
          data: { replacements: served },
        }),
      ];
    }
  }

  if (kind && kind !== facts.kind) {
    return [
      findingAt(target.file, kindEntry!.value, {
        severity: Severity.Error,
        code: 'tracing-config/wrong-kind',
        // Without apiVersion, json.go gvkWithDefaults takes group and version from the decode target: the internal type.
        message: apiVersion
          ? noKind(apiVersion)
          : `no kind "${kind}" is registered for the internal version of group "${facts.group}" in scheme "${schemeName(target)}"`,
        explanation: `${decodeFailure}. The only kind the tracing config file accepts is ${facts.kind} (kind is case-sensitive).`,
        data: { replacement: facts.kind },
      }),
    ];
  }
  return [];
}

/**
 * The group and version the decoder looks the kind up in: apimachinery schema.ParseGroupVersion of the apiVersion,
 * then json.go gvkWithDefaults from the decode target (the internal TracingConfiguration) for what is missing.
 */
export function resolvedGroupVersion(apiVersion: string): [group: string, version: string] {
  if (!apiVersion) return [facts.group, INTERNAL_VERSION];
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return ['', apiVersion];
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (version === '' && (group === '' || group === facts.group)) return [facts.group, INTERNAL_VERSION];
  return [group, version];
}

function isStringOrNull(value: GoJsonValue): value is Extract<GoJsonValue, { kind: 'string' | 'null' }> {
  return value.kind === 'string' || value.kind === 'null';
}
