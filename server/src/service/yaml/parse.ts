/**
 * Parsing YAML and JSON files into documents with exact source ranges, within bounds.
 *
 * Kubernetes reads these files with go-yaml v2 (through sigs.k8s.io/yaml), which is YAML 1.1: `yes`, `on`, `0x1F`
 * resolve as booleans and numbers there, so we parse with the YAML 1.1 schema to see the same types. JSON is
 * parsed by the same parser (YAML is a superset) so positions work the same; `isJson` records which decoder
 * Kubernetes would pick (sigs.k8s.io/yaml treats a buffer starting with `{` as JSON), because its strict-decoding
 * messages differ.
 *
 * Aliases are never expanded (we walk the AST and resolve an alias one hop when a value is read), so an alias
 * bomb costs nothing. Files above MAX_VALIDATED_BYTES are not parsed at all.
 */
import type { Document } from 'yaml';
import { parseDocuments, parseWantedDocuments } from './fast/parse';
import { LineIndex } from '../text/lineIndex';
import { PARSE_OPTIONS } from './parseOptions';

/** Larger files are reported once and skipped: no control-plane manifest or tracing config is this big. */
export const MAX_VALIDATED_BYTES = 4 * 1024 * 1024;

export interface SyntaxProblem {
  message: string;
  startOffset: number;
  endOffset: number;
}

export interface ParsedDocument {
  /** Zero-based position of the document in the file. */
  index: number;
  document: Document.Parsed;
  /** Offsets of the document's content in the file text. */
  startOffset: number;
  endOffset: number;
  syntaxProblems: SyntaxProblem[];
}

export interface ParsedFile {
  uri: string;
  text: string;
  lines: LineIndex;
  /** The JSON decoder (not the YAML one) reads this file in Kubernetes. */
  isJson: boolean;
  documents: ParsedDocument[];
}

const BOM = '\uFEFF';

export function isJsonText(text: string): boolean {
  // sigs.k8s.io/yaml / k8s.io/apimachinery yaml.IsJSONBuffer: leading whitespace trimmed, then '{'.
  const trimmed = text.startsWith(BOM) ? text.slice(1) : text;
  return /^\s*\{/.test(trimmed);
}

export { PARSE_OPTIONS };

export function parseFile(uri: string, text: string): ParsedFile {
  const lines = new LineIndex(text);
  // Plain-YAML documents take the fast path (yaml/fast/parse.ts), which gives what parseAllDocuments(text, PARSE_OPTIONS) gives.
  const documents = parseDocuments(text).map((document, index) => toParsedDocument(document, index));
  return { uri, text, lines, isJson: isJsonText(text), documents };
}

/**
 * The file with only the documents whose text mentions `needle` (all of them when that cannot be known exactly:
 * yaml/fast/parse.ts parseWantedDocuments); each keeps its index in the file. For finding a few documents in a big file.
 */
export function parseFileMentioning(uri: string, text: string, needle: string): ParsedFile {
  let nextMention = -1; // pieces are asked about in order: each occurrence is searched for once
  const wanted = (start: number, end: number) => {
    if (nextMention < start) nextMention = text.indexOf(needle, start);
    if (nextMention < 0) nextMention = Infinity;
    return nextMention + needle.length <= end;
  };
  const documents = parseWantedDocuments(text, wanted).map(({ index, document }) => toParsedDocument(document, index));
  return { uri, text, lines: new LineIndex(text), isJson: isJsonText(text), documents };
}

/** A parsed `yaml` document with its position in the file and its syntax problems, as the rules see it. */
export function toParsedDocument(document: Document.Parsed, index: number): ParsedDocument {
  const range = document.range ?? document.contents?.range ?? [0, 0, 0];
  return {
    index,
    document,
    startOffset: range[0],
    endOffset: range[2],
    syntaxProblems: [...document.errors].map((error) => ({
      message: error.message.split('\n')[0] ?? error.message,
      startOffset: error.pos[0],
      endOffset: Math.max(error.pos[1], error.pos[0] + 1),
    })),
  };
}
