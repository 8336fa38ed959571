// `npm run package`: the Marketplace package kube-tracing-<version>.vsix, made by @vscode/vsce from production
// bundles (minified, no source maps; everything bundled, so --no-dependencies: no node_modules inside).
// Then checks that the package holds only what users need (.vscodeignore decides; this is the guard that it
// did): dist/{extension,server,cli}.js, schemas/, media/ without sources or maps, package.json, README.md,
// CHANGELOG.md, LICENSE, images/icon.png. Prints the file list and the size, and writes the .vsix path to
// stdout's last line. Restores the development build afterwards when that is what dist/ held, because the
// working tree is shared with tests that like source maps.
//   node scripts/package.mjs [--out <file.vsix>]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { name, version } = manifest;
const outAt = process.argv.indexOf('--out');
const vsix = outAt > 0 ? resolve(process.argv[outAt + 1]) : join(root, `${name}-${version}.vsix`);
const vsce = join(root, 'node_modules/@vscode/vsce/vsce');

/** What may ship. Anything else in `vsce ls` fails the packaging. */
const ALLOWED = [
  /^dist\/(extension|server|cli)\.js$/,
  /^schemas\/[^/]+(\/[^/]+)*\.json$/,
  /^media\/(?!src\/)[^]*(?<!\.map)$/,
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/,
  /^images\/icon\.png$/,
  /^snippets\/[^/]+\.json$/,
];

/** Every file package.json points at (main, icon, snippets, schema URLs) must ship, or the feature breaks silently. */
function contributedFiles() {
  const contributes = manifest.contributes ?? {};
  const paths = [manifest.main, manifest.icon, ...(contributes.snippets ?? []).map((s) => s.path)];
  for (const v of [...(contributes.jsonValidation ?? []), ...(contributes.yamlValidation ?? [])]) paths.push(v.url);
  return paths.filter((p) => typeof p === 'string' && !/^[a-z]+:/.test(p)).map((p) => p.replace(/^\.\//, ''));
}
const REQUIRED = [
  ...new Set([
    'dist/extension.js',
    'dist/server.js',
    'dist/cli.js',
    'package.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    ...contributedFiles(),
  ]),
];
const MAX_BYTES = 2 * 1024 * 1024;

function run(command, args, { capture = false } = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
  return result.stdout ?? '';
}

const buildInfo = join(root, 'dist/.build-info.json');
const hadDevelopmentBuild = existsSync(buildInfo) && JSON.parse(readFileSync(buildInfo, 'utf8')).production === false;

try {
  run(process.execPath, [join(root, 'scripts/build.mjs'), '--production']);
  const listed = run(process.execPath, [vsce, 'ls', '--no-dependencies'], { capture: true })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const unexpected = listed.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  const missing = REQUIRED.filter((file) => !listed.includes(file));
  if (unexpected.length || missing.length) {
    throw new Error(`.vscodeignore lets through ${JSON.stringify(unexpected)} and misses ${JSON.stringify(missing)}`);
  }
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix]);
  const bytes = statSync(vsix).size;
  console.log(`\nfiles (${listed.length}):\n  ${listed.join('\n  ')}`);
  console.log(`\n${vsix}: ${(bytes / 1024).toFixed(0)} KB (${bytes} bytes, limit ${MAX_BYTES})`);
  if (bytes > MAX_BYTES) throw new Error(`the .vsix is over ${MAX_BYTES / 1024 / 1024} MB`);
  console.log(vsix);
} catch (error) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  // The shared working tree's tests expect the development build (source maps); put it back.
  if (hadDevelopmentBuild) spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
