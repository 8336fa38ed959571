/**
 * Incremental assembly (common/src/trace/growingAssembly.ts) gives what whole assemblies give: two builders take
 * the same random chunks of real sample files in lockstep, one assembling every trace incrementally, the other
 * re-assembling each grown trace whole (the one-shot assembly), and every snapshot must agree on the trace list
 * (root, duration, partial/orphan counts…), each span's parent and marks, and each trace's rows, order and depths.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TraceDatasetBuilder, type TraceDataset } from '../../../common/src/trace/index';
import { id, otlpLine, SAMPLES, sampleBytes, span, TRACE_A } from './helpers';

function sampleFiles(dir = SAMPLES): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sampleFiles(path));
    else if (!name.endsWith('.md')) out.push(relative(SAMPLES, path));
  }
  return out;
}

/** Deterministic (mulberry32), so that a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function assertSame(growing: TraceDataset, whole: TraceDataset, where: string): void {
  assert.equal(growing.spanCount, whole.spanCount, where);
  assert.deepEqual(growing.traces, whole.traces, `${where}: trace list`);
  for (let s = 0; s < whole.spanCount; s++) {
    assert.equal(growing.spanParent(s), whole.spanParent(s), `${where}: parent of span ${s}`);
    assert.deepEqual(growing.spanMarks(s), whole.spanMarks(s), `${where}: marks of span ${s}`);
  }
  for (let t = 0; t < whole.traceCount; t++) {
    const a = growing.tree(t);
    const b = whole.tree(t);
    for (const key of ['spans', 'depths', 'parentRows', 'startOffsets', 'endOffsets', 'subtreeSizes'] as const)
      assert.deepEqual(a[key], b[key], `${where}: trace ${t} tree ${key}`);
  }
}

/** Feeds `bytes` to both builders in random chunks, comparing after each snapshot; returns the snapshots taken. */
function lockstep(name: string, bytes: Uint8Array, seed: number, growingFrom = 1): number {
  const next = random(seed);
  const growing = new TraceDatasetBuilder({ growingFrom });
  const whole = new TraceDatasetBuilder({ growingFrom: Infinity });
  let snapshots = 0;
  for (let at = 0; at < bytes.length;) {
    // Mostly chunks of a few percent of the file, sometimes a few bytes (a record split anywhere).
    const size = next() < 0.2 ? 1 + Math.floor(next() * 64) : 1 + Math.floor(next() * Math.max(1, bytes.length / 6));
    const chunk = bytes.subarray(at, at + size);
    at += size;
    growing.append(name, chunk);
    whole.append(name, chunk);
    if (next() < 0.7) {
      assertSame(growing.snapshot(), whole.snapshot(), `${name} seed ${seed} at byte ${at}`);
      snapshots++;
    }
  }
  growing.end(name);
  whole.end(name);
  assertSame(growing.snapshot(), whole.snapshot(), `${name} seed ${seed} at the end`);
  return snapshots + 1;
}

describe('incremental trace assembly', () => {
  for (const file of sampleFiles()) {
    it(`matches whole assemblies on random chunkings of ${file}`, () => {
      const bytes = sampleBytes(file);
      let snapshots = 0;
      for (const seed of [1, 2, 3]) snapshots += lockstep(file, bytes, seed);
      assert.ok(snapshots >= 3);
    });
  }

  it('matches with the default threshold too (small traces whole, big ones growing)', () => {
    const file = 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl';
    lockstep(file, sampleBytes(file), 7, undefined);
  });

  const line = (spans: object[]) => new TextEncoder().encode(otlpLine('s', spans) + '\n');

  it('children before their parents: orphans resolve as parents arrive, the root and duration follow', () => {
    const lines = [
      line([span(TRACE_A, id(4), id(3), 'leaf', 3, 4), span(TRACE_A, id(5), id(3), 'leaf2', 2.5, 3.5)]),
      line([span(TRACE_A, id(3), id(2), 'mid', 2, 5)]),
      line([span(TRACE_A, id(2), id(1), 'handler', 1, 8), span(TRACE_A, id(6), id(9), 'stray', 0.5, 1)]),
      line([span(TRACE_A, id(1), '', 'root', 0, 10)]),
    ];
    const growing = new TraceDatasetBuilder({ growingFrom: 1 });
    const whole = new TraceDatasetBuilder({ growingFrom: Infinity });
    const roots: string[] = [];
    for (const [k, bytes] of lines.entries()) {
      growing.append('f', bytes);
      whole.append('f', bytes);
      const snapshot = growing.snapshot();
      assertSame(snapshot, whole.snapshot(), `line ${k + 1}`);
      roots.push(`${snapshot.trace(0).rootName} ${snapshot.trace(0).hasOrphans}`);
    }
    assert.deepEqual(roots, ['leaf2 true', 'mid true', 'stray true', 'root true']);
  });

  it('names a rootless trace after its earliest span still without parent, once the earliest one found its parent', () => {
    const growing = new TraceDatasetBuilder({ growingFrom: 1 });
    const whole = new TraceDatasetBuilder({ growingFrom: Infinity });
    const lines = [
      line([span(TRACE_A, id(4), id(3), 'early', 1, 2), span(TRACE_A, id(5), id(9), 'stray', 2, 3)]),
      line([span(TRACE_A, id(3), id(2), 'late parent', 3, 4)]), // early (skewed) finds its parent
    ];
    for (const bytes of lines) {
      growing.append('f', bytes);
      whole.append('f', bytes);
      assertSame(growing.snapshot(), whole.snapshot(), 'rootless');
    }
    assert.equal(growing.snapshot().trace(0).rootName, 'stray');
  });

  it('falls back to whole assembly for a duplicate ID or a parent cycle arriving later', () => {
    for (const late of [
      [span(TRACE_A, id(2), id(1), 'again', 1, 2)], // duplicate of span 2
      [span(TRACE_A, id(1), id(3), 'loop', 0, 10)], // 1 → 3 → 2 → 1
      [span(TRACE_A, id(7), id(7), 'self', 0, 1)], // its own parent
    ]) {
      const growing = new TraceDatasetBuilder({ growingFrom: 1 });
      const whole = new TraceDatasetBuilder({ growingFrom: Infinity });
      for (const bytes of [line([span(TRACE_A, id(2), id(1), 'a', 1, 2), span(TRACE_A, id(3), id(2), 'b', 1, 2)]), line(late)]) {
        growing.append('f', bytes);
        whole.append('f', bytes);
        assertSame(growing.snapshot(), whole.snapshot(), JSON.stringify(late));
      }
    }
  });
});
