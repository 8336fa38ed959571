/**
 * Advice (Information) on settings that are valid but often not what an operator wants.
 * Mirrors how the settings are used once valid: component-base tracing/utils.go NewProvider
 * (`otlptracegrpc.WithEndpoint` only when endpoint is set, so the exporter default localhost:4317 applies;
 * sampler `ParentBased(NeverSample())` when the rate is unset or 0, else `ParentBased(TraceIDRatioBased(rate/1e6))`).
 *
 * checkTracingAdvice covers values written in the file (a rate of 0, an explicit null endpoint).
 * checkUnsetFieldAdvice covers fields left out; Kubernetes' doc comments call unset "recommended", so it is
 * kept apart and is not among the document's RULES (index.ts).
 */
import type { Finding } from '../../findings';
import { goJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity } from '../../report';
import { lastEntry } from '../../yaml/nodes';
import { componentName, type TracingFieldsTarget } from './target';

export function checkTracingAdvice(target: TracingFieldsTarget): Finding[] {
  const findings: Finding[] = [];
  const rateEntry = lastEntry(target.entries, 'samplingRatePerMillion');
  const rate = rateEntry ? goJsonValue(rateEntry.value, target.file) : null;
  if (rateEntry && rate?.kind === 'number' && /^-?0+$/.test(rate.literal)) {
    findings.push(rateAdvice(target, rateEntry.value, 'samplingRatePerMillion is 0: only spans whose parent is sampled are recorded'));
  }
  const endpointEntry = lastEntry(target.entries, 'endpoint');
  if (endpointEntry && goJsonValue(endpointEntry.value, target.file).kind === 'null') {
    findings.push(
      endpointAdvice(
        target,
        endpointEntry.value ?? endpointEntry.keyNode,
        'endpoint is null: spans go to the OTLP gRPC default localhost:4317',
      ),
    );
  }
  return findings;
}

export function checkUnsetFieldAdvice(target: TracingFieldsTarget): Finding[] {
  const anchor = target.entries[0]?.keyNode ?? target.node;
  const findings: Finding[] = [];
  if (!lastEntry(target.entries, 'samplingRatePerMillion')) {
    findings.push(rateAdvice(target, anchor, 'samplingRatePerMillion is unset: only spans whose parent is sampled are recorded'));
  }
  if (!lastEntry(target.entries, 'endpoint')) {
    findings.push(endpointAdvice(target, anchor, 'endpoint is unset: spans go to the OTLP gRPC default localhost:4317'));
  }
  return findings;
}

function rateAdvice(target: TracingFieldsTarget, node: Parameters<typeof findingAt>[1], message: string): Finding {
  return findingAt(target.file, node, {
    severity: Severity.Information,
    code: `${target.codePrefix}/sampling-rate-parent-only`,
    message,
    explanation: `${componentName(target)} uses ParentBased(NeverSample()): it starts no trace of its own and records a span only when the incoming request carries a sampled trace context. Set samplingRatePerMillion (e.g. 10000 for 1%, 1000000 for every request) to also sample requests that arrive without one.`,
    data: { suggestedRate: 10000 },
  });
}

function endpointAdvice(target: TracingFieldsTarget, node: Parameters<typeof findingAt>[1], message: string): Finding {
  return findingAt(target.file, node, {
    severity: Severity.Information,
    code: `${target.codePrefix}/endpoint-default`,
    message,
    explanation: `${componentName(target)} exports to localhost:4317 over gRPC without TLS, so a collector must listen there${target.component === 'kube-apiserver' ? ' (on the control-plane node, e.g. a host-network agent)' : ' on every node'}. Set endpoint to host:port to send spans elsewhere.`,
    data: { replacement: 'localhost:4317' },
  });
}
