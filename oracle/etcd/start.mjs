// Starts a real etcd server with a command line and says what it did: exited (status, the error line) or came
// up (the warnings it logged on the way), then stops it. Each start gets 127.0.0.1 ports the kernel just handed
// out and a throwaway data dir, so runs never meet each other or another engineer's etcd.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goEnv } from './build.mjs';

/** The flags every start gets before the corpus' own (which come last, so a corpus flag overrides them). */
export const BASE_ARGS = [
  '--name=oracle',
  '--data-dir={dataDir}',
  '--listen-client-urls=http://127.0.0.1:{clientPort}',
  '--advertise-client-urls=http://127.0.0.1:{clientPort}',
  '--listen-peer-urls=http://127.0.0.1:{peerPort}',
  '--initial-advertise-peer-urls=http://127.0.0.1:{peerPort}',
  '--initial-cluster=oracle=http://127.0.0.1:{peerPort}',
  // A one-member cluster elects itself after the election timeout; short timeouts make each start ~10x faster.
  '--heartbeat-interval=10',
  '--election-timeout=100',
];

/** Log lines etcd prints once it accepts client requests (embed/serve.go, every release we cover). */
const READY = /^ready to serve client requests$/;
const START_TIMEOUT_MS = 30_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `binary` with BASE_ARGS + `args`. Resolves to
 *   { verdict: 'starts', warnings: [{ msg, error? }] }  — came up; stopped with SIGTERM
 *   { verdict: 'exits', status, error, warnings }       — exited (or did not come up in time: status null)
 * `error` is the line that says why: the first line Go's flag package printed, else the `error` (or `msg`) of
 * the last warn/error/fatal log entry etcd wrote before exiting.
 */
export async function startEtcd(binary, args) {
  // Another process may take a port between freePort() and etcd's bind: try again with new ports.
  for (let attempt = 1; ; attempt++) {
    const result = await startOnce(binary, args);
    if (attempt === 3 || !(result.verdict === 'exits' && /bind: address already in use/.test(result.error))) return result;
  }
}

async function startOnce(binary, args) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kube-tracing-etcd-'));
  const values = { dataDir: join(dataDir, 'data'), clientPort: await freePort(), peerPort: await freePort() };
  const argv = [...BASE_ARGS.map((arg) => arg.replace(/\{(\w+)\}/g, (_, key) => String(values[key]))), ...args];
  try {
    return await new Promise((resolve) => {
      const child = spawn(binary, argv, { cwd: dataDir, env: goEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = [];
      let pending = '';
      let ready = false;
      let stdout = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => {
        pending += chunk;
        let newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (ready) continue;
          lines.push(line);
          if (READY.test(parseLog(line)?.msg ?? '')) {
            ready = true;
            child.kill('SIGTERM');
          }
        }
      });
      child.on('close', (status, signal) => {
        clearTimeout(timer);
        if (pending && !ready) lines.push(pending);
        const warnings = warningsIn(lines);
        if (ready) resolve({ verdict: 'starts', warnings });
        else
          resolve({
            verdict: 'exits',
            status: signal ? null : status,
            error: errorIn(lines, stdout) ?? `no output (signal ${signal})`,
            warnings,
          });
      });
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function parseLog(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

const WARNING_LEVELS = new Set(['warn', 'error', 'dpanic', 'panic', 'fatal']);

/**
 * The warnings about the configuration: those etcd's command-line and config code logs (callers in etcdmain/ and
 * embed/). Raft's and the server's own runtime warnings ("cannot campaign …", "apply request took too long")
 * depend on timing, not on the command line.
 */
function warningsIn(lines) {
  const seen = new Set();
  return lines
    .map(parseLog)
    .filter((entry) => entry && entry.level === 'warn' && /^(etcdmain|embed)\//.test(entry.caller ?? ''))
    .map((entry) => (entry.error === undefined ? { msg: entry.msg } : { msg: entry.msg, error: entry.error }))
    .filter((warning) => !seen.has(JSON.stringify(warning)) && seen.add(JSON.stringify(warning)));
}

function errorIn(lines, stdout) {
  // Go's flag package prints its error, then etcd's usage text ("Usage:" …).
  const usage = lines.indexOf('Usage:');
  const raw = lines
    .slice(0, usage >= 0 ? usage : lines.length)
    .filter((line) => line && !line.startsWith('{') && !/^\d{4}\/\d\d\/\d\d /.test(line));
  if (raw.length) return raw[0];
  const entries = lines.map(parseLog).filter((entry) => entry && WARNING_LEVELS.has(entry.level));
  const last = entries.at(-1);
  if (last) return last.error ?? last.msg;
  return stdout.split('\n').find((line) => line.trim()) ?? lines.find((line) => line.trim());
}
