// The real API server of the pipeline (apiserver/main.go: k8s.io/sample-apiserver's wardle server on the generic
// API server of k8s.io/apiserver): built once per process into oracle/.bin/, started against an etcd with
// --tracing-config-file, and driven with real requests over HTTPS (create, get, list, watch, update, patch,
// delete of flunders and fischers, and creates that the sample's BanFlunder admission plugin refuses).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { binDir, goEnv } from '../etcd/build.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const programDir = join(here, 'apiserver');

/** The k8s.io/sample-apiserver release apiserver/go.mod pins (its k8s.io/apiserver is the same release). */
export const APISERVER_VERSION = /^\s*k8s\.io\/sample-apiserver (v\S+)$/m.exec(readFileSync(join(programDir, 'go.mod'), 'utf8'))[1];

let built;
/** The path of the API server binary, built at most once per process (Go's build cache makes later runs cheap). */
export function apiserverBinary(log = () => {}) {
  built ??= (async () => {
    const started = Date.now();
    const binary = join(binDir, `sample-apiserver-${APISERVER_VERSION}`);
    mkdirSync(binDir, { recursive: true });
    try {
      await run('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: programDir, env: goEnv(), maxBuffer: 64 << 20 });
    } catch (error) {
      throw new Error(`go build (in ${programDir}) failed:\n${error.stderr ?? error.message}`, { cause: error });
    }
    log(`built k8s.io/sample-apiserver ${APISERVER_VERSION} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${binary}`);
    return binary;
  })();
  return built;
}

/**
 * The files and flags of one API server: a TracingConfiguration (every request sampled, OTLP/gRPC to the
 * Collector), and a kubeconfig that points the core API client admission requires at the server itself.
 */
export function apiserverArgs(dir, { securePort, etcdPort, collectorPort }) {
  mkdirSync(dir, { recursive: true });
  const tracing = join(dir, 'tracing.yaml');
  writeFileSync(
    tracing,
    `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: 127.0.0.1:${collectorPort}\nsamplingRatePerMillion: 1000000\n`,
  );
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'self', cluster: { server: `https://127.0.0.1:${securePort}`, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'self', user: {} }],
      contexts: [{ name: 'self', context: { cluster: 'self', user: 'self' } }],
      'current-context': 'self',
    }),
  );
  return [
    `--etcd-servers=http://127.0.0.1:${etcdPort}`,
    `--secure-port=${securePort}`,
    '--bind-address=127.0.0.1',
    `--cert-dir=${join(dir, 'certs')}`,
    `--kubeconfig=${kubeconfig}`,
    `--tracing-config-file=${tracing}`,
  ];
}

const agent = new Agent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: false });

/** One HTTPS request to the API server: { status, body } (body parsed when JSON). */
export function call(port, method, path, body, { contentType = 'application/json', signal } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        signal,
        headers: payload ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON (e.g. /readyz's "ok")
          }
          resolve({ status: res.statusCode, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Opens a watch and keeps reading it until `close()`; `events()` says how many lines (events) arrived. */
function watch(port, path) {
  const controller = new AbortController();
  let events = 0;
  const opened = new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'GET', path, agent, signal: controller.signal }, (res) => {
      res.on('data', (chunk) => (events += chunk.toString('utf8').split('\n').length - 1));
      res.on('error', () => {});
      resolve(res.statusCode);
    });
    req.on('error', (error) => (error.name === 'AbortError' ? resolve(0) : reject(error)));
    req.end();
  });
  return { opened, events: () => events, close: () => controller.abort() };
}

const GROUP = '/apis/wardle.example.com/v1alpha1';

/**
 * Drives one API server: `rounds` rounds of 3 concurrent workers, each round create → get → list → update →
 * patch → delete of a flunder, and every third round a create that BanFlunder refuses (403). Two watches
 * (flunders of one namespace, all fischers) stay open throughout. Returns the count of requests by verb and
 * the statuses seen; throws on any answer other than the one each request must get.
 */
export async function driveApiserver(port, rounds) {
  const counts = {};
  const expect = async (verb, expected, method, path, body, options) => {
    const { status, body: answer } = await call(port, method, path, body, options);
    counts[verb] = (counts[verb] ?? 0) + 1;
    if (status !== expected) throw new Error(`${method} ${path}: HTTP ${status} (expected ${expected}) ${JSON.stringify(answer)}`);
    return answer;
  };
  const watches = [watch(port, `${GROUP}/namespaces/ns0/flunders?watch=true`), watch(port, `${GROUP}/fischers?watch=true`)];
  for (const w of watches) if ((await w.opened) !== 200) throw new Error('a watch did not open');
  counts.watch = watches.length;
  const banned = Array.from({ length: rounds }, (_, i) => `banned-${i}`);
  await expect('create', 201, 'POST', `${GROUP}/fischers`, { metadata: { name: 'guard' }, disallowedFlunders: banned });
  const worker = async (id) => {
    for (let i = 0; i < rounds; i++) {
      const ns = `ns${(id + i) % 3}`;
      const name = `flunder-${id}-${i}`;
      const item = `${GROUP}/namespaces/${ns}/flunders/${name}`;
      const spec = { reference: 'guard', referenceType: 'Fischer' };
      await expect('create', 201, 'POST', `${GROUP}/namespaces/${ns}/flunders`, {
        metadata: { name, labels: { worker: String(id) } },
        spec,
      });
      const got = await expect('get', 200, 'GET', item);
      await expect('list', 200, 'GET', `${GROUP}/namespaces/${ns}/flunders?limit=50`);
      await expect('update', 200, 'PUT', item, { ...got, metadata: { ...got.metadata, labels: { worker: String(id), round: String(i) } } });
      await expect(
        'patch',
        200,
        'PATCH',
        item,
        { metadata: { annotations: { patched: 'yes' } } },
        { contentType: 'application/merge-patch+json' },
      );
      if (i % 3 === id % 3)
        await expect('create', 403, 'POST', `${GROUP}/namespaces/${ns}/flunders`, { metadata: { name: banned[i] }, spec });
      await expect('delete', 200, 'DELETE', item);
    }
  };
  await Promise.all([0, 1, 2].map(worker));
  await expect('list', 200, 'GET', `${GROUP}/fischers`);
  await expect('delete', 200, 'DELETE', `${GROUP}/fischers/guard`);
  const events = watches.map((w) => w.events());
  for (const w of watches) w.close();
  return { counts, requests: Object.values(counts).reduce((a, b) => a + b, 0), watchEvents: events };
}
