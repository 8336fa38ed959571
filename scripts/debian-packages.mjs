// The Debian packages the test stages and `npm start` need, installed on first use so that `npm test` and
// `npm start` work on a fresh machine with nothing installed beforehand.
//   - Running as root with apt-get: installs what is missing (`apt-get update` once, then `apt-get install`).
//   - Otherwise: returns the one command line that would install them, for the caller to print and stop (or skip).
import { spawnSync } from 'node:child_process';

/** Each package and what needs it; the stage names are those of scripts/test.mjs. */
export const DEBIAN_PACKAGES = {
  neovim: 'editors stage (test/editors/neovim)',
  'emacs-nox': 'editors stage (test/editors/eglot)',
  'elpa-eglot': 'editors stage (Emacs eglot, the LSP client)',
  'elpa-yaml-mode': 'editors stage (Emacs yaml-mode)',
  chromium: 'webview, vscode and e2e stages (headless Chromium driven by playwright-core)',
  'libkrb5-dev': "vscode and e2e stages, npm start (gssapi headers for code-server's kerberos module)",
};

const isInstalled = (name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
let updated = false;

/**
 * Makes sure the named Debian packages are installed.
 * @param {string[]} names
 * @returns {{ ok: true } | { ok: false, reason: string }} why not, as one line naming the command to run
 */
export function ensureDebianPackages(names) {
  if (!has('dpkg')) return { ok: false, reason: `not a Debian machine: install the equivalents of ${names.join(', ')}` };
  const missing = names.filter((name) => !isInstalled(name));
  if (missing.length === 0) return { ok: true };
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !has('apt-get')) return { ok: false, reason: `missing Debian packages; run: sudo apt-get update && sudo ${command}` };
  console.log(`== installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status !== 0)
      return { ok: false, reason: `apt-get update failed (exit ${update.status}); run: apt-get update && ${command}` };
    updated = true;
  }
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (install.status !== 0) return { ok: false, reason: `\`${command}\` failed (exit ${install.status})` };
  return { ok: true };
}
