import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gateLifetime } from '../../../server/src/service/rules/feature-gates/table';
import {
  describeVersionSource,
  KNOWN_MINORS,
  KNOWN_MINORS_RANGE,
  kubeletFacts,
  kubernetesMinorFromImage,
  LATEST_RELEASED_MINOR,
  resolveKubernetesVersion,
  splitImageReference,
} from '../../../server/src/service/versions';

describe('versions: image references', () => {
  it('splits registry ports, tags and digests the way image references are written', () => {
    assert.deepEqual(splitImageReference('registry.k8s.io/kube-apiserver:v1.26.3'), {
      repository: 'registry.k8s.io/kube-apiserver',
      tag: 'v1.26.3',
    });
    assert.deepEqual(splitImageReference('localhost:5000/kube-apiserver'), { repository: 'localhost:5000/kube-apiserver', tag: undefined });
    assert.deepEqual(splitImageReference('localhost:5000/kube-apiserver:v1.30.1@sha256:abc'), {
      repository: 'localhost:5000/kube-apiserver',
      tag: 'v1.30.1',
    });
  });

  it('reads the Kubernetes minor of a component image tag, and nothing from other tags', () => {
    assert.deepEqual(kubernetesMinorFromImage('registry.k8s.io/kube-apiserver:v1.26.3'), { major: 1, minor: 26 });
    assert.deepEqual(kubernetesMinorFromImage('602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-apiserver:v1.29.0-eks-1-29-1'), {
      major: 1,
      minor: 29,
    });
    assert.equal(kubernetesMinorFromImage('registry.k8s.io/kube-apiserver:latest'), null);
    assert.equal(kubernetesMinorFromImage('registry.k8s.io/kube-apiserver'), null);
    assert.equal(kubernetesMinorFromImage(undefined), null);
  });

  it('reads a tag that names only the minor, as self-built images are tagged (a real 1.14 manifest was checked as 1.37)', () => {
    // test/fixtures/real-corpus (SOURCES.md): tuxnotes/k8s-start runs `zhoujing/kube-apiserver:1.14` with flags 1.14 knows.
    const manifest = readFileSync(
      join(__dirname, '../../fixtures/real-corpus/static-pods/k8s-start/etc/kubernetes/manifests/kube-apiserver.yaml'),
      'utf8',
    );
    const image = /image: (\S+)/.exec(manifest)![1];
    assert.equal(image, 'zhoujing/kube-apiserver:1.14');
    assert.deepEqual(kubernetesMinorFromImage(image), { major: 1, minor: 14 });
    assert.deepEqual(kubernetesMinorFromImage('example.org/kube-apiserver:v1.31-custom'), { major: 1, minor: 31 });
    assert.equal(kubernetesMinorFromImage('example.org/kube-apiserver:1.31rc'), null);
  });
});

describe('versions: the version in force and its source', () => {
  const manifest = { path: '/ws/kube-apiserver.yaml', version: { version: { major: 1, minor: 27 }, source: 'image-tag' as const } };

  it('the setting first, unless auto', () => {
    assert.deepEqual(resolveKubernetesVersion('1.31', { image: 'registry.k8s.io/kube-apiserver:v1.26.3', referencingManifest: manifest }), {
      version: { major: 1, minor: 31 },
      source: 'setting',
    });
  });

  it('then the image tag, then the referencing manifest, then the latest released minor', () => {
    assert.deepEqual(resolveKubernetesVersion('auto', { image: 'registry.k8s.io/kube-apiserver:v1.26.3', referencingManifest: manifest }), {
      version: { major: 1, minor: 26 },
      source: 'image-tag',
      detail: 'registry.k8s.io/kube-apiserver:v1.26.3',
    });
    assert.deepEqual(resolveKubernetesVersion('auto', { referencingManifest: manifest }), {
      version: { major: 1, minor: 27 },
      source: 'referencing-manifest',
      detail: '/ws/kube-apiserver.yaml',
    });
    assert.deepEqual(resolveKubernetesVersion('auto', {}), { version: LATEST_RELEASED_MINOR, source: 'default' });
    assert.deepEqual(LATEST_RELEASED_MINOR, { major: 1, minor: 37 });
  });

  it('a referencing manifest that itself only has the default does not count as evidence', () => {
    const guessed = { path: '/ws/a.yaml', version: { version: LATEST_RELEASED_MINOR, source: 'default' as const } };
    assert.equal(resolveKubernetesVersion('auto', { referencingManifest: guessed }).source, 'default');
  });

  it('describes each source in words for explanations and the status bar', () => {
    assert.equal(
      describeVersionSource({ version: { major: 1, minor: 26 }, source: 'image-tag', detail: 'registry.k8s.io/kube-apiserver:v1.26.3' }),
      'Kubernetes 1.26 (image registry.k8s.io/kube-apiserver:v1.26.3)',
    );
    assert.match(
      describeVersionSource({ version: LATEST_RELEASED_MINOR, source: 'default' }),
      /^Kubernetes 1\.37 \(the latest released minor/,
    );
  });

  it('describes each source in Markdown for hovers and completions (the one description, another style)', () => {
    const v126 = { major: 1, minor: 26 };
    assert.equal(
      describeVersionSource({ version: v126, source: 'setting' }, 'markdown'),
      'Kubernetes 1.26 (setting `kubeTracing.kubernetesVersion`)',
    );
    assert.equal(
      describeVersionSource({ version: v126, source: 'image-tag', detail: 'registry.k8s.io/kube-apiserver:v1.26.3@sha256:ab' }, 'markdown'),
      'Kubernetes 1.26 (this manifest runs v1.26.3, from the image tag `registry.k8s.io/kube-apiserver:v1.26.3@sha256:ab`)',
    );
    assert.equal(
      describeVersionSource({ version: v126, source: 'referencing-manifest', detail: '/ws/kube-apiserver.yaml' }, 'markdown'),
      'Kubernetes 1.26 (from the kube-apiserver manifest that mounts this file, `/ws/kube-apiserver.yaml`)',
    );
    assert.match(
      describeVersionSource({ version: LATEST_RELEASED_MINOR, source: 'default' }, 'markdown'),
      /^Kubernetes 1\.37 \(the latest released minor; set `kubeTracing\.kubernetesVersion`/,
    );
  });
});

describe('versions: facts read from the data', () => {
  it('the kubelet tracing block starts with the KubeletTracing gate the feature-gate table registers', () => {
    assert.equal(kubeletFacts.tracingGate, 'KubeletTracing');
    assert.equal(gateLifetime(kubeletFacts.tracingGate)?.first, kubeletFacts.tracingBlock.from);
  });

  it('the known-minors range text is built from the minors list', () => {
    assert.equal(KNOWN_MINORS_RANGE, `${KNOWN_MINORS[0]}–${KNOWN_MINORS[KNOWN_MINORS.length - 1]}`);
    assert.match(KNOWN_MINORS_RANGE, /^1\.20–1\.\d+$/);
  });
});
