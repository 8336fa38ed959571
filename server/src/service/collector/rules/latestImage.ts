/**
 * `:latest` (or an untagged) Collector image: the rules assume the newest release kube-tracing knows, and the next
 * pull may bring a release that drops or renames components (jaeger in v0.85.0, logging in v0.111.0). Advice only.
 */
import { Severity, type Finding } from '../../findings';
import { findingAtOffsets } from '../../report';
import type { ParsedFile } from '../../yaml/parse';
import { findCollectorImage, type CollectorInForce } from '../collectorInForce';

export function checkLatestImage(file: ParsedFile, collector: CollectorInForce): Finding[] {
  const image = findCollectorImage(file.text);
  if (!image || !collector.latest || collector.version === 'unknown') return [];
  return [
    findingAtOffsets(file, image.offset, image.offset + image.length, {
      severity: Severity.Information,
      code: 'collector/image-not-pinned',
      message: `The Collector image is not pinned: checked as ${collector.version}, the newest release kube-tracing knows`,
      explanation: `Pin a release (e.g. :${collector.version}) so that a new pull cannot remove or rename the components this config uses.`,
      data: { version: collector.version },
    }),
  ];
}
