/**
 * Kubernetes minor versions: parsing, comparing, and the facts table in schemas/kubernetes-versions.json.
 * Everything version-dependent that the rules ask goes through here, so adding a minor is a data change.
 */
import { codeSpan, plainText } from './text/markdown';
import table from '../../../schemas/kubernetes-versions.json';
import { goQuote } from './go/quote';

/** A Kubernetes minor such as `1.31`, kept as numbers so 1.9 < 1.20. */
export interface MinorVersion {
  major: number;
  minor: number;
}

export type { KubernetesVersionSource as VersionSource } from '../../../common/src/versionSources';
import type { KubernetesVersionSource as VersionSource } from '../../../common/src/versionSources';

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
/** "1.20–1.37": the minors kube-tracing knows, for texts that say so (built from the data, not written out). */
export const KNOWN_MINORS_RANGE = `${KNOWN_MINORS[0]}–${KNOWN_MINORS.at(-1)}`;

/** The version from the setting when it names one, else the latest released minor. */
export function kubernetesVersionFromSetting(setting: string): KubernetesVersionInForce {
  const parsed = setting === 'auto' ? null : parseMinor(setting);
  return parsed ? { version: parsed, source: 'setting' } : { version: LATEST_RELEASED_MINOR, source: 'default' };
}

/** `registry.k8s.io/kube-apiserver:v1.26.3@sha256:…` → repository `registry.k8s.io/kube-apiserver`, tag `v1.26.3`. */
export function splitImageReference(image: string): { repository: string; tag: string | undefined } {
  const withoutDigest = image.trim().split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1); // a colon before the last slash is a registry port
  return colon < 0
    ? { repository: withoutDigest, tag: undefined }
    : { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}

/**
 * The Kubernetes minor of a Kubernetes component image tag (`v1.26.3`, `v1.26.3-eks-1`, `1.26.3`, and a minor alone
 * as self-built images are tagged, `1.14`, `v1.14-custom`), or null.
 */
export function kubernetesMinorFromImage(image: string | undefined): MinorVersion | null {
  if (!image) return null;
  const tag = splitImageReference(image).tag;
  const match = tag ? /^v?(\d+)\.(\d+)(?:\.\d+|$|-)/.exec(tag) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

/** What may decide a document's Kubernetes version besides the setting, most specific first. */
export interface VersionEvidence {
  /** The image of the kube-apiserver container the document is (or belongs to). */
  image?: string;
  /** The version a cluster config declares (kubeadm `kubernetesVersion`, Cluster API `spec.version`, kind's node image); `detail` says which, e.g. `kubernetesVersion v1.31.2`. */
  clusterConfig?: { version: MinorVersion; detail: string };
  /** The version in force of a kube-apiserver manifest that references this file (its --tracing-config-file). */
  referencingManifest?: { path: string; version: KubernetesVersionInForce };
  /** A kubelet config's node: the image tag of the kube-apiserver static pod in the same node tree (rules/kubelet/nodeVersion.ts). */
  nodeManifest?: { path: string; image: string; version: MinorVersion };
}

/**
 * The version in force, in the order the issue fixes: the setting unless `auto`; else the container's image tag;
 * else the version the cluster config declares;
 * else the version of the manifest that references this file (when that one is itself known, not a default);
 * else, for a kubelet config, the kube-apiserver static pod of its node tree;
 * else the latest released minor.
 */
export function resolveKubernetesVersion(setting: string, evidence: VersionEvidence = {}): KubernetesVersionInForce {
  const fromSetting = kubernetesVersionFromSetting(setting);
  if (fromSetting.source === 'setting') return fromSetting;
  const fromImage = kubernetesMinorFromImage(evidence.image);
  if (fromImage) return { version: fromImage, source: 'image-tag', detail: evidence.image!.trim() };
  if (evidence.clusterConfig)
    return { version: evidence.clusterConfig.version, source: 'cluster-config', detail: evidence.clusterConfig.detail };
  const referencing = evidence.referencingManifest;
  if (referencing && referencing.version.source !== 'default') {
    return { version: referencing.version.version, source: 'referencing-manifest', detail: referencing.path };
  }
  const node = evidence.nodeManifest;
  if (node) return { version: node.version, source: 'node-manifest', detail: `${node.path} (${node.image})` };
  return fromSetting;
}

/**
 * A short human description of where a version came from. `plain` is for finding explanations and the status bar;
 * `markdown` for hovers and completions, which have room to say more ("this manifest runs v1.26.3") and put
 * settings, images and paths in code spans.
 */
export function describeVersionSource(inForce: KubernetesVersionInForce, style: 'plain' | 'markdown' = 'plain'): string {
  const version = `Kubernetes ${formatMinor(inForce.version)}`;
  if (style === 'markdown') return `${version} (${markdownSource(inForce)})`;
  switch (inForce.source) {
    case 'setting':
      return `${version} (setting kubeTracing.kubernetesVersion)`;
    case 'image-tag':
      return `${version} (image ${inForce.detail ?? ''})`;
    case 'cluster-config':
      return `${version} (${inForce.detail ?? 'the cluster config'})`;
    case 'referencing-manifest':
      return `${version} (the kube-apiserver manifest ${inForce.detail ?? ''} that mounts this file)`;
    case 'node-manifest':
      return `${version} (the kube-apiserver static pod of this node, ${inForce.detail ?? ''})`;
    case 'default':
      return `${version} (the latest released minor; set kubeTracing.kubernetesVersion to check another)`;
  }
}

function markdownSource(inForce: KubernetesVersionInForce): string {
  switch (inForce.source) {
    case 'setting':
      return 'setting `kubeTracing.kubernetesVersion`';
    case 'image-tag': {
      const tag = inForce.detail ? splitImageReference(inForce.detail).tag : undefined;
      return `this manifest runs ${tag ? plainText(tag) : 'it'}, from the image tag ${codeSpan(inForce.detail ?? '')}`;
    }
    case 'cluster-config':
      return `from this cluster config: ${plainText(inForce.detail ?? '')}`;
    case 'referencing-manifest':
      return `from the kube-apiserver manifest that mounts this file${inForce.detail ? `, ${codeSpan(inForce.detail)}` : ''}`;
    case 'node-manifest':
      return `from the kube-apiserver static pod of this node${inForce.detail ? `, ${codeSpan(inForce.detail)}` : ''}`;
    case 'default':
      return 'the latest released minor; set `kubeTracing.kubernetesVersion` to check another';
  }
}

export const tracingConfigurationFacts = table.tracingConfiguration;

/** Entries of a `{from, to?}` range list that cover `version`. */
export function pickRange<T extends { from: string; to?: string }>(entries: readonly T[], version: MinorVersion): T | undefined {
  return entries.find((entry) => inRange(version, entry.from, entry.to));
}

/** kube-apiserver facts: the tracing flag, its feature gate, and messages (see schemas/kubernetes-versions.json). */
export const kubeApiserverFacts = table.kubeApiserver;

/** kubelet facts: the minor its KubeletConfiguration gains `tracing:` and the gate that guards it. */
export const kubeletFacts = table.kubelet;

/** The first minor whose PreAlpha gate refusal adds `, min compatibility version %s`. */
export const PRE_ALPHA_MIN_COMPATIBILITY_FROM = table.preAlphaMinCompatibilityFrom;

/**
 * The min compatibility version kube-apiserver runs with under `--emulated-version`: the emulated minor minus
 * one, but not below the binary's minor minus three (apiserver pkg/util/compatibility kubeEffectiveVersionFloors).
 */
export function defaultMinCompatibilityVersion(binary: MinorVersion, emulated: MinorVersion): MinorVersion {
  return { major: emulated.major, minor: Math.max(emulated.minor - 1, binary.minor - 3) };
}

/** The emulated minors kube-apiserver's registry accepts (1.31+), or undefined before `--emulated-version` existed. */
export function emulatedVersionRange(
  version: MinorVersion,
): { floorMinorsBack: number; floorAtLeast?: string; minCompatibilityFollows: boolean; alphaWarningFrom?: string } | undefined {
  return pickRange(
    table.emulatedVersionRange as {
      from: string;
      to?: string;
      floorMinorsBack: number;
      floorAtLeast?: string;
      minCompatibilityFollows: boolean;
      alphaWarningFrom?: string;
    }[],
    version,
  );
}

/** Who parses kube-apiserver's `--feature-gates`: pflag (featuregate.Set per occurrence) or the component globals registry (1.31+). */
export function featureGatesFlagParser(version: MinorVersion): 'pflag' | 'component-globals-registry' {
  return (pickRange(table.featureGatesFlagParser as { from: string; to?: string; parser: string }[], version)?.parser ?? 'pflag') as
    'pflag' | 'component-globals-registry';
}

/** The line the kubelet logs when it falls back to lenient decoding of its config file, for a strict-decoding error. */
export function kubeletLenientDecodingLog(version: MinorVersion, error: string): string {
  const form = (pickRange(table.kubelet.lenientDecodingLog, version) ?? table.kubelet.lenientDecodingLog.at(-1)!).form;
  if (form === 'printf') return `using lenient decoding as strict decoding failed: ${error}`;
  const head = '"Using lenient decoding as strict decoding failed" err=';
  if (form === 'structured-multiline' && error.includes('\n'))
    return `${head}<\n${error
      .split('\n')
      .map((line) => `\t${line}`)
      .join('\n')}\n >`;
  return `${head}${goQuote(error)}`;
}

/** How the kubelet reports a refused featureGates map: klog.Fatal's line (1.20), a structured error line (1.21–1.23), a wrapped error. */
export function kubeletFeatureGatesErrorReport(version: MinorVersion): (message: string) => string {
  const report = pickRange(table.kubelet.featureGatesErrorReport, version) ?? table.kubelet.featureGatesErrorReport.at(-1)!;
  if (report.form === 'klog.Fatal') return (message) => message;
  if (report.form === 'klog.ErrorS') return (message) => `"${report.text}" err=${JSON.stringify(message)}`;
  return (message) => `${report.text}${message}`;
}

/** The warning component-base logs when a GA or deprecated gate is set (`%s` the name, `%t` the value), per minor. */
export const featureGateSetWarnings = table.featureGateSetWarning as { from: string; to?: string; ga: string; deprecated: string }[];

/** The Go release the minor's first patch release was built with, when the data knows it (oracle/tracing-config/releases.json). */
export function goFirstPatchFor(version: MinorVersion): string | undefined {
  return pickRange(table.goToolchain as { from: string; to?: string; firstPatch?: string }[], version)?.firstPatch;
}

/** The Go release the minor's newest patch release read was built with, when the data knows it (oracle/tracing-config/releases.json). */
export function goLastPatchFor(version: MinorVersion): string | undefined {
  return pickRange(table.goToolchain as { from: string; to?: string; lastPatch?: string }[], version)?.lastPatch;
}

export function goToolchainFor(version: MinorVersion): string {
  return pickRange(table.goToolchain as { from: string; to?: string; go: string }[], version)?.go ?? 'unknown';
}
