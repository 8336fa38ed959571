/**
 * Pipelines that name components not configured, and pipelines without receivers or exporters.
 * Mirrors otelcol/config.go Config.Validate (`service::pipelines::%s: references %s %q which is not configured`;
 * connectors count as receivers and exporters) and service/pipelines/config.go (`must have at least one
 * receiver` / `exporter`). These hold in every release, so they need no catalogue.
 */
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { pipelineError, STOPS_AT_FIRST } from '../messages';
import type { CollectorTarget } from '../target';

export function checkPipelineReferences(target: CollectorTarget): Finding[] {
  const { view } = target;
  const configured = (kind: string) => new Set(view.components.filter((c) => c.kind === kind).map((c) => c.id));
  const byRole = {
    receiver: new Set([...configured('receiver'), ...configured('connector')]),
    processor: configured('processor'),
    exporter: new Set([...configured('exporter'), ...configured('connector')]),
  };
  const findings: Finding[] = [];
  const version = target.collector.version === 'unknown' ? '999.0.0' : target.collector.version;
  for (const pipeline of view.pipelines) {
    for (const reference of pipeline.references) {
      if (byRole[reference.role].has(reference.id)) continue;
      findings.push(
        findingAt(target.file, reference.node, {
          severity: Severity.Error,
          code: 'collector/not-configured',
          message: `service::pipelines::${pipeline.id}: references ${reference.role} "${reference.id}" which is not configured`,
          explanation: `No ${reference.role}${reference.role !== 'processor' ? ' or connector' : ''} with the id "${reference.id}" is defined under ${reference.role}s:. The Collector refuses to start. ${STOPS_AT_FIRST}`,
          data: { role: reference.role, id: reference.id },
        }),
      );
    }
    for (const role of ['receiver', 'exporter'] as const) {
      if (pipeline.references.some((r) => r.role === role)) continue;
      findings.push(
        findingAt(target.file, pipeline.entry.keyNode, {
          severity: Severity.Error,
          code: 'collector/pipeline-incomplete',
          message: pipelineError(version, pipeline.id, `must have at least one ${role}`),
          explanation: `A pipeline needs at least one receiver and one exporter; the Collector refuses to start. ${STOPS_AT_FIRST}`,
        }),
      );
    }
  }
  return findings;
}
