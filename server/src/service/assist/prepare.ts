/**
 * Parsing a file once per assistance request and finding, for an offset, the document and its type: the same
 * document types and context validation uses (languageService.ts), so a hover or a fix never disagrees with a
 * diagnostic about what the document is.
 */
import type { FileContext } from '../context';
import type { DocumentType } from '../documentType';
import { DOCUMENT_TYPES } from '../documentTypes';
import { baseFileContext } from '../languageService';
import { MAX_VALIDATED_BYTES, parseFile, type ParsedDocument } from '../yaml/parse';
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
  return prepared.candidates.find((type) => type.recognize(document, prepared.context));
}
