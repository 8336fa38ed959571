/**
 * Cluster API KubeadmControlPlane: `spec.version` as the version, `spec.kubeadmConfigSpec.clusterConfiguration`
 * judged as the static pods kubeadm writes on each control-plane machine (v1beta1 map / v1beta2 list extraArgs),
 * and the tracing config written by `kubeadmConfigSpec.files` judged as a TracingConfiguration file at that version.
 */
import assert from 'node:assert/strict';
import { validate, where } from '../../helpers';
import { podVerdicts, verdicts, type ComponentSpec } from './equivalent';

type CapiVersion = 'v1beta1' | 'v1beta2';

function args(list: Array<[string, string]>, apiVersion: CapiVersion, indent: string): string {
  if (apiVersion === 'v1beta1') return list.map(([name, value]) => `${indent}  ${name}: ${JSON.stringify(value)}`).join('\n');
  return list.map(([name, value]) => `${indent}- name: ${name}\n${indent}  value: ${JSON.stringify(value)}`).join('\n');
}

function kubeadmControlPlane(spec: ComponentSpec, apiVersion: CapiVersion, tracingFile?: string): string {
  const lines = [
    `apiVersion: controlplane.cluster.x-k8s.io/${apiVersion}`,
    'kind: KubeadmControlPlane',
    'metadata:',
    '  name: cp',
    'spec:',
    '  replicas: 3',
    `  version: v${spec.version}.0`,
    '  kubeadmConfigSpec:',
    '    clusterConfiguration:',
  ];
  if (spec.apiServerArgs?.length) {
    lines.push('      apiServer:', '        extraArgs:', args(spec.apiServerArgs, apiVersion, '        '));
    if (spec.mounts?.length)
      lines.push(
        '        extraVolumes:',
        ...spec.mounts.map(
          (m) =>
            `        - name: ${m.name}\n          hostPath: ${m.hostPath}\n          mountPath: ${m.mountPath}\n          readOnly: true`,
        ),
      );
  }
  if (spec.etcdArgs?.length)
    lines.push('      etcd:', '        local:', '          extraArgs:', args(spec.etcdArgs, apiVersion, '          '));
  if (tracingFile)
    lines.push(
      '    files:',
      `    - path: ${FILE}`,
      '      owner: root:root',
      '      content: |',
      ...tracingFile
        .trimEnd()
        .split('\n')
        .map((line) => `        ${line}`),
    );
  return `${lines.join('\n')}\n`;
}

const check = (text: string, version?: string) =>
  validate(text, { fileName: '/cluster/control-plane.yaml', ...(version ? { version } : {}) });
const FILE = '/etc/kubernetes/tracing/tracing-config.yaml';
const MOUNT = { name: 'tracing', hostPath: '/etc/kubernetes/tracing', mountPath: '/etc/kubernetes/tracing' };

const CASES: Array<{ title: string; spec: ComponentSpec; expect: string[] }> = [
  {
    title: '1.22: alpha gate off',
    spec: { version: '1.22', apiServerArgs: [['tracing-config-file', FILE]], mounts: [MOUNT] },
    expect: ['kube-apiserver/tracing-gate-off'],
  },
  {
    title: '1.27: gate set false',
    spec: {
      version: '1.27',
      apiServerArgs: [
        ['feature-gates', 'APIServerTracing=false'],
        ['tracing-config-file', FILE],
      ],
      mounts: [MOUNT],
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
      mounts: [MOUNT],
    },
    expect: ['feature-gates/locked'],
  },
  {
    title: 'not mounted',
    spec: { version: '1.30', apiServerArgs: [['tracing-config-file', FILE]] },
    expect: ['kube-apiserver/tracing-config-not-mounted'],
  },
  { title: '1.33 mounted: clean', spec: { version: '1.33', apiServerArgs: [['tracing-config-file', FILE]], mounts: [MOUNT] }, expect: [] },
  {
    title: 'etcd 3.6 (1.34): experimental names',
    spec: { version: '1.34', etcdArgs: [['experimental-enable-distributed-tracing', 'true']] },
    expect: ['etcd/flag-deprecated'],
  },
];

describe('Cluster API KubeadmControlPlane: the verdicts of the static pods kubeadm writes', () => {
  for (const { title, spec, expect } of CASES) {
    for (const apiVersion of ['v1beta1', 'v1beta2'] as const) {
      it(`${title} (${apiVersion})`, () => {
        const pod = podVerdicts(spec);
        for (const code of expect)
          assert.ok(
            pod.some((v) => v.includes(` ${code} `)),
            `the pod gets ${code}: ${JSON.stringify(pod)}`,
          );
        if (expect.length === 0) assert.deepEqual(pod, []);
        assert.deepEqual(verdicts(check(kubeadmControlPlane(spec, apiVersion))), pod);
      });
    }
  }

  it('names spec.version as the version source; the setting wins', () => {
    const text = kubeadmControlPlane(CASES[0]!.spec, 'v1beta1');
    assert.match(check(text)[0]!.explanation, /Kubernetes 1\.22 \(spec\.version v1\.22\.0\)/);
    assert.deepEqual(check(text, '1.30'), []);
  });
});

describe('Cluster API: the tracing config written by kubeadmConfigSpec.files', () => {
  const tracing = (apiVersion: string, rate: number) =>
    `apiVersion: apiserver.config.k8s.io/${apiVersion}\nkind: TracingConfiguration\nendpoint: localhost:4317\nsamplingRatePerMillion: ${rate}\n`;
  const spec: ComponentSpec = { version: '1.33', apiServerArgs: [['tracing-config-file', FILE]], mounts: [MOUNT] };

  for (const [version, apiVersion, rate] of [
    ['1.33', 'v1', 2000000],
    ['1.34', 'v1', -1],
    ['1.27', 'v1beta1', 100],
    ['1.26', 'v1alpha1', 100],
  ] as const) {
    it(`${version}, ${apiVersion}, rate ${rate}: the verdicts of the file checked at ${version}`, () => {
      const gate: Array<[string, string]> = version === '1.26' ? [['feature-gates', 'APIServerTracing=true']] : [];
      const text = kubeadmControlPlane(
        { ...spec, version, apiServerArgs: [...gate, ...spec.apiServerArgs!] },
        'v1beta1',
        tracing(apiVersion, rate),
      );
      const alone = verdicts(validate(tracing(apiVersion, rate), { fileName: '/cluster/tracing-config.yaml', version }));
      if (version !== '1.27' && version !== '1.26') assert.notDeepEqual(alone, []);
      assert.deepEqual(verdicts(check(text)), alone);
    });
  }

  it('findings land inside the content block', () => {
    // v1beta1 is served by 1.33, so decoding succeeds and validation reports the rate (an unserved apiVersion
    // stops kube-apiserver at decoding, before any validation).
    const text = kubeadmControlPlane(spec, 'v1beta1', tracing('v1beta1', 2000000));
    const findings = check(text);
    const lines = text.split('\n');
    assert.deepEqual(
      where(findings).map((w) => w.split(' ')[1]),
      ['tracing-config/sampling-rate-too-large'],
    );
    const rate = findings[0]!;
    assert.equal(lines[rate.range.start.line]!.slice(rate.range.start.character, rate.range.end.character), '2000000');
  });

  it('with the gate off kube-apiserver never reads the file: only the gate warning', () => {
    const text = kubeadmControlPlane({ ...spec, version: '1.26' }, 'v1beta1', tracing('v1', -1));
    assert.deepEqual(
      where(check(text)).map((w) => w.split(' ')[1]),
      ['kube-apiserver/tracing-gate-off'],
    );
  });

  it('another file is judged only when it says it is a TracingConfiguration', () => {
    const text = kubeadmControlPlane(spec, 'v1beta1').replace(
      '    clusterConfiguration:',
      '    files:\n    - path: /etc/otel/config.yaml\n      content: |\n        endpoint: 1\n        sampler: {}\n    clusterConfiguration:',
    );
    assert.deepEqual(check(text), []);
  });
});

describe('Cluster API: silence', () => {
  it('the Cluster API quick-start KubeadmControlPlane shape without tracing (cluster-api.sigs.k8s.io/user/quick-start)', () => {
    const text = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata:
  name: capi-quickstart-control-plane
  namespace: default
spec:
  kubeadmConfigSpec:
    clusterConfiguration:
      apiServer:
        certSANs:
        - localhost
        - 127.0.0.1
      controllerManager:
        extraArgs:
          enable-hostpath-provisioner: "true"
    initConfiguration:
      nodeRegistration:
        criSocket: unix:///var/run/containerd/containerd.sock
        kubeletExtraArgs:
          eviction-hard: nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%
  machineTemplate:
    infrastructureRef:
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
      kind: DockerMachineTemplate
      name: capi-quickstart-control-plane
  replicas: 3
  version: v1.31.0
`;
    assert.deepEqual(check(text), []);
  });

  it("another group's KubeadmControlPlane, a KubeadmConfigTemplate", () => {
    assert.deepEqual(
      check(
        `apiVersion: example.com/v1\nkind: KubeadmControlPlane\nspec:\n  version: v1.21.0\n  kubeadmConfigSpec:\n    clusterConfiguration:\n      apiServer:\n        extraArgs:\n          tracing-config-file: ${FILE}\n`,
      ),
      [],
    );
    assert.deepEqual(
      check(
        `apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfigTemplate\nspec:\n  template:\n    spec:\n      files: []\n`,
      ),
      [],
    );
  });
});
