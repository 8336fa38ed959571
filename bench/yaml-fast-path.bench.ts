/**
 * What the YAML fast path (server/src/service/yaml/fast/) buys, in CPU time (process.cpuUsage, so a busy
 * machine's waiting does not count), on every plain-YAML document of the repository's fixtures:
 *   library   parseAllDocuments on the piece (what the fast path replaces)
 *   fast      our lexer + CST (fast/lex.ts, fast/cst.ts), composed by the library's own Composer (fastParsePiece)
 * They run interleaved (the order rotates each round) and the medians are compared. A port of the composer
 * (fast/compose.ts, 470 lines) once made a third variant: it bought 13-15% of the speed-up (commit d617702),
 * under the quarter that would have justified it, and was removed. Prints a markdown table and writes
 * .bench/yaml-fast-path.json.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fastParsePiece, pieceStarts } from '../server/src/service/yaml/fast/parse';
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
    if (fastParsePiece(text, start, end)) pieces.push({ text, start, end });
  });
}
const bytes = pieces.reduce((total, piece) => total + piece.end - piece.start, 0);

const variants: Record<string, () => number> = {
  library: () => pieces.reduce((n, p) => n + parseAllDocuments(p.text.slice(p.start, p.end), PARSE_OPTIONS).length, 0),
  fast: () => pieces.reduce((n, p) => n + (fastParsePiece(p.text, p.start, p.end)?.length ?? 0), 0),
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
  fast = median(samples['fast']!);

console.log(`${pieces.length} plain-YAML pieces, ${(bytes / 1024).toFixed(0)} KB, ${ROUNDS} interleaved rounds, CPU time medians`);
console.log('| variant | CPU ms | vs library |');
console.log('|---|---:|---:|');
for (const [name, value] of [
  ['library (parseAllDocuments)', library],
  ["fast path: our lexer + CST, the library's Composer", fast],
] as const) {
  console.log(`| ${name} | ${value.toFixed(1)} | ${(library / value).toFixed(2)}× |`);
}
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(
  join(root, '.bench/yaml-fast-path.json'),
  JSON.stringify({ pieces: pieces.length, bytes, rounds: ROUNDS, samples, medians: { library, fast } }, null, 2),
);
