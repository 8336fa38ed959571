/**
 * A Jaeger `{"data":[…]}` document is read trace by trace as its chunks arrive (common/src/trace/jaegerDataStream.ts,
 * issue 13 §3). Fed in any chunks — 1 byte, random sizes, splits inside strings, escapes and multi-byte UTF-8 — it
 * must give exactly the model the same document gives when read whole at end() (the path a document whose first key
 * is not `data` still takes); most traces must be in before the last byte; a broken trace is reported, the rest load.
 */
import assert from 'node:assert/strict';
import { TraceDatasetBuilder, type TraceDataset } from '../../../common/src/trace/index';
import { sampleBytes } from './helpers';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Every span's details with where it came from, the bad lines, and each trace's summary. */
function model(dataset: TraceDataset): string {
  const spans: unknown[] = [];
  for (let i = 0; i < dataset.spanCount; i++) spans.push(dataset.spanDetails(i));
  const traces: unknown[] = [];
  for (let t = 0; t < dataset.traceCount; t++) traces.push(dataset.trace(t));
  return JSON.stringify({ spans, traces, bad: dataset.badLines, counts: dataset.counts }, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function read(bytes: Uint8Array, sizes: () => number): TraceDataset {
  const builder = new TraceDatasetBuilder();
  for (let i = 0; i < bytes.length;) {
    const size = Math.max(1, sizes());
    builder.append('traces.json', bytes.slice(i, i + size));
    i += size;
  }
  builder.end('traces.json');
  return builder.snapshot();
}

/** The same document read whole at end(): a first key other than `data` is not streamed. */
function readWhole(text: string): TraceDataset {
  const unstreamed = text.replace(/^\{/, '{"_":0,');
  assert.notEqual(unstreamed, text);
  return read(encoder.encode(unstreamed), () => Number.MAX_SAFE_INTEGER);
}

/** A sample's traces with strings that cross chunk edges badly: escapes, brackets, quotes and 2-4 byte UTF-8. */
function tricky(text: string): string {
  const document = JSON.parse(text) as { data: { spans: { operationName: string }[] }[] };
  document.data.forEach((trace, t) =>
    trace.spans.forEach((span, s) => {
      // Unbalanced on purpose: a scanner that takes \" for a closing quote, or \\ for an escape, loses count.
      if ((t + s) % 3 === 0) span.operationName = `é中😀 \\"}]," ${span.operationName} \u2028\\`;
      if ((t + s) % 3 === 1) span.operationName = `${span.operationName} [{\\\\"ß`;
    }),
  );
  return JSON.stringify(document, null, (text.length % 2) + 1);
}

const SAMPLES = [
  'jaeger-json/jaeger-ui-otlp2jaeger-multi-out.json',
  'jaeger-json/jaeger-ui-otlp2jaeger-out-telemetrygen.json',
  'jaeger-json/jaeger-uimodel-ui_01.json', // a bare trace
];

/** Each sample's traces, and copies of them with other trace IDs (the first 6 hex digits replaced): 9 traces. */
function multiTrace(): string {
  const traces = SAMPLES.flatMap((path) => {
    const value = JSON.parse(decoder.decode(sampleBytes(path))) as { data?: unknown[] };
    return value.data ?? [value];
  });
  const copies = [0, 1, 2].flatMap((copy) =>
    traces.map(
      (trace) =>
        JSON.parse(
          JSON.stringify(trace).replace(
            /("traceID"\s*:\s*")([0-9a-fA-F]{6})/g,
            (_m, key: string) => `${key}${copy.toString(16).padStart(6, 'a')}`,
          ),
        ) as unknown,
    ),
  );
  return JSON.stringify({ data: copies, total: 0, limit: 0, offset: 0, errors: null }, null, 2);
}

describe('Jaeger JSON read trace by trace as chunks arrive', function () {
  this.timeout(120000); // a bound for a shared, slow machine; no timing is asserted

  for (const [path, text] of [
    ...SAMPLES.slice(0, 2).map((path) => [path, decoder.decode(sampleBytes(path))] as const),
    ['nine traces from the samples', multiTrace()] as const,
  ]) {
    for (const [name, variant] of [
      ['as published', text],
      ['tricky strings', tricky(text)],
      ['one line', `${JSON.stringify(JSON.parse(text))}\n`],
    ] as const) {
      it(`${path}, ${name}: 1-byte and random chunks give the model of one push`, () => {
        const bytes = encoder.encode(variant);
        const whole = model(readWhole(variant));
        const pushed = read(bytes, () => bytes.length);
        assert.ok(pushed.spanCount > 0 && pushed.badLines.length === 0, `${pushed.spanCount} spans, ${pushed.badLines.length} bad`);
        assert.equal(model(pushed), whole);
        assert.equal(model(read(bytes, () => 1)), whole);
        for (let seed = 1; seed <= 20; seed++) {
          const next = random(seed);
          assert.equal(model(read(bytes, () => Math.floor(next() ** 3 * 2000))), whole, `seed ${seed}`);
        }
      });
    }
  }

  it('all traces but the last are in before the last byte arrives', () => {
    const document = JSON.parse(multiTrace()) as { data: unknown[] };
    assert.ok(document.data.length >= 3, `${document.data.length} traces`);
    const bytes = encoder.encode(JSON.stringify(document, null, 2));
    const builder = new TraceDatasetBuilder();
    builder.append('traces.json', bytes.subarray(0, bytes.length - 1));
    const before = builder.snapshot();
    builder.append('traces.json', bytes.subarray(bytes.length - 1));
    builder.end('traces.json');
    const after = builder.snapshot();
    assert.equal(after.traceCount, document.data.length);
    assert.equal(before.traceCount, document.data.length, 'every trace closed before the envelope does');
    assert.equal(before.spanCount, after.spanCount);
  });

  it('a broken trace is reported with its index and line; the others load', () => {
    const document = JSON.parse(multiTrace()) as { data: unknown[] };
    const parts = document.data.map((trace) => JSON.stringify(trace));
    const good = read(encoder.encode(JSON.stringify(document)), () => 1000);
    parts[1] = parts[1]!.replace('"spans":', '"spans"');
    const broken = read(encoder.encode(`{"data":[\n${parts.join(',\n')}\n]}`), () => 7);
    assert.equal(broken.badLines.length, 1);
    assert.match(broken.badLines[0]!.reason, /^invalid JSON in data\[1\] \(line 3\): /);
    assert.equal(broken.badLines[0]!.line, 1);
    assert.equal(broken.traceCount, document.data.length - 1);
    assert.ok(broken.spanCount > 0 && broken.spanCount < good.spanCount);
  });

  it('a file cut inside the data array keeps the traces before the cut and says where', () => {
    const text = multiTrace();
    const cut = read(encoder.encode(text.slice(0, Math.floor(text.length * 0.8))), () => 4096);
    assert.equal(cut.badLines.length, 1);
    assert.match(cut.badLines[0]!.reason, /^invalid JSON: the file ends inside data\[\d+\] \(line \d+\)$/);
    assert.ok(cut.traceCount > 0);
  });
});
