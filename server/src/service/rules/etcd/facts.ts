/**
 * etcd releases and flags, read from schemas/etcd-versions.json, whose flag lists, bool flags and deprecation
 * warnings oracle/etcd generates from go.etcd.io/etcd/server/v3 itself (etcdmain/config.go, embed/config.go of
 * every patch release; see the file's $comment). Everything the etcd rules know about versions goes through
 * here, so adding an etcd release is a data change.
 */
import table from '../../../../../schemas/etcd-versions.json';

/** An etcd version; `patch` is undefined when only the minor is known (kubeadm's pairing, a `3.5` setting). */
export interface EtcdVersion {
  major: number;
  minor: number;
  patch: number | undefined;
}

export function parseEtcdVersion(text: string): EtcdVersion | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: match[3] === undefined ? undefined : Number(match[3]) } : null;
}

export function formatEtcdVersion(version: EtcdVersion): string {
  return `${version.major}.${version.minor}${version.patch === undefined ? '' : `.${version.patch}`}`;
}

const BOUNDS = new Map<string, EtcdVersion>();

/** A version bound from the data, parsed once: rules ask for the same few bounds for every flag. */
function boundOf(text: string): EtcdVersion {
  let bound = BOUNDS.get(text);
  if (!bound) BOUNDS.set(text, (bound = parseEtcdVersion(text)!));
  return bound;
}

/** Compares major.minor only. */
function compareMinorOf(a: EtcdVersion, b: EtcdVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * Is `version` at least `from`? `true`/`false` when it can tell, `undefined` when the answer hangs on a patch
 * we do not know (3.5 against 3.5.11).
 */
export function etcdAtLeast(version: EtcdVersion, from: string): boolean | undefined {
  const bound = boundOf(from);
  const byMinor = compareMinorOf(version, bound);
  if (byMinor !== 0) return byMinor > 0;
  if (bound.patch === undefined || bound.patch === 0) return true;
  if (version.patch === undefined) return undefined;
  return version.patch >= bound.patch;
}

/** Within `[from, to]`, `to` inclusive and open-ended when absent; undefined when a patch we lack decides. */
export function etcdInRange(version: EtcdVersion, from: string, to?: string): boolean | undefined {
  const lower = etcdAtLeast(version, from);
  if (lower === false) return false;
  if (to === undefined) return lower;
  const bound = boundOf(to);
  const byMinor = compareMinorOf(version, bound);
  // `<minor>.99` (the data's "to the newest patch of that minor") holds for a version whose patch is unknown.
  const wholeMinor = bound.patch === undefined || bound.patch >= 99;
  const upper =
    byMinor !== 0
      ? byMinor < 0
      : version.patch === undefined
        ? wholeMinor
          ? true
          : undefined
        : version.patch <= (bound.patch ?? Infinity);
  if (upper === false) return false;
  return lower === undefined || upper === undefined ? undefined : true;
}

export type TracingFlagType = 'bool' | 'string' | 'int';

export interface TracingFlagFacts {
  /** The un-prefixed name (3.6+), e.g. `enable-distributed-tracing`. */
  name: string;
  /** The `experimental-` name (3.5+), e.g. `experimental-enable-distributed-tracing`. */
  experimentalName: string;
  type: TracingFlagType;
  experimentalFrom: string;
  from: string;
}

export const TRACING_FLAGS: readonly TracingFlagFacts[] = table.tracingFlags.map((flag) => ({
  name: flag.name,
  experimentalName: `${table.experimentalPrefix}${flag.name}`,
  type: flag.type as TracingFlagType,
  experimentalFrom: flag.experimentalFrom,
  from: flag.from,
}));

export const EXPERIMENTAL_DEPRECATED_FROM = table.experimentalDeprecatedFrom;
export const EXPERIMENTAL_REMOVED_FROM = table.experimentalRemovedFrom;
export const FLAG_LISTS_FROM = table.flagListsFrom;
export const SAMPLING_RATE_MAX = table.samplingRateMax;
/** One Kubernetes minor's etcd as kubeadm deploys it, with the kubeadm releases it was read from (oracle/etcd/kubeadm.mjs). */
export interface KubeadmPairing {
  kubernetes: string;
  /** The etcd minor; the patch rolls with kubeadm's patch releases (see `kubeadm`). */
  etcd: string;
  kubeadm: ReadonlyArray<{ release: string; image: string; nearestKey?: boolean }>;
}
export const KUBEADM_PAIRING = table.kubeadmPairing as readonly KubeadmPairing[];
export const MESSAGES = table.messages;
export const ADDRESS_RESOLVED_AT_START = table.tracingAddressResolvedAtStart;

/** The tracing flag a name is (either spelling), with which spelling it is. */
export function tracingFlagNamed(name: string): { facts: TracingFlagFacts; experimental: boolean } | undefined {
  for (const facts of TRACING_FLAGS) {
    if (facts.name === name) return { facts, experimental: false };
    if (facts.experimentalName === name) return { facts, experimental: true };
  }
  return undefined;
}

const BOOL_FLAGS = new Set<string>([
  ...table.boolFlags,
  ...TRACING_FLAGS.filter((f) => f.type === 'bool').flatMap((f) => [f.name, f.experimentalName]),
]);

/** Registered with BoolVar: Go's flag package never takes the next item as its value. */
export function isEtcdBoolFlag(name: string): boolean {
  return BOOL_FLAGS.has(name);
}

/**
 * Whether etcd `version` registers the non-tracing flag `name`: true, false, or undefined when we cannot tell
 * (a release older than the transcribed flag lists, or a patch we lack decides).
 */
type FlagGroup = { from: string; to?: string; names: string[] };
const OTHER_FLAG_GROUPS = table.otherFlags as ReadonlyArray<FlagGroup>;
/** Flag name → the release ranges that register it, built once (a manifest has dozens of flags). */
const GROUPS_BY_NAME = new Map<string, FlagGroup[]>();
for (const group of OTHER_FLAG_GROUPS)
  for (const name of group.names) GROUPS_BY_NAME.set(name, [...(GROUPS_BY_NAME.get(name) ?? []), group]);

export function otherFlagRegistered(name: string, version: EtcdVersion): boolean | undefined {
  if (etcdAtLeast(version, FLAG_LISTS_FROM) === false) return undefined;
  let unknown = false;
  for (const group of GROUPS_BY_NAME.get(name) ?? []) {
    const inRange = etcdInRange(version, group.from, group.to);
    if (inRange === true) return true;
    if (inRange === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Whether the newest etcd release the data covers still registers the non-tracing flag `name`. */
export function otherFlagStillRegistered(name: string): boolean {
  return (GROUPS_BY_NAME.get(name) ?? []).some((group) => group.to === undefined);
}

/** Every flag name `version` surely registers, for "did you mean" suggestions. */
export function flagNamesAt(version: EtcdVersion): string[] {
  const names: string[] = [];
  for (const group of OTHER_FLAG_GROUPS) {
    if (etcdInRange(version, group.from, group.to) === true) names.push(...group.names);
  }
  for (const flag of TRACING_FLAGS) {
    if (etcdInRange(version, flag.experimentalFrom, previous(EXPERIMENTAL_REMOVED_FROM)) === true) names.push(flag.experimentalName);
    if (etcdAtLeast(version, flag.from) === true) names.push(flag.name);
  }
  return names;
}

/** `3.7.0` → `3.6.99`: the last version before a release, for inclusive ranges. */
function previous(release: string): string {
  const version = parseEtcdVersion(release)!;
  return `${version.major}.${version.minor - 1}.99`;
}

type Deprecation = { name: string; from: string; to?: string; message: string };
const DEPRECATIONS = table.deprecatedFlags as ReadonlyArray<Deprecation>;

/**
 * The warning etcd `version` logs when flag `name` is set explicitly (etcdmain/config.go deprecatedFlags, read
 * from each patch release's source by oracle/etcd); undefined when it logs none or a patch we lack decides.
 */
export function deprecationWarning(name: string, version: EtcdVersion): string | undefined {
  return DEPRECATIONS.find((entry) => entry.name === name && etcdInRange(version, entry.from, entry.to) === true)?.message;
}

/** A message template from the data with `{placeholders}` filled in. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The template of a `[{from, to?, text}]` list that applies to `version` (the last one when unsure). */
export function templateFor(entries: ReadonlyArray<{ from: string; to?: string; text: string }>, version: EtcdVersion): string {
  return entries.find((entry) => etcdInRange(version, entry.from, entry.to) === true)?.text ?? entries.at(-1)!.text;
}

/** Whether etcd `version` registers a tracing flag spelled `name` (either spelling); undefined when a patch we lack decides. */
export function tracingNameRegistered(facts: TracingFlagFacts, experimental: boolean, version: EtcdVersion): boolean | undefined {
  if (!experimental) return etcdAtLeast(version, facts.from);
  if (etcdAtLeast(version, EXPERIMENTAL_REMOVED_FROM) === true) return false;
  return etcdAtLeast(version, facts.experimentalFrom);
}

/** Whether etcd `version` registers flag `name` at all. */
export function flagRegistered(name: string, version: EtcdVersion): boolean | undefined {
  const tracing = tracingFlagNamed(name);
  return tracing ? tracingNameRegistered(tracing.facts, tracing.experimental, version) : otherFlagRegistered(name, version);
}
