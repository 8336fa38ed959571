/**
 * Which Collector runs a config: release and distribution, from an image reference in the same file
 * (DaemonSet/Deployment/StatefulSet container, the Operator resource's spec.image, Helm image.repository/tag),
 * else the settings, else the newest release the catalogue knows. Image names mirror
 * open-telemetry/opentelemetry-collector-releases distributions/* (docker and ghcr images per distribution).
 */
import type { CollectorCatalog, Distribution } from './catalog';

export interface CollectorInForce {
  version: string;
  distribution: Distribution;
  /** Where it came from, for the hover and the status bar. */
  source: string;
  /** The image said `:latest` (or no tag): the newest known release was assumed. */
  latest: boolean;
  /** Known only by a guess (no image, no setting): distribution-dependent rules stay silent. */
  distributionKnown: boolean;
}

const IMAGE = /(?:^|[\s"'])(?:docker\.io\/)?(?:otel|ghcr\.io\/open-telemetry\/opentelemetry-collector-releases)\/opentelemetry-collector(-contrib|-k8s|-otlp)?(?::([\w.-]+))?(?=$|[\s"'@])/m;

export interface ImageReference {
  distribution: Distribution;
  tag: string | undefined;
  offset: number;
  length: number;
}

export function findCollectorImage(text: string): ImageReference | undefined {
  const match = IMAGE.exec(text);
  if (!match) return undefined;
  const suffix = match[1];
  const distribution: Distribution = suffix === '-contrib' ? 'contrib' : suffix === '-k8s' ? 'k8s' : suffix === '-otlp' ? 'otlp' : 'core';
  const lead = /^[\s"']/.test(match[0]) ? 1 : 0;
  return { distribution, tag: match[2], offset: match.index + lead, length: match[0].length - lead };
}

export interface CollectorSettings {
  collectorVersion?: string;
  collectorDistribution?: string;
}

function tagVersion(tag: string, catalog: CollectorCatalog | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(tag);
  if (!m) return undefined;
  const minor = `${m[1]}.${m[2]}`;
  if (m[3] !== undefined) return `${minor}.${m[3]}`;
  return catalog?.releases.find((r) => r.startsWith(`${minor}.`)) ?? `${minor}.0`;
}

/** Without a catalogue the version is only what the image or setting says (or `unknown`); data-dependent rules are off then. */
export function collectorInForce(text: string, catalog: CollectorCatalog | undefined, settings: CollectorSettings = {}): CollectorInForce {
  const newest = catalog?.releases[0] ?? 'unknown';
  const image = findCollectorImage(text);
  const settingDistribution = settings.collectorDistribution && settings.collectorDistribution !== 'auto' ? (settings.collectorDistribution as Distribution) : undefined;
  const settingVersion = settings.collectorVersion && settings.collectorVersion !== 'auto' ? settings.collectorVersion.replace(/^v/, '') : undefined;
  if (image) {
    const tagged = image.tag && image.tag !== 'latest' ? tagVersion(image.tag, catalog) : undefined;
    return {
      version: tagged ?? newest,
      distribution: image.distribution,
      source: `image ${text.slice(image.offset, image.offset + image.length)}`,
      latest: !tagged,
      distributionKnown: true,
    };
  }
  return {
    version: settingVersion ?? newest,
    distribution: settingDistribution ?? 'contrib',
    source: settingVersion || settingDistribution ? 'settings' : 'newest known release',
    latest: false,
    distributionKnown: settingDistribution !== undefined,
  };
}
