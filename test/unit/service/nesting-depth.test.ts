/**
 * The nesting-depth limit (server/src/service/yaml/nesting.ts): text nested past MAX_NESTING_DEPTH is reported
 * once where the limit is crossed, never parsed, and the rest of the file and of the workspace is still checked.
 * Before the limit, 5,000 nested `[` in a tracing-config.json aborted Node (a native stack overflow) in the CLI and
 * the server, also when the deep text sat in a manifest that only a cross-file lookup read.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../../../common/src/settings';
import type { WorkspaceFiles } from '../../../server/src/service/context';
import { validateSource } from '../../../server/src/service/languageService';
import { IncrementalParser } from '../../../server/src/service/yaml/incrementalParse';
import { excessiveNesting, MAX_NESTING_DEPTH } from '../../../server/src/service/yaml/nesting';
import { parseFile } from '../../../server/src/service/yaml/parse';
import { validate, where } from '../helpers';

const TOO_DEEP = 'yaml/too-deep';
const V1 = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n';

function deepBlockMap(levels: number): string {
  let text = `${V1}endpoint:\n`;
  for (let i = 1; i < levels; i++) text += `${' '.repeat(i)}k${i}:\n`;
  return text;
}

describe('nesting depth limit', function () {
  this.timeout(60000); // a generous bound for a shared, slow machine; no timing is asserted

  it('5,000 nested [ in a tracing-config.json: one warning where depth 256 is crossed', () => {
    const findings = validate('['.repeat(5000), { fileName: 'tracing-config.json' });
    assert.deepEqual(where(findings), [`1:${MAX_NESTING_DEPTH} ${TOO_DEEP}`]);
  });

  it('deep flow, deep block mapping and deep compact sequences in YAML, each reported on its line', () => {
    assert.deepEqual(where(validate(`${V1}endpoint: ${'['.repeat(20000)}\n`)), [`3:${MAX_NESTING_DEPTH + 10} ${TOO_DEEP}`]);
    assert.deepEqual(where(validate(deepBlockMap(2000))), [`${MAX_NESTING_DEPTH + 3}:${MAX_NESTING_DEPTH + 1} ${TOO_DEEP}`]);
    const compact = validate(`${V1}extra:\n${'- '.repeat(100000)}x\n`);
    assert.deepEqual(
      where(compact).map((w) => w.replace(/:\d+ /, ' ')),
      [`4 ${TOO_DEEP}`],
    );
  });

  it('the other documents of the file are still checked', () => {
    const text = `${V1}samplingRatePerMillion: 2000000\n---\n${deepBlockMap(400)}---\n${V1}samplingRatePerMillion: -1\n`;
    assert.deepEqual(
      where(validate(text)).map((w) => w.split(' ')[1]),
      // kube-apiserver reads only the first document of its tracing config: the third is reached and said to be ignored.
      ['tracing-config/sampling-rate-too-large', TOO_DEEP, 'tracing-config/ignored-document'],
    );
    // The same through the server's incremental parser, before and after an edit in the first document.
    const parser = new IncrementalParser();
    const first = parser.parse('file:///ws/tracing-config.yaml', text);
    assert.equal(first.documents.length, 3);
    const edited = parser.parse('file:///ws/tracing-config.yaml', text.replace('2000000', '3000000'));
    assert.equal(edited.documents.length, 3);
    assert.equal(edited.documents[2]!.syntaxProblems.length, 0);
  });

  it('under the limit nothing is said: a block mapping and a flow 200 levels deep parse as before', () => {
    assert.equal(excessiveNesting(deepBlockMap(200)), undefined);
    const flow = `${V1}extra: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    assert.equal(excessiveNesting(flow), undefined);
    assert.deepEqual(where(validate(flow)), ['3:1 tracing-config/unknown-field']);
  });

  it('brackets and indentation that open nothing are not counted', () => {
    const text = [
      'a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["',
      `b: x${'['.repeat(300)}`,
      `c: '${'{'.repeat(300)}'`,
      `# ${'['.repeat(300)}`,
      'd: |',
      ...Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 2)}line`),
      `e: [${'"[", '.repeat(300)}x]`,
      '',
    ].join('\n');
    assert.equal(excessiveNesting(text), undefined);
  });

  it('no file in the test fixtures is anywhere near the limit', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ya?ml|json)$/.test(name)) files.push(path);
      }
    };
    walk(join(__dirname, '../../fixtures'));
    assert.ok(files.length > 50);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      assert.equal(excessiveNesting(text, 0, text.length, 32), undefined, path);
      assert.ok(
        parseFile(`file://${path}`, text).documents.every((d) => d.syntaxProblems.every((p) => !p.message.startsWith('nesting deeper'))),
        path,
      );
    }
  });

  describe('through the cross-file lookups', () => {
    const manifest = (extra: string) => `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --tracing-config-file=/etc/kubernetes/tracing/tracing-config.json
    image: registry.k8s.io/kube-apiserver:v1.33.0
    name: kube-apiserver
    volumeMounts:
    - mountPath: /etc/kubernetes/tracing
      name: tracing
  volumes:
  - hostPath:
      path: /etc/kubernetes/tracing
    name: tracing
${extra}`;
    const MANIFEST = '/ws/etc/kubernetes/manifests/kube-apiserver.yaml';
    const CONFIG = '/ws/etc/kubernetes/tracing/tracing-config.json';
    const check = (path: string, files: Record<string, string>) => {
      const workspace: WorkspaceFiles = { list: () => Object.keys(files), read: (p) => files[p] };
      return validateSource(
        { uri: `file://${path}`, text: files[path]! },
        { settings: normalizeSettings({}), workspaceFolders: ['/ws'], workspace },
      );
    };

    it('a deep tracing config mounted by the manifest: the manifest is checked, the config gets one warning', () => {
      const files = { [MANIFEST]: manifest(''), [CONFIG]: '['.repeat(5000) };
      assert.ok(check(MANIFEST, files).every((f) => f.code !== 'internal-error'));
      assert.deepEqual(
        where(check(CONFIG, files)).map((w) => w.split(' ')[1]),
        [TOO_DEEP],
      );
    });

    it('a deep document in the manifest file that mounts a harmless config: the config is still checked', () => {
      const files = {
        [MANIFEST]: manifest(`---\nkind: ConfigMap\ndata: ${'['.repeat(5000)}\n`),
        [CONFIG]: '{"apiVersion": "apiserver.config.k8s.io/v1", "kind": "TracingConfiguration", "samplingRatePerMillion": -1}',
      };
      // v1 is not served by the 1.33 apiserver that mounts it: the manifest was read (at the default 1.37, v1 is
      // served). An unserved apiVersion stops kube-apiserver at decoding, so the rate is not validated.
      assert.deepEqual(
        where(check(CONFIG, files)).map((w) => w.split(' ')[1]),
        ['tracing-config/api-version-not-served'],
      );
    });
  });
});
