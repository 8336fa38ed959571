/**
 * The Collector's file exporter in each mode, on real files it wrote (test/fixtures/samples/collector-file-exporter/,
 * made by oracle/pipeline/run.mjs: etcd v3.7.3 → Collector v0.165.0). The reference is a plain JSON parse of the
 * JSON-lines file of the same run: every other mode must give the same spans, whole and in small chunks.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inChunks, readSample, SAMPLES, sampleBytes } from './helpers';

const DIR = 'collector-file-exporter';
const MODES = [
  'proto/traces.binpb',
  'zstd-json/traces.jsonl.zst',
  'zstd-proto/traces.binpb.zst',
  'native-json/traces.jsonl.zst',
  'native-proto/traces.binpb.zst',
];

type J = any; // raw JSON walked without types on purpose: this is the independent reference
const reference = new Set<string>();
for (const line of readFileSync(join(SAMPLES, DIR, 'json/traces.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)) {
  for (const rs of (JSON.parse(line) as J).resourceSpans)
    for (const ss of rs.scopeSpans) for (const s of ss.spans) reference.add(`${s.traceId}/${s.spanId}/${s.name}`);
}

function spanKeys(dataset: ReturnType<typeof readSample>): Set<string> {
  const keys = new Set<string>();
  for (let span = 0; span < dataset.spanCount; span++) {
    const details = dataset.spanDetails(span);
    keys.add(`${details.traceId}/${details.spanId}/${dataset.spanName(span)}`);
  }
  return keys;
}

describe('Collector file exporter, every mode (real files of etcd v3.7.3 → Collector v0.165.0)', () => {
  it(`the JSON-lines reference holds ${reference.size} spans, all recognized as etcd`, () => {
    const dataset = readSample(`${DIR}/json/traces.jsonl`);
    assert.equal(reference.size, 38);
    assert.deepEqual(spanKeys(dataset), reference);
    for (let span = 0; span < dataset.spanCount; span++) assert.equal(dataset.kubernetes(span)?.component, 'etcd', dataset.spanName(span));
  });

  for (const mode of MODES) {
    it(`${mode}: the same ${reference.size} spans, whole and in 7-byte chunks, nothing unreadable`, () => {
      for (const dataset of [readSample(`${DIR}/${mode}`), inChunks(sampleBytes(`${DIR}/${mode}`), 7, mode)]) {
        assert.deepEqual(dataset.badLines, []);
        assert.deepEqual(spanKeys(dataset), reference);
      }
    });
  }

  it('a whole-file zstd stream cut inside a frame: the error says so, nothing is thrown', () => {
    const bytes = sampleBytes(`${DIR}/native-json/traces.jsonl.zst`);
    const dataset = inChunks(bytes.subarray(0, bytes.length - 10), 100, 'cut.jsonl.zst');
    assert.equal(dataset.badLines.length, 1);
    assert.match(dataset.badLines[0]!.reason, /^zstd stream \(exporter\.file\.nativeCompression\).*: the file ends inside a zstd frame$/);
  });

  it('a damaged per-message zstd frame is reported by number and byte; the other frames load', () => {
    // The sample is one batch (one frame): two copies make a file of two frames, the first one damaged.
    const one = sampleBytes(`${DIR}/zstd-proto/traces.binpb.zst`);
    const bytes = new Uint8Array(one.length * 2);
    bytes.set(one, 0);
    bytes.set(one, one.length);
    assert.equal(((one[0]! << 24) | (one[1]! << 16) | (one[2]! << 8) | one[3]!) >>> 0, one.length - 4);
    bytes.fill(0xff, 4 + 6, one.length); // the first frame's blocks, after its header
    const dataset = inChunks(bytes, 1 << 20, 'damaged.binpb.zst');
    assert.equal(dataset.badLines.length, 1);
    assert.match(dataset.badLines[0]!.reason, /^zstd frame 1 at byte 0 \(compression: zstd\): /);
    assert.deepEqual(spanKeys(dataset), reference);
  });
});
