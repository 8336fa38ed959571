// `npm start`: build the extension and open it on demo/ in a real VS Code.
//   - desktop VS Code when `code` is on PATH: `code --extensionDevelopmentPath=<repo> demo/` (a new window);
//   - otherwise code-server (VS Code 1.139.1 from test/host/, installed on first use) on 127.0.0.1, printing the
//     URL to open. The URL carries VS Code's extension-development payload, so the window is a real
//     "[Extension Development Host]": `Developer: Reload Window` picks up a rebuild (`npm run watch`).
// Installs the npm dependencies first when they are missing or older than package-lock.json.
//   npm start [-- --code-server] [-- --port 8080]
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDependencies } from './npm-dependencies.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'demo');
const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const requestedPort = portAt >= 0 ? Number(args[portAt + 1]) : process.env.PORT ? Number(process.env.PORT) : undefined;

function step(title, command, commandArgs) {
  console.log(`== ${title}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: \`${command} ${commandArgs.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!ensureNpmDependencies(root)) {
  console.error('npm start: `npm ci` failed');
  process.exit(1);
}
step('build', process.execPath, [join(root, 'scripts/build.mjs')]);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasCode && !args.includes('--code-server')) {
  console.log(`== opening desktop VS Code on ${demo} with the extension under development`);
  const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, demo], { stdio: 'inherit', detached: true });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  // Imported here: only the code-server path needs test/host (and its first install takes minutes).
  const { ensureDebianPackages } = await import('./debian-packages.mjs');
  const packages = ensureDebianPackages(['libkrb5-dev']);
  if (!packages.ok) {
    console.error(`npm start: code-server needs ${packages.reason}`);
    process.exit(1);
  }
  const { ensureHost } = await import('../test/host/install.mjs');
  const { prepareProfile, startCodeServer } = await import('../test/host/codeServerHost.mjs');
  console.log('== code-server (VS Code 1.139.1) from test/host/ (installed on first use: a few minutes, once)');
  ensureHost();
  const profile = prepareProfile(join(root, '.vscode-test/start'));
  const server = await startCodeServer(profile, { smokeTestDriver: true, port: requestedPort });
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`]];
  const url = `${server.url}/?folder=${encodeURIComponent(demo)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`\nkube-tracing is running in VS Code on demo/. Open this URL in a browser:\n\n  ${url}\n`);
  console.log('(listening on 127.0.0.1 only; Ctrl+C stops it)');
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (status) => {
    if (stopping) return;
    console.error(`code-server exited (${status})`);
    process.exit(1);
  });
}
