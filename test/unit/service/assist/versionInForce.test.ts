import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionInForce } from '../../../../server/src/service/assist/versionInForce';
import { inputFor } from './helpers';

const KUBEADM = join(__dirname, '../../../fixtures/kubeadm');

describe('assist: version in force (status bar)', () => {
  it('a kubeadm kube-apiserver manifest runs the version of its image tag', () => {
    const text = readFileSync(join(KUBEADM, '1.26/tracing-on/kube-apiserver.yaml'), 'utf8');
    const versions = versionInForce(inputFor(text, { fileName: 'kube-apiserver.yaml' }));
    assert.deepEqual(versions, {
      documentType: 'control-plane-pod',
      kubernetes: { version: { major: 1, minor: 26 }, source: 'image-tag', detail: 'registry.k8s.io/kube-apiserver:v1.26.0' },
    });
  });

  it('the setting wins over the image tag', () => {
    const text = readFileSync(join(KUBEADM, '1.26/tracing-on/kube-apiserver.yaml'), 'utf8');
    const versions = versionInForce(inputFor(text, { fileName: 'kube-apiserver.yaml', version: '1.31' }));
    assert.deepEqual(versions?.kubernetes, { version: { major: 1, minor: 31 }, source: 'setting' });
  });

  it('a TracingConfiguration alone gets the latest released minor, marked as the default', () => {
    const versions = versionInForce(inputFor('apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n'));
    assert.equal(versions?.kubernetes.source, 'default');
    assert.equal(versions?.documentType, 'tracing-config');
  });

  it('unrelated YAML has no version in force (the status bar hides)', () => {
    const text = readFileSync(join(KUBEADM, '1.26/kube-scheduler.yaml'), 'utf8');
    assert.equal(versionInForce(inputFor(text, { fileName: 'kube-scheduler.yaml' })), null);
  });

  it('an etcd pod also gets its etcd release (from the image tag)', () => {
    const text = readFileSync(join(KUBEADM, '1.26/etcd.yaml'), 'utf8');
    const versions = versionInForce(inputFor(text, { fileName: 'etcd.yaml' }));
    assert.equal(versions?.documentType, 'control-plane-pod');
    assert.deepEqual(versions?.etcd?.version, { major: 3, minor: 5, patch: 6 });
    assert.equal(versions?.etcd?.source, 'image-tag');
  });
});
