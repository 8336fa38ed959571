/**
 * What validating a 1,000-line OpenTelemetry Collector config costs, against a 1,000-line kube-apiserver static pod
 * manifest, in the same process and run: the config as a plain file and inside a ConfigMap block (with the
 * DaemonSet that runs it), CPU time per validation (process.cpuUsage, median of rounds) and the ratio to the
 * manifest. The Collector's type, key and connector rules need schemas/collector; the table says whether it was
 * there (without it only the structural rules run). Prints a markdown table, writes .bench/collector.json. Never
 * fails on a number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../common/src/settings';
import { bundledCatalog } from '../server/src/service/collector/catalog';
import { validateSource } from '../server/src/service/languageService';

const root = join(__dirname, '..');
const ROUNDS = 100;
const options = { settings: normalizeSettings({}), workspaceFolders: ['/bench'] };

/** About 1,000 lines: 50 traces pipelines, each with its own receiver, processors and exporters. */
function collectorConfig(): string {
  const n = 50;
  const lines: string[] = ['receivers:'];
  for (let i = 0; i < n; i++) lines.push(`  otlp/r${i}:`, '    protocols:', '      grpc:', `        endpoint: 0.0.0.0:${14000 + i}`);
  lines.push('processors:');
  for (let i = 0; i < n; i++)
    lines.push(
      `  batch/p${i}:`,
      '    timeout: 5s',
      '    send_batch_size: 512',
      `  memory_limiter/m${i}:`,
      '    check_interval: 1s',
      '    limit_mib: 512',
    );
  lines.push('exporters:');
  for (let i = 0; i < n; i++)
    lines.push(
      `  otlp/e${i}:`,
      `    endpoint: backend-${i}:4317`,
      '    tls:',
      '      insecure: true',
      `  debug/d${i}:`,
      '    verbosity: basic',
    );
  lines.push('extensions:', '  health_check:', 'service:', '  extensions: [health_check]', '  pipelines:');
  for (let i = 0; i < n; i++)
    lines.push(
      `    traces/t${i}:`,
      `      receivers: [otlp/r${i}]`,
      `      processors: [memory_limiter/m${i}, batch/p${i}]`,
      `      exporters: [otlp/e${i}, debug/d${i}]`,
    );
  return lines.join('\n') + '\n';
}

function inConfigMap(config: string): string {
  const block = config
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: otel\ndata:\n  config.yaml: |\n${block}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: otel\nspec:\n  template:\n    spec:\n      containers:\n        - name: otel\n          image: otel/opentelemetry-collector-contrib:0.165.0\n      volumes: [{name: c, configMap: {name: otel}}]\n`;
}

/** A kube-apiserver static pod padded to about 1,000 lines with env entries, which the pod rules read through. */
function apiserverManifest(lines: number): string {
  const head = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.34.1
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
    - --feature-gates=APIServerTracing=true
    - --tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml
    volumeMounts:
    - name: tracing
      mountPath: /etc/kubernetes/tracing
      readOnly: true
    env:
`;
  const used = head.split('\n').length + 5;
  const env = Array.from(
    { length: Math.max(0, Math.floor((lines - used) / 2)) },
    (_, i) => `    - name: VAR_${i}\n      value: "${i}"`,
  ).join('\n');
  return `${head}${env}\n  volumes:\n  - name: tracing\n    hostPath:\n      path: /etc/kubernetes/tracing\n`;
}

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

const plain = collectorConfig();
const cases = [
  { name: 'Collector config, plain file', uri: 'file:///bench/otel-config.yaml', text: plain },
  { name: 'Collector config in a ConfigMap + DaemonSet', uri: 'file:///bench/otel.yaml', text: inConfigMap(plain) },
  {
    name: 'kube-apiserver static pod manifest',
    uri: 'file:///bench/kube-apiserver.yaml',
    text: apiserverManifest(plain.split('\n').length),
  },
];
const validate = (c: (typeof cases)[number]) => () => validateSource({ uri: c.uri, text: c.text }, options);
for (let i = 0; i < 20; i++) cases.forEach((c) => validate(c)());
const samples = cases.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) cases.forEach((c, i) => samples[i]!.push(cpuMicros(validate(c))));
const baseline = median(samples[2]!) / 1000;
const rows = cases.map((c, i) => {
  const ms = median(samples[i]!) / 1000;
  return { case: c.name, lines: c.text.split('\n').length, ms, ratio: ms / baseline, findings: validate(c)().length };
});

const catalog = bundledCatalog() ? 'present' : 'absent (structural rules only)';
console.log(`schemas/collector: ${catalog}`);
console.log('| file | lines | ms CPU (median) | ratio to the manifest | findings |');
console.log('|---|---:|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.case} | ${row.lines} | ${row.ms.toFixed(3)} | ${row.ratio.toFixed(2)}× | ${row.findings} |`);
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench/collector.json'), JSON.stringify({ rounds: ROUNDS, catalog, rows }, null, 2));
