/**
 * Validation of component-base's TracingConfiguration fields, shared by kube-apiserver's tracing config file
 * and the kubelet's `tracing:` block, as both call ValidateTracingConfiguration
 * (component-base tracing/api/v1/config.go; apiserver pkg/tracing/config.go in 1.22–1.24).
 * Order follows the Go code: the rate first, then the endpoint.
 */
import type { Finding } from '../../findings';
import { checkSamplingRate } from './samplingRate';
import type { TracingFieldsTarget } from './target';

export function checkTracingFields(target: TracingFieldsTarget): Finding[] {
  return [...checkSamplingRate(target)];
}
