// The golden vectors: what a real Collector built from the release's modules prints for each config of the corpus
// (test/fixtures/collector/corpus/) under `validate --config`. The Collector picks among several problems in random
// map order (configunmarshaler/configs.go iterates a Go map) and prints `(valid values: …)` in random order, so each
// case is run RUNS times: the lists are sorted and every distinct output is kept.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const RUNS = 6;

/** Sorted valid-values lists, no timestamps (the ≤ v0.143 trailer is written by Go's log package). */
export function normalize(text) {
  return text
    .replace(/\(valid values: \[([^\]]*)\]\)/g, (_, list) => `(valid values: [${list.split(' ').filter(Boolean).sort().join(' ')}])`)
    .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, '')
    .replace(/^\d{4}-\d\d-\d\dT[\d:.]+[+-Z][\d:]*\t/gm, '<time>\t')
    .trim();
}

/** One validate run: exit code and normalized output (stdout and stderr). */
export async function validate(binary, file) {
  const cwd = mkdtempSync(join(tmpdir(), 'kt-otelcol-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd };
  try {
    const { stdout, stderr } = await run(binary, ['validate', `--config=${file}`], { cwd, env, timeout: 60_000 });
    return { exitCode: 0, output: normalize(`${stdout}${stderr}`) };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { exitCode: error.code, output: normalize(`${error.stdout ?? ''}${error.stderr ?? ''}`) };
  }
}

export function corpusFiles(corpusDir) {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** Every case of the corpus, RUNS times each: [{ file, exitCode, outputs: [distinct normalized outputs] }]. */
export async function runCorpus(binary, corpusDir, runs = RUNS) {
  const cases = [];
  for (const file of corpusFiles(corpusDir)) {
    const outputs = new Set();
    let exitCode;
    for (let i = 0; i < runs; i++) {
      const result = await validate(binary, join(corpusDir, file));
      if (exitCode !== undefined && exitCode !== result.exitCode)
        throw new Error(`${file}: exit codes ${exitCode} and ${result.exitCode} in two runs`);
      exitCode = result.exitCode;
      outputs.add(result.output);
    }
    cases.push({ file, exitCode, outputs: [...outputs].sort() });
  }
  return cases;
}
