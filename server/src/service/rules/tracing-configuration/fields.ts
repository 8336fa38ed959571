/**
 * Validation of component-base's TracingConfiguration fields, shared by kube-apiserver's tracing config file
 * and the kubelet's `tracing:` block, as both decode the same Go type and call ValidateTracingConfiguration
 * (component-base tracing/api/v1/config.go; apiserver pkg/tracing/config.go in 1.22–1.24).
 * Order follows Go: decoding (field types) first, then validation: the rate, then the endpoint.
 * Unknown and duplicate fields depend on the component's decoding mode: see strictFields.ts checkStrictFields.
 */
import type { Finding } from '../../findings';
import { checkTracingAdvice } from './advice';
import { checkEndpoint } from './endpoint';
import { checkFieldTypes } from './fieldTypes';
import { checkSamplingRate } from './samplingRate';
import type { TracingFieldsTarget } from './target';

export function checkTracingFields(target: TracingFieldsTarget): Finding[] {
  return [...checkFieldTypes(target), ...checkSamplingRate(target), ...checkEndpoint(target), ...checkTracingAdvice(target)];
}

export { checkStrictFields, type StrictMode } from './strictFields';
