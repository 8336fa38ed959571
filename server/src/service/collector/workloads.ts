/**
 * The Kubernetes workloads that run a Collector: a DaemonSet/Deployment/StatefulSet/Pod container whose image is a
 * Collector release image, and the Operator's OpenTelemetryCollector resource. What they say about the Collector
 * (image → release and distribution) and about its network (hostNetwork, ports) is read here, for the rules of
 * this file and of the ConfigMap a workload mounts. Mirrors k8s.io/api core/v1 PodSpec (hostNetwork, containers,
 * ports.hostPort, volumes.configMap.name) and the Operator's apis/v1beta1 OpenTelemetryCollectorSpec (image,
 * hostNetwork, mode).
 */
import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import { lastEntry, mapEntries, type AstNode, type MapEntry } from '../yaml/nodes';
import { parseFileMentioning, type ParsedDocument, type ParsedFile } from '../yaml/parse';
import { imageReferenceIn, type ImageReference } from './images';

const POD_TEMPLATE_KINDS = new Set(['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Job']);

export interface ContainerPort {
  containerPort?: number;
  hostPort?: number;
}

export interface CollectorWorkload {
  /** The file holding it. */
  path: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** The Collector image of its container (offsets in that file), undefined for an OpenTelemetryCollector without spec.image. */
  image?: ImageReference;
  /** An OpenTelemetryCollector's spec.image that is not a release image (a custom build): release unknown. */
  customImage?: string;
  hostNetwork: boolean;
  ports: ContainerPort[];
  /** ConfigMaps mounted as volumes (`volumes[].configMap.name`). */
  configMaps: string[];
}

const scalarText = (node: AstNode | null | undefined): string | undefined =>
  isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;

/** The node at a key path below a mapping's entries, or null. */
function field(document: Document.Parsed, entries: MapEntry[], ...path: string[]): AstNode | null {
  let node: AstNode | null = null;
  let current = entries;
  for (const key of path) {
    node = lastEntry(current, key)?.value ?? null;
    if (node === null) return null;
    current = mapEntries(node, document);
  }
  return node;
}

const items = (node: AstNode | null): AstNode[] => (isSeq(node) ? (node.items as AstNode[]) : []);
const numberOf = (node: AstNode | null): number | undefined => {
  const text = scalarText(node);
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
};

/** The image reference a scalar holds, with offsets in the file (a quoted scalar's opening quote skipped). */
function imageAt(file: ParsedFile, node: AstNode | null): ImageReference | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !(node as Scalar).range) return undefined;
  const start = (node as Scalar).range![0];
  const quote = file.text[start] === '"' || file.text[start] === "'" ? 1 : 0;
  const found = imageReferenceIn(node.value);
  return found ? { ...found, offset: start + quote + found.offset } : undefined;
}

function readDocument(path: string, file: ParsedFile, parsed: ParsedDocument): CollectorWorkload | undefined {
  const document = parsed.document;
  const root = mapEntries(document.contents, document);
  const kind = scalarText(lastEntry(root, 'kind')?.value);
  if (!kind) return undefined;
  const metadata = mapEntries(field(document, root, 'metadata'), document);
  const name = scalarText(lastEntry(metadata, 'name')?.value);
  const namespace = scalarText(lastEntry(metadata, 'namespace')?.value);
  const base = { path, kind, ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) };
  const spec = mapEntries(field(document, root, 'spec'), document);
  if (kind === 'OpenTelemetryCollector') {
    const imageNode = lastEntry(spec, 'image')?.value ?? null;
    const image = imageAt(file, imageNode);
    const custom = image ? undefined : scalarText(imageNode);
    const ports = items(lastEntry(spec, 'ports')?.value ?? null).map((port) => portOf(mapEntries(port, document)));
    return {
      ...base,
      ...(image ? { image } : {}),
      ...(custom ? { customImage: custom } : {}),
      hostNetwork: scalarText(lastEntry(spec, 'hostNetwork')?.value) === 'true',
      ports,
      configMaps: [],
    };
  }
  const podSpec =
    kind === 'Pod' ? spec : POD_TEMPLATE_KINDS.has(kind) ? mapEntries(field(document, spec, 'template', 'spec'), document) : undefined;
  if (!podSpec) return undefined;
  for (const container of items(lastEntry(podSpec, 'containers')?.value ?? null)) {
    const fields = mapEntries(container, document);
    const image = imageAt(file, lastEntry(fields, 'image')?.value ?? null);
    if (!image) continue;
    const ports = items(lastEntry(fields, 'ports')?.value ?? null).map((port) => portOf(mapEntries(port, document)));
    const configMaps = items(lastEntry(podSpec, 'volumes')?.value ?? null)
      .map((volume) => scalarText(field(document, mapEntries(volume, document), 'configMap', 'name')))
      .filter((n): n is string => n !== undefined);
    return { ...base, image, hostNetwork: scalarText(lastEntry(podSpec, 'hostNetwork')?.value) === 'true', ports, configMaps };
  }
  return undefined;
}

function portOf(entries: MapEntry[]): ContainerPort {
  const containerPort = numberOf(lastEntry(entries, 'containerPort')?.value ?? null);
  const hostPort = numberOf(lastEntry(entries, 'hostPort')?.value ?? null);
  return { ...(containerPort !== undefined ? { containerPort } : {}), ...(hostPort !== undefined ? { hostPort } : {}) };
}

/** Per parsed file: each Collector config of a file asks for the file's workloads, and each would read every document. */
const ofParsedFile = new WeakMap<ParsedFile, { path: string; workloads: CollectorWorkload[] }>();

/** The Collector workloads of a parsed file. */
export function workloadsOfFile(path: string, file: ParsedFile): CollectorWorkload[] {
  const cached = ofParsedFile.get(file);
  if (cached && cached.path === path) return cached.workloads;
  const found: CollectorWorkload[] = [];
  const mayHoldOne = hintFinder(file.text);
  for (const document of file.documents) {
    if (!mayHoldOne(document.startOffset, document.endOffset)) continue;
    if (document.syntaxProblems.length > 0 || !isMap(document.document.contents)) continue;
    const workload = readDocument(path, file, document);
    if (workload) found.push(workload);
  }
  ofParsedFile.set(file, { path, workloads: found });
  return found;
}

/** Only files that name a Collector image or the Operator's kind can hold one: others are never parsed. */
const HINT = /opentelemetry-collector|OpenTelemetryCollector/;
/** The same within a document, or a backslash: a double-quoted scalar's escapes can spell either. */
const DOCUMENT_HINT = /opentelemetry-collector|OpenTelemetryCollector|\\/g;

/**
 * Whether `text.slice(start, end)` holds a hint; asked for ranges in increasing order, so each hint is searched
 * for once per file (a cluster dump of 1,000 documents has a handful of Collector workloads, if any).
 */
function hintFinder(text: string): (start: number, end: number) => boolean {
  let next = -1;
  return (start, end) => {
    if (next < start) {
      DOCUMENT_HINT.lastIndex = start;
      next = DOCUMENT_HINT.exec(text)?.index ?? Infinity;
    }
    return next < end;
  };
}

const byPath = new Map<string, { text: string; workloads: CollectorWorkload[] }>();

/** The Collector workloads of a workspace file, parsed once per distinct text. */
export function workloadsIn(path: string, text: string): CollectorWorkload[] {
  const cached = byPath.get(path);
  if (cached && cached.text === text) return cached.workloads;
  let workloads: CollectorWorkload[] = [];
  const hint = HINT.exec(text);
  if (hint) workloads = workloadsOfFile(path, parseFileMentioning(`file://${path}`, text, hint[0]));
  byPath.set(path, { text, workloads });
  return workloads;
}

/**
 * The workspace files whose Collector config a file's workloads run (the ConfigMaps they mount by name): after an
 * edit of the workload (its image, hostNetwork, ports), those configs are checked again.
 */
export function filesRunBy(
  path: string,
  text: string,
  workspace: { list(): readonly string[]; read(path: string): string | undefined },
): string[] {
  const mounted = new Set(workloadsIn(path, text).flatMap((w) => w.configMaps));
  if (mounted.size === 0) return [];
  const found: string[] = [];
  for (const other of workspace.list()) {
    if (other === path) continue;
    const otherText = workspace.read(other);
    if (otherText === undefined || !otherText.includes('ConfigMap')) continue;
    if (
      [...mounted].some((name) =>
        new RegExp(String.raw`^\s*name:\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\s*$`, 'm').test(otherText),
      )
    )
      found.push(other);
  }
  return found;
}
