/**
 * k3s/RKE2 `config.yaml`: `kube-apiserver-arg` judged as the kube-apiserver command line k3s builds (the same
 * verdicts as a static pod with those flags that sees the host's files), `kubelet-arg` feature gates, and
 * recognition by those keys only.
 */
import assert from 'node:assert/strict';
import { validate, where } from '../../helpers';
import { podVerdicts, verdicts, type ComponentSpec } from './equivalent';

const FILE = '/etc/rancher/k3s/tracing-config.yaml';
const HOST = [{ name: 'host-root', hostPath: '/', mountPath: '/' }];

function k3sConfig(args: Array<[string, string]>, style: 'list' | 'string' = 'list'): string {
  const items = args.map(([name, value]) => `${name}=${value}`);
  const apiServer =
    style === 'string' && items.length === 1
      ? `kube-apiserver-arg: ${JSON.stringify(items[0])}`
      : `kube-apiserver-arg:\n${items.map((item) => `  - ${JSON.stringify(item)}`).join('\n')}`;
  return `write-kubeconfig-mode: "0644"\ntls-san:\n  - "foo.local"\ncluster-init: true\n${apiServer}\n`;
}

const check = (text: string, version: string) => validate(text, { fileName: '/etc/rancher/k3s/config.yaml', version });

const CASES: Array<{ title: string; spec: ComponentSpec; expect: string[] }> = [
  {
    title: '1.21: no --tracing-config-file',
    spec: { version: '1.21', apiServerArgs: [['tracing-config-file', FILE]] },
    expect: ['kube-apiserver/unknown-flag'],
  },
  {
    title: '1.22: alpha gate off',
    spec: { version: '1.22', apiServerArgs: [['tracing-config-file', FILE]] },
    expect: ['kube-apiserver/tracing-gate-off'],
  },
  {
    title: '1.26: gate on: clean',
    spec: {
      version: '1.26',
      apiServerArgs: [
        ['feature-gates', 'APIServerTracing=true'],
        ['tracing-config-file', FILE],
      ],
    },
    expect: [],
  },
  {
    title: '1.27: gate set false',
    spec: {
      version: '1.27',
      apiServerArgs: [
        ['feature-gates', 'APIServerTracing=false'],
        ['tracing-config-file', FILE],
      ],
    },
    expect: ['kube-apiserver/tracing-gate-disabled'],
  },
  {
    title: '1.34: locked gate',
    spec: {
      version: '1.34',
      apiServerArgs: [
        ['feature-gates', 'APIServerTracing=false'],
        ['tracing-config-file', FILE],
      ],
    },
    expect: ['feature-gates/locked'],
  },
  {
    title: 'empty path',
    spec: { version: '1.31', apiServerArgs: [['tracing-config-file', '']] },
    expect: ['kube-apiserver/tracing-config-file-empty'],
  },
];

describe('k3s/RKE2 config.yaml: the verdicts of the kube-apiserver command line k3s builds', () => {
  for (const { title, spec, expect } of CASES) {
    it(title, () => {
      const pod = podVerdicts({ ...spec, mounts: HOST });
      for (const code of expect)
        assert.ok(
          pod.some((v) => v.includes(` ${code} `)),
          `the pod gets ${code}: ${JSON.stringify(pod)}`,
        );
      if (expect.length === 0) assert.deepEqual(pod, []);
      assert.deepEqual(verdicts(check(k3sConfig(spec.apiServerArgs!), spec.version)), pod);
    });
  }

  it('a single string instead of a list; positions inside the item', () => {
    const text = k3sConfig([['tracing-config-file', FILE]], 'string');
    const findings = check(text, '1.21');
    assert.deepEqual(where(findings), ['5:22 kube-apiserver/unknown-flag']);
    const line = text.split('\n')[4]!;
    assert.equal(line.slice(findings[0]!.range.start.character, findings[0]!.range.end.character), 'tracing-config-file');
  });

  it('no path is called unmounted: k3s runs kube-apiserver on the host', () => {
    assert.deepEqual(check(k3sConfig([['tracing-config-file', '/anywhere/tracing.yaml']]), '1.33'), []);
  });

  it('kubelet-arg feature gates, on the gate', () => {
    const text = 'kubelet-arg:\n  - "feature-gates=KubeletTracing=true,NoSuchGate=true"\n';
    assert.deepEqual(where(check(text, '1.30')), ['2:40 feature-gates/unrecognized']);
    assert.match(
      check(text, '1.30')[0]!.explanation,
      /^kubelet exits at start-up: invalid argument "KubeletTracing=true,NoSuchGate=true" for "--feature-gates" flag/,
    );
  });
});

describe('k3s/RKE2 config.yaml: recognized by its keys only', () => {
  it('the k3s docs configuration example without component flags (docs.k3s.io/installation/configuration)', () => {
    const text =
      'write-kubeconfig-mode: "0644"\ntls-san:\n  - "foo.local"\nnode-label:\n  - "foo=bar"\n  - "something=amazing"\ncluster-init: true\n';
    assert.deepEqual(check(text, '1.21'), []);
  });

  it('the keys nested in another file (Helm values, Ansible vars) or in a Kubernetes object', () => {
    assert.deepEqual(check(`k3s:\n  kube-apiserver-arg:\n    - tracing-config-file=${FILE}\n`, '1.21'), []);
    assert.deepEqual(check(`apiVersion: v1\nkind: ConfigMap\nkube-apiserver-arg:\n  - tracing-config-file=${FILE}\n`, '1.21'), []);
  });

  it("etcd-arg alone does not make a k3s config (those go to etcd's config file)", () => {
    assert.deepEqual(check('etcd-arg:\n  - experimental-enable-distributed-tracing=maybe\n', '1.34'), []);
  });
});
