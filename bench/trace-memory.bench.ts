/**
 * Memory of the trace readers (issue 14: "within about 4× the file size on any input"). Each input is read in its own
 * Node process, streamed from disk in 4 MB chunks into a TraceDatasetBuilder as `kube-tracing summarize` and the
 * viewer feed it, then snapshot. Measured: the peak resident set during the read (`resourceUsage().maxRSS`) minus the
 * resident set just before it (after a GC), divided by the file's size (for zstd, the decompressed size); and what
 * stays resident after the read and a GC (the model). The worker is this file bundled by esbuild and run by plain
 * Node, so no compiler sits in the measured process.
 * Inputs: every real sample (test/fixtures/samples/, small: fixed costs dominate their ratio), the samples scaled to
 * about 16 MB per format and container (OTLP JSON lines and one pretty document, protobuf bare, in large and small
 * frames, zstd streams and zstd frames, Jaeger, Zipkin), and the fuzzer's hostile trace forms at full size (1e6
 * children, a 1e6-deep chain, a 100 MB line…).
 * At 16 MB, V8's young generation alone (it grows to 2 × 16 MB as a read allocates; --max-semi-space-size=2 took the
 * framed protobuf from 5.6× to 3.8×) is about 2× the file: TRACE_MEMORY_MB=64 scales the inputs to show the readers'
 * own share.
 * Run: npm run bench -- trace-memory [--only NAME-SUBSTRING]. Never fails on a number.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { TraceDatasetBuilder } from '../common/src/trace/index';
import { hostileTraces } from '../test/fuzz/mutate';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.bench/trace-memory');
const SAMPLES = join(ROOT, 'test/fixtures/samples');
const SCALED_BYTES = Number(process.env.TRACE_MEMORY_MB ?? 16) << 20;
const CHUNK_BYTES = 4 << 20;

interface Prepared {
  /** What the input is, for the table. */
  label: string;
  path: string;
  /** The size the ratio is taken against (decompressed for zstd). */
  plainBytes: number;
}

interface Measured {
  fileBytes: number;
  rssBefore: number;
  peakRss: number;
  retainedRss: number;
  /** V8 heap and array buffers held after the read and a GC, over what was held before. */
  retainedHeap: number;
  spans: number;
  badLines: number;
  ms: number;
}

// ---- the worker: one input, in a process of its own ----

function measure(path: string): Measured {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const heldBefore = held();
  resetPeak();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const builder = new TraceDatasetBuilder();
  const fd = openSync(path, constants.O_RDONLY);
  const fileBytes = fstatSync(fd).size;
  const buffer = new Uint8Array(CHUNK_BYTES);
  for (;;) {
    const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (read === 0) break;
    builder.append('input', buffer.subarray(0, read));
  }
  closeSync(fd);
  builder.end('input');
  const dataset = builder.snapshot();
  const ms = performance.now() - started;
  const peakRss = peakRssBytes();
  gc();
  gc();
  const retainedRss = process.memoryUsage().rss;
  const retainedHeap = held() - heldBefore;
  return { fileBytes, rssBefore, peakRss, retainedRss, retainedHeap, spans: dataset.spanCount, badLines: dataset.badLines.length, ms };
}

/**
 * The peak RSS is read from /proc/self/status (VmHWM), reset first through /proc/self/clear_refs: getrusage's maxRSS
 * keeps the parent's high-water mark across fork and exec, so in a child of the (large) supervisor it said 569 MB for
 * every input. Elsewhere than Linux, maxRSS it is.
 */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: maxRSS below
  }
}

function peakRssBytes(): number {
  try {
    const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// ---- inputs ----

const encoder = new TextEncoder();

/** A copy of a text whose trace IDs differ per copy (so repeated data stays distinct traces, not duplicates). */
function retrace(text: string, copy: number): string {
  const prefix = copy.toString(16).padStart(6, '0');
  return text.replace(/("trace_?[iI][dD]"\s*:\s*")([0-9a-fA-F]{6})/g, (_m, key: string) => `${key}${prefix}`);
}

function repeatText(make: (copy: number) => string, separator = ''): string {
  const parts: string[] = [];
  let size = 0;
  for (let copy = 0; size < SCALED_BYTES; copy++) {
    const part = make(copy);
    parts.push(part);
    size += part.length + separator.length;
  }
  return parts.join(separator);
}

function repeatBytes(make: (copy: number) => Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let copy = 0; size < SCALED_BYTES; copy++) {
    const part = make(copy);
    parts.push(part);
    size += part.length;
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function frame(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + message.length);
  new DataView(out.buffer).setUint32(0, message.length);
  out.set(message, 4);
  return out;
}

function unframe(framed: Uint8Array): Uint8Array {
  const messages: Uint8Array[] = [];
  const view = new DataView(framed.buffer, framed.byteOffset, framed.byteLength);
  for (let at = 0; at + 4 <= framed.length;) {
    const length = view.getUint32(at);
    messages.push(framed.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return concat(messages);
}

/**
 * A zstd frame of raw (stored) blocks (RFC 8878 §3.1.1: window descriptor 2^17, blocks of at most 128 KiB, type 0):
 * valid zstd any decoder reads, with the compressed size equal to the plain one, so the ratio means the same.
 */
function zstdStored(plain: Uint8Array): Uint8Array {
  const BLOCK = 128 << 10;
  const parts: Uint8Array[] = [Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38)];
  for (let at = 0; at < plain.length || at === 0; at += BLOCK) {
    const size = Math.min(BLOCK, plain.length - at);
    const last = at + BLOCK >= plain.length ? 1 : 0;
    const header = (size << 3) | last;
    parts.push(Uint8Array.of(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff), plain.subarray(at, at + size));
    if (plain.length === 0) break;
  }
  return concat(parts);
}

/** Copies protobuf trace data with the first 3 bytes of every 16-byte trace_id (field 1 of Span, tag 0x0a 0x10) changed. */
function retraceProto(bytes: Uint8Array, copy: number): Uint8Array {
  const out = bytes.slice();
  // Span.trace_id is field 1 of a Span, 16 bytes: 0a 10 <16 bytes> 12 08 <8 bytes span_id> is how every span starts.
  for (let i = 0; i + 28 < out.length; i++)
    if (out[i] === 0x0a && out[i + 1] === 0x10 && out[i + 18] === 0x12 && out[i + 19] === 0x08) {
      out[i + 2] = copy & 0xff;
      out[i + 3] = (copy >> 8) & 0xff;
      i += 27;
    }
  return out;
}

function sample(path: string): string {
  return readFileSync(join(SAMPLES, path), 'utf8');
}

function prepare(only: string): Prepared[] {
  mkdirSync(OUT, { recursive: true });
  const prepared: Prepared[] = [];
  const write = (name: string, label: string, bytes: Uint8Array | string, plainBytes?: number) => {
    if (!label.includes(only)) return;
    const path = join(OUT, name);
    const data = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
    writeFileSync(path, data);
    prepared.push({ label, path, plainBytes: plainBytes ?? data.length });
  };

  // Real samples, as they are.
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const path of walk(SAMPLES).sort()) {
    if (path.endsWith('.md')) continue;
    const label = `sample ${relative(SAMPLES, path)}`;
    // zstd samples: the ratio against what they hold.
    const plain = path.endsWith('.zst') ? plainSizeOf(path) : statSync(path).size;
    prepared.push({ label, path, plainBytes: plain });
  }

  // Real samples scaled to about 16 MB, one per format and container.
  const jsonl = sample('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
  const scaledJsonl = repeatText((copy) => retrace(jsonl, copy));
  write('otlp.jsonl', 'OTLP JSON lines (generated sample ×)', scaledJsonl);
  const resourceSpans = jsonl
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => (JSON.parse(l) as { resourceSpans: unknown[] }).resourceSpans);
  const pretty = JSON.stringify(
    { resourceSpans: JSON.parse(`[${repeatText((copy) => retrace(JSON.stringify(resourceSpans, null, 2).slice(1, -1), copy), ',')}]`) },
    null,
    2,
  );
  write('otlp-pretty.json', 'OTLP JSON, one pretty document', pretty);
  // The generated sample is in the Collector's frames: its messages joined are one TracesData (repeated field 1).
  const binpb = unframe(new Uint8Array(readFileSync(join(SAMPLES, 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb'))));
  write(
    'bare.binpb',
    'OTLP protobuf, bare TracesData',
    repeatBytes((copy) => retraceProto(binpb, copy)),
  );
  write(
    'framed-large.binpb',
    'OTLP protobuf, 2.4 MB frames',
    repeatBytes((copy) => frame(retraceProto(binpb, copy))),
  );
  const smallFrames = new Uint8Array(readFileSync(join(SAMPLES, 'collector-file-exporter/proto/traces.binpb')));
  write(
    'framed-small.binpb',
    'OTLP protobuf, Collector 9 KB frames',
    repeatBytes((copy) => retraceProto(smallFrames, copy)),
  );
  const jsonlBytes = encoder.encode(scaledJsonl);
  write('native.jsonl.zst', 'zstd stream of OTLP JSON lines', zstdStored(jsonlBytes), jsonlBytes.length);
  write(
    'frames.binpb.zst',
    'zstd frames (compression: zstd) of protobuf',
    repeatBytes((copy) => frame(zstdStored(retraceProto(binpb, copy)))),
  );
  const jaeger = JSON.parse(sample('jaeger-json/jaeger-ui-genai-trace-bare.json')) as { traceID: string };
  const jaegerTraces = repeatText((copy) => retrace(JSON.stringify(jaeger), copy), ',');
  write('jaeger.json', 'Jaeger {"data":[…]}, pretty', JSON.stringify({ data: JSON.parse(`[${jaegerTraces}]`) }, null, 2));
  write('jaeger-line.json', 'Jaeger {"data":[…]}, one line', `{"data":[${jaegerTraces}]}\n`);
  const zipkin = sample('zipkin-v2/zipkin-lens-smartthings-mobile-web-install.json');
  const zipkinSpans = repeatText((copy) => retrace(JSON.stringify(JSON.parse(zipkin)).slice(1, -1), copy), ',');
  write('zipkin.json', 'Zipkin v2 span array, pretty', JSON.stringify(JSON.parse(`[${zipkinSpans}]`), null, 2));
  write('zipkin-line.json', 'Zipkin v2 span array, one line', `[${zipkinSpans}]\n`);

  // The fuzzer's hostile trace forms, full size.
  if ('hostile: '.includes(only) || only.startsWith('hostile'))
    for (const input of hostileTraces(true)) write(`hostile-${input.name}`, `hostile: ${input.origin}`, input.bytes);
  return prepared;
}

/** The decompressed size of a zstd sample (fzstd, the reader's own decoder). */
function plainSizeOf(path: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { decompress } = require('fzstd') as typeof import('fzstd');
  const bytes = new Uint8Array(readFileSync(path));
  try {
    return decompress(bytes).length;
  } catch {
    return bytes.length; // frames of zstd inside protobuf framing: the reader decompresses each; take the file size
  }
}

// ---- the supervisor ----

function bundle(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outfile = join(OUT, 'worker.js');
  esbuild.buildSync({
    entryPoints: [__filename],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['esbuild'],
    logLevel: 'warning',
  });
  return outfile;
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

function main(): void {
  const measureAt = process.argv.indexOf('--measure');
  if (measureAt >= 0) {
    process.stdout.write(`${JSON.stringify(measure(process.argv[measureAt + 1]!))}\n`);
    return;
  }
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1]! : '';
  const worker = bundle();
  const inputs = prepare(only).filter((p) => p.label.includes(only));
  const rows: Array<Prepared & Partial<Measured> & { ratio?: number; error?: string }> = [];
  console.log(`Trace reader memory (Node ${process.version}), streamed in ${CHUNK_BYTES >> 20} MB chunks\n`);
  console.log('| input | size MB | peak − before MB | ratio to size | retained (heap) MB | spans | bad records | s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const input of inputs) {
    const child = spawnSync(process.execPath, ['--expose-gc', worker, '--measure', input.path], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      timeout: 30 * 60_000,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) {
      const error = `worker ended (status ${child.status}, signal ${child.signal}): ${child.stderr.slice(-300)}`;
      rows.push({ ...input, error });
      console.log(`| ${input.label} | ${mb(input.plainBytes)} | ${error} |||||||`);
      continue;
    }
    const m = JSON.parse(line) as Measured;
    const ratio = (m.peakRss - m.rssBefore) / input.plainBytes;
    rows.push({ ...input, ...m, ratio });
    console.log(
      `| ${input.label} | ${mb(input.plainBytes)} | ${mb(m.peakRss - m.rssBefore)} | ${ratio.toFixed(2)}× | ${mb(m.retainedHeap)} | ${m.spans} | ${m.badLines} | ${(m.ms / 1000).toFixed(1)} |`,
    );
  }
  writeFileSync(join(ROOT, '.bench/trace-memory.json'), JSON.stringify({ node: process.version, chunkBytes: CHUNK_BYTES, rows }, null, 2));
}

main();
