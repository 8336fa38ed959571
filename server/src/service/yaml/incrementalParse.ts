/**
 * Re-parsing only the YAML documents an edit touched. Parsing is most of the cost of validating a large
 * multi-document file (the `yaml` library took ~15 ms for 2,000 lines on this project's machines), and an edit
 * almost always changes one document. The language server keeps one IncrementalParser per open file.
 *
 * Why splitting is exact: the `yaml` library (like the YAML spec's c-forbidden) ends a document at every line that
 * starts with `---` followed by a space, tab, line break or the end of the text, even inside block or quoted
 * scalars, and each document's CST token starts at that line, trailing comments included. So parsing each piece
 * from its start (yaml/fast/parse.ts: its fast path for plain YAML, else the library with its offset set) gives the
 * same documents, ranges and errors as parsing the whole text (test/unit/service/incremental-parse.test.ts
 * compares this with the library's parseAllDocuments on every fixture, corner cases and seeded random edits).
 * Texts where that does not hold are parsed whole: directives (`%YAML`, which apply across `---`), `...`
 * document-end markers, a byte-order mark, and JSON (one document anyway).
 *
 * A piece whose text is unchanged reuses its documents from the previous parse, with every range moved by the
 * distance the piece moved. Those documents are then owned by the new ParsedFile: the previous one must not be
 * used after a later parse (the server validates synchronously and keeps only findings).
 */
import { isCollection, isNode, isPair, type Document } from 'yaml';
import { fastParsePiece, isBroken, libraryParsePiece, pieceStarts, splittable } from './fast/parse';
import { LineIndex } from '../text/lineIndex';
import { isJsonText, parseFile, toParsedDocument, type ParsedFile } from './parse';

interface Piece {
  start: number;
  documents: Document.Parsed[];
}

export class IncrementalParser {
  /** The previous parse's pieces by their text (several pieces can have the same text). */
  private previous = new Map<string, Piece[]>();

  parse(uri: string, text: string): ParsedFile {
    const starts = splittable(text) ? pieceStarts(text) : undefined;
    if (!starts || starts.length < 2) {
      this.previous.clear();
      return parseFile(uri, text);
    }
    const next = new Map<string, Piece[]>();
    const documents: Document.Parsed[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const end = starts[i + 1] ?? text.length;
      // The key includes the next document's `---` and the character after it: the lexer looks that far ahead.
      const pieceText = text.slice(start, end === text.length ? end : end + 4);
      let piece = this.reuse(pieceText, start);
      if (!piece) {
        const parsed = fastParsePiece(text, start, end) ?? libraryParsePiece(text, start, end);
        if (isBroken(parsed)) {
          // A broken piece may end differently in the whole text (an unclosed quote looks for its closing quote
          // past the `---`): parse it together with everything after it, and cache none of that.
          documents.push(...libraryParsePiece(text, start, text.length));
          break;
        }
        piece = { start, documents: parsed };
      }
      documents.push(...piece.documents);
      const same = next.get(pieceText);
      if (same) same.push(piece);
      else next.set(pieceText, [piece]);
    }
    this.previous = next;
    return {
      uri,
      text,
      lines: new LineIndex(text),
      isJson: isJsonText(text),
      documents: documents.map((document, index) => toParsedDocument(document, index)),
    };
  }

  private reuse(pieceText: string, start: number): Piece | undefined {
    const piece = this.previous.get(pieceText)?.shift();
    if (!piece) return undefined;
    const delta = start - piece.start;
    if (delta !== 0) for (const document of piece.documents) shiftDocument(document, delta);
    return { start, documents: piece.documents };
  }
}

function shiftDocument(document: Document.Parsed, delta: number): void {
  document.range = move(document.range, delta);
  for (const problem of [...document.errors, ...document.warnings]) problem.pos = [problem.pos[0] + delta, problem.pos[1] + delta];
  shiftNode(document.contents, delta);
}

const move = (range: [number, number, number], delta: number): [number, number, number] => [
  range[0] + delta,
  range[1] + delta,
  range[2] + delta,
];

/** A plain walk: yaml's visit() builds a path per node and was most of the cost of reusing a document. */
function shiftNode(node: unknown, delta: number): void {
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
    return;
  }
  if (!isNode(node)) return;
  if (node.range) node.range = move(node.range, delta);
  if (isCollection(node)) for (const item of node.items) shiftNode(item, delta);
}
