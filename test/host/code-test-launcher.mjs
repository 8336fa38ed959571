#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron's runTests (vscodeExecutablePath) and
// @vscode/test-cli (useInstallation.fromPath) launch. It accepts their arguments
//   --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> --user-data-dir=<dir> --extensions-dir=<dir> [<folder>]
// (the desktop-only flags they add, like --no-sandbox, are ignored), starts code-server with VS Code's
// smoke-test driver on a free port, opens the test payload URL in headless Chromium, prints the extension
// host's console, and exits with the suite's exit code: the way VS Code's own integration tests run in a
// browser. Exits 1 with a screenshot in test-results/ when the suite does not finish within the timeout
// (KUBE_TRACING_TEST_TIMEOUT_MS, default 300000), since the harness has no other completion signal.
// The extension host inherits this process's environment (code-server spawns it), so runTests'
// extensionTestsEnv reaches the tests.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium, prepareProfile, startCodeServer } from './codeServerHost.mjs';

const root = resolve(import.meta.dirname, '../..');

function parseArgs(argv) {
  const options = { extensionDevelopmentPath: [], folder: undefined };
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/s.exec(arg);
    if (match) {
      const [, key, value] = match;
      if (key === 'extensionDevelopmentPath') options.extensionDevelopmentPath.push(resolve(value));
      else if (key === 'extensionTestsPath') options.extensionTestsPath = resolve(value);
      else if (key === 'user-data-dir') options.userDataDir = resolve(value);
      else if (key === 'extensions-dir') options.extensionsDir = resolve(value);
    } else if (!arg.startsWith('-')) {
      options.folder = resolve(arg);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
if (!options.extensionTestsPath || options.extensionDevelopmentPath.length === 0) {
  console.error('code-test-launcher: needs --extensionDevelopmentPath=<dir> and --extensionTestsPath=<file>; got: ' + process.argv.slice(2).join(' '));
  process.exit(2);
}
const timeoutMs = Number(process.env.KUBE_TRACING_TEST_TIMEOUT_MS ?? 300_000);
const stateDir = mkdtempSync(join(tmpdir(), 'kube-tracing-code-test-'));
const profile = prepareProfile(stateDir, { userDataDir: options.userDataDir, extensionsDir: options.extensionsDir });
const verbose = process.env.KUBE_TRACING_HOST_LOG === '1';
/**
 * The workbench's own chatter on a machine without internet (extension gallery, GitHub sign-in, connection
 * set-up): hidden unless KUBE_TRACING_HOST_LOG=1, so the suite's output is readable.
 */
const HARMLESS_OFFLINE_NOISE = [
  /open-vsx\.org/,
  /authentication provider 'github'/,
  /^\s+at .*workbench\.js/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^\[(reconnection-grace-time|Service Worker|AgentHost:remote|AccountPolicyGate)\]/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution '.*' took \d+ms/,
];
const server = await startCodeServer(profile, {
  smokeTestDriver: true,
  onOutput: (text) => verbose && process.stderr.write(`[code-server] ${text}`),
});

const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
const payload = [
  ...options.extensionDevelopmentPath.map((dir) => ['extensionDevelopmentPath', remote(dir)]),
  ['extensionTestsPath', remote(options.extensionTestsPath)],
];
const url = `${server.url}/?${options.folder ? `folder=${encodeURIComponent(options.folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await launchChromium();
let exitCode = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const finished = new Promise((resolveExit) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // Console calls arrive as (type, [format, ...args]), e.g. mocha's ('log', ['%s%d passing', ...]).
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (!verbose && HARMLESS_OFFLINE_NOISE.some((pattern) => pattern.test(line))) return;
    (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  });
  await page.goto(url);
  let timer;
  const timedOut = new Promise((resolveTimeout) => (timer = setTimeout(() => resolveTimeout('timeout'), timeoutMs)));
  const outcome = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    const shot = join(root, 'test-results', `code-test-timeout-${Date.now()}.png`);
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`code-test-launcher: the suite did not finish within ${timeoutMs} ms (screenshot: ${shot})`);
  } else {
    exitCode = outcome;
  }
} catch (error) {
  console.error(`code-test-launcher: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await browser.close().catch(() => undefined);
  await server.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(exitCode);
