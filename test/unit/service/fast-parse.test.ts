/**
 * The fast path (server/src/service/yaml/fastParse.ts) must give exactly what the `yaml` library's
 * parseAllDocuments gives with the project's options: every document, node class, range, value (and its JS type),
 * scalar type, tag, format, comment, blank-line mark, key order, document boundary, error and warning. Compared on
 * every YAML file of the repository, on seeded random variants of them (comments, blank lines, trailing spaces,
 * re-indented, deleted, duplicated and truncated lines, quoting, flow values), and on hostile inputs. The CST the
 * fast lexer + parser build is also compared token by token with the library's, piece by piece.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document, parseAllDocuments, Parser, Schema } from 'yaml';
import { implicitTestsKnown, mayBeImplicit } from '../../../server/src/service/yaml/fast/compose';
import { NotHandled } from '../../../server/src/service/yaml/fast/cst';
import { lexAndParse } from '../../../server/src/service/yaml/fast/lex';
import {
  FAST_PARSE_OPTIONS,
  fastParseStats,
  parseDocuments,
  parseWantedDocuments,
  pieceStarts,
} from '../../../server/src/service/yaml/fast/parse';
import { parseFile } from '../../../server/src/service/yaml/parse';

const ROOT = join(__dirname, '../../..');

/** The whole object graph as plain data: class names, every own enumerable property, schemas by name and tags. */
export function plain(value: unknown): unknown {
  if (typeof value === 'symbol') return `Symbol(${value.description})`; // the merge key `<<` is a new symbol per parse
  if (value === null || typeof value !== 'object') return value; // numbers (NaN too), bigints, strings
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Schema) return { '@schema': value.name, tags: value.tags.map((tag) => tag.tag) };
  const out: Record<string, unknown> = { '@class': value.constructor?.name };
  for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
  return out;
}

/** Asserts parseDocuments(text) is parseAllDocuments(text) node for node; returns how many documents were fast. */
export function assertSameAsLibrary(text: string, label: string): number {
  const expected = parseAllDocuments(text, FAST_PARSE_OPTIONS);
  const actual = parseDocuments(text);
  const fast = fastParseStats.fast;
  const expectedList = Array.isArray(expected) ? expected : [];
  if (!isDeepStrictEqual(plain(actual), plain(expectedList))) {
    // Narrow the failure down to the first differing document for a readable message.
    const index = expectedList.findIndex((document, i) => !isDeepStrictEqual(plain(actual[i]), plain(document)));
    assert.deepEqual(
      plain(actual[index]),
      plain(expectedList[index]),
      `${label}: document ${index} differs (${actual.length} vs ${expectedList.length} documents)`,
    );
    assert.equal(actual.length, expectedList.length, `${label}: number of documents`);
  }
  return fast;
}

/** Asserts the fast CST of each piece the fast path handles is the library's, token for token. */
function assertSameCst(text: string, label: string): void {
  const starts = pieceStarts(text);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    let mine;
    try {
      mine = lexAndParse(text, start, end);
    } catch (error) {
      if (error instanceof NotHandled) continue;
      throw error;
    }
    const parser = new Parser();
    parser.offset = start;
    const theirs = Array.from(parser.parse(text.slice(start, end === text.length ? end : end + 4))).filter((token) => token.offset < end);
    assert.deepEqual(JSON.parse(JSON.stringify(mine)), JSON.parse(JSON.stringify(theirs)), `${label}: CST of the piece at ${start}`);
  }
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

const FILES = ['test/fixtures', 'test/vscode', 'demo'].flatMap((dir) => yamlFiles(join(ROOT, dir)));

/** All seeds in CI (or with RUN_SLOW_TESTS=1); a tenth of them on a developer's machine, to keep local runs short. */
const ALL_SEEDS = Boolean(process.env['CI'] || process.env['RUN_SLOW_TESTS']);
const VARIANTS = ALL_SEEDS ? 3000 : 300;
const JOINED_FILES = ALL_SEEDS ? 1500 : 150;

/** A small seeded generator (mulberry32), so a failing variant can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES = [
  '"quoted"',
  "'it''s'",
  '"esc\\"aped \\u00e9"',
  '[a, "b", c]',
  '{}',
  '[]',
  '{a: b, "c": d}',
  'yes',
  '0x1F',
  '1_000',
  '1:30',
  '.inf',
  '~',
  '2001-12-14',
  '-1.5e3',
  'a: b',
  '- x',
  '&anchor x',
  '*alias',
  '!!str 1',
  '|',
  'a #b',
  'http://x:8080/y',
  '"unclosed',
  "'a' b",
  '[a,',
  '[a, [b]]',
  '{a}',
  '',
  '<<',
];

/** One random line-level edit of the kind people make, valid or not. */
function mutate(lines: string[], next: () => number): void {
  const at = Math.floor(next() * (lines.length + 1));
  const line = lines[at] ?? '';
  const indent = ' '.repeat(Math.floor(next() * 9));
  switch (Math.floor(next() * 12)) {
    case 0:
      lines.splice(at, 0, `${indent}# comment ${at}`);
      break;
    case 1:
      lines.splice(at, 0, next() < 0.5 ? '' : indent);
      break;
    case 2:
      lines[at] = `${line}${' '.repeat(1 + Math.floor(next() * 3))}`;
      break;
    case 3:
      lines[at] = `${line} # trailing`;
      break;
    case 4:
      lines[at] = ` ${line}`;
      break;
    case 5:
      lines[at] = line.replace(/^ {1,2}/, '');
      break;
    case 6:
      lines.splice(at, 1);
      break;
    case 7:
      lines.splice(at, 0, line);
      break;
    case 8:
      lines[at] = line.replace(/: .*$/, `: ${VALUES[Math.floor(next() * VALUES.length)]}`);
      break;
    case 9:
      lines[at] = line.replace(/^(\s*)- /, '$1-   ');
      break;
    case 10:
      lines.splice(at, 0, next() < 0.5 ? '---' : '--- # doc');
      break;
    default:
      lines[at] = `${indent}${VALUES[Math.floor(next() * VALUES.length)]}`;
  }
}

describe('fast YAML parse path', () => {
  it('finds the repository YAML files to compare', () => {
    assert.ok(FILES.length > 100, `only ${FILES.length} YAML files found`);
  });

  it('gives the library documents on every YAML file of the repository, most of them on the fast path', function () {
    this.timeout(120000); // every file parsed twice, on a shared machine
    let fast = 0;
    let total = 0;
    for (const path of FILES) {
      const text = readFileSync(path, 'utf8');
      const label = relative(ROOT, path);
      assertSameCst(text, label);
      const fastHere = assertSameAsLibrary(text, label);
      // The share is measured on our own files; the real-corpus files (Helm templates, anchors, block scalars from
      // public repositories) are compared too but are not what the fast path is for.
      if (label.startsWith('test/fixtures/real-corpus/')) continue;
      fast += fastHere;
      total += fastParseStats.fast + fastParseStats.library;
    }
    assert.ok(fast > total * 0.9, `only ${fast} of ${total} documents took the fast path`);
  });

  it(`gives the library documents on ${VARIANTS.toLocaleString('en')} seeded random variants of those files`, function () {
    this.timeout(300000); // thousands of parses, on a shared machine
    let fast = 0;
    for (let seed = 1; seed <= VARIANTS; seed++) {
      const next = random(seed);
      const path = FILES[Math.floor(next() * FILES.length)]!;
      const lines = readFileSync(path, 'utf8').split('\n');
      const edits = 1 + Math.floor(next() * 4);
      for (let i = 0; i < edits; i++) mutate(lines, next);
      let text = lines.join('\n');
      if (next() < 0.1) text = text.slice(0, Math.floor(next() * text.length));
      const label = `seed ${seed} (${relative(ROOT, path)})`;
      assertSameCst(text, label);
      fast += assertSameAsLibrary(text, label);
    }
    assert.ok(fast > VARIANTS / 3, `only ${fast} variant documents took the fast path`);
  });

  const HOSTILE: Array<[string, string]> = [
    ['empty text', ''],
    ['only a newline', '\n'],
    ['only comments', '# a\n\n# b\n'],
    ['only ---', '---\n'],
    ['--- with a comment', '--- # c\na: 1\n'],
    ['two --- in a row', '---\n---\na: 1\n'],
    ['--- with a value', '--- a\n'],
    ['document end marker', 'a: 1\n...\n---\nb: 2\n'],
    ['directive', '%YAML 1.1\n---\na: 1\n'],
    ['byte-order mark', '\uFEFFa: 1\n'],
    ['CRLF', 'a: 1\r\nb:\r\n  - c\r\n'],
    ['tab indentation', 'a:\n\tb: 1\n'],
    ['tab in a value', 'a: b\tc\n'],
    ['anchor and alias', 'a: &x 1\nb: *x\n'],
    ['merge key', 'base: &b {x: 1}\nm:\n  <<: *b\n'],
    ['tag', 'a: !!str 1\n'],
    ['block scalar', 'a: |\n  line\n  ---\nb: 1\n'],
    ['folded scalar', 'a: >-\n  x\n  y\n'],
    ['multi-line plain scalar', 'a: one\n  two\nb: 1\n'],
    ['multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['unclosed quote across ---', 'a: "x\n---\nb: 1\n'],
    ['explicit key', '? a\n: b\n'],
    ['nested mapping on one line', 'a: b: c\n'],
    ['sequence on the line of its key', 'a: - b\n'],
    ['key without space after colon', 'a:b\n'],
    ['quoted key without space', '"a":b\n'],
    ['space before colon', 'a : b\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['compact nested sequences', '- - a\n  - b\n- c\n'],
    ['empty sequence item with nested map', '-\n  a: 1\n- b\n'],
    ['empty values', 'a:\nb:\n  c:\nd: ~\n'],
    ['root scalar', 'hello\n'],
    ['root sequence', '- a\n- b: c\n  d: e\n'],
    ['flow at root', '[a, b]\n'],
    ['nested flow', 'a: [b, [c]]\n'],
    ['flow map with a lone key', 'a: {b}\n'],
    ['flow over lines', 'a: [b,\n  c]\n'],
    ['flow with trailing comma', 'a: [b, c, ]\n'],
    ['flow with empty item', 'a: [b, , c]\n'],
    ['flow with a url', 'a: [http://x:80/y, "z"]\n'],
    ['comment without space', 'a: b#c\nd: e #f\n'],
    ['comments at every indentation', 'a:\n  b:\n    c: 1\n    # 4\n  # 2\n# 0\n      # 6\nd: 2\n'],
    ['blank lines and comments before nested values', 'a:\n\n  # c\n\n  b: 1\n'],
    ['indented comment after a scalar', 'a: 1\n   # c\n\n   # d\nb: 2\n'],
    ['trailing spaces everywhere', 'a:   \n  b: 1   \n  c:   # x   \n    - d   \n'],
    ['no final newline', 'a:\n  b: 1'],
    ['no final newline after a comment', 'a: 1 # c'],
    [
      'YAML 1.1 scalars',
      'a: yes\nb: on\nc: 0o17\nd: 017\ne: 0b101\nf: 1:30:00\ng: 2001-12-14t21:59:43.10-05:00\nh: .NaN\ni: -.inf\nj: 1e3\nk: +12\nl: 1.0\nm: 0.50\nn: Null\n',
    ],
    ['numbers as keys', '1: a\n0x10: b\ntrue: c\n~: d\n'],
    ['escapes', "a: \"\\t\\n\\\\\\\"\\x41\\u00e9\\U0001F600\"\nb: '''q'''\n"],
    ['unicode', 'ключ: значение\n"🙂": ok\n'],
    ['unicode line separators', 'a: b\u2028c\nd: e\u0085f\n'],
    ['a very long line', `a: ${'x'.repeat(5000)}\n`],
    ['deep nesting', Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' v\n'],
    ['deep compact sequences', `${'- '.repeat(60)}x\n`],
    ['over-indented item', 'a:\n  b: 1\n   c: 2\n'],
    ['under-indented item', 'a:\n    b: 1\n  c: 2\n'],
    ['sequence dedented below its key', 'a:\n  b:\n - c\n'],
    ['seq at key indentation', 'a:\n- b\n- c\nd: e\n'],
    ['--- inside text', 'a: b\n---x\n---\tc: d\n--- \ne: f\n'],
    ['comment lines before ---', '# one\n\n# two\n---\na: 1\n'],
    ['content before ---', 'a: 1\n# c\n---\nb: 2\n'],
    // After a scalar document, comment lines before --- are the next document's commentBefore (seeded variant 1807).
    ['comment lines after a scalar document, before ---', 'just text\n\n# c\n---\nb: 2\n'],
    ['comment lines split between two documents', 'a: 1\n---\ntext\n# c\n# d\n---\n# e\nb: 2\n'],
    ['JSON', '{"a": 1,\n "b": [2]}\n'],
    ['alias bomb', 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n'],
  ];
  for (const [name, text] of HOSTILE) {
    it(`gives the library documents on hostile input: ${name}`, () => {
      assertSameCst(text, name);
      assertSameAsLibrary(text, name);
    });
  }

  /** parseWantedDocuments must give, for the pieces it composes, the very documents (and indices) parseDocuments gives. */
  function assertWantedAreExact(text: string, wanted: (start: number, end: number) => boolean, label: string): number {
    const everything = parseAllDocuments(text, FAST_PARSE_OPTIONS);
    const expected = Array.isArray(everything) ? everything : [];
    const found = parseWantedDocuments(text, wanted);
    for (const { index, document } of found) assert.deepEqual(plain(document), plain(expected[index]), `${label}: document ${index}`);
    return found.length;
  }

  it(`composes only the wanted documents of a file, each as the whole parse has it (${JOINED_FILES} joined files)`, function () {
    this.timeout(300000); // thousands of parses, on a shared machine
    let partial = 0;
    for (let seed = 1; seed <= JOINED_FILES; seed++) {
      const next = random(seed);
      const texts = Array.from({ length: 2 + Math.floor(next() * 6) }, () =>
        readFileSync(FILES[Math.floor(next() * FILES.length)]!, 'utf8'),
      );
      const lines = texts.join('\n---\n').split('\n');
      for (let i = Math.floor(next() * 3); i > 0; i--) mutate(lines, next);
      const text = lines.join('\n');
      const count = pieceStarts(text).length;
      const found = assertWantedAreExact(text, () => next() < 0.3, `seed ${seed}`);
      if (found < count) partial++;
    }
    assert.ok(partial > JOINED_FILES / 3, `only ${partial} files were parsed partially`);
  });

  it('composes every document when an unwanted one is broken (an unclosed quote runs on past ---)', () => {
    const text = 'a: 1\n---\nb: "open\n---\nkind: Pod\n';
    const found = parseWantedDocuments(text, (start) => text.startsWith('---\nkind', start));
    assert.deepEqual(
      found.map((f) => f.index),
      [0, 1],
    ); // the library reads `b` up to the end: two documents
    assert.equal(
      assertWantedAreExact(text, () => false, 'broken'),
      2,
    );
    assert.equal(parseWantedDocuments('a: 1\n---\nb: "x"\n---\nc: 2\n', () => false).length, 0);
    // No quote, yet broken: the library's Composer gives the comment `# t` to the next document (joined file 826).
    const unquoted = 'a: 1\n---\n  b: c\nd: e # t\n  f: g\n---\nkind: Pod\n';
    assert.equal(
      assertWantedAreExact(unquoted, (start) => unquoted.startsWith('---\nkind', start), 'broken without a quote'),
      3,
    );
  });

  it("reads a plain scalar outside the implicit tags' first characters as a string, with the installed schema", () => {
    const schema = new Document(null, FAST_PARSE_OPTIONS).schema as unknown as { tags: Parameters<typeof implicitTestsKnown>[0] };
    const tags = schema.tags;
    assert.ok(implicitTestsKnown(tags), "the installed yaml's YAML 1.1 tests are the ones the first characters were read from");
    const implicit = (value: string) => tags.some((tag) => (tag.default === true || tag.default === 'key') && tag.test?.test(value));
    // Every string of up to 3 characters over the characters the tests name (and a few others), seeded random ones
    // of up to 10, and the VALUES above.
    const alphabet = [...'09_.eEbx-+:~<NnYyTtOoFfAaLlSsRrUuIi Z'];
    const checked: string[] = [...VALUES];
    let strings = [''];
    for (let length = 1; length <= 3; length++) {
      strings = strings.flatMap((prefix) => alphabet.map((c) => prefix + c));
      for (const value of strings) checked.push(value);
    }
    const next = random(42);
    for (let i = 0; i < 100000; i++) {
      let value = '';
      for (let length = 1 + Math.floor(next() * 10); length > 0; length--) value += alphabet[Math.floor(next() * alphabet.length)];
      checked.push(value);
    }
    const missed = checked.filter((value) => value !== '' && implicit(value) && !mayBeImplicit(value));
    assert.deepEqual(missed, []);
    assert.equal(mayBeImplicit('kube-apiserver'), false);
    assert.equal(mayBeImplicit('--etcd-servers=https://127.0.0.1:2379'), false);
  });

  it('parses with the options parse.ts parses with', () => {
    const options = parseFile('file:///x.yaml', 'a: 1\n').documents[0]!.document.options as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(FAST_PARSE_OPTIONS)) assert.equal(options[name], value, name);
  });

  it('takes the fast path for plain manifests and leaves anchors, tags, block scalars and errors to the library', () => {
    assertSameAsLibrary('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    args: ["--x=1"]\n', 'plain');
    assert.deepEqual({ ...fastParseStats }, { fast: 1, library: 0 });
    assertSameAsLibrary('a: 1\n---\nb: |\n  x\n---\nc: &x 1\n---\nd: 2\n---\ne: [\n', 'mixed');
    assert.deepEqual({ ...fastParseStats }, { fast: 2, library: 3 });
  });
});
