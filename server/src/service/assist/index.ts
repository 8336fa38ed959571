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
import { assistantFor, type Located } from './assistants';
import { cursorAt } from './cursor';
import { podOf } from './pod/locate';
import { renameAllExperimentalFlags } from './pod/etcdFixes';
import type { PodFixContext } from './pod/fixes';
import { documentAt, documentTypeOf, prepare, prepareAround, type PreparedFile } from './prepare';
import { LineIndex } from '../text/lineIndex';
import { emptyDocumentWord, tracingConfigurationSnippets } from './snippets';
import type { FindingTarget } from './tracing-configuration/fixes';
import { TRACING_GROUP } from './tracing-configuration/facts';
import type { AssistInput, CodeAction, CompletionItem, Hover } from './types';

export type { AssistInput, CodeAction, CompletionItem, Hover } from './types';

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
  return cursor ? { prepared: as, document, typeId: assisted?.typeId ?? type.id, cursor, offset } : null;
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
  return assistantFor(located.typeId).hover?.(located, input) ?? null;
}

export function complete(input: AssistInput, position: Position): CompletionItem[] {
  // An empty YAML document: the TracingConfiguration skeletons (snippets.ts), and nothing else fits there.
  const lines = new LineIndex(input.source.text);
  const word = emptyDocumentWord(input.source.text, lines.offsetAt(position));
  if (word) return tracingConfigurationSnippets().map((item) => ({ ...item, range: lines.range(word.start, word.end) }));
  const located = locate(input, position);
  if (!located) return [];
  const range = located.prepared.context.file.lines.range(located.cursor.replace[0], located.cursor.replace[1]);
  return assistantFor(located.typeId).complete?.(located, input, range) ?? [];
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
    const assistant = assistantFor(assisted?.typeId ?? type?.id, finding);
    const request = {
      finding,
      file,
      document,
      context: assisted?.context ?? prepared.context,
      target: () => targetOf(prepared, finding),
      pod: () => podFixContext(prepared, input, finding),
    };
    actions.push(...(assistant.fixes?.(request) ?? []));
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
