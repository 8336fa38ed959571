/**
 * Editing assistance: hovers, completions and quick fixes, computed from the same parsed file, document types
 * and data as validation. Pure and synchronous like the rest of the service. A hover or a completion parses only
 * the YAML document under the cursor (prepareAround); code actions parse the file once, and validate it when
 * the editor sent no findings or a fix-all needs every finding. handlers/{hover,completion,codeActions}.ts adapt
 * these to LSP.
 */
import { isPair, isScalar, type Pair, type Scalar } from 'yaml';
import type { Finding, Position, Range } from '../findings';
import { validateSource } from '../languageService';
import type { DocumentType } from '../documentType';
import { lastEntry, mapEntries } from '../yaml/nodes';
import type { ParsedDocument } from '../yaml/parse';
import { CLUSTER_CONFIG_TYPES, clusterConfigHover } from './clusterConfig';
import { cursorAt, type Cursor } from './cursor';
import { podCursor, podOf } from './pod/locate';
import { kubeletCompletions, kubeletFixes, kubeletHover } from './kubelet';
import { podCompletions } from './pod/completion';
import { renameAllExperimentalFlags } from './pod/etcdFixes';
import { podFixes, type PodFixContext } from './pod/fixes';
import { imageHover, podHover } from './pod/hover';
import { documentAt, documentTypeOf, prepare, prepareAround, type PreparedFile } from './prepare';
import { LineIndex } from '../text/lineIndex';
import { emptyDocumentWord, tracingConfigurationSnippets } from './snippets';
import { tracingCompletions } from './tracing-configuration/completion';
import { tracingFieldFixes, type FindingTarget } from './tracing-configuration/fixes';
import { TRACING_GROUP } from './tracing-configuration/facts';
import { tracingHover } from './tracing-configuration/hover';
import type { AssistInput, CodeAction, CompletionItem, Hover } from './types';

export type { AssistInput, CodeAction, CompletionItem, Hover } from './types';

interface Located {
  prepared: PreparedFile;
  document: ParsedDocument;
  typeId: string;
  type: DocumentType;
  cursor: Cursor;
  offset: number;
}

function locate(input: AssistInput, position: Position): Located | null {
  const lines = new LineIndex(input.source.text);
  const offset = lines.offsetAt(position);
  const prepared = prepareAround(input, offset);
  if (!prepared) return null;
  const document = documentAt(prepared, offset);
  if (!document) return null;
  const type = documentTypeOf(prepared, document) ?? beingWritten(prepared, document);
  if (!type) return null;
  const cursor = cursorAt(prepared.context.file, document.document, offset);
  // A type judging the document as another type, or at a version of its own (kubeadm's KubeletConfiguration): its word.
  const assisted = type.assistAs?.(document, prepared.context);
  const as = assisted ? { ...prepared, context: assisted.context } : prepared;
  return cursor ? { prepared: as, document, typeId: assisted?.typeId ?? type.id, type, cursor, offset } : null;
}

/**
 * A TracingConfiguration being written: `apiVersion: apiserver.config.k8s.io/…` with no kind yet is not a
 * document validation recognizes, but completing its `kind:` is exactly what the user needs.
 */
function beingWritten(prepared: PreparedFile, document: ParsedDocument): DocumentType | undefined {
  const apiVersion = lastEntry(mapEntries(document.document.contents, document.document), 'apiVersion')?.value;
  const isTracingGroup = isScalar(apiVersion) && typeof apiVersion.value === 'string' && apiVersion.value.startsWith(`${TRACING_GROUP}/`);
  return isTracingGroup ? prepared.candidates.find((type) => type.id === 'tracing-config') : undefined;
}

export function hover(input: AssistInput, position: Position): Hover | null {
  const located = locate(input, position);
  if (!located || !located.cursor.scalar?.range) return null;
  const { prepared, document, cursor } = located;
  let contents: string | null = null;
  const file = prepared.context.file;
  if (located.typeId === 'tracing-config') {
    contents = tracingHover({ cursor, version: prepared.context.defaultKubernetesVersion, component: 'kube-apiserver' });
  } else if (located.typeId === 'kubelet') {
    contents = kubeletHover(cursor, prepared.context.defaultKubernetesVersion);
  } else if (CLUSTER_CONFIG_TYPES.has(located.typeId)) {
    return clusterConfigHover(document, prepared.context, located.offset);
  } else if (located.typeId === 'control-plane-pod') {
    const pod = podOf(document, file, input.options.settings);
    const at = pod ? podCursor(pod, cursor, located.offset) : null;
    if (at && cursor.place === 'value' && cursor.path.at(-1) === 'image' && cursor.scalar?.range) {
      return { contents: imageHover(at, prepared.context), range: file.lines.range(cursor.scalar.range[0], cursor.scalar.range[1]) };
    }
    const result = at ? podHover(at, located.offset, prepared.context) : null;
    return result ? { contents: result.contents, range: file.lines.range(result.start, result.end) } : null;
  }
  if (!contents) return null;
  const [start, end] = cursor.scalar!.range!;
  return { contents, range: file.lines.range(start, end) };
}

export function complete(input: AssistInput, position: Position): CompletionItem[] {
  // An empty YAML document: the TracingConfiguration skeletons (snippets.ts), and nothing else fits there.
  const lines = new LineIndex(input.source.text);
  const word = emptyDocumentWord(input.source.text, lines.offsetAt(position));
  if (word) return tracingConfigurationSnippets().map((item) => ({ ...item, range: lines.range(word.start, word.end) }));
  const located = locate(input, position);
  if (!located) return [];
  const { prepared, document, cursor } = located;
  const range = prepared.context.file.lines.range(cursor.replace[0], cursor.replace[1]);
  if (located.typeId === 'tracing-config') {
    return tracingCompletions({ cursor, version: prepared.context.defaultKubernetesVersion, component: 'kube-apiserver', range, json: prepared.context.file.isJson });
  }
  if (located.typeId === 'kubelet') return kubeletCompletions(cursor, prepared.context.defaultKubernetesVersion, range);
  if (located.typeId === 'control-plane-pod') {
    const file = prepared.context.file;
    const pod = podOf(document, file, input.options.settings);
    const at = pod ? podCursor(pod, cursor, located.offset) : null;
    if (!at) return [];
    return podCompletions(at, located.offset, prepared.context)
      .map(({ start, end, ...item }) => ({ ...item, range: file.lines.range(start, end) }))
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  }
  return [];
}

/**
 * Quick fixes for the findings that touch `range`. `findings` are the diagnostics the editor sent back; when
 * absent (CLI, tests) the file is validated here. Fix-all actions look at every finding of the file.
 */
export function codeActions(input: AssistInput, range: Range, findings?: readonly Finding[]): CodeAction[] {
  const prepared = prepare(input);
  if (!prepared) return [];
  // Validate the file prepare() already parsed: parsing it again would also read every pod a second time.
  const validateParsed = () => validateSource(input.source, input.options, () => prepared.context.file);
  let everyFinding: readonly Finding[] | undefined = findings ? undefined : validateParsed();
  const fileFindings = () => (everyFinding ??= validateParsed());
  const inRange = (findings ?? fileFindings()).filter((finding) => overlaps(finding.range, range));
  const actions: CodeAction[] = [];
  const file = prepared.context.file;
  for (const finding of inRange) {
    const document = documentAt(prepared, file.lines.offsetAt(finding.range.start));
    const type = document ? documentTypeOf(prepared, document) : undefined;
    const assisted = document ? type?.assistAs?.(document, prepared.context) : undefined;
    const typeId = assisted?.typeId ?? type?.id;
    // Cluster configs: the pod and file fixes edit a manifest's or a file's shape, which these documents do not have.
    if (typeId && CLUSTER_CONFIG_TYPES.has(typeId)) continue;
    if (typeId === 'tracing-config' || finding.code.startsWith('tracing-config/')) {
      actions.push(...tracingFieldFixes(file, finding, targetOf(prepared, finding)));
      continue;
    }
    if (typeId === 'kubelet' && document) {
      // The tracing block shares kube-apiserver's field rules (same data); the rest is the kubelet's own.
      actions.push(...tracingFieldFixes(file, finding, targetOf(prepared, finding)), ...kubeletFixes(file, document, finding, assisted?.context ?? prepared.context));
      continue;
    }
    const fix = podFixContext(prepared, input, finding);
    if (fix) actions.push(...podFixes(fix, finding));
  }
  // Fix-all: every experimental etcd flag of the file renamed at once (a quick fix when several, and source.fixAll).
  if (!findings || inRange.some((finding) => finding.code === 'etcd/flag-deprecated' || finding.code === 'etcd/flag-removed')) {
    const renameAll = renameAllExperimentalFlags(file, fileFindings());
    if (renameAll && renameAll.fixes.length > 1) actions.push(renameAll);
    if (renameAll) actions.push({ ...renameAll, kind: 'source.fixAll' });
  }
  return actions;
}

/** The pod a manifest finding belongs to, read with the rules' own model. */
function podFixContext(prepared: PreparedFile, input: AssistInput, finding: Finding): PodFixContext | null {
  const file = prepared.context.file;
  const document = documentAt(prepared, file.lines.offsetAt(finding.range.start));
  if (!document) return null;
  const pod = podOf(document, file, input.options.settings);
  return pod ? { context: prepared.context, file, pod, document: document.document } : null;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The key or value a finding starts on, and the pair that holds it. */
function targetOf(prepared: PreparedFile, finding: Finding): FindingTarget {
  const file = prepared.context.file;
  const offset = file.lines.offsetAt(finding.range.start);
  const document = documentAt(prepared, offset);
  const cursor = document ? cursorAt(file, document.document, offset) : null;
  const scalar: Scalar | undefined = cursor?.scalar;
  const pair = cursor?.map?.items.find((item): item is Pair => isPair(item) && (item.key === scalar || item.value === scalar));
  return { pair, scalar: isScalar(scalar) ? scalar : undefined, map: cursor?.map ?? null };
}
