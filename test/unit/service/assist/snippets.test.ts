/**
 * The snippets are static text, so they are checked against the same data and rules as everything else: each
 * TracingConfiguration snippet, with its placeholders as written, validates cleanly from the Kubernetes version
 * its title names and is refused the minor before; the package contributes every snippet file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Severity } from '../../../../server/src/service/findings';
import { codes, completionsAt, validateText } from './helpers';

const ROOT = join(__dirname, '../../../..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

function load(name: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(ROOT, 'snippets', name), 'utf8')) as Record<string, Snippet>;
}

/** The snippet's text with each `${n:default}` replaced by its default and tab stops removed. */
export function expand(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

describe('assist: snippets', () => {
  it('package.json contributes none: VS Code showed all twelve prefixes in every YAML file, even as a value', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets?: unknown } };
    assert.equal(manifest.contributes.snippets, undefined);
  });

  it('the server offers the TracingConfiguration skeletons in an empty document only', () => {
    const labels = (marked: string) =>
      completionsAt(marked)
        .filter((item) => item.kind === 'snippet')
        .map((item) => item.label);
    assert.deepEqual(labels('|'), Object.keys(load('tracing-configuration.json')));
    assert.deepEqual(labels('# a comment\ntrac|\n'), Object.keys(load('tracing-configuration.json')));
    assert.deepEqual(
      labels('kind: Deployment\n---\n|'),
      Object.keys(load('tracing-configuration.json')),
      'an empty document after another',
    );
    assert.deepEqual(
      labels('apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: |\n'),
      [],
      'never as the value of endpoint:',
    );
    assert.deepEqual(labels('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  |\n'), []);
    assert.deepEqual(
      completionsAt('{|}', { fileName: 'tracing-config.json' }).filter((item) => item.kind === 'snippet'),
      [],
      'not in JSON',
    );
  });

  it('the server offers the etcd flag set of the release in force at a new command item, and it validates', () => {
    const etcd = readFileSync(join(ROOT, 'test/fixtures/kubeadm/1.31/etcd.yaml'), 'utf8');
    for (const [tag, title] of [
      ['3.6.4-0', 'etcd 3.6+ tracing flags'],
      ['3.5.15-0', 'etcd 3.5.11+ tracing flags'],
      ['3.5.9-0', 'etcd 3.5.0-3.5.10 tracing flags'],
    ] as const) {
      const withTag = etcd.replace(/etcd:[\d.]+-0/, `etcd:${tag}`);
      const marked = withTag.replace('    - etcd\n', '    - etcd\n    - |\n');
      const snippets = completionsAt(marked, { fileName: 'etcd.yaml' }).filter((item) => item.kind === 'snippet');
      assert.deepEqual(
        snippets.map((item) => item.label),
        [title],
        tag,
      );
      const text = marked.replace('|', expand([snippets[0]!.insertText]));
      // Information aside: etcd 3.6 logs kubeadm 1.31's --experimental-watch-progress-notify-interval as deprecated.
      const findings = validateText(text, { fileName: 'etcd.yaml' }).filter((f) => f.severity !== Severity.Information);
      assert.deepEqual(
        codes(findings).filter((code) => code.startsWith('etcd/')),
        [],
        `${tag}:\n${text}`,
      );
    }
    const kubeApiserver = readFileSync(join(ROOT, 'test/fixtures/kubeadm/1.31/kube-apiserver.yaml'), 'utf8').replace(
      '    - kube-apiserver\n',
      '    - kube-apiserver\n    - |\n',
    );
    assert.deepEqual(
      completionsAt(kubeApiserver, { fileName: 'kube-apiserver.yaml' }).filter((item) => item.kind === 'snippet'),
      [],
    );
  });

  it('each TracingConfiguration snippet is valid from the version in its title, and refused the minor before', () => {
    const snippets = Object.entries(load('tracing-configuration.json'));
    assert.equal(snippets.length, 3);
    for (const [title, snippet] of snippets) {
      const from = /Kubernetes (\d+)\.(\d+)\+/.exec(title);
      assert.ok(from, title);
      const text = expand(snippet.body);
      assert.deepEqual(codes(validateText(text, { version: `${from[1]}.${from[2]}` })), [], title);
      assert.deepEqual(
        codes(validateText(text, { version: `${from[1]}.${Number(from[2]) - 1}` })),
        ['tracing-config/api-version-not-served'],
        title,
      );
    }
  });

  it("each etcd snippet, put into kubeadm's etcd manifest, is clean on the etcd release its title names and refused before it", () => {
    const etcd = readFileSync(join(ROOT, 'test/fixtures/kubeadm/1.31/etcd.yaml'), 'utf8');
    const cases: Array<[string, string, string]> = [
      // [snippet title, an etcd release it is for, a release it is not for]
      ['etcd 3.6+ tracing flags', '3.6.4-0', '3.5.15-0'],
      ['etcd 3.5.11+ tracing flags', '3.5.15-0', '3.5.9-0'],
      ['etcd 3.5.0-3.5.10 tracing flags', '3.5.9-0', '3.4.13-0'],
    ];
    const snippets = load('etcd-tracing.json');
    assert.deepEqual(Object.keys(snippets).sort(), cases.map(([title]) => title).sort());
    for (const [title, good, bad] of cases) {
      const body = expand(snippets[title]!.body)
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n');
      const withFlags = (tag: string) => etcd.replace(/etcd:[\d.]+-0/, `etcd:${tag}`).replace('    - etcd\n', `    - etcd\n${body}\n`);
      // Information aside: etcd 3.6 logs kubeadm 1.31's --experimental-watch-progress-notify-interval as deprecated.
      const etcdCodes = (tag: string) =>
        codes(validateText(withFlags(tag), { fileName: 'etcd.yaml' }).filter((f) => f.severity !== Severity.Information)).filter((code) =>
          code.startsWith('etcd/'),
        );
      assert.deepEqual(etcdCodes(good), [], `${title} on etcd ${good}`);
      assert.ok(
        etcdCodes(bad).some((code) => code === 'etcd/flag-not-available'),
        `${title} on etcd ${bad}: ${etcdCodes(bad).join(', ')}`,
      );
    }
  });
});
