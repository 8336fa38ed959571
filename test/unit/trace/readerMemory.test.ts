/**
 * Memory of the JSON document path (issue 14: a reader within about 4× the file size). A pretty-printed OTLP document
 * and a Jaeger {"data":[…]} document of at least 16 MB, made from the real samples, are read in a process of their own
 * (bench/trace-memory.bench.ts --measure: streamed in 4 MB chunks, peak RSS from /proc/self/status after a reset);
 * the peak over the resident set before must stay under 4× the file size. Measured 2.6× and 2.8× (they were 8.7× and
 * 8.8× when a document was kept as decoded lines, joined and parsed whole). Linux only: elsewhere the peak is not
 * readable per process, and the test is skipped with that reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleBytes } from './helpers';

const ROOT = join(__dirname, '../../..');
const MIN_BYTES = 16 << 20;
const decoder = new TextDecoder();

function retrace(text: string, copy: number): string {
  const prefix = copy.toString(16).padStart(6, '0');
  return text.replace(/("trace_?[iI][dD]"\s*:\s*")([0-9a-fA-F]{6})/g, (_m, key: string) => `${key}${prefix}`);
}

/** Copies of `item` (a JSON text) with distinct trace IDs, joined by commas, until the pretty result passes MIN_BYTES. */
function copies(item: string, wrap: (items: string) => string): string {
  const parts: string[] = [];
  for (let copy = 0; ; copy++) {
    parts.push(retrace(item, copy));
    if (copy % 16 === 15) {
      const pretty = JSON.stringify(JSON.parse(wrap(parts.join(','))), null, 2);
      if (pretty.length >= MIN_BYTES) return pretty;
    }
  }
}

function peakRatio(path: string): number {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--require', 'tsx/cjs', join(ROOT, 'bench/trace-memory.bench.ts'), '--measure', path],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `the measuring process ended (status ${child.status}): ${child.stderr.slice(-500)}`);
  const m = JSON.parse(line) as { fileBytes: number; rssBefore: number; peakRss: number; spans: number; badLines: number };
  assert.equal(m.badLines, 0);
  assert.ok(m.spans > 10_000, `${m.spans} spans`);
  return (m.peakRss - m.rssBefore) / m.fileBytes;
}

describe('trace readers: memory of a large JSON document', function () {
  this.timeout(600000); // a generous bound for a shared, slow machine; no timing is asserted
  const dir = join(tmpdir(), `kube-tracing-reader-memory-${process.pid}`);

  before(function () {
    if (!existsSync('/proc/self/status')) this.skip(); // peak RSS per process is read from /proc (Linux)
    mkdirSync(dir, { recursive: true });
  });

  it('a 16 MB pretty OTLP document peaks under 4× its size', () => {
    const lines = decoder.decode(sampleBytes('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl')).split('\n').filter(Boolean);
    const resourceSpans = lines.map((l) => JSON.stringify((JSON.parse(l) as { resourceSpans: unknown[] }).resourceSpans).slice(1, -1));
    const path = join(dir, 'otlp.json');
    writeFileSync(
      path,
      copies(resourceSpans.join(','), (items) => `{"resourceSpans":[${items}]}`),
    );
    const ratio = peakRatio(path);
    assert.ok(ratio < 4, `peak ${ratio.toFixed(2)}× the file size`);
  });

  it('a 16 MB pretty Jaeger document peaks under 4× its size', () => {
    const trace = JSON.stringify(JSON.parse(decoder.decode(sampleBytes('jaeger-json/jaeger-ui-genai-trace-bare.json'))));
    const path = join(dir, 'jaeger.json');
    writeFileSync(
      path,
      copies(trace, (items) => `{"data":[${items}]}`),
    );
    const ratio = peakRatio(path);
    assert.ok(ratio < 4, `peak ${ratio.toFixed(2)}× the file size`);
  });
});
