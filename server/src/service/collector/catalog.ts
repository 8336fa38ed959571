/**
 * The Collector knowledge the rules read: releases and component types per kind, release and distribution.
 * The data is generated from the Collector's own Go modules into `schemas/collector/` (format:
 * docs/collector-data-format.md). A missing or unreadable file means "no catalogue": the rules that need it say
 * nothing rather than guess (a false alarm is as bad as a miss).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ComponentKind = 'receiver' | 'processor' | 'exporter' | 'connector' | 'extension';
export type Distribution = 'core' | 'contrib' | 'k8s' | 'otlp';
export const DISTRIBUTIONS: readonly Distribution[] = ['core', 'contrib', 'k8s', 'otlp'];

export interface ComponentHistoryEntry {
  from: string;
  to: string | null;
  distributions: Distribution[];
  stability: Record<string, string>;
  /** The proxy did not serve the module at these releases: type and stability read at this other release. */
  inferredFrom?: string;
}

export interface ComponentEntry {
  kind: ComponentKind;
  type: string;
  module?: string;
  aliasOf: string | null;
  history: ComponentHistoryEntry[];
}

/** A config field node of fields.json (docs/collector-data-format.md). */
export interface FieldNode {
  type: string;
  keys?: Record<string, FieldNode>;
  values?: FieldNode;
  items?: FieldNode;
  enum?: unknown[];
  deprecated?: string;
}

export interface FieldsRange {
  from: string;
  to: string | null;
  /** The name mapstructure prints from v0.144 on (`debugexporter.Config`). */
  goType: string;
  keys: Record<string, FieldNode>;
}

export interface CollectorCatalog {
  /** Newest first, without the `v`. */
  releases: string[];
  components: ComponentEntry[];
  /** `exporter/debug` → ranges; absent component = no key check. */
  fields?: Record<string, FieldsRange[]>;
  /** Per release and distribution, the module paths whose type we could not read at any release. */
  unread?: Record<string, Partial<Record<Distribution, string[]>>>;
}

/**
 * Whether the type might belong to a module of the distribution we could not read (so "unknown type" would be a
 * guess): a module's package name is its type without `_` plus the kind (`k8sattributesprocessor` for
 * `k8s_attributes`), and the data says nothing more about unread modules.
 */
export function mightBeUnread(catalog: CollectorCatalog, version: string, distribution: Distribution, type: string): boolean {
  const release = catalog.releases.find((r) => inRange(version, r, r));
  const modules = release ? (catalog.unread?.[release]?.[distribution] ?? []) : [];
  const squashed = type.replace(/_/g, '').toLowerCase();
  return modules.some((m) => (m.split('/').pop() ?? '').toLowerCase().startsWith(squashed));
}

/** How many modules of the distribution we could not read in this release (their types are missing from lists). */
export function unreadCount(catalog: CollectorCatalog, version: string, distribution: Distribution): number {
  const release = catalog.releases.find((r) => inRange(version, r, r));
  return release ? (catalog.unread?.[release]?.[distribution]?.length ?? 0) : 0;
}

/** The config fields of a component type in a release, or undefined (then keys are not checked). */
export function fieldsOf(catalog: CollectorCatalog, kind: ComponentKind, type: string, version: string): FieldsRange | undefined {
  return catalog.fields?.[`${kind}/${type}`]?.find((r) => inRange(version, r.from, r.to));
}

/** What a type is in one release and distribution. */
export interface KnownComponent {
  entry: ComponentEntry;
  range: ComponentHistoryEntry;
}

/** `0.111.0` → [0, 111, 0]; compares numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `0.146.1` → `0.146.0`: the data is per release (x.y.0); a patch release shares its minor's components. */
function minorOf(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return `${major}.${minor}.0`;
}

export function inRange(version: string, from: string, to: string | null): boolean {
  const release = minorOf(version);
  return compareVersions(release, minorOf(from)) >= 0 && (to === null || compareVersions(release, minorOf(to)) <= 0);
}

/**
 * Whether the data covers this release (same minor as a release in releases.json). The data covers chosen releases,
 * not every one: between them nothing is interpolated, so a release outside gets no data-dependent finding.
 */
export function coversRelease(catalog: CollectorCatalog, version: string): boolean {
  const release = minorOf(version);
  return catalog.releases.some((r) => minorOf(r) === release);
}

/** The component of this kind and type in this release, in any distribution (the caller filters by distribution). */
export function findComponent(catalog: CollectorCatalog, kind: ComponentKind, type: string, version: string): KnownComponent | undefined {
  for (const entry of catalog.components) {
    if (entry.kind !== kind || entry.type !== type) continue;
    const range = entry.history.find((h) => inRange(version, h.from, h.to));
    if (range) return { entry, range };
  }
  return undefined;
}

/** Per catalogue: the answers of typesIn, asked once per component of every config (a 1,000-line config asks 250 times). */
const typesCache = new WeakMap<CollectorCatalog, Map<string, readonly string[]>>();

/** Every type (aliases included) a binary of this release and distribution registers for the kind, sorted. */
export function typesIn(catalog: CollectorCatalog, kind: ComponentKind, version: string, distribution: Distribution): readonly string[] {
  let answers = typesCache.get(catalog);
  if (!answers) typesCache.set(catalog, (answers = new Map()));
  const key = `${kind}\u0000${version}\u0000${distribution}`;
  const known = answers.get(key);
  if (known) return known;
  const types = new Set<string>();
  for (const entry of catalog.components) {
    if (entry.kind !== kind) continue;
    if (entry.history.some((h) => inRange(version, h.from, h.to) && h.distributions.includes(distribution))) types.add(entry.type);
  }
  const sorted = [...types].sort();
  answers.set(key, sorted);
  return sorted;
}

/** Distributions that have the type in this release (for "contrib-only on a core image"). */
export function distributionsWith(catalog: CollectorCatalog, kind: ComponentKind, type: string, version: string): Distribution[] {
  return findComponent(catalog, kind, type, version)?.range.distributions ?? [];
}

interface ReleasesFile {
  releases: Array<{ version: string; unread?: Partial<Record<Distribution, string[]>> }>;
}
interface ComponentsFile {
  components: ComponentEntry[];
}

function isReleasesFile(value: unknown): value is ReleasesFile {
  return typeof value === 'object' && value !== null && Array.isArray((value as { releases?: unknown }).releases);
}
function isComponentsFile(value: unknown): value is ComponentsFile {
  return typeof value === 'object' && value !== null && Array.isArray((value as { components?: unknown }).components);
}

/** Builds a catalogue from the two files' parsed contents; undefined when either is malformed or empty. */
export function catalogFrom(releasesJson: unknown, componentsJson: unknown, fieldsJson?: unknown): CollectorCatalog | undefined {
  if (!isReleasesFile(releasesJson) || !isComponentsFile(componentsJson)) return undefined;
  const releases = releasesJson.releases.map((r) => r.version).filter((v): v is string => typeof v === 'string');
  releases.sort((a, b) => compareVersions(b, a));
  if (releases.length === 0 || componentsJson.components.length === 0) return undefined;
  const fields = typeof fieldsJson === 'object' && fieldsJson !== null ? (fieldsJson as { fields?: unknown }).fields : undefined;
  const validFields = typeof fields === 'object' && fields !== null ? (fields as Record<string, FieldsRange[]>) : undefined;
  const unread = Object.fromEntries(
    releasesJson.releases.filter((r) => r.unread && Object.keys(r.unread).length > 0).map((r) => [r.version, r.unread!]),
  );
  return {
    releases,
    components: componentsJson.components,
    ...(validFields ? { fields: validFields } : {}),
    ...(Object.keys(unread).length ? { unread } : {}),
  };
}

/** `schemas/collector` next to the running code: the repository (tests, tsx) or the packaged extension (dist/..). */
function findSchemasDir(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'schemas', 'collector');
    if (existsSync(join(candidate, 'components.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

let cached: { catalog: CollectorCatalog | undefined } | undefined;

/** The bundled catalogue, read once; undefined while the generated data is absent. */
export function bundledCatalog(): CollectorCatalog | undefined {
  if (cached) return cached.catalog;
  let catalog: CollectorCatalog | undefined;
  try {
    const dir = findSchemasDir();
    if (dir) {
      const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const fieldsPath = join(dir, 'fields.json');
      catalog = catalogFrom(read('releases.json'), read('components.json'), existsSync(fieldsPath) ? read('fields.json') : undefined);
    }
  } catch {
    catalog = undefined; // unreadable data: no catalogue, no data-dependent findings
  }
  cached = { catalog };
  return catalog;
}
