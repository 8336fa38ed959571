// Starting and stopping code-server (a real VS Code 1.139.1, installed by ./install.mjs) for the tests and
// `npm start`, and opening it in headless Debian Chromium through playwright-core. Facts this relies on are in
// docs/editor-hosts.md: code-server writes to ~/.config and ~/.local/share unless XDG_*
// point elsewhere, the smoke-test driver must be on for the `payload` URL parameter to be honoured, and
// Chromium must not get --user-data-dir in its args.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerEntry, ensureHost, node24 } from './install.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings that keep the window quiet: no telemetry, no welcome page, no chat side bar. */
export const QUIET_USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  // Test workspaces live inside this repository's clone: do not offer to open the parent git repository.
  'git.openRepositoryInParentFolders': 'never',
  'git.autoRepositoryDetection': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The profile folders of one code-server: user data (with quiet settings), extensions, XDG homes. */
export function prepareProfile(stateDir, { userDataDir, extensionsDir, settings = {} } = {}) {
  const profile = {
    userDataDir: userDataDir ?? join(stateDir, 'user-data'),
    extensionsDir: extensionsDir ?? join(stateDir, 'extensions'),
    xdgConfig: join(stateDir, 'xdg-config'),
    xdgData: join(stateDir, 'xdg-data'),
  };
  for (const dir of Object.values(profile)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  writeFileSync(join(profile.userDataDir, 'User/settings.json'), JSON.stringify({ ...QUIET_USER_SETTINGS, ...settings }, null, 2));
  return profile;
}

function codeServerEnv(profile) {
  return { ...process.env, XDG_CONFIG_HOME: profile.xdgConfig, XDG_DATA_HOME: profile.xdgData };
}

/** Runs a one-shot code-server CLI command (e.g. --install-extension) and resolves with its output. */
export function codeServerCli(profile, args) {
  ensureHost({ quiet: true });
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [codeServerEntry, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, ...args], {
      env: codeServerEnv(profile),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless given) and waits until /healthz answers.
 * Returns { url, port, process, stop() }. `onOutput` receives its log lines (default: dropped).
 */
export async function startCodeServer(profile, { folder, port, smokeTestDriver = false, onOutput = () => {}, extraEnv = {} } = {}) {
  ensureHost({ quiet: true });
  const chosenPort = port ?? (await freePort());
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--auth', 'none',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(folder ? [folder] : []),
  ];
  const child = spawn(node24, args, { env: { ...codeServerEnv(profile), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.on('data', (d) => onOutput(String(d)));
  child.stderr.on('data', (d) => onOutput(String(d)));
  let exited = null;
  child.on('exit', (code, signal) => (exited = code ?? signal));
  const url = `http://127.0.0.1:${chosenPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGKILL');
      throw new Error(`code-server did not answer ${url}/healthz within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = async () => {
    if (exited !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    // detached: the whole process group goes, including the extension host and our language server.
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }, 5000);
    await gone;
    clearTimeout(timer);
  };
  return { url, port: chosenPort, process: child, stop };
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
