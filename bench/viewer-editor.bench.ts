/**
 * The trace viewer in the real editor: kube-tracing packaged as a .vsix, installed into code-server (VS Code
 * 1.139.1, see docs/editor-hosts.md) and driven in headless Chromium, opens the 200,000-span file of
 * `scripts/generate-traces.mjs` (147 MB). Measured in one run, taking turns: the time from opening the file to
 * the viewer showing every span with nothing left to do (its status line counts 200,088 spans and the page is no
 * longer busy), against `kube-tracing summarize` reading the same file (the CLI's read; target ≤ 1.5×).
 * This includes what the harness bench (viewer.bench.ts) leaves out: the extension host reading the file and
 * VS Code carrying 4 MB chunks to the webview. Never fails on a number. Run: npm run bench -- viewer-editor
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { codeServerCli, launchChromium, prepareProfile, startCodeServer } from '../test/host/codeServerHost.mjs';
import { ensureHost } from '../test/host/install.mjs';
import { openFile, waitForWorkbench, webviewFrame } from '../test/e2e/workbench';

const ROOT = join(__dirname, '..');
const DIST = process.env['BENCH_DIST_DIR'] ?? join(ROOT, 'dist');
const FILE_200K = join(ROOT, '.bench/data/k8s-200k.otlp.jsonl');
const STATE = join(ROOT, '.bench', 'editor');
const REPEATS = Math.max(1, Number(process.env['BENCH_VIEWER_EDITOR_REPEATS'] ?? 2));
const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function cliReadMs(file: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'summarize', file, '--format', 'json'], {
    cwd: ROOT,
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0)
    throw new Error(`kube-tracing summarize failed (exit ${result.status}): ${result.stderr.toString().slice(0, 500)}`);
  return performance.now() - started;
}

/**
 * CPU time (user + system, ms) of this benchmark's descendant processes, by role: code-server's extension host
 * (reads the file, posts the chunks, and in a remote window compresses them for the web socket), the rest of
 * code-server, and Chromium's browser, renderer and GPU processes. Read from /proc (Linux), so a slow load says
 * which process was busy.
 */
function cpuByRole(): Map<string, number> {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  const byRole = new Map<string, number>();
  for (const [pid, tick] of ticks) {
    if (!isOurs(pid)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const role = /extensionHost/.test(cmdline)
      ? 'extension host'
      : /code-server|server-main/.test(cmdline)
        ? 'code-server (other)'
        : /--type=renderer/.test(cmdline)
          ? 'Chromium renderers'
          : /--type=gpu/.test(cmdline)
            ? 'Chromium GPU'
            : /chrom/i.test(cmdline) && !/--type=/.test(cmdline)
              ? 'Chromium browser'
              : 'other';
    byRole.set(role, (byRole.get(role) ?? 0) + tick * 10); // USER_HZ 100: a tick is 10 ms
  }
  return byRole;
}

/** Opens the file in its viewer and waits until every span is shown and the page is idle; resolves with the time. */
interface EditorLoad {
  readonly loadedMs: number;
  /** From opening the file to the viewer's page showing its toolbar, and to its first rows. */
  readonly pageUpMs: number;
  readonly firstRowsMs: number;
  readonly status: string;
  /** CPU ms of each process role during the load. */
  readonly cpuMs: Record<string, number>;
}

async function openAndLoad(page: Page, relativePath: string, spans: string): Promise<EditorLoad> {
  const cpuBefore = cpuByRole();
  const started = performance.now();
  await openFile(page, relativePath);
  // Where the time goes: the viewer's page up (its toolbar shown), the first rows, every span (polled every ~0.3 s).
  await webviewFrame(page, (body) => body.includes('Operations'), 600_000);
  const pageUpMs = performance.now() - started;
  await webviewFrame(page, (body) => /\d spans? /.test(body), 600_000);
  const firstRowsMs = performance.now() - started;
  const { frame } = await webviewFrame(page, (body) => body.includes(`${spans} spans`), 600_000);
  await frame.waitForFunction(() => document.querySelector('.app')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 600_000 });
  const loadedMs = performance.now() - started;
  const cpuMs: Record<string, number> = {};
  for (const [role, after] of cpuByRole()) cpuMs[role] = after - (cpuBefore.get(role) ?? 0);
  return { loadedMs, pageUpMs, firstRowsMs, status: (await frame.locator('.status').textContent()) ?? '', cpuMs };
}

async function main(): Promise<void> {
  const generated = spawnSync(process.execPath, [join(ROOT, 'scripts/generate-traces.mjs'), '--preset', '200k'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (generated.status !== 0) throw new Error('generate-traces.mjs failed');
  ensureHost({ quiet: true });
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(join(STATE, 'workspace', 'traces'), { recursive: true });
  const vsix = join(STATE, 'kube-tracing.vsix');
  const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
  if (packaged.status !== 0) throw new Error(`npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  const workspace = join(STATE, 'workspace');
  const traceFile = join(workspace, 'traces', 'k8s-200k.otlp.jsonl');
  try {
    linkSync(FILE_200K, traceFile); // 147 MB: a hard link, not a copy, when the file system allows
  } catch {
    cpSync(FILE_200K, traceFile);
  }
  const profile = prepareProfile(STATE);
  await codeServerCli(profile, ['--install-extension', vsix]);
  const server = await startCodeServer(profile, { folder: workspace });
  const browser = await launchChromium();
  const cli: number[] = [];
  const loads: EditorLoad[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      cli.push(cliReadMs(FILE_200K));
      loads.push(await openAndLoad(page, 'traces/k8s-200k.otlp.jsonl', '200,088'));
      if (repeat === REPEATS - 1) await page.screenshot({ path: join(ROOT, '.bench', 'viewer-editor.png') });
      await page.keyboard.press('Control+W'); // close the viewer: the next repeat opens it afresh
      await page.waitForTimeout(1000);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const cliMs = median(cli);
  const loadedMs = median(loads.map((l) => l.loadedMs));
  console.log(
    `\n### Trace viewer in the real editor (code-server; one run; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})\n`,
  );
  console.log('| measure | value | baseline (same run) | ratio | note |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| open the 200k-span file (147 MB) until every span is shown | ${ms(loadedMs)} (runs: ${loads.map((l) => ms(l.loadedMs)).join(', ')}) | kube-tracing summarize: ${ms(cliMs)} (runs: ${cli.map(ms).join(', ')}) | ${(loadedMs / cliMs).toFixed(2)}× the CLI | target ≤ 1.5×; the viewer's page up after ${ms(median(loads.map((l) => l.pageUpMs)))}, first rows after ${ms(median(loads.map((l) => l.firstRowsMs)))} (medians; polled every ~0.3 s); ${loads[0]?.status ?? ''} |`,
  );
  const roles = [...new Set(loads.flatMap((l) => Object.keys(l.cpuMs)))].sort();
  console.log(
    `| CPU time during that load, by process | ${roles
      .map(
        (role) =>
          `${role} ${ms(median(loads.map((l) => l.cpuMs[role] ?? 0)))} (runs: ${loads.map((l) => ms(l.cpuMs[role] ?? 0)).join(', ')})`,
      )
      .join('; ')} | | | user+system from /proc; the machine has 2 cores |`,
  );
  writeFileSync(join(ROOT, '.bench', 'viewer-editor.json'), JSON.stringify({ cliMs: cli, loads }, null, 1));
  if (existsSync(STATE)) rmSync(STATE, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
