// Bundles every runnable piece with esbuild, one file each (vscode-eslint style):
//   dist/extension.js  the VS Code client (vscode external)
//   dist/server.js     the language server (node dist/server.js --stdio, or IPC from the client)
//   dist/cli.js        the kube-tracing command
//   media/dist/*.js    webview scripts, when their sources exist
// Usage: node scripts/build.mjs [--production] [--watch] [--metafile]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  // The `yaml` and vscode-languageserver packages ship both CJS and ESM; prefer ESM for smaller bundles.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { SERVER_VERSION: JSON.stringify(version), CLI_VERSION: JSON.stringify(version) },
};

const targets = [
  { ...node, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/extension.js'), external: ['vscode'] },
  { ...node, entryPoints: [join(root, 'server/src/server.ts')], outfile: join(root, 'dist/server.js') },
  {
    ...node,
    entryPoints: [join(root, 'server/src/cli/main.ts')],
    outfile: join(root, 'dist/cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  },
];

// Webview bundles: browser, IIFE. Each media/src/<name>.ts that exists becomes media/dist/<name>.js.
for (const name of ['viewer', 'pipeline']) {
  const entry = join(root, `media/src/${name}.ts`);
  if (!existsSync(entry)) continue;
  targets.push({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    entryPoints: [entry],
    outfile: join(root, `media/dist/${name}.js`),
    loader: { '.css': 'text' },
  });
}

mkdirSync(join(root, 'dist'), { recursive: true });
if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  const sizes = targets.map((t) => `${t.outfile.slice(root.length + 1)} ${(statSync(t.outfile).size / 1024).toFixed(0)} KB`);
  console.log(`esbuild: built in ${Date.now() - started} ms${production ? ' (production)' : ''}: ${sizes.join(', ')}`);
  writeFileSync(join(root, 'dist/.build-info.json'), JSON.stringify({ production, version, builtAt: new Date().toISOString() }));
}
