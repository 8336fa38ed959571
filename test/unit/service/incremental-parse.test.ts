/**
 * The server's IncrementalParser must give exactly what the `yaml` library's parseAllDocuments gives (the ground
 * truth; parseFile itself now takes yaml/fastParse.ts's fast path): the same documents, node ranges,
 * errors, comments and values, on every YAML fixture of the project, on the library's corner cases around `---`,
 * and after each of a thousand seeded random edits (typing, deleting, adding and removing `---` lines).
 * It must also actually reuse: after an edit in one document of many, only that document is parsed again.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isCollection, isPair, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { normalizeSettings } from '../../../common/src/settings';
import { validateSource } from '../../../server/src/service/languageService';
import { IncrementalParser } from '../../../server/src/service/yaml/incrementalParse';
import { LineIndex } from '../../../server/src/service/text/lineIndex';
import { isJsonText, PARSE_OPTIONS, toParsedDocument, type ParsedFile } from '../../../server/src/service/yaml/parse';

/** What parseFile gave before any fast path: the library's parse of the whole text. */
function parseFile(uri: string, text: string): ParsedFile {
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  const documents = (Array.isArray(parsed) ? parsed : []).map((document, index) => toParsedDocument(document, index));
  return { uri, text, lines: new LineIndex(text), isJson: isJsonText(text), documents };
}

const ROOT = join(__dirname, '../../..');

/** Everything the rules can read from a parsed file, as plain data. */
function describeFile(file: ParsedFile): unknown {
  return {
    isJson: file.isJson,
    lineCount: file.lines.range(file.text.length, file.text.length).end.line,
    documents: file.documents.map((d) => ({
      index: d.index,
      startOffset: d.startOffset,
      endOffset: d.endOffset,
      syntaxProblems: d.syntaxProblems,
      document: describeDocument(d.document),
    })),
  };
}

function describeDocument(document: Document.Parsed): unknown {
  const nodes: unknown[] = [];
  visit(document, {
    Node(_key, node) {
      // A merge key's value is a Symbol made per parse (yaml's merge tag): compared by its description.
      if (isScalar(node))
        nodes.push([
          'scalar',
          node.range,
          typeof node.value === 'symbol' ? String(node.value) : node.value,
          node.type,
          node.tag,
          node.anchor,
          node.comment,
          node.commentBefore,
        ]);
      else if (isAlias(node)) nodes.push(['alias', node.range, node.source]);
      else if (isCollection(node))
        nodes.push([
          node.constructor.name,
          node.range,
          node.flow,
          node.tag,
          node.anchor,
          node.items.length,
          node.comment,
          node.commentBefore,
        ]);
    },
    Pair(_key, pair) {
      if (isPair(pair)) nodes.push(['pair']);
    },
  });
  return {
    range: document.range,
    comment: document.comment,
    commentBefore: document.commentBefore,
    docStart: document.directives?.docStart,
    errors: document.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: document.warnings.map((e) => [e.code, e.pos, e.message]),
    nodes,
  };
}

function yamlFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(yamlFiles(path));
    else if (/\.(ya?ml)$/.test(name)) out.push(path);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MULTI = [
  '# leading comment',
  '',
  'apiVersion: apiserver.config.k8s.io/v1',
  'kind: TracingConfiguration',
  'samplingRatePerMillion: -1 # trailing',
  '# end of first',
  '---',
  'apiVersion: apiserver.config.k8s.io/v1beta1',
  'kind: TracingConfiguration',
  'endpoint: "dns://a:b"',
  '--- # with a comment',
  'anchors: &a {x: [1, 2, *a]}',
  'block: |',
  '  text',
  '---',
  'endpoint: [unclosed',
  '---',
  'samplingRatePerMillion: 10',
  '',
].join('\n');

describe('IncrementalParser gives what the yaml library gives', function () {
  this.timeout(60000); // thousands of parses, on a shared machine
  it('on every YAML file of the project (fixtures, demo)', () => {
    // Not test/fuzz/: those are hostile inputs the library itself overflows on (test/unit/fuzz.test.ts replays them).
    const files = [
      ...yamlFiles(join(ROOT, 'test')).filter((path) => !path.includes('/test/fuzz/')),
      ...(statSync(join(ROOT, 'demo'), { throwIfNoEntry: false }) ? yamlFiles(join(ROOT, 'demo')) : []),
    ];
    assert.ok(files.length > 20, `only ${files.length} YAML files found`);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const uri = `file://${path}`;
      assert.deepEqual(describeFile(new IncrementalParser().parse(uri, text)), describeFile(parseFile(uri, text)), path);
    }
  });

  const corners: Record<string, string> = {
    'comment-only first piece': '# a\n# b\n\n---\na: 1\n---\nb: 2\n',
    'trailing comments before ---': 'a: 1\n\n# tail\n\n---\nb: 2\n',
    'comment lines after a scalar document, before ---': 'just text\n\n# c\n---\nb: 2\n',
    'unclosed flow collection before ---': 'a: [1,\n---\nb: 2\n',
    'block scalar ended by ---': 'a: |\n---\n  y\n',
    'double-quoted scalar ended by ---': 'a: "x\n---\ny"\n',
    '---x is not a marker': 'a: b\n---x\nc: d\n---\ne: f\n',
    'tab after ---': 'a: 1\n---\tb: 2\n---\n',
    'CRLF line ends': 'a: 1\r\n---\r\nb: 2\r\n---\r\n',
    'lone CR before --- (not a line break for the library)': '-|\n-  \n-\r---\n\n-\n',
    'unclosed quote whose closing quote is documents later': 'a: "x\n---\nb: 1\n---\nc: y"\n',
    'empty last document': 'a: 1\n---\n',
    'starts with ---': '---\na: 1\n---\nb: 2\n',
    'directives (parsed whole)': '%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n',
    'document end markers (parsed whole)': 'a: 1\n...\n---\nb: 2\n',
    'BOM (parsed whole)': '\uFEFFa: 1\n---\nb: 2\n',
    'JSON (parsed whole)': '{"a": 1}\n',
    'identical documents': 'a: 1\n---\na: 1\n---\na: 1\n',
    multi: MULTI,
  };
  for (const [name, text] of Object.entries(corners)) {
    it(`on ${name}`, () => {
      assert.deepEqual(
        describeFile(new IncrementalParser().parse('file:///c.yaml', text)),
        describeFile(parseFile('file:///c.yaml', text)),
      );
    });
  }

  it('after each of 1,000 seeded random edits, reusing the same parser', () => {
    const next = random(20261121);
    const pieces = ['---\n', '\n', '-', 'a', ': ', '"', '[', ']', '#', ' ', 'x: 1\n', '|\n  ', '&a ', '*a', '---', '\r\n'];
    const parser = new IncrementalParser();
    let text = MULTI.repeat(2);
    for (let step = 0; step < 1000; step++) {
      const at = Math.floor(next() * (text.length + 1));
      if (next() < 0.55) text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
      else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 6)));
      if (text.length > 1200) text = text.slice(0, 600); // small texts: many edits, each near a boundary
      assert.deepEqual(
        describeFile(parser.parse('file:///e.yaml', text)),
        describeFile(parseFile('file:///e.yaml', text)),
        `step ${step}: ${JSON.stringify(text)}`,
      );
    }
  });

  it('gives the same findings as the plain validation across edits', () => {
    const settings = normalizeSettings({ kubernetesVersion: '1.33' });
    const options = { settings, workspaceFolders: ['/w'] };
    const uri = 'file:///w/tracing-config.yaml';
    const parser = new IncrementalParser();
    let text = MULTI.repeat(2);
    const next = random(7);
    for (let step = 0; step < 60; step++) {
      const at = Math.floor(next() * text.length);
      text =
        next() < 0.5
          ? `${text.slice(0, at)}${['-', '9', '---\n', 'x', ': '][step % 5]}${text.slice(at)}`
          : text.slice(0, at) + text.slice(at + 1);
      const incremental = validateSource({ uri, text }, options, (u, t) => parser.parse(u, t));
      assert.deepEqual(incremental, validateSource({ uri, text }, options), `step ${step}`);
    }
  });

  it('parses again only the document that changed', () => {
    const documents = Array.from(
      { length: 50 },
      (_, i) => `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: ${i}\n`,
    );
    const parser = new IncrementalParser();
    const before = parser.parse('file:///r.yaml', documents.join('---\n'));
    documents[20] = documents[20]!.replace('20', '-20000');
    const after = parser.parse('file:///r.yaml', documents.join('---\n'));
    const reused = after.documents.filter((d, i) => d.document === before.documents[i]!.document).length;
    assert.equal(reused, 49);
    assert.notEqual(after.documents[20]!.document, before.documents[20]!.document);
    // the documents after the edit moved by the 4 characters added, and say so
    assert.equal(after.documents[21]!.startOffset, before.documents[21]!.startOffset + 4);
    assert.equal(after.documents[21]!.document.range[0], before.documents[21]!.startOffset + 4);
    assert.deepEqual(describeFile(after), describeFile(parseFile('file:///r.yaml', documents.join('---\n'))));
  });
});
