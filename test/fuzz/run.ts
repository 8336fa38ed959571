/**
 * `npm run fuzz -- --minutes 10 [--seed 1]`: the long fuzzing run. Rounds of engine.ts fuzz() (the hostile forms,
 * the big ones included, then 500 mutated inputs per target) run in a child process, one seed per round, until the
 * time is up. The child reports each input before running it, so when it dies (a native stack overflow aborts
 * Node; an exception is only a failure) or an input runs past HANG_MS, the input is saved to
 * test/fuzz/crashes/ and a new child goes on with the next seed. Prints inputs tried, failures, crashes, hangs
 * and the slowest input per target; exits 1 when anything was found. Each saved input becomes a regression test
 * by moving it to test/fuzz/regressions/ (test/unit/fuzz.test.ts runs every file there).
 */
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzz, type TargetName } from './engine';

const HANG_MS = 60_000;
const CRASHES = join(__dirname, 'crashes');

interface Started {
  type: 'start';
  target: TargetName;
  origin: string;
  name: string;
  file: string;
}
interface Finished {
  type: 'done';
  target: TargetName;
  origin: string;
  ms: number;
  error?: string;
}
interface RoundOver {
  type: 'round';
  tried: number;
}
type Message = Started | Finished | RoundOver;

function worker(seed: number): void {
  mkdirSync(CRASHES, { recursive: true });
  const current = join(CRASHES, `.current-${process.pid}`);
  const send = (message: Message) => process.send!(message);
  const report = fuzz({
    seed,
    mutations: 500,
    big: true,
    before: (target, input) => {
      // The input goes to a file, not through IPC (a 1 MB message ended the worker): the parent keeps it on a crash.
      writeFileSync(current, input.bytes);
      send({ type: 'start', target, origin: input.origin, name: input.name, file: current });
    },
    after: (target, input, ms, error) =>
      send({
        type: 'done',
        target,
        origin: input.origin,
        ms,
        error: error === undefined ? undefined : error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  });
  send({ type: 'round', tried: report.tried });
  process.exit(0);
}

async function supervise(minutes: number, firstSeed: number): Promise<void> {
  const deadline = Date.now() + minutes * 60_000;
  let tried = 0;
  let seed = firstSeed;
  const found: string[] = [];
  const slowest: Partial<Record<TargetName, { ms: number; origin: string }>> = {};
  const save = (kind: string, started: Started | undefined, detail: string) => {
    mkdirSync(CRASHES, { recursive: true });
    const file = join(CRASHES, `${kind}-seed${seed}-${Date.now()}-${started?.name ?? 'unknown'}`);
    if (started?.file && existsSync(started.file)) copyFileSync(started.file, file);
    writeFileSync(`${file}.txt`, `${kind} in ${started?.target ?? '?'}: ${started?.origin ?? '?'}\n${detail}\n`);
    found.push(`${kind} in ${started?.target ?? '?'} (${started?.origin ?? '?'}): ${detail.split('\n')[0]} → ${file}`);
  };
  while (Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const child = fork(__filename, ['--worker', String(seed)], {
        execArgv: process.execArgv,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let current: Started | undefined;
      let stderr = '';
      let timer: NodeJS.Timeout | undefined;
      const stop = setTimeout(() => child.kill('SIGKILL'), Math.max(0, deadline - Date.now()) + HANG_MS);
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.on('message', (message: Message) => {
        if (message.type === 'start') {
          current = message;
          clearTimeout(timer);
          timer = setTimeout(() => {
            save('hang', current, `still running after ${HANG_MS} ms`);
            child.kill('SIGKILL');
          }, HANG_MS);
        } else if (message.type === 'done') {
          clearTimeout(timer);
          tried++;
          if (message.ms > (slowest[message.target]?.ms ?? -1)) slowest[message.target] = { ms: message.ms, origin: message.origin };
          if (message.error) save('failure', current, message.error);
          current = undefined;
          if (Date.now() > deadline) child.kill('SIGKILL');
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        clearTimeout(stop);
        if (current && Date.now() <= deadline && !found.some((f) => f.startsWith('hang') && f.includes(current!.origin)))
          save('crash', current, `exit ${code} ${signal ?? ''}\n${stderr}`);
        resolve();
      });
    });
    seed++;
  }
  console.log(`kube-tracing fuzz: ${minutes} min, seeds ${firstSeed}–${seed - 1}, ${tried.toLocaleString('en-US')} inputs tried`);
  for (const [target, worst] of Object.entries(slowest)) console.log(`  slowest ${target}: ${worst.ms.toFixed(0)} ms (${worst.origin})`);
  console.log(found.length ? `${found.length} found:\n  ${found.join('\n  ')}` : 'nothing found: no crash, hang or failure');
  process.exitCode = found.length ? 1 : 0;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const workerAt = process.argv.indexOf('--worker');
if (workerAt >= 0) worker(Number(process.argv[workerAt + 1]));
else void supervise(option('minutes', 10), option('seed', 1));
