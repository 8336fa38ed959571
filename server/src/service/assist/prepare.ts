/**
 * Parsing a file once per assistance request and finding, for an offset, the document and its type: the same
 * document types and context validation uses (languageService.ts), so a hover or a fix never disagrees with a
 * diagnostic about what the document is.
 */
import type { FileContext } from '../context';
import type { DocumentType } from '../documentType';
import { DOCUMENT_TYPES } from '../documentTypes';
import { baseFileContext } from '../languageService';
import { isPair, visit } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { isJsonText, MAX_VALIDATED_BYTES, parseFile, type ParsedDocument, type ParsedFile } from '../yaml/parse';
import type { AssistInput } from './types';

export interface PreparedFile {
  context: FileContext;
  /** Document types whose cheap text test passed, in DOCUMENT_TYPES order. */
  candidates: readonly DocumentType[];
}

/** Null when no document type could apply or the file is over the validation size limit. */
export function prepare(input: AssistInput): PreparedFile | null {
  if (input.source.text.length > MAX_VALIDATED_BYTES) return null;
  const base = baseFileContext(input.source, input.options);
  const candidates = DOCUMENT_TYPES.filter((type) => type.mightContain(input.source.text, base));
  if (candidates.length === 0) return null;
  return { context: { ...base, file: parseFile(input.source.uri, input.source.text) }, candidates };
}

/**
 * Like prepare(), but parses only the YAML document holding `offset`, then moves every node's range by the
 * document's start, so offsets, lines and columns are those of the whole file. A hover or a completion in a
 * 2,000-line multi-document file then costs one document's parse. A line `---` or `...` at column 0 always
 * ends a document in YAML (even inside a block scalar), so the split is exact.
 */
export function prepareAround(input: AssistInput, offset: number): PreparedFile | null {
  const text = input.source.text;
  const [start, end] = documentSpan(text, offset);
  if (start === 0 && end === text.length) return prepare(input);
  if (text.length > MAX_VALIDATED_BYTES) return null;
  const base = baseFileContext(input.source, input.options);
  // The cheap test looks at the whole text, as validation does; parsing sees only this document.
  const candidates = DOCUMENT_TYPES.filter((type) => type.mightContain(text, base));
  if (candidates.length === 0) return null;
  const part = parseFile(input.source.uri, text.slice(start, end));
  for (const document of part.documents) shiftDocument(document, start);
  const file: ParsedFile = { uri: input.source.uri, text, lines: new LineIndex(text), isJson: isJsonText(text), documents: part.documents };
  return { context: { ...base, file }, candidates };
}

type WithRange = { range?: [number, number, number] | null };

/** Adds `by` to every offset the parsed document holds (node ranges, the document's own, syntax problems). */
function shiftDocument(document: ParsedDocument, by: number): void {
  const shift = (node: WithRange | null | undefined) => {
    if (node?.range) node.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
  };
  visit(document.document, (_key, node) => {
    if (!isPair(node)) shift(node as WithRange); // pairs have no range; their key and value are visited
  });
  shift(document.document as WithRange);
  document.startOffset += by;
  document.endOffset += by;
  for (const problem of document.syntaxProblems) {
    problem.startOffset += by;
    problem.endOffset += by;
  }
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/;

/** Offsets of the document holding `offset`: from its `---` line (or the start) to the next marker line (or the end). */
function documentSpan(text: string, offset: number): [number, number] {
  let start = 0;
  let end = text.length;
  let lineStart = 0;
  while (lineStart < text.length) {
    const next = text.indexOf('\n', lineStart);
    const lineEnd = next < 0 ? text.length : next + 1;
    if (text.charCodeAt(lineStart) === 45 /* - */ || text.charCodeAt(lineStart) === 46 /* . */) {
      if (DOCUMENT_MARKER.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 5)))) {
        if (lineStart <= offset) start = text.startsWith('...', lineStart) ? lineEnd : lineStart;
        else {
          end = lineStart;
          break;
        }
      }
    }
    lineStart = lineEnd;
  }
  return [start, end];
}

/** The document holding `offset` (a position between two documents belongs to the one before it). */
export function documentAt(prepared: PreparedFile, offset: number): ParsedDocument | undefined {
  const documents = prepared.context.file.documents;
  let found: ParsedDocument | undefined;
  for (const document of documents) {
    if (document.startOffset > offset) break;
    found = document;
  }
  return found ?? documents[0];
}

/** The id of the type that recognizes the document (e.g. `tracing-config`), as validation would pick it. */
export function documentTypeOf(prepared: PreparedFile, document: ParsedDocument): DocumentType | undefined {
  // The control-plane-pod type's recognize() reads the pod through readControlPlanePod, which memoizes it per parsed
  // document: recognizing the document here and answering a hover about it read the pod once.
  return prepared.candidates.find((type) => type.recognize(document, prepared.context));
}
