/**
 * What judging a cluster config through its synthesized static pods costs (rules/control-plane-pod/synthesized.ts:
 * read the config, write the pod text with its source map, parse it, run the pod rules), against validating the
 * equivalent static pod manifests directly, in the same process and run. Each row: one cluster config of
 * test/fixtures/cluster-forms and the pod manifests that say the same (written from the same flags and mounts),
 * CPU time per validation (process.cpuUsage, median of rounds), and the ratio. Prints a markdown table and writes
 * .bench/cluster-forms.json. Never fails on a number.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../common/src/settings';
import { validateSource } from '../server/src/service/languageService';

const root = join(__dirname, '..');
const fixtures = join(root, 'test/fixtures/cluster-forms');
const ROUNDS = 300;
const options = { settings: normalizeSettings({}), workspaceFolders: ['/bench'] };

const pod = (image: string, command: string[], mounts: Array<[string, string]>) => `apiVersion: v1
kind: Pod
metadata:
  name: c
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: c
    image: ${image}
    command:
${command.map((item) => `    - ${JSON.stringify(item)}`).join('\n')}
    volumeMounts:
${mounts.map(([name, path]) => `    - name: ${name}\n      mountPath: ${path}\n      readOnly: true`).join('\n')}
  volumes:
${mounts.map(([name, path]) => `  - name: ${name}\n    hostPath:\n      path: ${path}`).join('\n')}
`;

const DEFAULT_MOUNTS: Array<[string, string]> = [
  ['k8s-certs', '/etc/kubernetes/pki'],
  ['ca-certs', '/etc/ssl/certs'],
];

const CASES: Array<{ name: string; config: string; pods: string[] }> = [
  {
    name: 'kubeadm/kubeadm-config.yaml',
    config: 'kubeadm/kubeadm-config.yaml',
    pods: [
      pod(
        'registry.k8s.io/kube-apiserver:v1.34.1',
        ['kube-apiserver', '--tracing-config-file=/etc/kubernetes/tracing/apiserver-tracing.yaml'],
        DEFAULT_MOUNTS,
      ),
      pod('registry.k8s.io/etcd', ['etcd', '--experimental-enable-distributed-tracing=true'], []),
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ntracing:\n  endpoint: localhost:4317\n  samplingRatePerMillion: -1\n',
    ],
  },
  {
    name: 'kind/kind-config.yaml',
    config: 'kind/kind-config.yaml',
    pods: [
      pod(
        'registry.k8s.io/kube-apiserver:v1.27.3',
        ['kube-apiserver', '--feature-gates=APIServerTracing=true', '--tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml'],
        [...DEFAULT_MOUNTS, ['tracing', '/etc/kubernetes/tracing']],
      ),
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates:\n  APIServerTracing: true\n',
    ],
  },
  {
    name: 'capi/control-plane.yaml',
    config: 'capi/control-plane.yaml',
    pods: [
      pod(
        'registry.k8s.io/kube-apiserver:v1.26.3',
        ['kube-apiserver', '--tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml'],
        [...DEFAULT_MOUNTS, ['tracing', '/etc/kubernetes/tracing']],
      ),
    ],
  },
  {
    name: 'k3s/config.yaml',
    config: 'k3s/config.yaml',
    pods: [
      pod(
        'registry.k8s.io/kube-apiserver:v1.37.0',
        ['kube-apiserver', '--tracing-config-file=/etc/rancher/k3s/tracing.yaml'],
        [['host', '/']],
      ),
    ],
  },
];

function cpuMicros(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows = CASES.map(({ name, config, pods }) => {
  const text = readFileSync(join(fixtures, config), 'utf8');
  const validateConfig = () => validateSource({ uri: `file:///bench/${name}`, text }, options);
  const validatePods = () => pods.forEach((podText, i) => validateSource({ uri: `file:///bench/pod-${i}.yaml`, text: podText }, options));
  for (let i = 0; i < 30; i++) {
    validateConfig();
    validatePods();
  }
  const configSamples: number[] = [];
  const podSamples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    configSamples.push(cpuMicros(validateConfig));
    podSamples.push(cpuMicros(validatePods));
  }
  const configMs = median(configSamples) / 1000;
  const podsMs = median(podSamples) / 1000;
  return { config: name, configMs, podsMs, ratio: configMs / podsMs, findings: validateConfig().length };
});

console.log('| cluster config | config (ms CPU, median) | equivalent pods (ms CPU, median) | ratio | findings |');
console.log('|---|---:|---:|---:|---:|');
for (const row of rows)
  console.log(`| ${row.config} | ${row.configMs.toFixed(3)} | ${row.podsMs.toFixed(3)} | ${row.ratio.toFixed(2)}× | ${row.findings} |`);
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench/cluster-forms.json'), JSON.stringify({ rounds: ROUNDS, rows }, null, 2));
