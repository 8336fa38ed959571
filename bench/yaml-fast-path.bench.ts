/**
 * What each half of the YAML fast path (server/src/service/yaml/fast/) buys, in CPU time (process.cpuUsage, so a
 * busy machine's waiting does not count), on every plain-YAML document of the repository's fixtures:
 *   library   parseAllDocuments on the piece (what the fast path replaces)
 *   cst-only  our lexer + CST (fast/lex.ts, fast/cst.ts), composed by the library's own Composer
 *   fast      our lexer + CST + our composer port (fast/compose.ts): the fast path as shipped
 * The three run interleaved (the order rotates each round) and the medians are compared, with what the composer
 * port takes off the fast path (1 − fast / cst-only). It was once judged by its share of the speed-up over the
 * library alone and removed (8862239); what decides is full validation, where parsing is most of the time:
 * bench/manifests.bench.ts, and the figures in fast/README.md. Prints a markdown table and writes
 * .bench/yaml-fast-path.json.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, parseAllDocuments, type CST } from 'yaml';
import { ComposeCaches, composeDocuments } from '../server/src/service/yaml/fast/compose';
import { NotHandled } from '../server/src/service/yaml/fast/cst';
import { lexAndParse } from '../server/src/service/yaml/fast/lex';
import { pieceStarts } from '../server/src/service/yaml/fast/parse';
import { PARSE_OPTIONS } from '../server/src/service/yaml/parseOptions';

const root = join(__dirname, '..');
const ROUNDS = 15;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every piece of every fixture that the fast path handles, as (text, start, end). */
const pieces: Array<{ text: string; start: number; end: number }> = [];
for (const path of [...yamlFiles(join(root, 'test/fixtures')), ...yamlFiles(join(root, 'demo'))]) {
  const text = readFileSync(path, 'utf8');
  const starts = pieceStarts(text);
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? text.length;
    try {
      composeDocuments(lexAndParse(text, start, end), new ComposeCaches());
      pieces.push({ text, start, end });
    } catch (error) {
      if (!(error instanceof NotHandled)) throw error;
    }
  });
}
const bytes = pieces.reduce((total, piece) => total + piece.end - piece.start, 0);

const caches = new ComposeCaches();
const variants: Record<string, () => number> = {
  library: () => pieces.reduce((n, p) => n + parseAllDocuments(p.text.slice(p.start, p.end), PARSE_OPTIONS).length, 0),
  'cst-only': () =>
    pieces.reduce(
      (n, p) => n + Array.from(new Composer(PARSE_OPTIONS).compose(lexAndParse(p.text, p.start, p.end) as unknown as CST.Token[])).length,
      0,
    ),
  fast: () => pieces.reduce((n, p) => n + composeDocuments(lexAndParse(p.text, p.start, p.end), caches).length, 0),
};
const names = Object.keys(variants);

function cpuMs(run: () => number): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (const name of names) variants[name]!(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length]!;
    samples[name]!.push(cpuMs(variants[name]!));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const library = median(samples['library']!),
  cstOnly = median(samples['cst-only']!),
  fast = median(samples['fast']!);
const portSaving = 1 - fast / cstOnly;

console.log(`${pieces.length} plain-YAML pieces, ${(bytes / 1024).toFixed(0)} KB, ${ROUNDS} interleaved rounds, CPU time medians`);
console.log('| variant | CPU ms | vs library |');
console.log('|---|---:|---:|');
for (const [name, value] of [
  ['library (parseAllDocuments)', library],
  ['our lexer + CST, library Composer', cstOnly],
  ['our lexer + CST + composer port (shipped)', fast],
] as const) {
  console.log(`| ${name} | ${value.toFixed(1)} | ${(library / value).toFixed(2)}× |`);
}
console.log(`the composer port takes ${(portSaving * 100).toFixed(0)}% off the fast path's CPU time`);
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(
  join(root, '.bench/yaml-fast-path.json'),
  JSON.stringify({ pieces: pieces.length, bytes, rounds: ROUNDS, samples, medians: { library, cstOnly, fast }, portSaving }, null, 2),
);
