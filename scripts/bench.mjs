// `npm run bench`: every benchmark of the project, on production bundles.
//   npm run bench                   build production bundles, run every bench/*.bench.ts
//   npm run bench -- lsp-server     only bench/lsp-server.bench.ts (several names allowed)
//   npm run bench -- --no-build     reuse the bundles already in dist/
// Each benchmark is run with tsx in its own process (so one cannot warm the other's caches), prints a
// markdown table and writes `.bench/<name>.json`. At the end every table is printed together.
// The production bundles are copied to `.bench/dist/` right after the build and benchmarks get that folder in
// BENCH_DIST_DIR, so a development build of dist/ during a long run cannot swap the bundles being measured.
// Benchmarks report ratios measured in one run; they never fail on a number. A benchmark that crashes
// (a bug, not a slow result) makes this command exit 1.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const resultsDir = join(root, '.bench');
const benchDist = join(resultsDir, 'dist');

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const requested = args.filter((a) => !a.startsWith('--')).map((a) => a.replace(/\.bench\.ts$/, '').replace(/^bench\//, ''));

const available = existsSync(benchDir)
  ? readdirSync(benchDir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => f.slice(0, -'.bench.ts'.length))
      .sort()
  : [];
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; benchmarks are: ${available.join(', ') || '(none in bench/)'}`);
  process.exit(2);
}
const selected = requested.length ? requested : available;

/** Runs a command with inherited output plus a captured copy of stdout; resolves with its exit code and stdout. */
function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_DIST_DIR: benchDist },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      stdout += chunk;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, stdout }));
  });
}

if (!skipBuild) {
  console.log('== build (production)');
  const build = await run(process.execPath, [join(root, 'scripts/build.mjs'), '--production']);
  if (build.code !== 0) process.exit(1);
}

mkdirSync(benchDist, { recursive: true });
for (const file of readdirSync(join(root, 'dist'))) {
  if (file.endsWith('.js') || file === '.build-info.json') copyFileSync(join(root, 'dist', file), join(benchDist, file));
}
const tsxCli = join(root, 'node_modules/tsx/dist/cli.mjs');
const results = [];
for (const name of selected) {
  console.log(`\n== bench ${name}`);
  const started = Date.now();
  const jsonPath = join(resultsDir, `${name}.json`);
  const before = existsSync(jsonPath) ? statSync(jsonPath).mtimeMs : 0;
  const { code, signal, stdout } = await run(process.execPath, [tsxCli, join(benchDir, `${name}.bench.ts`)]);
  const wroteJson = existsSync(jsonPath) && statSync(jsonPath).mtimeMs > before;
  results.push({ name, code, signal, seconds: (Date.now() - started) / 1000, tables: markdownTables(stdout), wroteJson });
}

/** The markdown tables (runs of lines starting with `|`) a benchmark printed, with the heading line just above each. */
function markdownTables(text) {
  const lines = text.split('\n');
  const tables = [];
  let current = null;
  lines.forEach((line, i) => {
    if (line.trimStart().startsWith('|')) {
      if (!current) {
        const heading = lines
          .slice(0, i)
          .reverse()
          .find((l) => l.trim() !== '');
        current = heading && !heading.trimStart().startsWith('|') ? [heading, ''] : [];
        tables.push(current);
      }
      current.push(line);
    } else {
      current = null;
    }
  });
  return tables.map((t) => t.join('\n'));
}

console.log('\n== all benchmark tables');
for (const r of results) {
  console.log(
    `\n### ${r.name} (${r.seconds.toFixed(1)} s${r.code === 0 ? '' : `, FAILED: exit ${r.code}${r.signal ? ` ${r.signal}` : ''}`})\n`,
  );
  if (r.tables.length) console.log(r.tables.join('\n\n'));
  else console.log('(printed no markdown table)');
  if (!r.wroteJson) console.log(`(did not write .bench/${r.name}.json)`);
  else {
    try {
      JSON.parse(readFileSync(join(resultsDir, `${r.name}.json`), 'utf8'));
    } catch (error) {
      console.log(`(.bench/${r.name}.json is not valid JSON: ${error.message})`);
    }
  }
}
const crashed = results.filter((r) => r.code !== 0);
console.log(
  `\n${results.length - crashed.length} benchmarks ran, ${crashed.length} crashed${crashed.length ? `: ${crashed.map((r) => r.name).join(', ')}` : ''}`,
);
process.exit(crashed.length ? 1 : 0);
