/**
 * Which Collector runs a config: release and distribution, from an image reference in the same file
 * (DaemonSet/Deployment/StatefulSet container, the Operator resource's spec.image), else the workload in the
 * workspace that mounts the ConfigMap (for a plain config file: the one Collector image of the workspace), else
 * the Operator's default image for an OpenTelemetryCollector without spec.image, else the settings, else the newest
 * release the catalogue knows. Image names mirror open-telemetry/opentelemetry-collector-releases distributions/*
 * (docker and ghcr images per distribution); the Operator's default is the core image of the releases repository
 * (opentelemetry-operator versions.txt `opentelemetry-collector`).
 */
import { shownPath, type ValidationOptions } from '../context';
import type { CollectorCatalog, Distribution } from './catalog';
import { DISTRIBUTIONS } from './catalog';
import { findCollectorImage, imageReferenceIn, type ImageReference } from './images';
import { workloadsIn, workloadsOfFile, type CollectorWorkload } from './workloads';
import type { ParsedFile } from '../yaml/parse';
import { belongTogether } from './workspaceScope';

export { findCollectorImage, type ImageReference };

/** Where the release and distribution came from (the status bar words each). */
export type CollectorOrigin = 'image' | 'helm-values' | 'workspace-image' | 'operator-default' | 'setting' | 'default';

export interface CollectorInForce {
  version: string;
  distribution: Distribution;
  /** Where it came from, as a phrase for explanations (`image otel/opentelemetry-collector:0.110.0`). */
  source: string;
  origin: CollectorOrigin;
  /** The image, and for a workspace image the file holding it. */
  detail?: string;
  /** The image said `:latest` (or no tag): the newest known release was assumed. */
  latest: boolean;
  /** Known only by a guess (no image, no setting): distribution-dependent rules stay silent. */
  distributionKnown: boolean;
  /** The workload that runs the config (in this file or another), when known: its network decides what reaches it. */
  workload?: CollectorWorkload;
}

export interface CollectorSettings {
  collectorVersion?: string;
  collectorDistribution?: string;
}

/** Where a config lives, for finding the image that runs it. */
export interface ConfigPlacement {
  holder: { kind: 'file' } | { kind: 'ConfigMap'; name?: string; namespace?: string } | { kind: 'OpenTelemetryCollector'; image?: string };
  /** The config file's path (excluded from the workspace search: its own image was looked at first). */
  path: string;
  options: ValidationOptions;
}

function tagVersion(tag: string, catalog: CollectorCatalog | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(tag);
  if (!m) return undefined;
  const minor = `${m[1]}.${m[2]}`;
  if (m[3] !== undefined) return `${minor}.${m[3]}`;
  return catalog?.releases.find((r) => r.startsWith(`${minor}.`)) ?? `${minor}.0`;
}

function fromImage(
  image: ImageReference,
  catalog: CollectorCatalog | undefined,
  origin: 'image' | 'workspace-image',
  where?: string,
): CollectorInForce {
  const tagged = image.tag && image.tag !== 'latest' ? tagVersion(image.tag, catalog) : undefined;
  return {
    version: tagged ?? catalog?.releases[0] ?? 'unknown',
    distribution: image.distribution,
    source: `image ${image.text}${where ? ` in ${where}` : ''}`,
    origin,
    detail: where ? `${image.text} (${where})` : image.text,
    latest: !tagged,
    distributionKnown: true,
  };
}

/** Without a catalogue the version is only what the image or setting says (or `unknown`); data-dependent rules are off then. */
export function collectorInForce(
  text: string,
  catalog: CollectorCatalog | undefined,
  settings: CollectorSettings = {},
  placement?: ConfigPlacement,
): CollectorInForce {
  const newest = catalog?.releases[0] ?? 'unknown';
  const holder = placement?.holder;
  if (holder?.kind === 'OpenTelemetryCollector' && holder.image === undefined) {
    return {
      version: newest,
      distribution: 'core',
      source: `the Operator's default image (core; no spec.image), assumed ${newest === 'unknown' ? 'the newest release' : newest}`,
      origin: 'operator-default',
      latest: false,
      distributionKnown: true,
    };
  }
  const own = holder?.kind === 'OpenTelemetryCollector' ? imageReferenceIn(holder.image ?? '') : findCollectorImage(text);
  if (own) return fromImage(own, catalog, 'image');
  const workload = holder?.kind === 'OpenTelemetryCollector' ? undefined : placement && workloadRunning(placement);
  if (workload?.image)
    return {
      ...fromImage(workload.image, catalog, 'workspace-image', shownPath(workload.path, placement?.options.workspaceFolders)),
      workload,
    };
  const settingDistribution =
    settings.collectorDistribution &&
    settings.collectorDistribution !== 'auto' &&
    (DISTRIBUTIONS as readonly string[]).includes(settings.collectorDistribution)
      ? (settings.collectorDistribution as Distribution)
      : undefined;
  const settingVersion =
    settings.collectorVersion && settings.collectorVersion !== 'auto' ? tagVersion(settings.collectorVersion, catalog) : undefined;
  const set = settingVersion !== undefined || settingDistribution !== undefined;
  return {
    version: settingVersion ?? newest,
    distribution: settingDistribution ?? 'contrib',
    source: set
      ? 'the settings kubeTracing.collectorVersion / kubeTracing.collectorDistribution'
      : 'the newest known release (no image found, no setting)',
    origin: set ? 'setting' : 'default',
    latest: false,
    distributionKnown: settingDistribution !== undefined,
  };
}

/** Answers per options object (one validation asks once per config; the next validation builds new options). */
const answered = new WeakMap<ValidationOptions, Map<string, CollectorWorkload | undefined>>();

/**
 * The workload in another workspace file that runs this config: for a ConfigMap, the workloads mounting it by name
 * (same namespace when both say one); for a plain config file, the Collector workloads of the whole workspace. Only
 * when they agree on one image: two different images leave the choice to the settings (silence beats a guess).
 */
function workloadRunning(placement: ConfigPlacement): CollectorWorkload | undefined {
  const { options, holder, path } = placement;
  if (!options?.workspace) return undefined; // the CLI and tests may give no workspace view
  const key = `${path}\u0000${JSON.stringify(holder)}`;
  let answers = answered.get(options);
  if (!answers) answered.set(options, (answers = new Map()));
  if (answers.has(key)) return answers.get(key);
  const candidates: CollectorWorkload[] = [];
  for (const other of options.workspace.list()) {
    if (other === path) continue;
    const text = options.workspace.read(other);
    if (text === undefined) continue;
    for (const workload of workloadsIn(other, text)) {
      if (!workload.image || workload.kind === 'OpenTelemetryCollector') continue;
      if (holder.kind === 'ConfigMap') {
        if (!holder.name || !workload.configMaps.includes(holder.name)) continue;
        if (holder.namespace && workload.namespace && holder.namespace !== workload.namespace) continue;
      } else if (!belongTogether(path, other)) continue; // a plain file: only workloads beside, above or below it
      candidates.push(workload);
    }
  }
  const images = new Set(candidates.map((w) => w.image!.text));
  const found = images.size === 1 ? [...candidates].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0] : undefined;
  answers.set(key, found);
  return found;
}

/**
 * The workload in the config's own file that runs it: the OpenTelemetryCollector itself, the workload mounting the
 * ConfigMap by name, or for a plain config file the file's one Collector workload.
 */
export function workloadInFile(file: ParsedFile, path: string, holder: ConfigPlacement['holder']): CollectorWorkload | undefined {
  const workloads = workloadsOfFile(path, file);
  if (holder.kind === 'OpenTelemetryCollector') return workloads.find((w) => w.kind === 'OpenTelemetryCollector');
  if (holder.kind === 'ConfigMap') return workloads.find((w) => holder.name !== undefined && w.configMaps.includes(holder.name));
  return workloads.length === 1 ? workloads[0] : undefined;
}
