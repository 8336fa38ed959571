/**
 * Kubernetes minor versions: parsing, comparing, and the facts table in schemas/kubernetes-versions.json.
 * Everything version-dependent that the rules ask goes through here, so adding a minor is a data change.
 */
import table from '../../../schemas/kubernetes-versions.json';

/** A Kubernetes minor such as `1.31`, kept as numbers so 1.9 < 1.20. */
export interface MinorVersion {
  major: number;
  minor: number;
}

export type VersionSource = 'setting' | 'image-tag' | 'referencing-manifest' | 'default';

export interface KubernetesVersionInForce {
  version: MinorVersion;
  source: VersionSource;
  /** Human detail of the source, e.g. `registry.k8s.io/kube-apiserver:v1.26.3`. */
  detail?: string;
}

export function parseMinor(text: string): MinorVersion | null {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

export function formatMinor(version: MinorVersion): string {
  return `${version.major}.${version.minor}`;
}

export function compareMinor(a: MinorVersion, b: MinorVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Is `version` within `[from, to]` (inclusive, `to` open-ended when absent)? */
export function inRange(version: MinorVersion, from: string, to?: string): boolean {
  const lower = parseMinor(from)!;
  if (compareMinor(version, lower) < 0) return false;
  return to === undefined || compareMinor(version, parseMinor(to)!) <= 0;
}

export function atLeast(version: MinorVersion, from: string): boolean {
  return compareMinor(version, parseMinor(from)!) >= 0;
}

export const KNOWN_MINORS: readonly string[] = table.minors;
export const LATEST_RELEASED_MINOR: MinorVersion = parseMinor(table.latestReleased)!;
export const SETTING_RANGE = table.settingRange;

/** The version from the setting when it names one, else the latest released minor (later issues add inference). */
export function kubernetesVersionFromSetting(setting: string): KubernetesVersionInForce {
  const parsed = setting === 'auto' ? null : parseMinor(setting);
  return parsed ? { version: parsed, source: 'setting' } : { version: LATEST_RELEASED_MINOR, source: 'default' };
}

export const tracingConfigurationFacts = table.tracingConfiguration;

/** Entries of a `{from, to?}` range list that cover `version`. */
export function pickRange<T extends { from: string; to?: string }>(entries: readonly T[], version: MinorVersion): T | undefined {
  return entries.find((entry) => inRange(version, entry.from, entry.to));
}

export function goToolchainFor(version: MinorVersion): string {
  return pickRange(table.goToolchain as { from: string; to?: string; go: string }[], version)?.go ?? 'unknown';
}
