/**
 * `samplingRatePerMillion` range.
 * Mirrors component-base tracing/api/v1/config.go ValidateTracingConfiguration (1.25+; apiserver
 * pkg/tracing/config.go in 1.22–1.24): `< 0` → "sampling rate must be positive" (zero is accepted),
 * `> 1000000` → "sampling rate per million must be less than or equal to one million".
 * Type errors (a string, a float, a value beyond int32) are decode errors, reported by the field-type rule.
 */
import { isScalar } from 'yaml';
import type { Finding } from '../../findings';
import { fieldInvalid } from '../../k8s/fieldError';
import { goJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity } from '../../report';
import { lastEntry } from '../../yaml/nodes';
import { refusalPhrase, type TracingFieldsTarget } from './target';

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

export function checkSamplingRate(target: TracingFieldsTarget): Finding[] {
  const entry = lastEntry(target.entries, 'samplingRatePerMillion');
  const node = entry?.value;
  if (!entry || !isScalar(node)) return [];
  // The value as Go's decoder reads it (YAML `1e7` is the float 10000000 to go-yaml, a string to YAML 1.1).
  const value = goJsonValue(node, target.file);
  if (value.kind !== 'number' || !/^-?\d+$/.test(value.literal)) return []; // a decode error, fieldTypes.ts reports it
  const rate = Number(value.literal);
  if (rate < INT32_MIN || rate > INT32_MAX) return []; // not an int32: a decode error, not this rule's
  const path = `${target.fieldPathPrefix}samplingRatePerMillion`;
  if (rate < 0) {
    return [
      findingAt(target.file, node, {
        severity: Severity.Error,
        code: `${target.codePrefix}/sampling-rate-negative`,
        message: fieldInvalid(path, rate, 'sampling rate must be positive'),
        explanation: `${refusalPhrase(target)}. The rate counts sampled traces per million: use 0 (sample only what a sampled parent asks for) up to 1000000 (every trace).`,
        data: { min: 0, max: 1000000 },
      }),
    ];
  }
  if (rate > 1000000) {
    return [
      findingAt(target.file, node, {
        severity: Severity.Error,
        code: `${target.codePrefix}/sampling-rate-too-large`,
        message: fieldInvalid(path, rate, 'sampling rate per million must be less than or equal to one million'),
        explanation: `${refusalPhrase(target)}. The rate is per million: 1000000 already samples every trace.`,
        data: { min: 0, max: 1000000 },
      }),
    ];
  }
  return [];
}
