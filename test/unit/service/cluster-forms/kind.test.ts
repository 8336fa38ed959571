/**
 * kind `Cluster` configs: `featureGates` (kube-apiserver's --feature-gates and the kubelet's featureGates),
 * `kubeadmConfigPatches` (kubeadm YAML inside strings, findings mapped into the block scalar), `extraMounts`,
 * and the node image tag as the version. Each case asserts the verdicts of the static pod and kubelet config
 * kind's kubeadm would run.
 */
import assert from 'node:assert/strict';
import { validate, where } from '../../helpers';
import { podVerdicts, verdicts, type ComponentSpec } from './equivalent';

interface KindSpec {
  version?: string;
  featureGates?: Record<string, boolean>;
  /** kube-apiserver extra args written in a ClusterConfiguration patch (v1beta3 map form unless `listForm`). */
  patchArgs?: Array<[string, string]>;
  listForm?: boolean;
  volume?: { hostPath: string; mountPath: string };
  /** containerPath of the control-plane node's extraMounts. */
  nodeMount?: string;
  etcdArgs?: Array<[string, string]>;
  kubeletTracing?: boolean;
}

function kindConfig(spec: KindSpec): string {
  const lines = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4'];
  if (spec.featureGates) lines.push('featureGates:', ...Object.entries(spec.featureGates).map(([name, on]) => `  ${name}: ${on}`));
  const patches: string[] = [];
  if (spec.patchArgs || spec.etcdArgs) {
    const patch = ['- |', '  kind: ClusterConfiguration'];
    if (spec.patchArgs) {
      patch.push('  apiServer:', '    extraArgs:');
      for (const [name, value] of spec.patchArgs)
        patch.push(
          spec.listForm ? `    - name: ${name}\n      value: ${JSON.stringify(value)}` : `      ${name}: ${JSON.stringify(value)}`,
        );
      if (spec.volume)
        patch.push(
          '    extraVolumes:',
          '    - name: tracing',
          `      hostPath: ${spec.volume.hostPath}`,
          `      mountPath: ${spec.volume.mountPath}`,
          '      readOnly: true',
          '      pathType: File',
        );
    }
    if (spec.etcdArgs)
      patch.push(
        '  etcd:',
        '    local:',
        '      extraArgs:',
        ...spec.etcdArgs.map(([name, value]) => `        ${name}: ${JSON.stringify(value)}`),
      );
    patches.push(...patch);
  }
  if (spec.kubeletTracing)
    patches.push('- |', '  kind: KubeletConfiguration', '  tracing:', '    endpoint: localhost:4317', '    samplingRatePerMillion: 100');
  if (patches.length) lines.push('kubeadmConfigPatches:', ...patches);
  lines.push('nodes:', '- role: control-plane');
  if (spec.version) lines.push(`  image: kindest/node:v${spec.version}.0`);
  if (spec.nodeMount) lines.push('  extraMounts:', '  - hostPath: ./tracing', `    containerPath: ${spec.nodeMount}`);
  lines.push('- role: worker');
  return `${lines.join('\n')}\n`;
}

/** The kubelet config kind writes for the spec, checked at its version. */
function kubeletVerdicts(spec: KindSpec): string[] {
  if (!spec.featureGates && !spec.kubeletTracing) return [];
  const gates = spec.featureGates
    ? `featureGates:\n${Object.entries(spec.featureGates)
        .map(([n, on]) => `  ${n}: ${on}`)
        .join('\n')}\n`
    : '';
  const tracing = spec.kubeletTracing ? 'tracing:\n  endpoint: localhost:4317\n  samplingRatePerMillion: 100\n' : '';
  return verdicts(
    validate(`apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${gates}${tracing}`, {
      fileName: '/cluster/kubelet/config.yaml',
      version: spec.version!,
    }),
  );
}

/** The static pods of the spec: kind's featureGates first as --feature-gates, patch arguments merged by name. */
function podSpec(spec: KindSpec): ComponentSpec {
  const gates = spec.featureGates
    ? Object.entries(spec.featureGates)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([n, on]) => `${n}=${on}`)
        .join(',')
    : '';
  const args: Array<[string, string]> = gates ? [['feature-gates', gates]] : [];
  for (const [name, value] of spec.patchArgs ?? []) {
    const index = args.findIndex(([existing]) => existing === name);
    if (index >= 0) args[index] = [name, value];
    else args.push([name, value]);
  }
  return {
    version: spec.version!,
    apiServerArgs: args,
    mounts: spec.volume ? [{ name: 'tracing', ...spec.volume }] : [],
    ...(spec.etcdArgs ? { etcdArgs: spec.etcdArgs } : {}),
  };
}

const check = (text: string, version?: string) =>
  validate(text, { fileName: '/cluster/kind-config.yaml', ...(version ? { version } : {}) });
const FILE = '/etc/kubernetes/tracing/tracing-config.yaml';
const MOUNTED = {
  patchArgs: [['tracing-config-file', FILE]] as Array<[string, string]>,
  volume: { hostPath: '/etc/kubernetes/tracing', mountPath: '/etc/kubernetes/tracing' },
  nodeMount: '/etc/kubernetes/tracing',
};

const CASES: Array<{ title: string; spec: KindSpec; expect: string[] }> = [
  {
    title: '1.26: APIServerTracing from featureGates: clean',
    spec: { version: '1.26', featureGates: { APIServerTracing: true }, ...MOUNTED },
    expect: [],
  },
  { title: '1.26: no gate: ignored', spec: { version: '1.26', ...MOUNTED }, expect: ['kube-apiserver/tracing-gate-off'] },
  {
    title: '1.27: featureGates sets it false',
    spec: { version: '1.27', featureGates: { APIServerTracing: false }, ...MOUNTED },
    expect: ['kube-apiserver/tracing-gate-disabled'],
  },
  {
    title: '1.34: the locked gate set false (kube-apiserver and kubelet)',
    spec: { version: '1.34', featureGates: { APIServerTracing: false }, ...MOUNTED },
    expect: ['feature-gates/locked'],
  },
  {
    title: "1.26: a patch --feature-gates replaces kind's by name",
    spec: {
      version: '1.26',
      featureGates: { APIServerTracing: true },
      ...MOUNTED,
      patchArgs: [
        ['feature-gates', 'APIServerTracing=false'],
        ['tracing-config-file', FILE],
      ],
    },
    expect: ['kube-apiserver/tracing-gate-disabled'],
  },
  {
    title: '1.26: v1beta4 list in the patch, merged by name',
    spec: { version: '1.26', featureGates: { APIServerTracing: true }, ...MOUNTED, listForm: true },
    expect: [],
  },
  {
    title: 'not mounted into kube-apiserver',
    spec: { version: '1.31', patchArgs: [['tracing-config-file', FILE]] },
    expect: ['kube-apiserver/tracing-config-not-mounted'],
  },
  {
    title: '1.25: kubelet tracing without KubeletTracing',
    spec: { version: '1.25', kubeletTracing: true },
    expect: ['kubelet/tracing-gate-disabled'],
  },
  {
    title: '1.25: kubelet tracing with KubeletTracing in featureGates',
    spec: { version: '1.25', featureGates: { KubeletTracing: true }, kubeletTracing: true },
    expect: [],
  },
  {
    title: '1.24: kubelet tracing block unknown',
    spec: { version: '1.24', kubeletTracing: true },
    expect: ['kubelet/tracing-not-supported'],
  },
  {
    title: '1.34: etcd 3.6 experimental names deprecated',
    spec: { version: '1.34', etcdArgs: [['experimental-enable-distributed-tracing', 'true']] },
    expect: ['etcd/flag-deprecated'],
  },
];

describe('kind Cluster: the verdicts of the static pods and kubelet config kind runs', () => {
  for (const { title, spec, expect } of CASES) {
    it(title, () => {
      const expected = [...podVerdicts(podSpec(spec)), ...kubeletVerdicts(spec)].sort();
      for (const code of expect)
        assert.ok(
          expected.some((v) => v.includes(` ${code} `)),
          `the pod or kubelet config gets ${code}: ${JSON.stringify(expected)}`,
        );
      if (expect.length === 0) assert.deepEqual(expected, []);
      assert.deepEqual(verdicts(check(kindConfig(spec))), expected);
    });
  }
});

describe('kind Cluster: positions, version, node mounts', () => {
  it('findings land inside the kubeadmConfigPatches block scalar and on the featureGates entries', () => {
    const text = kindConfig({ version: '1.27', featureGates: { APIServerTracing: false, NoSuchGate: true }, ...MOUNTED });
    const lines = text.split('\n');
    const findings = check(text);
    for (const finding of findings) {
      const line = lines[finding.range.start.line]!;
      const spelled = line.slice(finding.range.start.character, finding.range.end.character);
      if (finding.code === 'feature-gates/unrecognized') assert.equal(spelled, 'NoSuchGate');
      if (finding.code === 'kube-apiserver/tracing-gate-disabled') assert.equal(spelled, 'APIServerTracing: false');
    }
    assert.deepEqual(where(findings), [
      '4:3 kube-apiserver/tracing-gate-disabled',
      '5:3 feature-gates/unrecognized',
      '5:3 feature-gates/unrecognized',
    ]);
  });

  it('the node image tag is the version; the setting wins; without an image the latest release', () => {
    const spec = { version: '1.22', ...MOUNTED };
    assert.deepEqual(
      where(check(kindConfig(spec))).map((w) => w.split(' ')[1]),
      ['kube-apiserver/tracing-gate-off'],
    );
    assert.match(check(kindConfig(spec))[0]!.explanation, /node image kindest\/node:v1\.22\.0/);
    assert.deepEqual(check(kindConfig(spec), '1.30'), []);
    assert.deepEqual(check(kindConfig({ ...MOUNTED })), []);
  });

  it('the file must be on the node: extraMounts of every control-plane node', () => {
    const noNodeMount = kindConfig({ version: '1.30', patchArgs: MOUNTED.patchArgs, volume: MOUNTED.volume });
    const findings = check(noNodeMount);
    assert.deepEqual(where(findings), ['11:17 kind/tracing-config-not-on-node']);
    assert.equal(
      findings[0]!.message,
      '/etc/kubernetes/tracing/tracing-config.yaml is not on the kind node: no extraMounts containerPath of the control-plane node covers it',
    );
    // A second control-plane node without the mount: kube-apiserver runs there too.
    const twoControlPlanes = kindConfig({ version: '1.30', ...MOUNTED }).replace('- role: worker', '- role: control-plane');
    assert.match(check(twoControlPlanes)[0]?.message ?? '', /1 of the 2 control-plane nodes/);
    // A file mount of the exact path counts as well as a folder.
    assert.deepEqual(check(kindConfig({ version: '1.30', ...MOUNTED, nodeMount: FILE })), []);
  });
});

describe("kind Cluster: the kubelet's --feature-gates from kubeletExtraArgs patches", () => {
  it("judged as the kubelet's flag, and KubeletTracing=true there lets the kubelet config trace in 1.25", () => {
    const base = kindConfig({ version: '1.25', kubeletTracing: true });
    assert.deepEqual(
      where(check(base)).map((w) => w.split(' ')[1]),
      ['kubelet/tracing-gate-disabled'],
    );
    const withFlag = base.replace(
      '- role: control-plane',
      '- role: control-plane\n  kubeadmConfigPatches:\n  - |\n    kind: InitConfiguration\n    nodeRegistration:\n      kubeletExtraArgs:\n        feature-gates: "KubeletTracing=true,NoSuchGate=true"',
    );
    assert.deepEqual(
      where(check(withFlag)).map((w) => w.split(' ')[1]),
      ['feature-gates/unrecognized'],
    );
  });
});

describe('kind Cluster: silence', () => {
  it('the kind docs examples: extraMounts, a node-labels patch (kind.sigs.k8s.io/docs/user/configuration/)', () => {
    const text = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  extraMounts:
  - hostPath: /path/to/my/files
    containerPath: /files
  kubeadmConfigPatches:
  - |
    kind: InitConfiguration
    nodeRegistration:
      kubeletExtraArgs:
        node-labels: "ingress-ready=true"
- role: worker
`;
    assert.deepEqual(check(text), []);
  });

  it('a generated tracing set-up found in a public repository: v1beta4 patch with extraEnvs, kubelet tracing, the file mounted', () => {
    // Shape of the kind config a public Go integration test writes (a kind node image 1.36, kubeadmConfigPatches with
    // a kubeadm.k8s.io/v1beta4 ClusterConfiguration and a KubeletConfiguration, extraMounts for the tracing file).
    const text = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    image: kindest/node:v1.36.1@sha256:0000000000000000000000000000000000000000000000000000000000000000
    extraMounts:
      - hostPath: /tmp/run-123/tracing.yaml
        containerPath: /etc/kubernetes/tracing.yaml
        readOnly: true
kubeadmConfigPatches:
  - |
    apiVersion: kubeadm.k8s.io/v1beta4
    kind: ClusterConfiguration
    apiServer:
      extraArgs:
        - name: tracing-config-file
          value: /etc/kubernetes/tracing.yaml
      extraEnvs:
        - name: OTEL_RESOURCE_ATTRIBUTES
          value: "test.run.id=run-123"
      extraVolumes:
        - name: tracing-config
          hostPath: /etc/kubernetes/tracing.yaml
          mountPath: /etc/kubernetes/tracing.yaml
          readOnly: true
          pathType: File
  - |
    apiVersion: kubelet.config.k8s.io/v1beta1
    kind: KubeletConfiguration
    tracing:
      endpoint: host.docker.internal:4317
      samplingRatePerMillion: 1000000
`;
    assert.deepEqual(check(text), []);
    // The same without the node's extraMounts: the file is not on the node.
    assert.deepEqual(where(check(text.replace(/    extraMounts:\n(?:      .*\n|        .*\n)+/, ''))), [
      '19:21 kind/tracing-config-not-on-node',
    ]);
  });

  it('a patch that is not YAML, a Cluster API Cluster, a kind Cluster of another apiVersion', () => {
    assert.deepEqual(check('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nkubeadmConfigPatches:\n- "{ not: [yaml"\n'), []);
    assert.deepEqual(
      check('apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  featureGates:\n    NoSuchGate: true\n'),
      [],
    );
    assert.deepEqual(check('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\nfeatureGates:\n  NoSuchGate: true\n'), []);
  });
});
