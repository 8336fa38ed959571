/**
 * Connectors must join pipelines: used as an exporter in one and as a receiver in another, with a signal pair the
 * connector supports. Mirrors service/internal/graph/graph.go (createNodes: `connector %q used as exporter in %v
 * pipeline but not used in any supported receiver pipeline`, and the receiver variant; wording per release in
 * messages.ts connectorSideError). Without signal-pair data the
 * only certain case is a connector never used on the other side at all.
 */
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { findComponent } from '../catalog';
import type { Pipeline, PipelineReference } from '../configView';
import { connectorSideError } from '../messages';
import type { CollectorTarget } from '../target';

const signalOf = (pipelineId: string) => pipelineId.split('/')[0]!.trim();

export function checkConnectorUse(target: CollectorTarget): Finding[] {
  const { view, catalog, collector } = target;
  const findings: Finding[] = [];
  const version = collector.version === 'unknown' ? '999.0.0' : collector.version;
  for (const connector of view.components.filter((c) => c.kind === 'connector')) {
    const uses = (role: 'receiver' | 'exporter') =>
      view.pipelines.flatMap((pipeline) =>
        pipeline.references.filter((r) => r.role === role && r.id === connector.id).map((reference) => ({ pipeline, reference })),
      );
    const asExporter = uses('exporter');
    const asReceiver = uses('receiver');
    const pairs = catalog ? findComponent(catalog, 'connector', connector.type, collector.version)?.range.stability : undefined;
    const pairKeys = pairs ? Object.keys(pairs).filter((k) => k.includes('->')) : [];
    const supported = (from: string, to: string) => (pairKeys.length === 0 ? true : pairKeys.includes(`${from}->${to}`));
    const report = (
      own: Array<{ pipeline: Pipeline; reference: PipelineReference }>,
      other: Array<{ pipeline: Pipeline }>,
      role: 'exporter' | 'receiver',
    ) => {
      const otherRole = role === 'exporter' ? 'receiver' : 'exporter';
      for (const signal of new Set(own.map((u) => signalOf(u.pipeline.id)))) {
        const fine = other.some((o) =>
          role === 'exporter' ? supported(signal, signalOf(o.pipeline.id)) : supported(signalOf(o.pipeline.id), signal),
        );
        if (fine) continue;
        const names = own.filter((u) => signalOf(u.pipeline.id) === signal);
        const message = connectorSideError(
          version,
          connector.id,
          role,
          signal,
          names.map((u) => u.pipeline.id),
          otherRole,
        );
        for (const use of names) {
          findings.push(
            findingAt(target.file, use.reference.node, {
              severity: Severity.Error,
              code: 'collector/connector-unused-side',
              message,
              explanation: `A connector is the ${role} of one pipeline and the ${otherRole} of another${pairKeys.length ? ` (supported pairs here: ${pairKeys.join(', ')})` : ''}; the Collector fails to build its pipelines and does not start.`,
            }),
          );
        }
      }
    };
    report(asExporter, asReceiver, 'exporter');
    report(asReceiver, asExporter, 'receiver');
  }
  return findings;
}
