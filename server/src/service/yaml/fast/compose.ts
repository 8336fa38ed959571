/**
 * The composing half of the fast path (parse.ts): turns the CST that lex.ts + cst.ts build into the
 * `yaml` library's Document, YAMLMap, YAMLSeq, Pair and Scalar objects. A synchronous port of the paths of yaml 2.x
 * `compose/` (Composer.next/end/decorate, composeDoc, composeNode, composeEmptyNode, composeScalar, resolveBlockMap,
 * resolveBlockSeq, resolveFlowCollection, resolveProps, resolveEnd, resolveFlowScalar) that the subset reaches, with
 * two differences that do not change any result: every place the library would report an error or a warning
 * throws NotHandled instead (the piece then goes to the library, which reports it), and the schema tag a plain
 * scalar resolves to is remembered per text (the library tests ~15 regular expressions per scalar).
 * test/unit/service/fast-parse*.test.ts compare the documents with parseAllDocuments node by node.
 */
import {
  Composer,
  Document,
  isCollection,
  isPair,
  isScalar,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type DocumentOptions,
  type ParsedNode,
} from 'yaml';
import { NotHandled, type CstToken } from './cst';
import { PARSE_OPTIONS } from '../parseOptions';

/** The options parse.ts parses with (here so that neither module imports the other; a test checks they agree). */
export { PARSE_OPTIONS as FAST_PARSE_OPTIONS };

type Token = CstToken & { type: string };
interface SourceToken {
  type: string;
  offset: number;
  indent: number;
  source: string;
}
interface Item {
  start: SourceToken[];
  key?: Token | null;
  sep?: SourceToken[];
  value?: Token;
}
interface Props {
  comma: SourceToken | null;
  found: SourceToken | null;
  spaceBefore: boolean;
  comment: string;
  hasNewline: boolean;
  end: number;
  start: number;
}
/** A scalar tag of the schema, as far as composing reads it. */
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}
interface Context {
  atKey: boolean;
  atRoot: boolean;
  document: Document.Parsed;
  tags: ScalarTag[];
  stringTag: ScalarTag;
  /** Plain scalar text → the tag it resolves to, for values and for keys (where `<<` is the merge key). */
  tagCache: Map<string, ScalarTag>;
  keyTagCache: Map<string, ScalarTag>;
  /** ComposeCaches.stringsByFirstCharacter. */
  stringsByFirstCharacter: boolean;
}

const fail = (why: string): never => {
  throw new NotHandled(why);
};

/** The documents of one piece's CST, as `new Composer(PARSE_OPTIONS).compose(tokens)` gives them. */
export function composeDocuments(tokens: readonly CstToken[], caches: ComposeCaches): Document.Parsed[] {
  const directives = (new Composer(PARSE_OPTIONS) as unknown as { directives: unknown }).directives;
  const documents: Document.Parsed[] = [];
  let prelude: string[] = [];
  for (const token of tokens as Token[]) {
    switch (token.type) {
      case 'document': {
        const document = composeDoc(
          directives,
          token as Token & { offset: number; start: SourceToken[]; value?: Token; end?: SourceToken[] },
          caches,
        );
        decorate(document, prelude);
        prelude = [];
        documents.push(document);
        break;
      }
      case 'space':
        break;
      case 'comment':
      case 'newline':
        prelude.push((token as SourceToken).source);
        break;
      default:
        fail(`${token.type} in the stream`);
    }
  }
  return documents;
}

/** What plain scalars resolve to, for the tags of one schema (checked against each document's), bounded in size. */
/** Bounds on the plain-scalar tag caches, which live as long as the server: at most ~50,000 × 80 characters. */
const MAX_CACHED_SCALARS = 50000;
const MAX_CACHED_SCALAR = 80;

/**
 * The tests of the YAML 1.1 schema's implicit tags in yaml 2.9.1 (null, bool, int, float, timestamp, merge): a plain
 * scalar that none can match is a string. Every text they match starts with one of IMPLICIT_FIRST, and after a sign
 * comes a digit, `.`, `e` or `E`; so a scalar starting otherwise is a string without testing ~15 expressions. Used
 * only when the schema's tests are exactly these (a yaml upgrade that changes one turns it off).
 */
const IMPLICIT_TESTS = new Set([
  String.raw`^(?:~|[Nn]ull|NULL)?$`,
  String.raw`^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$`,
  String.raw`^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$`,
  String.raw`^[-+]?0b[0-1_]+$`,
  String.raw`^[-+]?0[0-7_]+$`,
  String.raw`^[-+]?[0-9][0-9_]*$`,
  String.raw`^[-+]?0x[0-9a-fA-F_]+$`,
  String.raw`^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$`,
  String.raw`^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$`,
  String.raw`^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$`,
  String.raw`^<<$`,
  String.raw`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$`,
  String.raw`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$`,
  String.raw`^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$`,
]);
const IMPLICIT_FIRST = /^[~NnYyTtOoFf0-9.eE<]|^[-+](?:[0-9.eE]|$)/;

/** The implicit tags' tests are the ones IMPLICIT_FIRST was read from. */
export function implicitTestsKnown(tags: readonly ScalarTag[]): boolean {
  return tags.every((tag) => !tag.test || !(tag.default === true || tag.default === 'key') || IMPLICIT_TESTS.has(tag.test.source));
}

/** Whether a plain scalar (not empty) may resolve to another tag than the string one, when implicitTestsKnown. */
export const mayBeImplicit = (value: string): boolean => IMPLICIT_FIRST.test(value);

export class ComposeCaches {
  tags: ScalarTag[] | undefined;
  /** implicitTestsKnown(tags): a plain scalar outside IMPLICIT_FIRST is a string. */
  stringsByFirstCharacter = false;
  readonly values = new Map<string, ScalarTag>();
  readonly keys = new Map<string, ScalarTag>();

  forSchema(tags: ScalarTag[]): void {
    const sameTags = this.tags && this.tags.length === tags.length && this.tags.every((tag, i) => tag === tags[i]);
    if (sameTags && this.values.size + this.keys.size < MAX_CACHED_SCALARS) return;
    if (!sameTags) this.stringsByFirstCharacter = implicitTestsKnown(tags);
    this.tags = tags;
    this.values.clear();
    this.keys.clear();
  }
}

/** Composer.decorate(doc, false) for a document after the stream-level comments `prelude` (composer.js parsePrelude). */
function decorate(document: Document.Parsed, prelude: string[]): void {
  let comment = '';
  let atComment = false;
  let afterEmptyLine = false;
  for (const source of prelude) {
    if (source[0] === '#') {
      comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + (source.substring(1) || ' ');
      atComment = true;
      afterEmptyLine = false;
    } else {
      if (!atComment) afterEmptyLine = true;
      atComment = false;
    }
  }
  if (!comment) return;
  const contents = document.contents;
  if (afterEmptyLine || document.directives.docStart || !contents) document.commentBefore = comment;
  else if (isCollection(contents) && !contents.flow && contents.items.length > 0) {
    let first: unknown = contents.items[0];
    if (isPair(first)) first = first.key;
    const node = first as { commentBefore?: string | null };
    node.commentBefore = node.commentBefore ? `${comment}\n${node.commentBefore}` : comment;
  } else contents.commentBefore = contents.commentBefore ? `${comment}\n${contents.commentBefore}` : comment;
}

function composeDoc(
  directives: unknown,
  token: { offset: number; start: SourceToken[]; value?: Token; end?: SourceToken[] },
  caches: ComposeCaches,
): Document.Parsed {
  const options = Object.assign({ _directives: directives }, PARSE_OPTIONS);
  // `_directives` is the option the library's composer passes too: the document takes its directives from it.
  const document = new Document(undefined, options as unknown as DocumentOptions) as unknown as Document.Parsed;
  const schema = document.schema as unknown as { tags: ScalarTag[]; compat: unknown; [key: symbol]: ScalarTag };
  if (schema.compat) fail('a schema with compatibility tags');
  caches.forSchema(schema.tags);
  const ctx: Context = {
    atKey: false,
    atRoot: true,
    document,
    tags: schema.tags,
    stringTag: schema[Symbol.for('yaml.scalar')]!,
    tagCache: caches.values,
    keyTagCache: caches.keys,
    stringsByFirstCharacter: caches.stringsByFirstCharacter,
  };
  const { offset, start, value, end } = token;
  const props = resolveProps(start, { indicator: 'doc-start', offset, startOnNewline: true, flow: null });
  if (props.found) {
    document.directives.docStart = true;
    if (value && (value.type === 'block-map' || value.type === 'block-seq') && !props.hasNewline) fail('block collection on the --- line');
  }
  const contents = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, start, null, props);
  document.contents = contents as Document.Parsed['contents'];
  const contentEnd = contents.range[2];
  const re = resolveEnd(end, contentEnd);
  if (re.comment) document.comment = re.comment;
  document.range = [offset, contentEnd, re.offset];
  document.errors = [];
  document.warnings = [];
  return document;
}

function resolveProps(
  tokens: SourceToken[],
  { flow, indicator, offset, startOnNewline }: { flow: string | null; indicator: string; offset: number; startOnNewline: boolean },
): Props {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = '';
  let commentSep = '';
  let hasNewline = false;
  let comma: SourceToken | null = null;
  let found: SourceToken | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        hasSpace = true;
        break;
      case 'comment': {
        if (!hasSpace) fail('comment without a space before it');
        const cb = token.source.substring(1) || ' ';
        if (!comment) comment = cb;
        else comment += commentSep + cb;
        commentSep = '';
        atNewline = false;
        break;
      }
      case 'newline':
        if (atNewline) {
          if (comment) comment += token.source;
          else if (!found || indicator !== 'seq-item-ind') spaceBefore = true;
        } else commentSep += token.source;
        atNewline = true;
        hasNewline = true;
        hasSpace = true;
        break;
      case indicator:
        if (found) fail(`unexpected ${token.source}`);
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
        break;
      case 'comma':
        if (flow) {
          if (comma) fail('unexpected ,');
          comma = token;
          atNewline = false;
          hasSpace = false;
          break;
        }
        fail('unexpected ,');
        break;
      default:
        fail(`unexpected ${token.type} token`);
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  return { comma, found, spaceBefore, comment, hasNewline, end, start: end };
}

function resolveEnd(end: SourceToken[] | undefined, offset: number): { comment: string; offset: number } {
  let comment = '';
  if (end) {
    let sep = '';
    for (const token of end) {
      const { source, type } = token;
      switch (type) {
        case 'space':
          break;
        case 'comment': {
          const cb = source.substring(1) || ' ';
          if (!comment) comment = cb;
          else comment += sep + cb;
          sep = '';
          break;
        }
        case 'newline':
          if (comment) sep += source;
          break;
        default:
          fail(`unexpected ${type} at node end`);
      }
      offset += source.length;
    }
  }
  return { comment, offset };
}

function composeNode(ctx: Context, token: Token, props: Props): ParsedNode {
  let node: ParsedNode;
  switch (token.type) {
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      node = composeScalar(ctx, token as unknown as FlowScalarToken);
      break;
    case 'block-map':
      node = resolveBlockMap(ctx, token as unknown as BlockToken);
      break;
    case 'block-seq':
      node = resolveBlockSeq(ctx, token as unknown as BlockToken);
      break;
    case 'flow-collection':
      node = resolveFlowCollection(ctx, token as unknown as FlowToken);
      break;
    default:
      return fail(`${token.type} node`);
  }
  if (props.spaceBefore) node.spaceBefore = true;
  if (props.comment) {
    if (token.type === 'scalar' && (token as unknown as FlowScalarToken).source === '') node.comment = props.comment;
    else node.commentBefore = props.comment;
  }
  return node;
}

function composeEmptyNode(ctx: Context, offset: number, before: SourceToken[] | undefined, pos: number | null, props: Props): ParsedNode {
  const token: FlowScalarToken = { type: 'scalar', offset: emptyScalarPosition(offset, before, pos), indent: -1, source: '' };
  const node = composeScalar(ctx, token);
  if (props.spaceBefore) node.spaceBefore = true;
  if (props.comment) {
    node.comment = props.comment;
    node.range[2] = props.end;
  }
  return node;
}

function emptyScalarPosition(offset: number, before: SourceToken[] | undefined, pos: number | null): number {
  if (before) {
    pos ??= before.length;
    for (let i = pos - 1; i >= 0; --i) {
      let st = before[i]!;
      if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
        offset -= st.source.length;
        continue;
      }
      st = before[++i]!;
      while (st?.type === 'space') {
        offset += st.source.length;
        st = before[++i]!;
      }
      break;
    }
  }
  return offset;
}

interface FlowScalarToken {
  type: 'scalar' | 'single-quoted-scalar' | 'double-quoted-scalar';
  offset: number;
  indent: number;
  source: string;
  end?: SourceToken[];
}
interface BlockToken {
  type: 'block-map' | 'block-seq';
  offset: number;
  indent: number;
  items: Item[];
}
interface FlowToken {
  type: 'flow-collection';
  offset: number;
  indent: number;
  start: SourceToken;
  items: Item[];
  end: SourceToken[];
}

function composeScalar(ctx: Context, token: FlowScalarToken): Scalar.Parsed {
  const { offset, type, source, end } = token;
  let value: string;
  let scalarType: Scalar.Type;
  let tag: ScalarTag;
  if (type === 'scalar') {
    const bad = source[0];
    if (bad === ',' || bad === '%' || bad === '|' || bad === '>' || bad === '@' || bad === '`' || source.includes('\n'))
      fail('plain scalar needing the library');
    value = source;
    scalarType = Scalar.PLAIN;
    tag = plainTag(ctx, value);
  } else if (type === 'single-quoted-scalar') {
    if (source.length < 2 || source[source.length - 1] !== "'" || source.includes('\n')) fail('single-quoted scalar needing the library');
    value = source.slice(1, -1).replace(/''/g, "'");
    scalarType = Scalar.QUOTE_SINGLE;
    tag = ctx.stringTag;
  } else {
    // Escapes and line folding are left to the library.
    if (source.length < 2 || source[source.length - 1] !== '"' || source.includes('\\') || source.includes('\n'))
      fail('double-quoted scalar needing the library');
    value = source.slice(1, -1);
    scalarType = Scalar.QUOTE_DOUBLE;
    tag = ctx.stringTag;
  }
  const valueEnd = offset + source.length;
  const re = resolveEnd(end, valueEnd);
  let resolved: unknown;
  try {
    resolved = tag.resolve(value, (message) => fail(message), ctx.document.options);
  } catch (error) {
    if (error instanceof NotHandled) throw error;
    return fail('tag resolution failed');
  }
  const scalar = (isScalar(resolved) ? resolved : new Scalar(resolved)) as Scalar.Parsed;
  scalar.range = [offset, valueEnd, re.offset];
  scalar.source = value;
  scalar.type = scalarType;
  if (tag.format) scalar.format = tag.format;
  if (re.comment) scalar.comment = re.comment;
  return scalar;
}

/** compose-scalar.js findScalarTagByTest, remembered per text. */
function plainTag(ctx: Context, value: string): ScalarTag {
  if (ctx.stringsByFirstCharacter && value.length > 0 && !mayBeImplicit(value)) return ctx.stringTag;
  const cache = ctx.atKey ? ctx.keyTagCache : ctx.tagCache;
  let tag = cache.get(value);
  if (!tag) {
    tag = ctx.tags.find((t) => (t.default === true || (ctx.atKey && t.default === 'key')) && t.test?.test(value)) ?? ctx.stringTag;
    // Short texts repeat (keys, booleans, ports); a long one is a one-off that the server would keep for its lifetime.
    if (value.length <= MAX_CACHED_SCALAR) cache.set(value, tag);
  }
  return tag;
}

function containsNewline(key: Token | null | undefined): boolean {
  if (!key) return false;
  const scalar = key as unknown as FlowScalarToken;
  if (key.type === 'scalar' || key.type === 'double-quoted-scalar' || key.type === 'single-quoted-scalar') {
    if (scalar.source.includes('\n')) return true;
    return scalar.end?.some((st) => st.type === 'newline') ?? false;
  }
  return true; // a collection as a key: the library decides (not in the subset)
}

function resolveBlockMap(ctx: Context, bm: BlockToken): YAMLMap.Parsed {
  const map = new YAMLMap(ctx.document.schema) as YAMLMap.Parsed;
  if (ctx.atRoot) ctx.atRoot = false;
  let offset = bm.offset;
  let commentEnd: number | null = null;
  for (const { start, key, sep, value } of bm.items) {
    const keyProps = resolveProps(start, { indicator: 'explicit-key-ind', offset, startOnNewline: true, flow: null });
    if (keyProps.found) fail('explicit key');
    if (key) {
      if (key.type === 'block-seq') fail('block sequence as a key');
      else if ('indent' in key && key.indent !== bm.indent) fail('mapping items not at one column');
    }
    if (!sep) {
      commentEnd = keyProps.end;
      if (keyProps.comment) map.comment = map.comment ? `${map.comment}\n${keyProps.comment}` : keyProps.comment;
      continue;
    }
    if (containsNewline(key)) fail('implicit key over several lines');
    ctx.atKey = true;
    const keyStart = keyProps.end;
    const keyNode = key ? composeNode(ctx, key, keyProps) : composeEmptyNode(ctx, keyStart, start, null, keyProps);
    ctx.atKey = false;
    const valueProps = resolveProps(sep, { indicator: 'map-value-ind', offset: keyNode.range[2], startOnNewline: !key, flow: null });
    offset = valueProps.end;
    if (!valueProps.found) return fail('implicit key without a value');
    if (value?.type === 'block-map' && !valueProps.hasNewline) fail('nested mapping in a compact mapping');
    const valueNode = value ? composeNode(ctx, value, valueProps) : composeEmptyNode(ctx, offset, sep, null, valueProps);
    offset = valueNode.range[2];
    map.items.push(new Pair(keyNode, valueNode) as never);
  }
  if (commentEnd && commentEnd < offset) fail('map comment with trailing content');
  map.range = [bm.offset, offset, commentEnd ?? offset];
  return map;
}

function resolveBlockSeq(ctx: Context, bs: BlockToken): YAMLSeq.Parsed {
  const seq = new YAMLSeq(ctx.document.schema) as YAMLSeq.Parsed;
  if (ctx.atRoot) ctx.atRoot = false;
  if (ctx.atKey) ctx.atKey = false;
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (const { start, value } of bs.items) {
    const props = resolveProps(start, { indicator: 'seq-item-ind', offset, startOnNewline: true, flow: null });
    if (!props.found) {
      if (value) fail('sequence item without -');
      commentEnd = props.end;
      if (props.comment) seq.comment = props.comment;
      continue;
    }
    const node = value ? composeNode(ctx, value, props) : composeEmptyNode(ctx, props.end, start, null, props);
    offset = node.range[2];
    seq.items.push(node);
  }
  seq.range = [bs.offset, offset, commentEnd ?? offset];
  return seq;
}

/** resolve-flow-collection.js for the subset's one-line flow collections of scalars (no comments inside). */
function resolveFlowCollection(ctx: Context, fc: FlowToken): YAMLMap.Parsed | YAMLSeq.Parsed {
  const isMap = fc.start.source === '{';
  const flow = isMap ? 'flow map' : 'flow sequence';
  const coll = (isMap ? new YAMLMap(ctx.document.schema) : new YAMLSeq(ctx.document.schema)) as YAMLMap.Parsed | YAMLSeq.Parsed;
  coll.flow = true;
  if (ctx.atRoot) ctx.atRoot = false;
  if (ctx.atKey) ctx.atKey = false;
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; ++i) {
    const { start, key, sep, value } = fc.items[i]!;
    const props = resolveProps(start, { indicator: 'explicit-key-ind', offset, startOnNewline: false, flow });
    if (props.found) fail('explicit key in a flow collection');
    if (!sep && !value) {
      if (i < fc.items.length - 1 || (i === 0 && props.comma) || props.comment) fail('empty flow item');
      offset = props.end;
      continue;
    }
    if (i === 0 ? props.comma : !props.comma) fail('misplaced ,');
    if (props.comment) fail('comment in a flow collection');
    if (!isMap && !sep) {
      if (!value) return fail('empty flow item');
      const valueNode = composeNode(ctx, value, props);
      (coll as YAMLSeq.Parsed).items.push(valueNode);
      offset = valueNode.range[2];
      continue;
    }
    if (!isMap) fail('pair in a flow sequence');
    ctx.atKey = true;
    const keyNode = key ? composeNode(ctx, key, props) : composeEmptyNode(ctx, props.end, start, null, props);
    ctx.atKey = false;
    const valueProps = resolveProps(sep ?? [], { indicator: 'map-value-ind', offset: keyNode.range[2], startOnNewline: false, flow });
    if (!valueProps.found) fail('flow map entry without :');
    const valueNode = value ? composeNode(ctx, value, valueProps) : composeEmptyNode(ctx, valueProps.end, sep, null, valueProps);
    (coll as YAMLMap.Parsed).items.push(new Pair(keyNode, valueNode) as never);
    offset = valueNode.range[2];
  }
  const [close, ...rest] = fc.end;
  if (close?.source !== (isMap ? '}' : ']')) fail('unclosed flow collection');
  const closeEnd = close!.offset + close!.source.length;
  if (rest.length > 0) {
    const end = resolveEnd(rest, closeEnd);
    if (end.comment) coll.comment = coll.comment ? `${coll.comment}\n${end.comment}` : end.comment;
    coll.range = [fc.offset, closeEnd, end.offset];
  } else coll.range = [fc.offset, closeEnd, closeEnd];
  return coll;
}
