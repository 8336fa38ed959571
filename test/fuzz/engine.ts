/**
 * The fuzz loop shared by the short run in `npm test` (test/unit/fuzz.test.ts, in process, fixed seed) and the long
 * one (`npm run fuzz -- --minutes 10`, test/fuzz/run.ts, in a child process so a native crash or a hang is caught).
 * Each round runs the hostile forms once, then mutated corpus files until the round's budget is spent.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus, hostileTraces, hostileYaml, mutate, Random, type Input } from './mutate';
import { cli, languageService, traceReader } from './targets';

export type TargetName = 'service' | 'cli' | 'trace';

export interface FuzzOptions {
  seed: number;
  /** Mutated inputs per target (the hostile forms come on top). */
  mutations: number;
  /** Include the hostile forms that take seconds each (10 MB scalars, 1e6-span files). */
  big: boolean;
  /** Called before each input runs (run.ts records it, so a native crash can be replayed). */
  before?: (target: TargetName, input: Input) => void;
  /** Called after each input, with how long it took. */
  after?: (target: TargetName, input: Input, ms: number, error: unknown) => void;
}

export interface FuzzReport {
  tried: number;
  failures: Array<{ target: TargetName; origin: string; error: string; input: Input }>;
  slowest: Partial<Record<TargetName, { ms: number; origin: string }>>;
}

export function fuzz(options: FuzzOptions): FuzzReport {
  const random = new Random(options.seed);
  const report: FuzzReport = { tried: 0, failures: [], slowest: {} };
  const yaml = corpus('yaml');
  const traces = corpus('trace');
  const dir = join(tmpdir(), `kube-tracing-fuzz-${process.pid}`);
  const run = (target: TargetName, input: Input, body: () => void) => {
    options.before?.(target, input);
    const started = performance.now();
    let error: unknown;
    try {
      body();
    } catch (thrown) {
      error = thrown;
      report.failures.push({
        target,
        origin: input.origin,
        error: thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown),
        input,
      });
    }
    const ms = performance.now() - started;
    report.tried++;
    if (ms > (report.slowest[target]?.ms ?? -1)) report.slowest[target] = { ms, origin: input.origin };
    options.after?.(target, input, ms, error);
  };

  for (const input of hostileYaml(options.big)) {
    run('service', input, () => languageService(input, random));
    run('cli', input, () => cli(input, dir, 'check'));
  }
  for (const input of hostileTraces(options.big)) {
    run('trace', input, () => traceReader(input, random));
    if (input.bytes.length < 1 << 20) run('cli', input, () => cli(input, dir, 'summarize'));
  }
  for (let i = 0; i < options.mutations; i++) {
    const service = mutate(random.pick(yaml), random.pick(yaml), random);
    run('service', service, () => languageService(service, random));
    if (i % 4 === 0) run('cli', service, () => cli(service, dir, 'check'));
    const trace = mutate(random.pick(traces), random.pick(traces), random);
    run('trace', trace, () => traceReader(trace, random));
    if (i % 4 === 0) run('cli', trace, () => cli(trace, dir, 'summarize'));
  }
  return report;
}
