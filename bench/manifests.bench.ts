/**
 * A 1,000-document file of mixed manifests (about 45,000 lines), fully validated by kube-tracing and by
 * yaml-language-server 2.0.0 in the same run, on the same text:
 *   (a) over LSP: open the file → its diagnostics, each server spawned over stdio and driven by the same real
 *       client (test/protocol/lspClient.ts). yaml-language-server debounces validation by a fixed 200 ms, so a row
 *       with those 200 ms subtracted is given too.
 *   (b) in process: our pure validateSource, and yaml-language-server's own language service (doValidation,
 *       a new document version each call so no cache answers).
 * yaml-language-server is given a Kubernetes-ish JSON schema (written below: Pod, workloads' pod templates,
 * Service, ConfigMap, KubeletConfiguration, and our TracingConfiguration schema), as the `kubernetes` schema
 * store URL needs the network. The documents are this repository's kubeadm fixtures (every static pod and
 * kubelet config of 1.22–1.36, with and without tracing, the typical mistakes, unrelated YAML), cycled.
 * Target: ours at least 8× faster. Never fails on a number.
 * The machine running this is shared and often overloaded (load averages of 10 on 2 cores), which stretches wall
 * times by whatever else runs; CPU time (the server process's user+system time from /proc, and this process's
 * process.cpuUsage() in process) is given too, as rows of its own: it counts only the work each side does.
 * Run: npm run bench -- manifests (builds production bundles first).
 * BENCH_BASELINE_ROOT=<another checkout, with node_modules> also times that checkout's validateSource in process, in
 * the same rounds (e.g. `git archive 301ee90 | tar -x -C /tmp/base && ln -s $PWD/node_modules /tmp/base/`), so a
 * regression is measured against an older commit on the same text and the same machine load.
 */
/* oxlint-disable unicorn/no-thenable -- the JSON schemas built below use JSON Schema's `then` keyword */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { normalizeSettings } from '../common/src/settings';
import { validateSource } from '../server/src/service/languageService';
import { LspTestClient, type ClientOptions } from '../test/protocol/lspClient';

const ROOT = join(__dirname, '..');
const DIST = process.env.BENCH_DIST_DIR ?? join(ROOT, 'dist');
const OUR_SERVER = join(DIST, 'server.js');
const YAML_LS_BIN = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const FIXTURES = join(ROOT, 'test/fixtures/kubeadm');
const WORK = join(ROOT, '.bench/manifests');
const SCHEMA_PATH = join(WORK, 'kubernetes-ish.schema.json');
const FILE_URI = pathToFileURL(join(WORK, 'cluster.yaml')).href;
const DOCUMENTS = 1000;
const LINES_PER_DOCUMENT = 45;
const YAML_LS_DEBOUNCE_MS = 200;
const LSP_REPETITIONS = 3;
const IN_PROCESS_REPETITIONS = 7;

/** Every document of every fixture, in a fixed order, without its leading comments. */
function fixtureDocuments(): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yaml')) files.push(path);
    }
  };
  walk(FIXTURES);
  return files.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split(/^---\s*$/m)
      .map((doc) => doc.replace(/^(\s*#.*\n)+/, '').trim())
      .filter((doc) => /^kind:|\nkind:/m.test(doc))
      .map((doc) => `# from ${relative(FIXTURES, path)}\n${doc}`),
  );
}

/** The short documents (Services, ConfigMaps) that sit between workloads in a real cluster dump. */
function smallDocument(i: number): string {
  if (i % 50 === 49) {
    // A Service port written as a string: the schema rejects it, so yaml-language-server has findings too.
    return `apiVersion: v1\nkind: Service\nmetadata:\n  name: broken-${i}\nspec:\n  ports:\n  - port: "eighty"\n    targetPort: 8080`;
  }
  return i % 2
    ? `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: apps\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080`
    : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: apps\ndata:\n  LOG_LEVEL: info\n  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.observability.svc:4317`;
}

/**
 * 1,000 documents averaging 45 lines: the fixture documents in turn (static pods run to ~75 lines), with a short
 * Service or ConfigMap wherever the running total is above 45 lines a document.
 */
function manifestFile(): { text: string; lines: number; sources: number } {
  const sources = fixtureDocuments();
  const documents: string[] = [];
  let lines = 0;
  let next = 0;
  for (let i = 0; i < DOCUMENTS; i++) {
    const document = lines > LINES_PER_DOCUMENT * i || i % 50 === 49 ? smallDocument(i) : sources[next++ % sources.length]!;
    documents.push(document);
    lines += document.split('\n').length + 1;
  }
  const text = documents.join('\n---\n') + '\n';
  return { text, lines: text.split('\n').length, sources: sources.length };
}

/** A compact Kubernetes-ish JSON schema (draft-07): the shapes of the kinds in the file, by `kind`. */
function kubernetesIshSchema(): object {
  const str = { type: 'string' };
  const int = { type: 'integer' };
  const bool = { type: 'boolean' };
  const strMap = { type: 'object', additionalProperties: str };
  const meta = {
    type: 'object',
    properties: { name: str, namespace: str, labels: strMap, annotations: strMap, creationTimestamp: { type: ['string', 'null'] } },
  };
  const probe = {
    type: 'object',
    properties: {
      failureThreshold: int,
      initialDelaySeconds: int,
      periodSeconds: int,
      timeoutSeconds: int,
      httpGet: {
        type: 'object',
        properties: { host: str, path: str, port: { type: ['integer', 'string'] }, scheme: { enum: ['HTTP', 'HTTPS'] } },
      },
    },
  };
  const container = {
    type: 'object',
    required: ['name'],
    properties: {
      name: str,
      image: str,
      imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
      command: { type: 'array', items: str },
      args: { type: 'array', items: str },
      ports: {
        type: 'array',
        items: { type: 'object', properties: { name: str, containerPort: int, hostPort: int, protocol: { enum: ['TCP', 'UDP', 'SCTP'] } } },
      },
      env: {
        type: 'array',
        items: { type: 'object', required: ['name'], properties: { name: str, value: str, valueFrom: { type: 'object' } } },
      },
      volumeMounts: {
        type: 'array',
        items: { type: 'object', required: ['name', 'mountPath'], properties: { name: str, mountPath: str, readOnly: bool, subPath: str } },
      },
      resources: { type: 'object', properties: { requests: strMap, limits: strMap } },
      livenessProbe: probe,
      readinessProbe: probe,
      startupProbe: probe,
      securityContext: { type: 'object' },
    },
  };
  const podSpec = {
    type: 'object',
    required: ['containers'],
    properties: {
      containers: { type: 'array', items: container },
      initContainers: { type: 'array', items: container },
      hostNetwork: bool,
      priority: int,
      priorityClassName: str,
      serviceAccountName: str,
      dnsPolicy: str,
      securityContext: { type: 'object' },
      volumes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: str,
            hostPath: { type: 'object', properties: { path: str, type: str } },
            configMap: { type: 'object' },
            secret: { type: 'object' },
            projected: { type: 'object' },
            emptyDir: { type: 'object' },
          },
        },
      },
    },
  };
  const workload = {
    type: 'object',
    properties: {
      replicas: int,
      selector: { type: 'object' },
      template: { type: 'object', properties: { metadata: meta, spec: podSpec } },
    },
  };
  // `then` is JSON Schema's keyword (if/then), not a thenable (no-thenable is off for this file).
  const byKind = (kind: string | string[], spec: object) => ({
    if: { properties: { kind: Array.isArray(kind) ? { enum: kind } : { const: kind } } },
    then: spec,
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['kind'],
    properties: { apiVersion: str, kind: str, metadata: meta },
    allOf: [
      byKind('Pod', { properties: { spec: podSpec, status: { type: 'object' } } }),
      byKind(['Deployment', 'DaemonSet', 'StatefulSet'], { properties: { spec: workload } }),
      byKind('Service', {
        properties: {
          spec: {
            type: 'object',
            properties: {
              type: str,
              selector: strMap,
              ports: {
                type: 'array',
                items: { type: 'object', properties: { name: str, port: int, targetPort: { type: ['integer', 'string'] }, protocol: str } },
              },
            },
          },
        },
      }),
      byKind('ConfigMap', { properties: { data: strMap } }),
      byKind('KubeletConfiguration', {
        properties: {
          featureGates: { type: 'object', additionalProperties: bool },
          tracing: { type: 'object', properties: { endpoint: str, samplingRatePerMillion: int }, additionalProperties: false },
          clusterDNS: { type: 'array', items: str },
        },
      }),
      byKind('TracingConfiguration', { $ref: pathToFileURL(join(ROOT, 'schemas/tracing-configuration.schema.json')).href }),
    ],
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function serverOptions(name: 'ours' | 'theirs', schemaUri: string): ClientOptions {
  return name === 'ours'
    ? { serverArgs: [OUR_SERVER, '--stdio'], settings: { kubernetesVersion: 'auto' }, initializationOptions: { validationDelayMs: 0 } }
    : {
        serverArgs: [YAML_LS_BIN, '--stdio'],
        otherSections: { yaml: { validate: true, schemas: { [schemaUri]: '*.yaml' }, schemaStore: { enable: false } } },
      };
}

/** User + system CPU time of a process so far, in ms (Linux /proc; undefined elsewhere). */
function processCpuMs(pid: number | undefined): number | undefined {
  const stat = pid !== undefined && existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : undefined;
  if (!stat) return undefined;
  // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Spawn, initialize, then time open → the first non-empty diagnostics of the file (wall time and server CPU time). */
async function openToDiagnostics(
  name: 'ours' | 'theirs',
  schemaUri: string,
  text: string,
): Promise<{ ms: number; cpuMs?: number; count: number }> {
  const client = new LspTestClient(serverOptions(name, schemaUri));
  try {
    await client.initialize();
    const diagnostics = client.nextDiagnostics(FILE_URI, (d: Diagnostic[]) => d.length > 0, 300000);
    const cpuBefore = processCpuMs(client.process.pid);
    const started = performance.now();
    await client.open(FILE_URI, text);
    const count = (await diagnostics).length;
    const ms = performance.now() - started;
    const cpuAfter = processCpuMs(client.process.pid);
    return { ms, cpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined, count };
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const schema = kubernetesIshSchema();
  writeFileSync(SCHEMA_PATH, JSON.stringify(schema, null, 2));
  const schemaUri = pathToFileURL(SCHEMA_PATH).href;
  const { text, lines, sources } = manifestFile();
  writeFileSync(join(WORK, 'cluster.yaml'), text);

  // (b) in process, first: it also proves both validators find something in this file.
  const settings = normalizeSettings({ kubernetesVersion: 'auto' });
  const ours = () => validateSource({ uri: FILE_URI, text }, { settings, workspaceFolders: [] });
  const baselineRoot = process.env.BENCH_BASELINE_ROOT;
  const baseline = baselineRoot ? await baselineValidation(baselineRoot, text) : undefined;
  const yamlLs = await import('yaml-language-server');
  const service = yamlLs.getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relativePath: string, resource: string) => new URL(relativePath, resource).href },
  });
  service.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*.yaml'] }], yamlVersion: '1.2' });
  let version = 1;
  const theirs = () => service.doValidation(TextDocument.create(FILE_URI, 'yaml', version++, text), false);

  const ourCount = ours().length;
  const theirCount = (await theirs()).length;
  if (ourCount === 0 || theirCount === 0)
    throw new Error(`a validator found nothing (ours ${ourCount}, theirs ${theirCount}): the comparison would be meaningless`);
  // Alternated, ours then theirs then theirs then ours…, so a burst of load on this shared machine hits both alike.
  const oursTimes: number[] = [];
  const theirsTimes: number[] = [];
  const oursCpu: number[] = [];
  const theirsCpu: number[] = [];
  const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
  const timeOurs = () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    ours();
    oursTimes.push(performance.now() - started);
    oursCpu.push(cpuMs(process.cpuUsage(cpu)));
  };
  const timeTheirs = async () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await theirs();
    theirsTimes.push(performance.now() - started);
    theirsCpu.push(cpuMs(process.cpuUsage(cpu)));
  };
  const baselineTimes: number[] = [];
  const baselineCpu: number[] = [];
  const timeBaseline = () => {
    if (!baseline) return;
    const cpu = process.cpuUsage();
    const started = performance.now();
    baseline();
    baselineTimes.push(performance.now() - started);
    baselineCpu.push(cpuMs(process.cpuUsage(cpu)));
  };
  for (let i = 0; i < IN_PROCESS_REPETITIONS; i++) {
    timeBaseline();
    if (i % 2) {
      await timeTheirs();
      timeOurs();
    } else {
      timeOurs();
      await timeTheirs();
    }
  }

  // (a) over LSP, alternating the servers so machine noise hits both alike.
  const lsp: Record<'ours' | 'theirs', Array<{ ms: number; cpuMs?: number; count: number }>> = { ours: [], theirs: [] };
  for (let i = 0; i < LSP_REPETITIONS; i++) {
    for (const name of (i % 2 ? ['theirs', 'ours'] : ['ours', 'theirs']) as Array<'ours' | 'theirs'>)
      lsp[name].push(await openToDiagnostics(name, schemaUri, text));
  }

  const inProcessOurs = median(oursTimes);
  const inProcessTheirs = median(theirsTimes);
  const lspOurs = median(lsp.ours.map((r) => r.ms));
  const lspTheirs = median(lsp.theirs.map((r) => r.ms));
  const lspCpu = lsp.ours.every((r) => r.cpuMs !== undefined) && lsp.theirs.every((r) => r.cpuMs !== undefined);
  const lspCpuOurs = lspCpu ? median(lsp.ours.map((r) => r.cpuMs!)) : NaN;
  const lspCpuTheirs = lspCpu ? median(lsp.theirs.map((r) => r.cpuMs!)) : NaN;
  const inProcessCpuOurs = median(oursCpu);
  const inProcessCpuTheirs = median(theirsCpu);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const speedup = (a: number, b: number) => b / a;
  const verdict = (x: number) => `≥ 8× → ${x >= 8 ? 'met' : 'MISSED'}`;
  const rows: string[][] = [
    [
      '(a) open → diagnostics over LSP',
      ms(lspOurs),
      ms(lspTheirs),
      `${speedup(lspOurs, lspTheirs).toFixed(1)}×`,
      verdict(speedup(lspOurs, lspTheirs)),
    ],
    [
      '(a) same, their 200 ms debounce subtracted',
      ms(lspOurs),
      ms(lspTheirs - YAML_LS_DEBOUNCE_MS),
      `${speedup(lspOurs, lspTheirs - YAML_LS_DEBOUNCE_MS).toFixed(1)}×`,
      verdict(speedup(lspOurs, lspTheirs - YAML_LS_DEBOUNCE_MS)),
    ],
    ...(lspCpu
      ? [
          [
            '(a) same, server CPU time (their debounce is idle time, not CPU)',
            ms(lspCpuOurs),
            ms(lspCpuTheirs),
            `${speedup(lspCpuOurs, lspCpuTheirs).toFixed(1)}×`,
            verdict(speedup(lspCpuOurs, lspCpuTheirs)),
          ],
        ]
      : []),
    [
      '(b) full validation in process',
      ms(inProcessOurs),
      ms(inProcessTheirs),
      `${speedup(inProcessOurs, inProcessTheirs).toFixed(1)}×`,
      verdict(speedup(inProcessOurs, inProcessTheirs)),
    ],
    [
      '(b) same, CPU time',
      ms(inProcessCpuOurs),
      ms(inProcessCpuTheirs),
      `${speedup(inProcessCpuOurs, inProcessCpuTheirs).toFixed(1)}×`,
      verdict(speedup(inProcessCpuOurs, inProcessCpuTheirs)),
    ],
    ...(baseline
      ? [
          [
            `(b) baseline ${baselineRoot} in process (ms, then CPU ms)`,
            `${ms(median(baselineTimes))}, ${ms(median(baselineCpu))}`,
            '',
            `${speedup(median(baselineTimes), inProcessTheirs).toFixed(1)}×, ${speedup(median(baselineCpu), inProcessCpuTheirs).toFixed(1)}×`,
            `ours ${speedup(inProcessOurs, median(baselineTimes)).toFixed(2)}× faster than the baseline`,
          ],
        ]
      : []),
    ['diagnostics found', String(ourCount), String(theirCount), '', ''],
  ];
  console.log(
    `Mixed manifests: ${DOCUMENTS} documents, ${lines} lines, ${(text.length / 1024).toFixed(0)} KB, cycled from ${sources} fixture documents (medians; Node ${process.version})\n`,
  );
  console.log('| measure | kube-tracing | yaml-language-server | kube-tracing faster by | target |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);

  writeFileSync(
    join(ROOT, '.bench/manifests.json'),
    JSON.stringify(
      {
        node: process.version,
        documents: DOCUMENTS,
        lines,
        bytes: text.length,
        yamlLanguageServerDebounceMs: YAML_LS_DEBOUNCE_MS,
        lspOpenToDiagnosticsMs: {
          ours: lsp.ours,
          yamlLanguageServer: lsp.theirs,
          medianOurs: lspOurs,
          medianYamlLanguageServer: lspTheirs,
        },
        inProcessValidationMs: {
          ours: oursTimes,
          yamlLanguageServer: theirsTimes,
          medianOurs: inProcessOurs,
          medianYamlLanguageServer: inProcessTheirs,
        },
        baselineInProcess: baseline
          ? { root: baselineRoot, ms: baselineTimes, cpuMs: baselineCpu, medianMs: median(baselineTimes), medianCpuMs: median(baselineCpu) }
          : null,
        inProcessCpuMs: {
          ours: oursCpu,
          yamlLanguageServer: theirsCpu,
          medianOurs: inProcessCpuOurs,
          medianYamlLanguageServer: inProcessCpuTheirs,
        },
        lspServerCpuMs: lspCpu ? { medianOurs: lspCpuOurs, medianYamlLanguageServer: lspCpuTheirs } : null,
        diagnostics: { ours: ourCount, yamlLanguageServer: theirCount },
        speedup: {
          lsp: speedup(lspOurs, lspTheirs),
          lspDebounceSubtracted: speedup(lspOurs, lspTheirs - YAML_LS_DEBOUNCE_MS),
          lspServerCpu: lspCpu ? speedup(lspCpuOurs, lspCpuTheirs) : null,
          inProcess: speedup(inProcessOurs, inProcessTheirs),
          inProcessCpu: speedup(inProcessCpuOurs, inProcessCpuTheirs),
        },
      },
      null,
      2,
    ),
  );
}

/** Another checkout's in-process validation of the same text (BENCH_BASELINE_ROOT), with its own settings module. */
async function baselineValidation(root: string, text: string): Promise<() => unknown[]> {
  type Validate = (source: { uri: string; text: string }, options: { settings: unknown; workspaceFolders: string[] }) => unknown[];
  const service = (await import(join(root, 'server/src/service/languageService.ts'))) as { validateSource: Validate };
  const settingsModule = (await import(join(root, 'common/src/settings.ts'))) as { normalizeSettings: (raw: unknown) => unknown };
  const settings = settingsModule.normalizeSettings({ kubernetesVersion: 'auto' });
  return () => service.validateSource({ uri: FILE_URI, text }, { settings, workspaceFolders: [] });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
