/**
 * A fast path for parsing the plain block YAML that Kubernetes manifests are written in.
 *
 * Parsing with the `yaml` library was most of the time spent validating a large manifest file (its generator-based
 * Lexer + Parser ~80% of that). For each document of the file, lex.ts + cst.ts build the library's concrete
 * syntax tree directly, line by line, and compose.ts (a port of the library's composer, the schema's own tags
 * resolving every scalar) turns it into the same Document, YAMLMap, YAMLSeq, Pair and Scalar objects, ranges,
 * comments, YAML 1.1 values and types as parseAllDocuments gives. A document outside the subset (anchors, tags,
 * block scalars, multi-line scalars, syntax errors…) is parsed by the library, so the result never depends on it.
 *
 * Documents are parsed one piece at a time, a piece being the text from one `---` line to the next (the first piece
 * from the start of the text): the library ends a document at every line starting with `---` followed by a space,
 * a line break or the end of the text, even inside a plain, flow or block scalar, and each document token starts at
 * that line (incrementalParse.ts relies on the same fact). Only an unclosed quoted scalar runs on past `---`; such a
 * piece has errors, and it is parsed by the library together with everything after it. Texts where splitting does
 * not hold are parsed whole by the library: a byte-order mark, JSON, `%` directives and `...` document-end markers.
 * test/unit/service/fast-parse*.test.ts compare this with parseAllDocuments node by node.
 */
import { Composer, Document, parseAllDocuments, Parser, YAMLParseError } from 'yaml';
import { PARSE_OPTIONS } from '../parseOptions';
import { NotHandled } from './cst';
import { ComposeCaches, composeDocuments } from './compose';
import { lastLineIsComment, lexAndParse } from './lex';
import { excessiveNesting, nestingMessage } from '../nesting';

export { PARSE_OPTIONS as FAST_PARSE_OPTIONS };

/** The `yaml` release whose lexer, parser and composer this folder mirrors (README.md: how to upgrade). */
export const MIRRORED_YAML_VERSION = '2.9.1';

/** Plain scalar → schema tag, shared by every parse (the schema's tags are the same objects in every document). */
const composeCaches = new ComposeCaches();

const NOT_SPLITTABLE = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
const COMMENT_OR_BLANK_LINE = /^[ \t]*(?:#.*)?\r?$/;

/** How many documents went which way in the last parseDocuments call (for tests and benchmarks). */
export const fastParseStats = { fast: 0, library: 0 };

/**
 * The documents of `text`, as parseAllDocuments(text, PARSE_OPTIONS) gives them, parsing each plain-YAML
 * document on the fast path.
 */
export function parseDocuments(text: string): Document.Parsed[] {
  fastParseStats.fast = 0;
  fastParseStats.library = 0;
  if (!splittable(text)) return libraryParse(text);
  const starts = pieceStarts(text);
  const documents: Document.Parsed[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const fast = fastParsePiece(text, start, end);
    if (fast) {
      fastParseStats.fast += fast.length;
      documents.push(...fast);
      continue;
    }
    const parsed = libraryParsePiece(text, start, end);
    if (isBroken(parsed)) {
      // A broken piece may end differently in the whole text (an unclosed quote runs past the `---`): parse it
      // together with everything after it.
      const rest = libraryParsePiece(text, start, text.length);
      fastParseStats.library += rest.length;
      documents.push(...rest);
      break;
    }
    fastParseStats.library += parsed.length;
    documents.push(...parsed);
  }
  return documents;
}

/**
 * The documents of the pieces `wanted` accepts, each with its index in the file, exactly as parseDocuments gives
 * them; the other pieces are not composed. Used where only a few documents of a big file matter (the kube-apiserver
 * manifests among a cluster dump). Each piece of a splittable text is mostly one document; a broken piece can
 * swallow the ones after it (an unclosed quoted scalar runs on past `---`: the library's lexer checks document
 * markers in plain, block and flow scalars but not in quoted ones), so an unwanted piece with a quote character
 * is checked, and so is one right before a wanted piece (a broken piece's end can give the next document its
 * commentBefore); when any piece is broken, a piece holds two documents (a comment line before `---`: pieceStarts),
 * or the text is not splittable, every document is returned.
 */
export function parseWantedDocuments(
  text: string,
  wanted: (start: number, end: number) => boolean,
): Array<{ index: number; document: Document.Parsed }> {
  const all = () => parseDocuments(text).map((document, index) => ({ index, document }));
  if (!splittable(text)) return all();
  const { starts, joined } = pieces(text);
  if (starts.length < 2 || joined) return all();
  const found: Array<{ index: number; document: Document.Parsed }> = [];
  // The next quote character at or after the current piece, found once per text (pieces come in order).
  let quoteAt = -1;
  // The previous piece was not composed and not checked: when broken, what the library's Composer makes of its end
  // can become the next document's commentBefore (seeded joined file 826 of the fast-parse test).
  let uncheckedBefore = false;
  for (let index = 0; index < starts.length; index++) {
    const start = starts[index]!;
    const end = starts[index + 1] ?? text.length;
    if (wanted(start, end)) {
      if (uncheckedBefore && mayBeBroken(text, starts[index - 1]!, start)) return all();
      const documents = fastParsePiece(text, start, end) ?? libraryParsePiece(text, start, end);
      if (documents.length !== 1 || isBroken(documents)) return all();
      found.push({ index, document: documents[0]! });
      uncheckedBefore = false;
      continue;
    }
    if (quoteAt < start) quoteAt = nextQuote(text, start);
    uncheckedBefore = quoteAt >= end;
    if (!uncheckedBefore && mayBeBroken(text, start, end)) return all();
  }
  return found;
}

function nextQuote(text: string, from: number): number {
  const quote = text.indexOf('"', from);
  const apostrophe = text.indexOf("'", from);
  return Math.min(quote < 0 ? Infinity : quote, apostrophe < 0 ? Infinity : apostrophe);
}

/** Whether a piece with a quote character in it might be broken, and so run on into the next piece. */
function mayBeBroken(text: string, start: number, end: number): boolean {
  try {
    lexAndParse(text, start, end); // the subset's quoted scalars are closed on their line
    return false;
  } catch (error) {
    if (!(error instanceof NotHandled)) throw error;
  }
  return isBroken(libraryParsePiece(text, start, end));
}

/**
 * Whether a piece's documents have an error or a warning, so that its text might run on past its end. A document
 * too deep to parse (tooDeepDocument) does not count: it is reported, and the next piece is parsed on its own.
 */
export function isBroken(documents: readonly Document.Parsed[]): boolean {
  return documents.some((document) => document.warnings.length > 0 || document.errors.some((error) => error.message !== nestingMessage()));
}

/**
 * What stands for the text `text.slice(start, end)` nested past MAX_NESTING_DEPTH (yaml/nesting.ts): an empty
 * document with one error where the limit is crossed, so that one diagnostic says so and no parser or rule
 * recurses into it.
 */
export function tooDeepDocument(start: number, end: number, at: number): Document.Parsed {
  const document = new Document(null, PARSE_OPTIONS) as Document.Parsed;
  document.range = [start, end, end];
  document.errors.push(new YAMLParseError([at, at + 1], 'UNEXPECTED_TOKEN', nestingMessage()));
  return document;
}

/** Whether a parsed document stands for a text too deep to parse. */
export function isTooDeep(document: Document.Parsed): boolean {
  return document.errors.length === 1 && document.errors[0]!.message === nestingMessage();
}

/**
 * The documents of the piece `text.slice(start, end)` (one document, perhaps after comment lines; `end` is the
 * start of the next `---` line or the end of the text), or undefined when the piece is outside the subset or
 * has any error or warning: then the library must parse it.
 */
export function fastParsePiece(text: string, start: number, end: number): Document.Parsed[] | undefined {
  const tooDeepAt = excessiveNesting(text, start, end);
  if (tooDeepAt !== undefined) return [tooDeepDocument(start, end, tooDeepAt)];
  try {
    // Our CST is the library's CST; compose.ts is a port of the library's composer for the subset, which leaves
    // anything the library would report to the library (fast/README.md gives the figures that keep it).
    const documents = composeDocuments(lexAndParse(text, start, end), composeCaches);
    return isBroken(documents) ? undefined : documents;
  } catch {
    // NotHandled, or a failure on our CST: the library's own path decides (and is guarded).
    return undefined;
  }
}

function libraryParse(text: string): Document.Parsed[] {
  const tooDeepAt = excessiveNesting(text);
  if (tooDeepAt !== undefined) return [tooDeepDocument(0, text.length, tooDeepAt)];
  let documents: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, PARSE_OPTIONS);
    documents = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    documents = [failedDocument(0, text.length, error)];
  }
  fastParseStats.library = documents.length;
  return documents;
}

/**
 * What stands for a text the yaml library itself fails on (found by the fuzzer: nesting shapes the depth scan does
 * not count overflow its recursive parser; it refuses some merge keys by throwing): an empty document with one
 * error, as for a text too deep to parse, so one diagnostic says so and nothing throws out of the service.
 */
function failedDocument(start: number, end: number, error: unknown): Document.Parsed {
  if (error instanceof RangeError) return tooDeepDocument(start, end, start);
  const document = new Document(null, PARSE_OPTIONS) as Document.Parsed;
  document.range = [start, end, end];
  document.errors.push(
    new YAMLParseError(
      [start, start + 1],
      'UNEXPECTED_TOKEN',
      `the YAML parser failed: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  return document;
}

/**
 * The library's parse of one piece: its text runs on into the next `---` line (and the character after it) so the
 * lexer ends the last document exactly as in the whole text; the document that `---` starts is dropped.
 */
export function libraryParsePiece(text: string, start: number, end: number): Document.Parsed[] {
  const tooDeepAt = excessiveNesting(text, start, end);
  if (tooDeepAt !== undefined) return [tooDeepDocument(start, end, tooDeepAt)];
  const parser = new Parser();
  parser.offset = start;
  const pieceText = text.slice(start, end === text.length ? end : end + 4);
  try {
    return Array.from(new Composer(PARSE_OPTIONS).compose(parser.parse(pieceText))).filter((document) => document.range[0] < end);
  } catch (error) {
    return [failedDocument(start, end, error)];
  }
}

/**
 * Whether the text can be parsed one `---` piece at a time (fast/README.md): not with a byte-order mark, JSON,
 * `%` directives or `...` document-end markers. incrementalParse.ts splits on the same rule.
 */
export function splittable(text: string): boolean {
  return !text.startsWith('\uFEFF') && !/^\s*\{/.test(text) && !NOT_SPLITTABLE.test(text);
}

/**
 * Where each piece starts: 0 and every document-start line, except one whose last non-blank line before it is a
 * comment line, and a leading comments-only piece joined to the next. Comment lines that end a document go to the
 * library's composer as the next document's `commentBefore` (Composer's prelude): the two documents are parsed
 * together so that they do (seeded variant 1807 of the fast-parse test, on a real RKE2 config).
 */
export function pieceStarts(text: string): number[] {
  return pieces(text).starts;
}

/** pieceStarts, and whether a piece holds more than one document (a document-start line after a comment line). */
function pieces(text: string): { starts: number[]; joined: boolean } {
  const starts = [0];
  let joined = false;
  for (let at = text.startsWith('---') ? text.indexOf('\n---', 3) : text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 4)) {
    const after = text.charCodeAt(at + 4);
    if (Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10) {
      if (!lastLineIsComment(text, starts[starts.length - 1]!, at)) starts.push(at + 1);
      // Two documents in one piece, unless the first piece is only comments (no document of its own).
      else if (starts.length > 1 || text.startsWith('---') || !commentsOnly(text.slice(0, at))) joined = true;
    }
  }
  // Comments before the first `---` are not a document of their own: the library attaches them to the next one.
  if (starts.length > 1 && commentsOnly(text.slice(0, starts[1]))) starts.splice(1, 1);
  return { starts, joined };
}

const commentsOnly = (text: string) => text.split('\n').every((line) => COMMENT_OR_BLANK_LINE.test(line));
