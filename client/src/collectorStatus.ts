/**
 * How the status bar words the Collector a Collector config is checked against (release, distribution, and where
 * they came from: the `collector` part of `kubeTracing/versionInForce`). No VS Code import, so it is unit-tested.
 */
import type { CollectorInForceAnswer } from '../../common/src/protocol';

const DISTRIBUTION_IMAGE: Record<CollectorInForceAnswer['distribution'], string> = {
  core: 'otel/opentelemetry-collector',
  contrib: 'otel/opentelemetry-collector-contrib',
  k8s: 'otel/opentelemetry-collector-k8s',
  otlp: 'otel/opentelemetry-collector-otlp',
};

function whence(collector: CollectorInForceAnswer): string {
  switch (collector.origin) {
    case 'image':
      return `from the image ${collector.detail ?? ''} in this file${collector.latest ? ` (not pinned: the newest release kube-tracing knows; pin a tag such as :${collector.version})` : ''}`;
    case 'helm-values':
      return `from the Helm values in this file: ${collector.detail ?? ''}${collector.latest ? ` (image.tag latest: the newest release kube-tracing knows; pin a tag such as ${collector.version})` : ''}`;
    case 'workspace-image':
      return `from the image of the workload that runs it: ${collector.detail ?? ''}${collector.latest ? ` (not pinned: the newest release kube-tracing knows)` : ''}`;
    case 'operator-default':
      return "the OpenTelemetry Operator's default image (core; the resource sets no spec.image), its release assumed to be the newest kube-tracing knows";
    case 'setting':
      return 'from the settings kubeTracing.collectorVersion / kubeTracing.collectorDistribution (no image found)';
    case 'default':
      return `no image found and no setting: the newest release kube-tracing knows${collector.distributionKnown ? '' : ', distribution unknown (checked as contrib, the largest)'}`;
    default:
      return 'unknown';
  }
}

export function describeCollectorForStatusBar(collector: CollectorInForceAnswer): { text: string; tooltip: string } {
  const mark = collector.origin === 'default' ? ' (default)' : collector.latest ? ' (latest)' : '';
  return {
    text: `$(versions) Collector ${collector.version} ${collector.distribution}${mark}`,
    tooltip:
      `kube-tracing checks this Collector config against OpenTelemetry Collector ${collector.version}, ${collector.distribution} distribution (${DISTRIBUTION_IMAGE[collector.distribution]}): ${whence(collector)}.\n` +
      'Click to set kubeTracing.collectorVersion / kubeTracing.collectorDistribution (used when no image is found).',
  };
}
