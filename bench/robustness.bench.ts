/**
 * Robustness, kube-tracing vs yaml-language-server 2.0.0 on the same inputs (issue 14): the fuzzer's hostile forms
 * and 150 mutated corpus files (test/fuzz/, seed 1), each validated, then hovered and completed at three places,
 * by our language service and by yaml-language-server's (given our TracingConfiguration schema, as the extension
 * contributes it). Counted: crashes (an exception, or the process dying), hangs (one input over HANG_MS), the worst
 * latency of one input. Then memory over 20,000 edits of one document (a character typed, then deleted,
 * validated after each as the server does): RSS and the JS heap in use at start and end, after a GC.
 * Each side runs in its own process, so one's heap does not count against the other.
 * Run: npm run bench -- robustness. Never fails on a number.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../common/src/settings';
import { complete, hover } from '../server/src/service/assist';
import { validateSource } from '../server/src/service/languageService';
import { IncrementalParser } from '../server/src/service/yaml/incrementalParse';
import { corpus, hostileYaml, mutate, Random, type Input } from '../test/fuzz/mutate';

const ROOT = join(__dirname, '..');
const HANG_MS = 10_000;
const MUTATIONS = 150;
const EDITS = Number(process.env.ROBUSTNESS_EDITS ?? 20_000);

interface SideResult {
  side: string;
  inputs: number;
  crashes: string[];
  hangs: string[];
  worstMs: number;
  worstInput: string;
  rssStartMb: number;
  rssEndMb: number;
  heapStartMb: number;
  heapEndMb: number;
  editMsMedian: number;
}

function inputs(): Input[] {
  const random = new Random(1);
  const yaml = corpus('yaml');
  const mutated = Array.from({ length: MUTATIONS }, () => mutate(random.pick(yaml), random.pick(yaml), random));
  return [...hostileYaml(false), ...mutated];
}

type Operations = {
  validate: (uri: string, text: string, version: number) => Promise<unknown>;
  assist: (uri: string, text: string, version: number, line: number, character: number) => Promise<unknown>;
};

async function ours(): Promise<Operations> {
  const options = { settings: normalizeSettings({}), workspaceFolders: ['/ws'] };
  const parsers = new Map<string, IncrementalParser>();
  return {
    validate: async (uri, text) => {
      let parser = parsers.get(uri);
      if (!parser) parsers.set(uri, (parser = new IncrementalParser()));
      return validateSource({ uri, text }, options, (u, t) => parser.parse(u, t));
    },
    assist: async (uri, text, _version, line, character) => {
      const input = { source: { uri, text }, options };
      hover(input, { line, character });
      complete(input, { line, character });
    },
  };
}

async function theirs(): Promise<Operations> {
  const yamlLs = await import('yaml-language-server');
  const schema = pathToFileURL(join(ROOT, 'schemas/tracing-configuration.schema.json')).href;
  const service = yamlLs.getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relativePath: string, resource: string) => new URL(relativePath, resource).href },
  });
  service.configure({
    validate: true,
    hover: true,
    completion: true,
    schemas: [{ uri: schema, fileMatch: ['*tracing*config*'] }],
    yamlVersion: '1.2',
  });
  return {
    validate: (uri, text, version) => service.doValidation(TextDocument.create(uri, 'yaml', version, text), false),
    assist: async (uri, text, version, line, character) => {
      const document = TextDocument.create(uri, 'yaml', version, text);
      await service.doHover(document, { line, character });
      await service.doComplete(document, { line, character }, false);
    },
  };
}

/**
 * RSS and the JS heap in use, after a GC. RSS alone misleads: V8 grows its young generation to 2 × 16 MB and keeps
 * freed pages as a long run allocates, so RSS rises by about 30 MB with no object retained (a plain JS loop making
 * garbage does the same: 39 → 75 MB); a leak shows in the heap in use.
 */
const memoryMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 1048576, heap: heapUsed / 1048576 };
};

async function runSide(side: string, from: number): Promise<void> {
  const operations = side === 'ours' ? await ours() : await theirs();
  const all = inputs();
  const random = new Random(7);
  const decoder = new TextDecoder();
  let version = 1;
  for (let i = from; i < all.length; i++) {
    const input = all[i]!;
    const uri = `file:///ws/${input.name}`;
    const text = decoder.decode(input.bytes);
    const lines = text.split('\n');
    process.stdout.write(`${JSON.stringify({ start: i })}\n`);
    const started = performance.now();
    let error: string | undefined;
    try {
      await operations.validate(uri, text, version++);
      for (let k = 0; k < 3; k++) {
        const line = random.int(lines.length);
        await operations.assist(uri, text, version++, line, random.int((lines[line]?.length ?? 0) + 1));
      }
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message.slice(0, 200) : String(thrown);
    }
    process.stdout.write(`${JSON.stringify({ done: i, ms: performance.now() - started, origin: input.origin, error })}\n`);
  }
  // Memory over a long editing session on one document.
  const base = decoder.decode(readFileSync(join(ROOT, 'test/fuzz/corpus/yaml/kube-apiserver.yaml')));
  const uri = 'file:///ws/kube-apiserver.yaml';
  let text = base;
  await operations.validate(uri, text, version++);
  const start = memoryMb();
  const editTimes: number[] = [];
  // Typing a character, then deleting it: the document stays the manifest it is (random edits drift until nothing
  // recognises it, and validation then returns at once).
  let at = 0;
  for (let e = 0; e < EDITS; e++) {
    if (e % 2 === 0) {
      at = random.int(base.length);
      text = `${base.slice(0, at)}x${base.slice(at)}`;
    } else text = base;
    const started = performance.now();
    await operations.validate(uri, text, version++);
    editTimes.push(performance.now() - started);
  }
  const end = memoryMb();
  editTimes.sort((a, b) => a - b);
  const memory = {
    rssStart: start.rss,
    rssEnd: end.rss,
    heapStart: start.heap,
    heapEnd: end.heap,
    editMsMedian: editTimes[editTimes.length >> 1],
  };
  process.stdout.write(`${JSON.stringify({ memory })}\n`);
}

function supervise(side: string): SideResult {
  const result: SideResult = {
    side,
    inputs: 0,
    crashes: [],
    hangs: [],
    worstMs: 0,
    worstInput: '',
    rssStartMb: NaN,
    rssEndMb: NaN,
    heapStartMb: NaN,
    heapEndMb: NaN,
    editMsMedian: NaN,
  };
  const total = inputs().length;
  let from = 0;
  while (from <= total) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--stack-size=984', '--require', 'tsx/cjs', __filename, '--side', side, '--from', String(from)],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        timeout: 60 * 60_000,
      },
    );
    let last = -1;
    for (const line of child.stdout.split('\n')) {
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line) as {
        start?: number;
        done?: number;
        ms?: number;
        origin?: string;
        error?: string;
        memory?: { rssStart: number; rssEnd: number; heapStart: number; heapEnd: number; editMsMedian: number };
      };
      if (message.start !== undefined) last = message.start;
      if (message.done !== undefined) {
        result.inputs++;
        last = -1;
        if (message.error) result.crashes.push(`${message.origin}: ${message.error}`);
        if (message.ms! > HANG_MS) result.hangs.push(`${message.origin}: ${(message.ms! / 1000).toFixed(1)} s`);
        if (message.ms! > result.worstMs) [result.worstMs, result.worstInput] = [message.ms!, message.origin!];
        from = message.done + 1;
      }
      if (message.memory) {
        result.rssStartMb = message.memory.rssStart;
        result.rssEndMb = message.memory.rssEnd;
        result.heapStartMb = message.memory.heapStart;
        result.heapEndMb = message.memory.heapEnd;
        result.editMsMedian = message.memory.editMsMedian;
        return result;
      }
    }
    // The process died (or timed out) on input `last`: a crash; go on after it.
    result.crashes.push(`input ${last}: process ended (status ${child.status}, signal ${child.signal}) ${child.stderr.slice(-300)}`);
    from = last >= 0 ? last + 1 : total + 1;
  }
  return result;
}

function main(): void {
  const sideAt = process.argv.indexOf('--side');
  if (sideAt >= 0) {
    void runSide(process.argv[sideAt + 1]!, Number(process.argv[process.argv.indexOf('--from') + 1] ?? 0));
    return;
  }
  const results = [supervise('ours'), supervise('yaml-language-server')];
  const [a, b] = results as [SideResult, SideResult];
  const rows: string[][] = [
    ['inputs (hostile forms + mutated corpus)', String(a.inputs), String(b.inputs)],
    ['crashes', String(a.crashes.length), String(b.crashes.length)],
    [`hangs (one input over ${HANG_MS / 1000} s)`, String(a.hangs.length), String(b.hangs.length)],
    [
      'worst latency of one input (validate + 3 hovers + 3 completions)',
      `${a.worstMs.toFixed(0)} ms (${a.worstInput})`,
      `${b.worstMs.toFixed(0)} ms (${b.worstInput})`,
    ],
    [
      `RSS before → after ${EDITS.toLocaleString('en-US')} edits of one document`,
      `${a.rssStartMb.toFixed(0)} → ${a.rssEndMb.toFixed(0)} MB`,
      `${b.rssStartMb.toFixed(0)} → ${b.rssEndMb.toFixed(0)} MB`,
    ],
    [
      `JS heap in use before → after ${EDITS.toLocaleString('en-US')} edits (after a GC)`,
      `${a.heapStartMb.toFixed(1)} → ${a.heapEndMb.toFixed(1)} MB`,
      `${b.heapStartMb.toFixed(1)} → ${b.heapEndMb.toFixed(1)} MB`,
    ],
    ['median validation after an edit', `${a.editMsMedian.toFixed(2)} ms`, `${b.editMsMedian.toFixed(2)} ms`],
  ];
  console.log(`Robustness on the same inputs (Node ${process.version})\n`);
  console.log('| measure | kube-tracing | yaml-language-server |');
  console.log('|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  for (const r of results) for (const line of [...r.crashes, ...r.hangs]) console.log(`- ${r.side}: ${line}`);
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(
    join(ROOT, '.bench/robustness.json'),
    JSON.stringify({ node: process.version, edits: EDITS, hangMs: HANG_MS, results }, null, 2),
  );
}

main();
