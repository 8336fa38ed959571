// A real tracing pipeline, end to end: two real API servers (apiserver.mjs: k8s.io/sample-apiserver on the generic
// API server), one storing in a real etcd 3.7 and one in a real etcd 3.6, all four with tracing on, send their
// spans over OTLP/gRPC to a real Collector (oracle/collector's program, the contrib file exporter in every mode
// users meet), which forwards them to a second Collector running with the `exporter.file.nativeCompression` gate
// (a gate is process-wide, so the whole-file zstd modes need their own process). Requests go to the API servers
// (apiserver.mjs's driver) and, straight to etcd 3.7, through its v3 gRPC gateway. Then the API servers and etcds
// stop, each Collector is asked for its own counts (internal telemetry, Prometheus) and stopped with SIGTERM,
// which flushes and closes every file. `node oracle/pipeline/run.mjs <out-dir>` runs it alone and prints the result.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCollector } from '../collector/build.mjs';
import { GOLDEN } from '../collector/releases.mjs';
import { etcdBinary, goEnv } from '../etcd/build.mjs';
import { BASE_ARGS, freePort } from '../etcd/start.mjs';
import { APISERVER_VERSION, apiserverArgs, apiserverBinary, call as callApiserver, driveApiserver } from './apiserver.mjs';

// The releases the oracle stage's --check --newest builds just before: the newest golden Collector, the newest
// etcd 3.7 and 3.6.
export const COLLECTOR_VERSION = GOLDEN[0];
const NEWEST_ETCD = JSON.parse(readFileSync(new URL('../etcd/releases.json', import.meta.url), 'utf8')).newest;
export const ETCD_VERSION = NEWEST_ETCD.findLast((v) => v.startsWith('v3.7.'));
export const ETCD36_VERSION = NEWEST_ETCD.findLast((v) => v.startsWith('v3.6.'));
export { APISERVER_VERSION };

/** The file exporters of the first Collector (no gate): name → [subdirectory, file exporter settings]. */
const PLAIN_EXPORTERS = {
  'file/json': ['json', { path: 'json/traces.jsonl' }],
  'file/proto': ['proto', { path: 'proto/traces.binpb', format: 'proto' }],
  'file/zstd-json': ['zstd-json', { path: 'zstd-json/traces.jsonl.zst', compression: 'zstd' }],
  'file/zstd-proto': ['zstd-proto', { path: 'zstd-proto/traces.binpb.zst', format: 'proto', compression: 'zstd' }],
  // max_megabytes is whole megabytes (1 at least): the driver writes enough for several backups.
  'file/rotation': ['rotation', { path: 'rotation/traces.jsonl', rotation: { max_megabytes: 1, max_backups: 10 } }],
  'file/group-by': ['group-by', { path: 'group-by/*.jsonl', group_by: { enabled: true, resource_attribute: 'service.name' } }],
};
/** The second Collector's, with exporter.file.nativeCompression: one zstd stream per file. */
const NATIVE_EXPORTERS = {
  'file/native-json': ['native-json', { path: 'native-json/traces.jsonl.zst', compression: 'zstd' }],
  'file/native-proto': ['native-proto', { path: 'native-proto/traces.binpb.zst', format: 'proto', compression: 'zstd' }],
};
export const MODES = Object.fromEntries(Object.entries({ ...PLAIN_EXPORTERS, ...NATIVE_EXPORTERS }).map(([name, [dir]]) => [dir, name]));

function collectorConfig(out, receiverPort, metricsPort, exporters, forwardPort) {
  const all = Object.fromEntries(
    Object.entries(exporters).map(([name, [, settings]]) => [
      name,
      { ...settings, path: join(out, settings.path), create_directory: true },
    ]),
  );
  if (forwardPort) all['otlp/native'] = { endpoint: `127.0.0.1:${forwardPort}`, tls: { insecure: true } };
  // JSON is YAML: the Collector's yaml provider reads it as is.
  return JSON.stringify({
    receivers: { otlp: { protocols: { grpc: { endpoint: `127.0.0.1:${receiverPort}` } } } },
    exporters: all,
    service: {
      pipelines: { traces: { receivers: ['otlp'], exporters: Object.keys(all) } },
      telemetry: {
        metrics: { level: 'normal', readers: [{ pull: { exporter: { prometheus: { host: '127.0.0.1', port: metricsPort } } } }] },
      },
    },
  });
}

function startProcess(binary, args, name, logFile) {
  const child = spawn(binary, args, { env: goEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const closed = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      writeFileSync(logFile, log);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    closed,
    name,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const result = await closed;
      clearTimeout(timer);
      return result;
    },
  };
}

async function waitFor(what, check, process, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.child.exitCode !== null)
      throw new Error(`${process.name} exited (${process.child.exitCode}) before ${what}:\n${process.log().slice(-3000)}`);
    try {
      const value = await check();
      if (value) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${process.name}: timed out waiting for ${what}:\n${process.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The Collector's own counters by exporter (and the receiver's accepted spans), from its Prometheus endpoint. */
export async function collectorCounts(metricsPort) {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const sent = {};
  let accepted = 0,
    failed = 0;
  for (const line of text.split('\n')) {
    const m = /^(otelcol_\w+?)(?:_total)?\{([^}]*)\} ([\d.e+]+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const value = Number(m[3]);
    if (m[1] === 'otelcol_exporter_sent_spans') sent[labels.exporter] = (sent[labels.exporter] ?? 0) + value;
    if (m[1] === 'otelcol_exporter_send_failed_spans') failed += value;
    if (m[1] === 'otelcol_receiver_accepted_spans') accepted += value;
  }
  return { sent, accepted, failed };
}

const b64 = (text) => Buffer.from(text).toString('base64');

/** Requests through etcd's gRPC gateway: puts, gets, ranges, txns, deletes and watches. Returns how many. */
async function drive(clientPort, rounds) {
  const base = `http://127.0.0.1:${clientPort}/v3`;
  const call = async (path, body) => {
    const response = await fetch(`${base}/${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`etcd ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  let requests = 0;
  const watches = [];
  for (let w = 0; w < 3; w++) {
    const controller = new AbortController();
    const response = await fetch(`${base}/watch`, {
      method: 'POST',
      body: JSON.stringify({ create_request: { key: b64(`/registry/pods/ns${w}/`), range_end: b64(`/registry/pods/ns${w}0`) } }),
      signal: controller.signal,
    });
    watches.push({ controller, body: response.body.getReader() });
    requests++;
  }
  // A few concurrent workers; a value of some size so that the rotation exporter fills several megabytes.
  const value = b64(
    JSON.stringify({ kind: 'Pod', apiVersion: 'v1', spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] } }),
  );
  const worker = async (id) => {
    for (let i = 0; i < rounds; i++) {
      const key = b64(`/registry/pods/ns${i % 3}/pod-${id}-${i}`);
      await call('kv/put', { key, value });
      await call('kv/range', { key });
      await call('kv/range', {
        key: b64(`/registry/pods/ns${i % 3}/`),
        range_end: b64(`/registry/pods/ns${i % 3}0`),
        limit: 50,
        count_only: i % 2 === 0,
      });
      await call('kv/txn', {
        compare: [{ key, target: 'VERSION', result: 'EQUAL', version: 1 }],
        success: [{ request_put: { key, value } }],
        failure: [{ request_range: { key } }],
      });
      requests += 4;
      if (i % 5 === 4) {
        await call('kv/deleterange', { key });
        requests++;
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  for (const watch of watches) {
    watch.controller.abort();
    await watch.body.cancel().catch(() => {});
  }
  return requests;
}

/** Starts an etcd with tracing on, exporting to the Collector at `collectorPort`; resolves once it serves clients. */
async function startEtcd(binary, version, out, collectorPort) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kube-tracing-pipeline-etcd-'));
  const values = { dataDir: join(dataDir, 'data'), clientPort: await freePort(), peerPort: await freePort() };
  const args = [
    ...BASE_ARGS.map((arg) => arg.replace(/\{(\w+)\}/g, (_, key) => String(values[key]))),
    '--enable-distributed-tracing',
    `--distributed-tracing-address=127.0.0.1:${collectorPort}`,
    '--distributed-tracing-sampling-rate=1000000',
    '--distributed-tracing-service-name=etcd',
    `--distributed-tracing-instance-id=etcd-${version}`,
  ];
  const server = startProcess(binary, args, `etcd ${version}`, join(out, `etcd-${version}.log`));
  server.clientPort = values.clientPort;
  server.cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  await waitFor('ready to serve client requests', () => /ready to serve client requests/.test(server.log()), server);
  return server;
}

/** Starts an API server storing in the etcd at `etcdPort`; resolves once /readyz answers ok. */
async function startApiserver(binary, name, out, etcdPort, collectorPort) {
  const securePort = await freePort();
  const args = apiserverArgs(join(out, 'apiservers', name), { securePort, etcdPort, collectorPort });
  const server = startProcess(binary, args, `API server ${name}`, join(out, `apiserver-${name}.log`));
  server.securePort = securePort;
  await waitFor('/readyz', async () => (await callApiserver(securePort, 'GET', '/readyz')).status === 200, server, 120_000);
  return server;
}

/** Runs the pipeline, writing into `out`; resolves to the counts and timings. */
export async function runPipeline(out, { rounds = 60, apiserverRounds = 30, log = () => {} } = {}) {
  const started = Date.now();
  mkdirSync(out, { recursive: true });
  const [{ binary: collector }, etcd37, etcd36, apiserver] = await Promise.all([
    buildCollector(COLLECTOR_VERSION, log),
    etcdBinary(ETCD_VERSION),
    etcdBinary(ETCD36_VERSION),
    apiserverBinary(log),
  ]);
  const built = Date.now();
  const ports = {};
  for (const name of ['plain', 'plainMetrics', 'native', 'nativeMetrics']) ports[name] = await freePort();
  writeFileSync(join(out, 'native.yaml'), collectorConfig(out, ports.native, ports.nativeMetrics, NATIVE_EXPORTERS));
  writeFileSync(join(out, 'plain.yaml'), collectorConfig(out, ports.plain, ports.plainMetrics, PLAIN_EXPORTERS, ports.native));
  const native = startProcess(
    collector,
    ['--config', join(out, 'native.yaml'), '--feature-gates=exporter.file.nativeCompression'],
    'native Collector',
    join(out, 'native.log'),
  );
  const plain = startProcess(collector, ['--config', join(out, 'plain.yaml')], 'Collector', join(out, 'plain.log'));
  // Stopped first to last: API servers, then etcds, then the Collectors.
  const processes = [plain, native];
  const etcds = [];
  try {
    await waitFor('its metrics', () => collectorCounts(ports.nativeMetrics), native);
    await waitFor('its metrics', () => collectorCounts(ports.plainMetrics), plain);
    for (const [binary, version] of [
      [etcd37, ETCD_VERSION],
      [etcd36, ETCD36_VERSION],
    ]) {
      const server = await startEtcd(binary, version, out, ports.plain);
      etcds.push(server);
      processes.unshift(server);
    }
    const apiservers = {};
    for (const [name, server] of [
      ['etcd37', etcds[0]],
      ['etcd36', etcds[1]],
    ]) {
      apiservers[name] = await startApiserver(apiserver, name, out, server.clientPort, ports.plain);
      processes.unshift(apiservers[name]);
    }
    const ready = Date.now();
    const [etcdRequests, on37, on36] = await Promise.all([
      drive(etcds[0].clientPort, rounds),
      driveApiserver(apiservers.etcd37.securePort, apiserverRounds),
      driveApiserver(apiservers.etcd36.securePort, apiserverRounds),
    ]);
    const driven = Date.now();
    // Each batch span processor flushes on shutdown; then every span must have passed through both Collectors.
    const exits = {};
    for (const [name, server] of Object.entries(apiservers)) exits[`apiserver-${name}`] = await server.stop();
    for (const server of etcds) {
      exits[server.name.replace(' ', '-')] = await server.stop();
      server.cleanup();
    }
    const plainCounts = await waitFor(
      'every exporter to catch up',
      async () => {
        const counts = await collectorCounts(ports.plainMetrics);
        return counts.accepted > 0 &&
          Object.values(counts.sent).every((n) => n === counts.accepted) &&
          Object.keys(counts.sent).length === Object.keys(PLAIN_EXPORTERS).length + 1
          ? counts
          : undefined;
      },
      plain,
    );
    const nativeCounts = await waitFor(
      'the forwarded spans',
      async () => {
        const counts = await collectorCounts(ports.nativeMetrics);
        return counts.accepted === plainCounts.accepted &&
          Object.values(counts.sent).every((n) => n === counts.accepted) &&
          Object.keys(counts.sent).length === 2
          ? counts
          : undefined;
      },
      native,
    );
    exits.collector = await plain.stop();
    exits.nativeCollector = await native.stop();
    const sent = { ...plainCounts.sent, ...nativeCounts.sent };
    delete sent['otlp/native'];
    return {
      versions: { collector: COLLECTOR_VERSION, etcd: ETCD_VERSION, etcd36: ETCD36_VERSION, apiserver: APISERVER_VERSION },
      requests: { etcd: etcdRequests, apiserverOnEtcd37: on37, apiserverOnEtcd36: on36 },
      accepted: plainCounts.accepted,
      sent,
      failed: plainCounts.failed + nativeCounts.failed,
      exits,
      seconds: {
        build: (built - started) / 1000,
        start: (ready - built) / 1000,
        drive: (driven - ready) / 1000,
        total: (Date.now() - started) / 1000,
      },
    };
  } finally {
    for (const p of processes) await p.stop();
    for (const server of etcds) server.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'kube-tracing-pipeline-'));
  const result = await runPipeline(out, {
    log: console.log,
    rounds: Number(process.argv[3] ?? 60),
    apiserverRounds: Number(process.argv[4] ?? 30),
  });
  console.log(out, JSON.stringify(result, null, 2));
}
