/**
 * kubeadm ClusterConfiguration (v1beta3 `extraArgs` map, v1beta4 `{name, value}` list): the same verdicts as
 * the static pods kubeadm writes from it, at every version boundary the pod rules have, with findings on the
 * config's own keys and values; and silence on kubeadm files without tracing.
 */
import assert from 'node:assert/strict';
import { validate, where } from '../../helpers';
import { podVerdicts, verdicts, type ComponentSpec } from './equivalent';

type ApiVersion = 'v1beta3' | 'v1beta4';

function args(list: Array<[string, string]>, apiVersion: ApiVersion, indent: string): string {
  if (apiVersion === 'v1beta3') return list.map(([name, value]) => `${indent}  ${name}: ${JSON.stringify(value)}`).join('\n');
  return list.map(([name, value]) => `${indent}- name: ${name}\n${indent}  value: ${JSON.stringify(value)}`).join('\n');
}

/** The kubeadm config whose static pods are the spec's. */
export function kubeadmConfig(spec: ComponentSpec, apiVersion: ApiVersion): string {
  const lines = [
    `apiVersion: kubeadm.k8s.io/${apiVersion}`,
    'kind: ClusterConfiguration',
    `kubernetesVersion: v${/^\d+\.\d+$/.test(spec.version) ? `${spec.version}.0` : spec.version}`,
  ];
  if (spec.apiServerArgs?.length) {
    lines.push('apiServer:', '  extraArgs:', args(spec.apiServerArgs, apiVersion, '  '));
    if (spec.mounts?.length) {
      lines.push(
        '  extraVolumes:',
        ...spec.mounts.map(
          (m) => `  - name: ${m.name}\n    hostPath: ${m.hostPath}\n    mountPath: ${m.mountPath}\n    readOnly: true\n    pathType: File`,
        ),
      );
    }
  }
  if (spec.etcdArgs?.length) {
    lines.push(
      'etcd:',
      '  local:',
      ...(spec.etcdImageTag ? [`    imageTag: ${spec.etcdImageTag}`] : []),
      '    extraArgs:',
      args(spec.etcdArgs, apiVersion, '    '),
    );
  }
  return `${lines.join('\n')}\n`;
}

function check(text: string, version?: string) {
  return validate(text, { fileName: '/cluster/kubeadm-config.yaml', ...(version ? { version } : {}) });
}

const FILE = '/etc/kubernetes/tracing/tracing-config.yaml';
const MOUNT = { name: 'tracing', hostPath: '/etc/kubernetes/tracing', mountPath: '/etc/kubernetes/tracing' };

/** Each case is a version boundary or a mistake of the pod rules; `expect` names codes the pod gets (so the case can fail). */
const CASES: Array<{ title: string; spec: ComponentSpec; expect: string[] }> = [
  {
    title: '1.21: no --tracing-config-file yet',
    spec: { version: '1.21', apiServerArgs: [['tracing-config-file', FILE]], mounts: [MOUNT] },
    expect: ['kube-apiserver/unknown-flag'],
  },
  {
    title: '1.22: alpha gate off by default',
    spec: { version: '1.22', apiServerArgs: [['tracing-config-file', FILE]], mounts: [MOUNT] },
    expect: ['kube-apiserver/tracing-gate-off'],
  },
  {
    title: '1.26: gate on, mounted: clean',
    spec: {
      version: '1.26',
      apiServerArgs: [
        ['feature-gates', 'APIServerTracing=true'],
        ['tracing-config-file', FILE],
      ],
      mounts: [MOUNT],
    },
    expect: [],
  },
  {
    title: '1.27: beta, set to false',
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
    title: '1.33: beta, on by default: clean',
    spec: { version: '1.33', apiServerArgs: [['tracing-config-file', FILE]], mounts: [MOUNT] },
    expect: [],
  },
  {
    title: '1.34: GA and locked, set to false',
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
    title: '1.37: the gate is gone',
    spec: {
      version: '1.37',
      apiServerArgs: [
        ['feature-gates', 'APIServerTracing=true'],
        ['tracing-config-file', FILE],
      ],
      mounts: [MOUNT],
    },
    expect: ['feature-gates/unrecognized'],
  },
  {
    title: 'not mounted',
    spec: { version: '1.31', apiServerArgs: [['tracing-config-file', FILE]] },
    expect: ['kube-apiserver/tracing-config-not-mounted'],
  },
  {
    title: "in kubeadm's own certificates mount",
    spec: { version: '1.31', apiServerArgs: [['tracing-config-file', '/etc/kubernetes/pki/tracing.yaml']] },
    expect: [],
  },
  {
    title: 'empty path',
    spec: { version: '1.31', apiServerArgs: [['tracing-config-file', '']] },
    expect: ['kube-apiserver/tracing-config-file-empty'],
  },
  {
    title: 'an unknown gate among others',
    spec: { version: '1.30', apiServerArgs: [['feature-gates', 'APIServerTracing=true,NoSuchGate=true']] },
    expect: ['feature-gates/unrecognized'],
  },
  {
    title: 'etcd 3.5 (1.33): experimental names',
    spec: {
      version: '1.33',
      etcdArgs: [
        ['experimental-enable-distributed-tracing', 'true'],
        ['experimental-distributed-tracing-address', 'http://localhost:4317'],
      ],
    },
    expect: ['etcd/address-has-scheme'],
  },
  {
    title: 'etcd 3.6 (1.34): experimental names deprecated',
    spec: {
      version: '1.34',
      etcdArgs: [
        ['experimental-enable-distributed-tracing', 'true'],
        ['experimental-distributed-tracing-sampling-rate', '100'],
      ],
    },
    expect: ['etcd/flag-deprecated'],
  },
  {
    title: 'etcd imageTag 3.5.9: 3.6 names unknown',
    spec: { version: '1.30', etcdImageTag: '3.5.9-0', etcdArgs: [['enable-distributed-tracing', 'true']] },
    expect: ['etcd/flag-not-available'],
  },
  {
    title: 'etcd sampling rate over a million',
    spec: {
      version: '1.36',
      etcdArgs: [
        ['enable-distributed-tracing', 'true'],
        ['distributed-tracing-sampling-rate', '2000000'],
      ],
    },
    expect: ['etcd/sampling-rate-too-large'],
  },
];

describe('kubeadm ClusterConfiguration: the verdicts of the static pods kubeadm writes', () => {
  for (const { title, spec, expect } of CASES) {
    for (const apiVersion of ['v1beta3', 'v1beta4'] as const) {
      it(`${title} (${apiVersion})`, () => {
        const pod = podVerdicts(spec);
        for (const code of expect)
          assert.ok(
            pod.some((v) => v.includes(` ${code} `)),
            `the pod gets ${code}: ${JSON.stringify(pod)}`,
          );
        if (expect.length === 0) assert.deepEqual(pod, []);
        assert.deepEqual(verdicts(check(kubeadmConfig(spec, apiVersion))), pod);
      });
    }
  }
});

describe('kubeadm ClusterConfiguration: where findings land', () => {
  it('v1beta3: the not-mounted error on the map value, the gate warning on the gate inside the quoted value', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.27.3
apiServer:
  extraArgs:
    feature-gates: "APIServerTracing=false"
    tracing-config-file: ${FILE}
`;
    const findings = check(text);
    assert.deepEqual(where(findings), ['6:21 kube-apiserver/tracing-gate-disabled', '7:26 kube-apiserver/tracing-config-not-mounted']);
    const notMounted = findings[1]!;
    assert.equal(notMounted.range.end.character, 25 + FILE.length);
    assert.match(notMounted.explanation, /apiServer\.extraVolumes/);
    assert.match(findings[0]!.explanation, /Kubernetes 1\.27 \(kubernetesVersion v1\.27\.3\)/);
  });

  it('v1beta4: on the `value` of the list item; an unknown flag name on the `name`', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.21.0
apiServer:
  extraArgs:
  - name: tracing-config-file
    value: ${FILE}
`;
    assert.deepEqual(where(check(text)), ['6:11 kube-apiserver/unknown-flag']);
    const range = check(text)[0]!.range;
    assert.equal(range.end.character, 10 + 'tracing-config-file'.length);
  });

  it('the setting wins over kubernetesVersion', () => {
    const spec: ComponentSpec = { version: '1.22', apiServerArgs: [['tracing-config-file', FILE]], mounts: [{ ...MOUNT }] };
    assert.deepEqual(
      where(check(kubeadmConfig(spec, 'v1beta3'))).map((w) => w.split(' ')[1]),
      ['kube-apiserver/tracing-gate-off'],
    );
    assert.deepEqual(check(kubeadmConfig(spec, 'v1beta3'), '1.33'), []);
  });

  it('without kubernetesVersion: the latest released minor, as for a pod without a tag', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n  - name: feature-gates\n    value: APIServerTracing=false\n`;
    assert.deepEqual(where(check(text)), ['6:12 feature-gates/unrecognized']);
  });
});

describe('kubeadm: the KubeletConfiguration it carries, at kubernetesVersion', () => {
  const kubelet = (featureGates: string) => `---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
${featureGates}tracing:
  endpoint: localhost:4317
`;
  const withVersion = (version: string, featureGates = '') =>
    `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: ${version}\n${kubelet(featureGates)}`;
  const alone = (version: string, featureGates = '') =>
    verdicts(validate(kubelet(featureGates), { fileName: '/cluster/kubelet-config.yaml', version }));

  for (const [version, gates] of [
    ['1.24', ''],
    ['1.25', ''],
    ['1.25', 'featureGates:\n  KubeletTracing: true\n'],
    ['1.34', ''],
  ] as const) {
    it(`${version}${gates ? ' with KubeletTracing' : ''}: as a kubelet config checked at ${version}`, () => {
      const expected = alone(version, gates);
      if (version !== '1.34' && !gates) assert.notDeepEqual(expected, [], 'the kubelet rule has something to say here');
      assert.deepEqual(verdicts(check(withVersion(`v${version}.1`, gates))), expected);
    });
  }

  it('names kubernetesVersion as the version source', () => {
    const [finding] = check(withVersion('v1.24.17'));
    assert.equal(finding?.code, 'kubelet/tracing-not-supported');
    assert.match(finding!.explanation, /kubernetesVersion v1\.24\.17/);
  });
});

describe('kubeadm: silence where nothing is wrong or nothing is known', () => {
  it('the kubeadm-config v1beta3 reference example (kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta3/)', () => {
    // Shape of the reference page's ClusterConfiguration example, trimmed: extraArgs map and an extraVolumes entry.
    const text = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
etcd:
  local:
    imageRepository: "registry.k8s.io"
    imageTag: "3.2.24"
    dataDir: "/var/lib/etcd"
    extraArgs:
      listen-client-urls: "http://10.100.0.1:2379"
networking:
  serviceSubnet: "10.96.0.0/16"
  podSubnet: "10.244.0.0/24"
  dnsDomain: "cluster.local"
kubernetesVersion: "v1.21.0"
controlPlaneEndpoint: "10.100.0.1:6443"
apiServer:
  extraArgs:
    authorization-mode: "Node,RBAC"
  extraVolumes:
  - name: "some-volume"
    hostPath: "/etc/some-path"
    mountPath: "/etc/some-pod-path"
    readOnly: false
    pathType: File
  certSANs:
  - "10.100.1.1"
  - "ec2-10-100-0-1.compute-1.amazonaws.com"
  timeoutForControlPlane: 4m0s
certificatesDir: "/etc/kubernetes/pki"
imageRepository: "registry.k8s.io"
clusterName: "example-cluster"
`;
    assert.deepEqual(check(text), []);
  });

  it('the kubeadm v1beta4 "customizing components" example (kubernetes.io/docs/setup/production-environment/tools/kubeadm/control-plane-flags/)', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.16.0
apiServer:
  extraArgs:
  - name: "enable-admission-plugins"
    value: "AlwaysPullImages,DefaultStorageClass"
  - name: "audit-log-path"
    value: "/home/johndoe/audit.log"
`;
    assert.deepEqual(check(text), []);
  });

  it('InitConfiguration and JoinConfiguration without kubelet feature gates: nothing', () => {
    const text = `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
nodeRegistration:
  kubeletExtraArgs:
  - name: node-labels
    value: ingress-ready=true
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: 10.0.0.1:6443
`;
    assert.deepEqual(check(text), []);
  });

  it("extraArgs in the other version's shape: kubeadm refuses the file; no flag verdicts", () => {
    const v1beta4WithMap = `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.22.0\napiServer:\n  extraArgs:\n    tracing-config-file: ${FILE}\n`;
    assert.deepEqual(check(v1beta4WithMap), []);
  });

  it("another group's ClusterConfiguration is not kubeadm's", () => {
    const text = `apiVersion: example.com/v1\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    tracing-config-file: ${FILE}\n`;
    assert.deepEqual(check(text), []);
  });
});

describe("kubeadm: the kubelet's --feature-gates from nodeRegistration.kubeletExtraArgs", () => {
  const init = (apiVersion: ApiVersion, gates: string) =>
    apiVersion === 'v1beta3'
      ? `apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    feature-gates: "${gates}"\n`
      : `apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n  - name: feature-gates\n    value: "${gates}"\n`;
  const cluster = (version: string) =>
    `---\napiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: ${version}\n`;
  const kubelet = '---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ntracing:\n  endpoint: localhost:4317\n';

  for (const apiVersion of ['v1beta3', 'v1beta4'] as const) {
    it(`${apiVersion}: judged as the kubelet's flag at kubernetesVersion, on the gate`, () => {
      const text = init(apiVersion, 'KubeletTracing=true,NoSuchGate=true') + cluster('v1.30.1');
      const findings = check(text);
      assert.deepEqual(
        findings.map((f) => f.code),
        ['feature-gates/unrecognized'],
      );
      const line = text.split('\n')[findings[0]!.range.start.line]!;
      assert.equal(line.slice(findings[0]!.range.start.character, findings[0]!.range.end.character), 'NoSuchGate');
      assert.match(
        findings[0]!.explanation,
        /^kubelet exits at start-up: invalid argument "KubeletTracing=true,NoSuchGate=true" for "--feature-gates" flag/,
      );
    });
  }

  it('1.25: KubeletTracing=true on the command line lets the KubeletConfiguration trace (flags win over the file)', () => {
    assert.deepEqual(
      where(check(cluster('v1.25.4') + kubelet)).map((w) => w.split(' ')[1]),
      ['kubelet/tracing-gate-disabled'],
    );
    assert.deepEqual(check(init('v1beta3', 'KubeletTracing=true') + cluster('v1.25.4') + kubelet), []);
  });
});
