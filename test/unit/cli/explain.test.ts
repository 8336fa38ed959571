/**
 * `check --explain` speaks of the command's options, not the editor's settings: a version given with
 * --kubernetes-version is named as such (the service reports it as the 'setting' source).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { inCliTerms } from '../../../server/src/cli/check';
import { main } from '../../../server/src/cli/main';
import { Severity } from '../../../server/src/service/findings';

const TREE = join(__dirname, '../../fixtures/multi-cluster');

describe('check --explain names the options', () => {
  it('a version from --kubernetes-version is "(--kubernetes-version)", never the setting', () => {
    const out: string[] = [];
    main(
      ['check', '--explain', '--kubernetes-version', '1.33', TREE],
      (text) => out.push(text) > 0,
      () => true,
    );
    const text = out.join('\n');
    assert.match(text, /checked against Kubernetes 1\.33 \(--kubernetes-version\)/);
    assert.doesNotMatch(text, /kubeTracing\./);
  });

  it('rewrites the default and etcd wordings too', () => {
    const finding = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: Severity.Information,
      code: 'x',
      message: 'm',
      explanation:
        'Kubernetes 1.37 (the latest released minor; set kubeTracing.kubernetesVersion to check another); etcd from setting `kubeTracing.etcdVersion`.',
    };
    assert.equal(
      inCliTerms(finding).explanation,
      'Kubernetes 1.37 (the latest released minor; pass --kubernetes-version to check another); etcd from --etcd-version.',
    );
  });
});
