/**
 * Cross-file references are read from the documents that spell `--tracing-config-file` only
 * (yaml/parse.ts parseFileMentioning): in a file of many documents they must be exactly what reading every
 * document of a full parse finds, also when another document is broken in a way that swallows the ones after it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../../../common/src/settings';
import { readControlPlanePod } from '../../../server/src/service/rules/control-plane-pod';
import { referenceOf, referencesIn, type TracingConfigReference } from '../../../server/src/service/rules/kube-apiserver/references';
import { fastParseStats } from '../../../server/src/service/yaml/fast/parse';
import { parseFile } from '../../../server/src/service/yaml/parse';

const FIXTURES = join(__dirname, '../../fixtures/kubeadm');
const settings = normalizeSettings(undefined);
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

/** The references every document of a full parse makes: what referencesIn found before it skipped documents. */
function referencesFromFullParse(path: string, text: string): TracingConfigReference[] {
  const file = parseFile(`file://${path}`, text);
  const references: TracingConfigReference[] = [];
  for (const document of file.documents) {
    if (document.syntaxProblems.length > 0) continue;
    const pod = readControlPlanePod(document, file, settings);
    for (const container of pod?.containers ?? []) {
      const reference = pod && referenceOf(path, pod, container);
      if (reference) references.push(reference);
    }
  }
  return references;
}

/** What a reference says, without the AST objects it holds. */
function described(references: TracingConfigReference[]): unknown {
  return references.map((r) => ({
    manifest: r.manifestPath,
    flag: [r.flag.value, r.flag.nameStart, r.flag.nameEnd],
    nodePath: r.nodePath,
    fileName: r.fileName,
    version: r.version,
  }));
}

describe('fast YAML parse path: cross-file references from the documents that spell the flag', () => {
  const parts = [
    fixture('1.33/tracing-on/kube-apiserver.yaml'),
    fixture('1.33/tracing-on/etcd.yaml'),
    fixture('1.33/tracing-on/kubelet-config.yaml'),
    fixture('1.28/tracing-on/kube-apiserver.yaml'),
    'apiVersion: v1\nkind: ConfigMap\ndata:\n  note: "it\'s quoted"\n',
    fixture('1.36/tracing-on/kube-apiserver.yaml'),
  ];

  it('finds in a many-document file exactly what a full parse finds', () => {
    const path = `/cluster/dump-${Date.now()}-a.yaml`; // a fresh path: referencesIn caches per path and text
    const text = parts.join('\n---\n');
    fastParseStats.fast = fastParseStats.library = -1; // a whole-file parse would reset these
    const found = referencesIn(path, text, settings);
    assert.deepEqual({ ...fastParseStats }, { fast: -1, library: -1 }, 'only the documents spelling the flag were parsed');
    assert.equal(found.length, 3, 'three kube-apiserver pods with --tracing-config-file');
    assert.deepEqual(described(found), described(referencesFromFullParse(path, text)));
  });

  it('falls back to every document when an unwanted one is broken and swallows the next', () => {
    const path = `/cluster/dump-${Date.now()}-b.yaml`;
    // The unclosed quote runs on past `---`: the library reads the next manifest as part of this broken document.
    const text = [parts[0], 'kind: ConfigMap\ndata:\n  a: "unclosed', parts[3]].join('\n---\n');
    fastParseStats.fast = fastParseStats.library = -1;
    const found = referencesIn(path, text, settings);
    assert.equal(fastParseStats.fast + fastParseStats.library, 2, 'the whole file was parsed: two documents');
    assert.deepEqual(described(found), described(referencesFromFullParse(path, text)));
    assert.equal(found.length, 1, 'the swallowed manifest makes no reference');
  });
});
