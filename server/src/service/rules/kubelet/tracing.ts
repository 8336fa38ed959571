/**
 * The kubelet's `tracing:` block.
 * Mirrors kubelet staging api config/v1beta1 types.go (`Tracing *tracingapi.TracingConfiguration`, added in
 * kubelet@v0.25.0, commit 301f67b) and k/k pkg/kubelet/apis/config/validation/validation.go ValidateKubeletConfiguration:
 * 1.25–1.33 validate the block with component-base ValidateTracingConfiguration (path `tracing`) when the
 * KubeletTracing gate is on, and otherwise refuse a non-nil block with
 * "invalid configuration: tracing should not be configured if KubeletTracing feature flag is disabled.";
 * from 1.34 (gate locked on) the validation is unconditional. Unknown and duplicate keys fail strict decoding,
 * after which the kubelet decodes leniently and only logs (pkg/kubelet/kubeletconfig/util/codec).
 * Before 1.25 the field does not exist: strict decoding fails on it and the lenient decoder drops it.
 */
import { isMap, isScalar } from 'yaml';
import type { Finding } from '../../findings';
import { findingAt, Severity } from '../../report';
import { atLeast, describeVersionSource, kubeletFacts, kubeletLenientDecodingLog } from '../../versions';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { checkStrictFields, checkTracingFields } from '../tracing-configuration/fields';
import type { TracingFieldsTarget } from '../tracing-configuration/target';
import { checkEndpointHost } from './endpointHost';
import { jsonTypeWord, kubeletGateEnabled } from './featureGates';
import { type KubeletTarget } from './target';

const TRACING_FIELD_FROM = kubeletFacts.tracingBlock.from;
const GATE = kubeletFacts.tracingGate;

export function checkKubeletTracing(target: KubeletTarget): Finding[] {
  const entry = lastEntry(target.entries, 'tracing');
  if (!entry) return [];
  const where = describeVersionSource(target.version);
  if (!atLeast(target.version.version, TRACING_FIELD_FROM)) {
    return [
      findingAt(target.file, entry.keyNode, {
        severity: Severity.Warning,
        code: 'kubelet/tracing-not-supported',
        message: kubeletLenientDecodingLog(target.version.version, 'strict decoding error: unknown field "tracing"'),
        explanation: `The kubelet has a tracing block from Kubernetes ${TRACING_FIELD_FROM}; ${where} does not know it, so it logs this and starts without tracing.`,
      }),
    ];
  }
  // `tracing:` with nothing (or `null`, `~`) is a nil pointer: no tracing, nothing to refuse.
  if (entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return [];
  if (!isMap(entry.value)) {
    return [
      findingAt(target.file, entry.value, {
        severity: Severity.Error,
        code: 'kubelet/tracing-not-a-map',
        message: `json: cannot unmarshal ${jsonTypeWord(entry.value)} into Go struct field KubeletConfiguration.tracing of type v1.TracingConfiguration`,
        explanation:
          'The kubelet cannot decode its configuration, even leniently, and exits. tracing is a block with endpoint and samplingRatePerMillion.',
      }),
    ];
  }
  const gate = kubeletGateEnabled(target, GATE);
  if (gate && !gate.enabled) {
    return [
      findingAt(target.file, entry.keyNode, {
        severity: Severity.Error,
        code: 'kubelet/tracing-gate-disabled',
        message: 'invalid configuration: tracing should not be configured if KubeletTracing feature flag is disabled.',
        explanation: gate.explicit
          ? `featureGates sets ${GATE} to false, so the kubelet refuses to start with a tracing block (${where}).`
          : `${GATE} is alpha and off by default in ${where}, so the kubelet refuses to start with a tracing block. Add "featureGates: {${GATE}: true}" (or --feature-gates=${GATE}=true on the kubelet's command line).`,
        data: { addFeatureGate: `${GATE}: true` },
      }),
    ];
  }
  const fields: TracingFieldsTarget = {
    file: target.file,
    document: target.document,
    node: entry.value,
    entries: mapEntries(entry.value, target.document),
    fieldPathPrefix: 'tracing.',
    component: 'kubelet',
    codePrefix: 'kubelet',
    version: target.version,
  };
  const lenient = checkStrictFields(fields, 'lenient').map((finding) => ({
    ...finding,
    message: kubeletLenientDecodingLog(target.version.version, finding.message),
  }));
  return [...lenient, ...checkTracingFields(fields), ...checkEndpointHost(target, fields.entries)];
}
