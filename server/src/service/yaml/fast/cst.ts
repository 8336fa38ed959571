/**
 * The parser half of the fast path (parse.ts): builds exactly the concrete syntax tree (CST) that the `yaml`
 * library's Parser builds, from the lexemes lex.ts feeds it, so that composing it (compose.ts, a port of
 * the library's composer) gives the library's documents. It exists for speed: the library's lexer and parser are
 * generator-based and were ~80% of validating a large manifest file.
 *
 * A synchronous port of the paths of yaml 2.x `parse/parser.js` (Parser.next, step, pop, stream, document, scalar,
 * blockMap, blockSequence, flowCollection, startBlockValue, lineEnd) that the subset reaches. Any path not ported
 * throws NotHandled and the caller parses that text with the library. test/unit/service/fast-parse*.test.ts compare
 * both CSTs token by token.
 */
import type { CST } from 'yaml';

/** Thrown when the text is outside the subset: the caller falls back to the full `yaml` parser. */
export class NotHandled extends Error {}

type SourceTokenType = CST.SourceToken['type'];
type FlowScalarType = 'scalar' | 'single-quoted-scalar' | 'double-quoted-scalar';
interface SourceToken {
  type: SourceTokenType;
  offset: number;
  indent: number;
  source: string;
}
interface FlowScalar {
  type: FlowScalarType;
  offset: number;
  indent: number;
  source: string;
  end?: SourceToken[];
}
interface BlockItem {
  start: SourceToken[];
  key?: Token | null;
  sep?: SourceToken[];
  value?: Token;
}
interface BlockMap {
  type: 'block-map';
  offset: number;
  indent: number;
  items: BlockItem[];
}
interface BlockSeq {
  type: 'block-seq';
  offset: number;
  indent: number;
  items: BlockItem[];
}
interface FlowCollection {
  type: 'flow-collection';
  offset: number;
  indent: number;
  start: SourceToken;
  items: BlockItem[];
  end: SourceToken[];
}
interface DocumentToken {
  type: 'document';
  offset: number;
  start: SourceToken[];
  value?: Token;
  end?: SourceToken[];
}
type Token = FlowScalar | BlockMap | BlockSeq | FlowCollection | DocumentToken | SourceToken;

const notHandled = (why: string): never => {
  throw new NotHandled(why);
};

function includesToken(list: SourceToken[], type: SourceTokenType): boolean {
  for (const token of list) if (token.type === type) return true;
  return false;
}

/** Index of the first token that is not space, comment or newline; -1 if none. */
function findNonEmptyIndex(list: SourceToken[]): number {
  for (let i = 0; i < list.length; ++i) {
    const type = list[i]!.type;
    if (type !== 'space' && type !== 'comment' && type !== 'newline') return i;
  }
  return -1;
}

function getPrevProps(parent: Token): SourceToken[] {
  switch (parent.type) {
    case 'document':
      return parent.start;
    case 'block-map': {
      const it = parent.items[parent.items.length - 1]!;
      return it.sep ?? it.start;
    }
    case 'block-seq':
      return parent.items[parent.items.length - 1]!.start;
    default:
      return [];
  }
}

function getFirstKeyStartProps(prev: SourceToken[]): SourceToken[] {
  if (prev.length === 0) return [];
  let i = prev.length;
  loop: while (--i >= 0) {
    switch (prev[i]!.type) {
      case 'doc-start':
      case 'explicit-key-ind':
      case 'map-value-ind':
      case 'seq-item-ind':
      case 'newline':
        break loop;
    }
  }
  while (prev[++i]?.type === 'space') {
    /* skip */
  }
  return prev.splice(i, prev.length);
}

function isFlowToken(token: Token | null | undefined): boolean {
  const type = token?.type;
  return type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar' || type === 'flow-collection';
}

function fixFlowSeqItems(fc: FlowCollection): void {
  if (fc.start.type !== 'flow-seq-start') return;
  for (const it of fc.items) {
    if (it.sep && !it.value && !includesToken(it.start, 'explicit-key-ind') && !includesToken(it.sep, 'map-value-ind')) {
      if (it.key) it.value = it.key;
      delete it.key;
      if (isFlowToken(it.value)) {
        const value = it.value as FlowScalar;
        if (value.end) value.end.push(...it.sep);
        else value.end = it.sep;
      } else it.start.push(...it.sep);
      delete it.sep;
    }
  }
}

/** The library's Parser, without generators, for the token types the subset lexer emits. */
class CstParser {
  readonly output: Token[] = [];
  private readonly stack: Token[] = [];
  private atNewLine = true;
  private indent = 0;
  private onKeyLine = false;
  offset: number;
  private type: SourceTokenType | FlowScalarType = 'newline';
  private source = '';

  constructor(offset: number) {
    this.offset = offset;
  }

  /** Parser.next for one lexeme whose type is known. */
  next(type: SourceTokenType | FlowScalarType, source: string): void {
    this.source = source;
    this.type = type;
    if (type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
      // The library's lexer marks plain scalars with a control token first; both kinds clear atNewLine.
      this.atNewLine = false;
      this.step();
      this.offset += source.length;
      return;
    }
    this.step();
    switch (type) {
      case 'newline':
        this.atNewLine = true;
        this.indent = 0;
        break;
      case 'space':
        if (this.atNewLine && source[0] === ' ') this.indent += source.length;
        break;
      case 'explicit-key-ind':
      case 'map-value-ind':
      case 'seq-item-ind':
        if (this.atNewLine) this.indent += source.length;
        break;
      case 'doc-mode':
        return;
      default:
        this.atNewLine = false;
    }
    this.offset += source.length;
  }

  end(): void {
    while (this.stack.length > 0) this.pop();
  }

  private get sourceToken(): SourceToken {
    return { type: this.type as SourceTokenType, offset: this.offset, indent: this.indent, source: this.source };
  }

  private peek(n: number): Token | undefined {
    return this.stack[this.stack.length - n];
  }

  private step(): void {
    const top = this.peek(1);
    if (!top) return this.stream();
    switch (top.type) {
      case 'document':
        return this.document(top);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.scalar(top);
      case 'block-map':
        return this.blockMap(top);
      case 'block-seq':
        return this.blockSequence(top);
      case 'flow-collection':
        return this.flowCollection(top);
    }
    notHandled(`parser state ${top.type}`);
  }

  private pop(): void {
    const token = this.stack.pop();
    if (!token) return notHandled('empty parser stack');
    if (this.stack.length === 0) {
      this.output.push(token);
      return;
    }
    const top = this.peek(1)!;
    if (token.type === 'flow-collection') {
      if (top.type === 'document') token.indent = 0;
      fixFlowSeqItems(token);
    }
    switch (top.type) {
      case 'document':
        top.value = token;
        break;
      case 'block-map': {
        const it = top.items[top.items.length - 1]!;
        if (it.value) {
          top.items.push({ start: [], key: token, sep: [] });
          this.onKeyLine = true;
          return;
        } else if (it.sep) {
          it.value = token;
        } else {
          Object.assign(it, { key: token, sep: [] });
          this.onKeyLine = true;
          return;
        }
        break;
      }
      case 'block-seq': {
        const it = top.items[top.items.length - 1]!;
        if (it.value) top.items.push({ start: [], value: token });
        else it.value = token;
        break;
      }
      case 'flow-collection': {
        const it = top.items[top.items.length - 1];
        if (!it || it.value) top.items.push({ start: [], key: token, sep: [] });
        else if (it.sep) it.value = token;
        else Object.assign(it, { key: token, sep: [] });
        return;
      }
      default:
        notHandled(`pop into ${top.type}`);
    }
    if (
      (top.type === 'document' || top.type === 'block-map' || top.type === 'block-seq') &&
      (token.type === 'block-map' || token.type === 'block-seq')
    ) {
      const last = token.items[token.items.length - 1];
      if (
        last &&
        !last.sep &&
        !last.value &&
        last.start.length > 0 &&
        findNonEmptyIndex(last.start) === -1 &&
        (token.indent === 0 || last.start.every((st) => st.type !== 'comment' || st.indent < token.indent))
      ) {
        if (top.type === 'document') top.end = last.start;
        else top.items.push({ start: last.start });
        token.items.splice(-1, 1);
      }
    }
  }

  private stream(): void {
    switch (this.type) {
      case 'space':
      case 'comment':
      case 'newline':
        this.output.push(this.sourceToken);
        return;
      case 'doc-mode':
      case 'doc-start': {
        const doc: DocumentToken = { type: 'document', offset: this.offset, start: [] };
        if (this.type === 'doc-start') doc.start.push(this.sourceToken);
        this.stack.push(doc);
        return;
      }
    }
    notHandled(`${this.type} in the stream`);
  }

  private document(doc: DocumentToken): void {
    if (doc.value) return this.lineEnd(doc);
    switch (this.type) {
      case 'doc-start':
        if (findNonEmptyIndex(doc.start) !== -1) return notHandled('second document in one piece');
        doc.start.push(this.sourceToken);
        return;
      case 'space':
      case 'comment':
      case 'newline':
        doc.start.push(this.sourceToken);
        return;
    }
    const bv = this.startBlockValue(doc);
    if (!bv) return notHandled(`${this.type} in a document`);
    this.stack.push(bv);
  }

  private scalar(scalar: FlowScalar): void {
    if (this.type === 'map-value-ind') {
      const prev = getPrevProps(this.peek(2)!);
      const start = getFirstKeyStartProps(prev);
      let sep: SourceToken[];
      if (scalar.end) {
        sep = scalar.end;
        sep.push(this.sourceToken);
        delete scalar.end;
      } else sep = [this.sourceToken];
      const map: BlockMap = { type: 'block-map', offset: scalar.offset, indent: scalar.indent, items: [{ start, key: scalar, sep }] };
      this.onKeyLine = true;
      this.stack[this.stack.length - 1] = map;
    } else this.lineEnd(scalar);
  }

  private blockMap(map: BlockMap): void {
    const it = map.items[map.items.length - 1]!;
    switch (this.type) {
      case 'newline':
        this.onKeyLine = false;
        if (it.value) {
          const end = 'end' in it.value ? (it.value.end as SourceToken[] | undefined) : undefined;
          const last = Array.isArray(end) ? end[end.length - 1] : undefined;
          if (last?.type === 'comment') end!.push(this.sourceToken);
          else map.items.push({ start: [this.sourceToken] });
        } else if (it.sep) it.sep.push(this.sourceToken);
        else it.start.push(this.sourceToken);
        return;
      case 'space':
      case 'comment':
        if (it.value) map.items.push({ start: [this.sourceToken] });
        else if (it.sep) it.sep.push(this.sourceToken);
        else {
          if (this.atIndentedComment(it.start, map.indent)) {
            const prev = map.items[map.items.length - 2];
            const end = prev?.value && 'end' in prev.value ? (prev.value.end as SourceToken[] | undefined) : undefined;
            if (Array.isArray(end)) {
              end.push(...it.start, this.sourceToken);
              map.items.pop();
              return;
            }
          }
          it.start.push(this.sourceToken);
        }
        return;
    }
    if (this.indent >= map.indent) {
      const atMapIndent = !this.onKeyLine && this.indent === map.indent;
      const atNextItem = atMapIndent && it.sep !== undefined && this.type !== 'seq-item-ind';
      let start: SourceToken[] = [];
      if (atNextItem && it.sep && !it.value) {
        const nl: number[] = [];
        for (let i = 0; i < it.sep.length; ++i) {
          const st = it.sep[i]!;
          switch (st.type) {
            case 'newline':
              nl.push(i);
              break;
            case 'space':
              break;
            case 'comment':
              if (st.indent > map.indent) nl.length = 0;
              break;
            default:
              nl.length = 0;
          }
        }
        if (nl.length >= 2) start = it.sep.splice(nl[1]!);
      }
      switch (this.type) {
        case 'map-value-ind':
          if (!it.sep) Object.assign(it, { key: null, sep: [this.sourceToken] });
          else if (it.value || atNextItem) map.items.push({ start, key: null, sep: [this.sourceToken] });
          else if (includesToken(it.sep, 'map-value-ind')) {
            this.stack.push({
              type: 'block-map',
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [], key: null, sep: [this.sourceToken] }],
            });
          } else it.sep.push(this.sourceToken);
          this.onKeyLine = true;
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const fs = this.flowScalar(this.type);
          if (atNextItem || it.value) {
            map.items.push({ start, key: fs, sep: [] });
            this.onKeyLine = true;
          } else if (it.sep) this.stack.push(fs);
          else {
            Object.assign(it, { key: fs, sep: [] });
            this.onKeyLine = true;
          }
          return;
        }
        default: {
          const bv = this.startBlockValue(map);
          if (bv) {
            if (bv.type === 'block-seq') {
              if (it.sep && !includesToken(it.sep, 'newline')) return notHandled('block sequence on the line of its key');
            } else if (atMapIndent) map.items.push({ start });
            this.stack.push(bv);
            return;
          }
        }
      }
    }
    this.pop();
    this.step();
  }

  private blockSequence(seq: BlockSeq): void {
    const it = seq.items[seq.items.length - 1]!;
    switch (this.type) {
      case 'newline':
        if (it.value) {
          const end = 'end' in it.value ? (it.value.end as SourceToken[] | undefined) : undefined;
          const last = Array.isArray(end) ? end[end.length - 1] : undefined;
          if (last?.type === 'comment') end!.push(this.sourceToken);
          else seq.items.push({ start: [this.sourceToken] });
        } else it.start.push(this.sourceToken);
        return;
      case 'space':
      case 'comment':
        if (it.value) seq.items.push({ start: [this.sourceToken] });
        else {
          if (this.atIndentedComment(it.start, seq.indent)) {
            const prev = seq.items[seq.items.length - 2];
            const end = prev?.value && 'end' in prev.value ? (prev.value.end as SourceToken[] | undefined) : undefined;
            if (Array.isArray(end)) {
              end.push(...it.start, this.sourceToken);
              seq.items.pop();
              return;
            }
          }
          it.start.push(this.sourceToken);
        }
        return;
      case 'seq-item-ind':
        if (this.indent !== seq.indent) break;
        if (it.value || includesToken(it.start, 'seq-item-ind')) seq.items.push({ start: [this.sourceToken] });
        else it.start.push(this.sourceToken);
        return;
    }
    if (this.indent > seq.indent) {
      const bv = this.startBlockValue(seq);
      if (bv) {
        this.stack.push(bv);
        return;
      }
    }
    this.pop();
    this.step();
  }

  private flowCollection(fc: FlowCollection): void {
    const it = fc.items[fc.items.length - 1];
    if (fc.end.length === 0) {
      switch (this.type) {
        case 'comma':
          if (!it || it.sep) fc.items.push({ start: [this.sourceToken] });
          else it.start.push(this.sourceToken);
          return;
        case 'map-value-ind':
          if (!it || it.value) fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
          else if (it.sep) it.sep.push(this.sourceToken);
          else Object.assign(it, { key: null, sep: [this.sourceToken] });
          return;
        case 'space':
        case 'comment':
        case 'newline':
          if (!it || it.value) fc.items.push({ start: [this.sourceToken] });
          else if (it.sep) it.sep.push(this.sourceToken);
          else it.start.push(this.sourceToken);
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const fs = this.flowScalar(this.type);
          if (!it || it.value) fc.items.push({ start: [], key: fs, sep: [] });
          else if (it.sep) this.stack.push(fs);
          else Object.assign(it, { key: fs, sep: [] });
          return;
        }
        case 'flow-map-end':
        case 'flow-seq-end':
          fc.end.push(this.sourceToken);
          return;
      }
      return notHandled(`${this.type} in a flow collection`);
    }
    const parent = this.peek(2)!;
    if (
      parent.type === 'block-map' &&
      ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
        (this.type === 'newline' && !parent.items[parent.items.length - 1]!.sep))
    ) {
      this.pop();
      this.step();
    } else if (this.type === 'map-value-ind' && parent.type !== 'flow-collection') {
      notHandled('flow collection as a mapping key');
    } else this.lineEnd(fc);
  }

  private flowScalar(type: FlowScalarType): FlowScalar {
    return { type, offset: this.offset, indent: this.indent, source: this.source };
  }

  private startBlockValue(parent: Token): Token | null {
    switch (this.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.flowScalar(this.type);
      case 'flow-map-start':
      case 'flow-seq-start':
        return { type: 'flow-collection', offset: this.offset, indent: this.indent, start: this.sourceToken, items: [], end: [] };
      case 'seq-item-ind':
        return { type: 'block-seq', offset: this.offset, indent: this.indent, items: [{ start: [this.sourceToken] }] };
      case 'map-value-ind': {
        this.onKeyLine = true;
        const start = getFirstKeyStartProps(getPrevProps(parent));
        return { type: 'block-map', offset: this.offset, indent: this.indent, items: [{ start, key: null, sep: [this.sourceToken] }] };
      }
    }
    return null;
  }

  private atIndentedComment(start: SourceToken[], indent: number): boolean {
    if (this.type !== 'comment') return false;
    if (this.indent <= indent) return false;
    return start.every((st) => st.type === 'newline' || st.type === 'space');
  }

  private lineEnd(token: FlowScalar | FlowCollection | DocumentToken): void {
    switch (this.type) {
      case 'comma':
      case 'doc-start':
      case 'flow-seq-end':
      case 'flow-map-end':
      case 'map-value-ind':
        this.pop();
        this.step();
        break;
      default:
        // A newline, space or comment ends the line of the token (anything else would be an error, not handled).
        if (this.type === 'newline') this.onKeyLine = false;
        if (token.end) token.end.push(this.sourceToken);
        else token.end = [this.sourceToken];
        if (this.type === 'newline') this.pop();
    }
  }
}

export { CstParser };
export type { Token as CstToken };
