/**
 * The fuzzer's short run (fixed seed, seconds): the hostile forms and mutated corpus files through the language
 * service, the CLI and every trace reader must give no failure (test/fuzz/targets.ts says what a failure is). Every
 * input a longer run found (`npm run fuzz -- --minutes 10`, saved to test/fuzz/crashes/) is kept in
 * test/fuzz/regressions/ and replayed here through every target.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzz } from '../fuzz/engine';
import { Random } from '../fuzz/mutate';
import { cli, languageService, traceReader } from '../fuzz/targets';

const REGRESSIONS = join(__dirname, '../fuzz/regressions');

describe('fuzzing (short run, fixed seed)', function () {
  this.timeout(300000); // a generous bound for a shared, slow machine; no timing is asserted

  it('the hostile forms and 60 mutated inputs per target: no failure', () => {
    const report = fuzz({ seed: 14, mutations: 60, big: false });
    assert.ok(report.tried > 150, `${report.tried} inputs tried`);
    assert.deepEqual(
      report.failures.map((f) => `${f.target} ${f.origin}: ${f.error}`),
      [],
    );
  });

  it('every saved regression input, through every target', () => {
    const files = readdirSync(REGRESSIONS).sort();
    assert.ok(files.length > 0);
    const dir = join(tmpdir(), `kube-tracing-fuzz-regressions-${process.pid}`);
    for (const name of files) {
      const input = { name, bytes: new Uint8Array(readFileSync(join(REGRESSIONS, name))), origin: `regressions/${name}` };
      languageService(input, new Random(1));
      traceReader(input, new Random(1));
      cli(input, dir, 'check');
    }
  });
});
