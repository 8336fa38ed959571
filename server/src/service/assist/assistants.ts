/**
 * Each document type's editing assistance — hover, completion, quick fixes — in one object per type, looked up by
 * the type id (or the id a type assists as, DocumentType.assistAs). assist/index.ts finds the document and the
 * cursor, then asks the document's assistant; a new document type adds its assistant here.
 */
import type { FileContext } from '../context';
import type { Finding, Range } from '../findings';
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import type { PreparedFile } from './prepare';
import type { Cursor } from './cursor';
import { clusterConfigHover, CLUSTER_CONFIG_TYPES } from './clusterConfig';
import { kubeletCompletions, kubeletFixes, kubeletHover } from './kubelet';
import { podCompletions } from './pod/completion';
import { podFixes, type PodFixContext } from './pod/fixes';
import { imageHover, podHover } from './pod/hover';
import { podCursor, podOf } from './pod/locate';
import { tracingCompletions } from './tracing-configuration/completion';
import { tracingFieldFixes, type FindingTarget } from './tracing-configuration/fixes';
import { tracingHover } from './tracing-configuration/hover';
import type { AssistInput, CodeAction, CompletionItem, Hover } from './types';
import { collectorAssistant } from '../collector/assist';

/** The document under the cursor, as the assistants get it. */
export interface Located {
  prepared: PreparedFile;
  document: ParsedDocument;
  typeId: string;
  cursor: Cursor;
  offset: number;
}

/** A finding to fix, with what the assistants need to edit around it. */
export interface FixRequest {
  finding: Finding;
  file: ParsedFile;
  document: ParsedDocument | undefined;
  /** The context the document is judged with (the assisted type's, e.g. kubeadm's KubeletConfiguration). */
  context: FileContext;
  /** The key or value the finding starts on. */
  target: () => FindingTarget;
  /** The pod the finding belongs to, read with the rules' own model. */
  pod: () => PodFixContext | null;
}

export interface DocumentAssistant {
  hover?(located: Located, input: AssistInput): Hover | null;
  complete?(located: Located, input: AssistInput, range: Range): CompletionItem[];
  fixes?(request: FixRequest): CodeAction[];
}

/** A hover's text on the scalar under the cursor. */
function onScalar(located: Located, contents: string | null): Hover | null {
  const range = located.cursor.scalar?.range;
  return contents && range ? { contents, range: located.prepared.context.file.lines.range(range[0], range[1]) } : null;
}

const tracingConfiguration: DocumentAssistant = {
  hover: (located) =>
    onScalar(
      located,
      tracingHover({ cursor: located.cursor, version: located.prepared.context.defaultKubernetesVersion, component: 'kube-apiserver' }),
    ),
  complete: (located, _input, range) =>
    tracingCompletions({
      cursor: located.cursor,
      version: located.prepared.context.defaultKubernetesVersion,
      component: 'kube-apiserver',
      range,
      json: located.prepared.context.file.isJson,
    }),
  fixes: (request) => tracingFieldFixes(request.file, request.finding, request.target()),
};

const kubelet: DocumentAssistant = {
  hover: (located) => onScalar(located, kubeletHover(located.cursor, located.prepared.context.defaultKubernetesVersion)),
  complete: (located, _input, range) => kubeletCompletions(located.cursor, located.prepared.context.defaultKubernetesVersion, range),
  // The tracing block shares kube-apiserver's field rules (same data); the rest is the kubelet's own.
  fixes: (request) => [
    ...tracingFieldFixes(request.file, request.finding, request.target()),
    ...(request.document ? kubeletFixes(request.file, request.document, request.finding, request.context) : []),
  ],
};

const controlPlanePod: DocumentAssistant = {
  hover(located, input) {
    const { prepared, document, cursor, offset } = located;
    const file = prepared.context.file;
    const pod = podOf(document, file, input.options.settings);
    const at = pod ? podCursor(pod, cursor, offset) : null;
    if (at && cursor.place === 'value' && cursor.path.at(-1) === 'image' && cursor.scalar?.range) {
      return { contents: imageHover(at, prepared.context), range: file.lines.range(cursor.scalar.range[0], cursor.scalar.range[1]) };
    }
    const result = at ? podHover(at, offset, prepared.context) : null;
    return result ? { contents: result.contents, range: file.lines.range(result.start, result.end) } : null;
  },
  complete(located, input) {
    const file = located.prepared.context.file;
    const pod = podOf(located.document, file, input.options.settings);
    const at = pod ? podCursor(pod, located.cursor, located.offset) : null;
    if (!at) return [];
    return podCompletions(at, located.offset, located.prepared.context)
      .map(({ start, end, ...item }) => ({ ...item, range: file.lines.range(start, end) }))
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  },
  fixes(request) {
    const pod = request.pod();
    return pod ? podFixes(pod, request.finding) : [];
  },
};

/** Cluster configs: the pod's hovers on the config's text; no fixes (they edit a manifest's shape, which a config lacks). */
const clusterConfig: DocumentAssistant = {
  hover: (located) => clusterConfigHover(located.document, located.prepared.context, located.offset),
  fixes: () => [],
};

const ASSISTANTS: ReadonlyMap<string, DocumentAssistant> = new Map([
  ['tracing-config', tracingConfiguration],
  ['kubelet', kubelet],
  ['control-plane-pod', controlPlanePod],
  ['collector', collectorAssistant],
  ...[...CLUSTER_CONFIG_TYPES].map((id) => [id, clusterConfig] as const),
]);

/**
 * The assistant for a document type. A finding about a TracingConfiguration field gets its fixes wherever it
 * sits; anything else without an assistant of its own is offered the pod fixes (findings on a manifest's pod).
 */
export function assistantFor(typeId: string | undefined, finding?: Finding): DocumentAssistant {
  if (typeId !== undefined && CLUSTER_CONFIG_TYPES.has(typeId)) return clusterConfig;
  if (finding?.code.startsWith('tracing-config/')) return tracingConfiguration;
  return (typeId !== undefined ? ASSISTANTS.get(typeId) : undefined) ?? (finding ? controlPlanePod : {});
}
