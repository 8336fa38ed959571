/**
 * The lexer half of the fast path (parse.ts): reads the text of one YAML document line by line and feeds the
 * CST parser port (cst.ts) the same lexemes, with the same boundaries, that the `yaml` library's Lexer
 * (yaml 2.x `parse/lexer.js`) would, for the subset Kubernetes manifests are written in:
 *   - block mappings and sequences (`key: value`, `- item`, `- key: value`), comments, blank lines;
 *   - one-line plain, single-quoted and double-quoted scalars;
 *   - one-line flow collections without nesting or comments (`[a, "b"]`, `{}`, `{a: b}`);
 *   - a leading `---` line (nothing but a comment after it) and comment lines before it.
 * Everything else throws NotHandled: anchors, aliases, tags, block scalars, explicit keys, directives, `...`,
 * tabs, carriage returns and other control characters, multi-line scalars, a value more indented than its
 * collection on the next line (a continuation or an error), several documents, a scalar as the whole document.
 */
import { CstParser, NotHandled, type CstToken } from './cst';

/** Characters that never appear in a handled document: tabs, CR, other C0 controls, a byte-order mark. */
const UNHANDLED_CHARACTERS = /[\x00-\x09\x0b-\x1f\ufeff]/;
/** First characters of a node that the subset leaves to the library (YAML c-indicator minus what we lex). */
const UNHANDLED_NODE_START = new Set(['?', ':', ',', ']', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`']);

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

const notHandled = (why: string): never => {
  throw new NotHandled(why);
};

/** Whether the last non-blank line of `text.slice(from, to)` starts (after blanks) with `#`. */
export function lastLineIsComment(text: string, from: number, to: number): boolean {
  let last = to - 1;
  for (let c = text.charCodeAt(last); last >= from && (c === 32 || c === 9 || c === 13 || c === 10); c = text.charCodeAt(--last));
  if (last < from) return false;
  let first = Math.max(from, text.lastIndexOf('\n', last) + 1);
  for (let c = text.charCodeAt(first); c === 32 || c === 9; c = text.charCodeAt(++first));
  return text.charCodeAt(first) === 35; // #
}

/**
 * The CST tokens of `text.slice(start, end)` (one document, possibly preceded by comment lines), with offsets
 * counted from the start of `text`. Throws NotHandled outside the subset.
 */
export function lexAndParse(text: string, start: number, end: number): CstToken[] {
  const piece = text.slice(start, end);
  if (UNHANDLED_CHARACTERS.test(piece)) notHandled('control character, tab or byte-order mark');
  // A comment line ending a piece that a `---` line follows: after a key with no value the library's CST keeps a
  // newline token there that this lexer does not (found by the seeded variants on a real kind config).
  if (end < text.length && lastLineIsComment(text, start, end)) notHandled('a comment line right before ---');
  return new LineLexer(text, end, new CstParser(start)).run(start);
}

class LineLexer {
  private inDocument = false;
  /** Indentation of the collection that holds the value ending the previous content line; -1: no such value. */
  private valueCollectionIndent = -1;

  constructor(
    private readonly text: string,
    private readonly end: number,
    private readonly parser: CstParser,
  ) {}

  run(from: number): CstToken[] {
    let lineStart = from;
    while (lineStart < this.end) {
      const newline = this.text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline >= this.end ? this.end : newline;
      this.line(lineStart, lineEnd);
      if (lineEnd < this.end) this.parser.next('newline', '\n');
      lineStart = lineEnd + 1;
    }
    this.parser.end();
    return this.parser.output;
  }

  private emit(type: Parameters<CstParser['next']>[0], from: number, to: number): void {
    this.parser.next(type, this.text.slice(from, to));
  }

  private line(lineStart: number, lineEnd: number): void {
    const text = this.text;
    let at = lineStart;
    while (at < lineEnd && text.charCodeAt(at) === SPACE) at++;
    const blankOrComment = at === lineEnd || text.charCodeAt(at) === HASH;
    if (blankOrComment) {
      if (at > lineStart) this.emit('space', lineStart, at);
      if (at < lineEnd) this.emit('comment', at, lineEnd);
      return;
    }
    if (at === lineStart && text.startsWith('---', at) && (at + 3 === lineEnd || text.charCodeAt(at + 3) === SPACE)) {
      if (this.inDocument) notHandled('a second document');
      this.inDocument = true;
      this.emit('doc-start', at, at + 3);
      this.trailer(at + 3, lineEnd, 'after ---');
      return;
    }
    if (at === lineStart && (text.startsWith('...', at) || text.charCodeAt(at) === 37) /* % */)
      notHandled('document end marker or directive');
    if (this.valueCollectionIndent >= 0 && at - lineStart > this.valueCollectionIndent)
      notHandled('a line more indented than the value before it');
    this.valueCollectionIndent = -1;
    if (!this.inDocument) {
      if (at > lineStart) notHandled('an indented first line');
      this.inDocument = true;
      this.parser.next('doc-mode', '');
    }
    if (at > lineStart) this.emit('space', lineStart, at);
    this.content(at, lineStart, lineEnd);
  }

  /** Spaces and an optional comment up to the end of the line; anything else is outside the subset. */
  private trailer(from: number, lineEnd: number, where: string): void {
    let at = from;
    while (at < lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    if (at === lineEnd) {
      if (at > from) this.emit('space', from, at);
      return;
    }
    if (this.text.charCodeAt(at) !== HASH || at === from) notHandled(`content ${where}`);
    this.emit('space', from, at);
    this.emit('comment', at, lineEnd);
  }

  /** The content of a line from its first non-space character. */
  private content(from: number, lineStart: number, lineEnd: number): void {
    const text = this.text;
    let at = from;
    let collectionIndent = -1;
    let afterKey = false;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === DASH && (at + 1 === lineEnd || text.charCodeAt(at + 1) === SPACE)) {
        if (afterKey) notHandled('block sequence on the line of its key');
        collectionIndent = at - lineStart;
        this.emit('seq-item-ind', at, at + 1);
        at = this.spaces(at + 1, lineEnd);
        if (at === lineEnd || text.charCodeAt(at) === HASH) {
          if (at < lineEnd) this.emit('comment', at, lineEnd);
          return;
        }
        continue;
      }
      const char = text[at]!;
      if (UNHANDLED_NODE_START.has(char)) notHandled(`node starting with ${char}`);
      if (char === '[' || char === '{') {
        if (!afterKey && collectionIndent < 0) notHandled('flow collection as a document or key');
        at = this.flowCollection(at, lineEnd);
        this.valueEnd(at, lineEnd, collectionIndent);
        return;
      }
      let scalarEnd: number;
      let type: 'scalar' | 'single-quoted-scalar' | 'double-quoted-scalar';
      if (char === '"' || char === "'") {
        scalarEnd = quotedEnd(text, at, lineEnd);
        type = char === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
      } else {
        scalarEnd = plainEnd(text, at, lineEnd);
        type = 'scalar';
      }
      let after = scalarEnd;
      while (after < lineEnd && text.charCodeAt(after) === SPACE) after++;
      const isKey = after < lineEnd && text.charCodeAt(after) === COLON && (after + 1 === lineEnd || text.charCodeAt(after + 1) === SPACE);
      if (!isKey) {
        if (!afterKey && collectionIndent < 0) notHandled('a scalar line without a key');
        this.emit(type, at, scalarEnd);
        this.valueEnd(scalarEnd, lineEnd, collectionIndent);
        return;
      }
      if (afterKey) notHandled('a mapping on the line of its key');
      if (after > scalarEnd) notHandled('space before the : of a key');
      collectionIndent = at - lineStart;
      this.emit(type, at, scalarEnd);
      this.emit('map-value-ind', after, after + 1);
      afterKey = true;
      at = this.spaces(after + 1, lineEnd);
      if (at === lineEnd || text.charCodeAt(at) === HASH) {
        if (at < lineEnd) this.emit('comment', at, lineEnd);
        return;
      }
    }
  }

  /** After a value on a line: spaces and a comment only; the next content line must not be more indented. */
  private valueEnd(from: number, lineEnd: number, collectionIndent: number): void {
    this.trailer(from, lineEnd, 'after a value');
    this.valueCollectionIndent = collectionIndent;
  }

  private spaces(from: number, lineEnd: number): number {
    let at = from;
    while (at < lineEnd && this.text.charCodeAt(at) === SPACE) at++;
    if (at > from) this.emit('space', from, at);
    return at;
  }

  /** A one-line flow collection of scalars, `[a, b]` or `{a: b, c: d}`; returns the offset after its closing bracket. */
  private flowCollection(from: number, lineEnd: number): number {
    const text = this.text;
    const isMap = text[from] === '{';
    const close = isMap ? '}' : ']';
    this.emit(isMap ? 'flow-map-start' : 'flow-seq-start', from, from + 1);
    let at = this.spaces(from + 1, lineEnd);
    let expectItem = true;
    let sawKey = false;
    for (;;) {
      if (at >= lineEnd) notHandled('flow collection over several lines');
      const char = text[at]!;
      if (char === close) {
        this.emit(isMap ? 'flow-map-end' : 'flow-seq-end', at, at + 1);
        return at + 1;
      }
      if (char === ',') {
        if (expectItem) notHandled('empty flow item');
        this.emit('comma', at, at + 1);
        expectItem = true;
        sawKey = false;
        at = this.spaces(at + 1, lineEnd);
        continue;
      }
      if (char === ':' && isMap && !expectItem && !sawKey && at + 1 < lineEnd && text.charCodeAt(at + 1) === SPACE) {
        this.emit('map-value-ind', at, at + 1);
        sawKey = true;
        expectItem = true;
        at = this.spaces(at + 1, lineEnd);
        continue;
      }
      if (!expectItem) notHandled(`${char} after a flow item`);
      let scalarEnd: number;
      if (char === '"' || char === "'") {
        scalarEnd = quotedEnd(text, at, lineEnd);
        this.emit(char === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar', at, scalarEnd);
      } else {
        if (UNHANDLED_NODE_START.has(char) || char === '[' || char === '{' || (char === '-' && text.charCodeAt(at + 1) === SPACE))
          notHandled(`${char} in a flow collection`);
        scalarEnd = flowPlainEnd(text, at, lineEnd);
        this.emit('scalar', at, scalarEnd);
      }
      if (isMap && !sawKey && text[scalarEnd] !== ':') notHandled('flow map entry without a value');
      expectItem = false;
      at = this.spaces(scalarEnd, lineEnd);
    }
  }
}

/** End of a one-line quoted scalar starting at `from` (after its closing quote). */
function quotedEnd(text: string, from: number, lineEnd: number): number {
  const quote = text[from];
  for (let at = from + 1; at < lineEnd; at++) {
    const char = text[at];
    if (quote === '"' && char === '\\') {
      at++;
      continue;
    }
    if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") {
        at++;
        continue;
      }
      return at + 1;
    }
  }
  return notHandled('quoted scalar over several lines');
}

/** End of a plain scalar in block context: before `: `, ` #` or trailing spaces at the end of the line. */
function plainEnd(text: string, from: number, lineEnd: number): number {
  let end = from + 1;
  for (let at = from + 1; at < lineEnd; at++) {
    const code = text.charCodeAt(at);
    if (code === SPACE) {
      if (text.charCodeAt(at + 1) === HASH) break;
      continue;
    }
    if (code === COLON && (at + 1 === lineEnd || text.charCodeAt(at + 1) === SPACE)) break;
    end = at + 1;
  }
  return end;
}

/** End of a plain scalar in a flow collection: also before `,`, `[`, `]`, `{`, `}` and `:` followed by one of those. */
function flowPlainEnd(text: string, from: number, lineEnd: number): number {
  let end = from;
  for (let at = from; at < lineEnd; at++) {
    const char = text[at]!;
    if (char === ' ') {
      if (text[at + 1] === '#') notHandled('comment in a flow collection');
      continue;
    }
    if (char === ',' || char === '[' || char === ']' || char === '{' || char === '}') break;
    if (char === ':' && (at + 1 === lineEnd || ' ,[]{}'.includes(text[at + 1]!))) break;
    if (char === '#' && at > from && text[at - 1] === ' ') notHandled('comment in a flow collection');
    end = at + 1;
  }
  if (end === from) notHandled('empty flow scalar');
  return end;
}
