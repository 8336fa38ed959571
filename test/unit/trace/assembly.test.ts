/** Trace assembly (trace-formats.md §0): across lines and files, orphans, duplicates, skew, cross-trace links, follow mode. */
import { strict as assert } from 'node:assert';
import { TraceDatasetBuilder } from '../../../common/src/trace/index';
import { SpanLookup } from '../../../common/src/trace/tree';
import { fromText, id, inChunks, otlpLine, sampleBytes, span, TRACE_A, TRACE_B } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

describe('trace assembly', () => {
  it('assembles one trace from spans spread over lines and rotated files, children before parents', () => {
    const builder = new TraceDatasetBuilder();
    builder.addFile('traces-2025-05-17T12-27-08.769.json', encode(otlpLine('etcd', [span(TRACE_A, id(3), id(2), 'etcd', 3, 4)]) + '\n'));
    builder.addFile(
      'traces.json',
      encode(
        [
          otlpLine('api', [span(TRACE_A, id(2), id(1), 'handler', 2, 5)]),
          otlpLine('client', [span(TRACE_A, id(1), '', 'root', 0, 10)]),
        ].join('\n'),
      ),
    );
    const dataset = builder.snapshot();
    assert.equal(dataset.traceCount, 1);
    const trace = dataset.traces[0]!;
    assert.equal(trace.rootName, 'root');
    assert.deepEqual(trace.services, ['api', 'client', 'etcd']);
    assert.equal(trace.durationNs, 10_000_000);
    assert.equal(trace.hasOrphans, false);
    const tree = dataset.tree(0);
    assert.deepEqual(
      [...tree.spans].map((s) => dataset.spanName(s)),
      ['root', 'handler', 'etcd'],
    );
    assert.deepEqual([...tree.depths], [0, 1, 2]);
    assert.deepEqual([...tree.subtreeSizes], [2, 1, 0]);
    assert.deepEqual(dataset.spanDetails(0).source, { file: 'traces-2025-05-17T12-27-08.769.json', line: 1 });
  });

  it('hangs orphans under one marked synthetic root, after the real root', () => {
    const dataset = fromText(
      otlpLine('s', [
        span(TRACE_A, id(1), '', 'root', 0, 10),
        span(TRACE_A, id(5), id(4), 'lost', 20, 30),
        span(TRACE_A, id(6), id(5), 'lost-child', 21, 22),
        span(TRACE_A, id(7), id(99), 'lost2', 15, 16),
      ]),
    );
    const tree = dataset.tree(0);
    const names = [...tree.spans].map((s) => (s < 0 ? '(synthetic root)' : dataset.spanName(s)));
    assert.deepEqual(names, ['root', '(synthetic root)', 'lost2', 'lost', 'lost-child']);
    assert.deepEqual([...tree.depths], [0, 0, 1, 1, 2]);
    assert.deepEqual([tree.startOffsets[1], tree.endOffsets[1]], [15e6, 30e6]);
    assert.ok(dataset.spanMarks(1).orphan && !dataset.spanMarks(2).orphan);
    assert.match(dataset.spanDetails(1).problems.join(), /parent span 0000000000000004 is not in the data set/);
    assert.equal(dataset.trace(0).rootName, 'root');
  });

  it('a trace with no root at all is named after its earliest orphan', () => {
    const dataset = fromText(otlpLine('s', [span(TRACE_A, id(5), id(4), 'later', 5, 6), span(TRACE_A, id(6), id(4), 'first', 1, 2)]));
    assert.equal(dataset.trace(0).rootName, 'first');
    assert.equal(dataset.tree(0).spans[0], -1);
  });

  it('keeps duplicate span IDs (telemetrygen sample) and marks them', () => {
    const dataset = fromText(new TextDecoder().decode(sampleBytes('otlp-json/jaeger-ui-otlp2jaeger-in-telemetrygen.json')));
    assert.equal(dataset.spanCount, 2);
    assert.ok(dataset.spanMarks(0).duplicate && dataset.spanMarks(1).duplicate);
    assert.equal(dataset.trace(0).duplicateSpanIds, 2);
  });

  it('shows clock skew without clamping (Zipkin skew sample: a child starts before its parent)', () => {
    const dataset = fromText(new TextDecoder().decode(sampleBytes('zipkin-v2/zipkin-lens-skew.json')));
    const skewed = [...Array(dataset.spanCount).keys()].filter((s) => dataset.spanMarks(s).skewed);
    assert.ok(skewed.length >= 1);
    for (const s of skewed) {
      const parent = dataset.spanParent(s);
      const tree = dataset.tree(0);
      const row = dataset.rowOf(s);
      const parentRow = dataset.rowOf(parent);
      assert.ok(
        tree.startOffsets[row]! < tree.startOffsets[parentRow]! || tree.endOffsets[row]! > tree.endOffsets[parentRow]!,
        'times are kept as written',
      );
    }
    assert.equal(dataset.trace(0).skewedSpans, skewed.length);
  });

  it('resolves a cross-trace link to the linked span and counts it', () => {
    const dataset = fromText(
      [
        otlpLine('a', [span(TRACE_A, id(1), '', 'caller', 0, 10)]),
        otlpLine('apiserver', [span(TRACE_B, id(2), '', 'GET /api/v1/pods', 1, 5, { links: [{ traceId: TRACE_A, spanId: id(1) }] })]),
      ].join('\n'),
    );
    const link = dataset.spanDetails(1).links[0]!;
    assert.deepEqual([link.linkedSpanIndex, link.crossTrace], [0, true]);
    assert.equal(dataset.trace(1).crossTraceLinks, 1);
  });

  it('a parent chain that loops is cut and shown under the synthetic root, nothing lost', () => {
    const dataset = fromText(otlpLine('s', [span(TRACE_A, id(1), id(2), 'a', 0, 1), span(TRACE_A, id(2), id(1), 'b', 0, 1)]));
    const tree = dataset.tree(0);
    assert.equal(tree.spans.length, 3);
    assert.ok([0, 1].some((s) => dataset.spanDetails(s).problems.some((p) => p.includes('loops'))));
  });
});

describe('trace model: follow mode and chunked input', () => {
  const jsonl = sampleBytes('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
  const proto = sampleBytes('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb');

  for (const size of [1, 7, 4096, 65537]) {
    it(`reads the generated JSONL and proto files the same when fed ${size} byte(s) at a time`, function () {
      if (size === 1) this.timeout(60000);
      for (const bytes of [jsonl, proto]) {
        const dataset = inChunks(bytes, size);
        assert.deepEqual(dataset.counts, { traces: 52, spans: 2009, services: 4, errorSpans: 22, badLines: 0 });
      }
    });
  }

  it('a snapshot taken mid-line holds only the complete lines; indices and selection stay valid after growth', () => {
    const builder = new TraceDatasetBuilder();
    const child = otlpLine('s', [span(TRACE_A, id(2), id(1), 'child', 1, 2)]) + '\n';
    const root = otlpLine('s', [span(TRACE_A, id(1), '', 'root', 0, 10)]) + '\n';
    builder.append('f', encode(child + root.slice(0, 40)));
    const first = builder.snapshot();
    assert.equal(first.spanCount, 1);
    assert.ok(first.spanMarks(0).orphan, 'parent not arrived yet');
    builder.append('f', encode(root.slice(40)));
    const second = builder.snapshot();
    assert.equal(second.spanCount, 2);
    assert.ok(second.version > first.version);
    assert.equal(second.spanName(0), 'child', 'span indices are stable');
    assert.equal(second.spanParent(0), 1, 'the late parent adopts its orphan');
    assert.equal(second.spanMarks(0).orphan, false);
    assert.equal(second.trace(0).rootName, 'root');
    assert.equal(builder.snapshot(), second, 'no new data: same snapshot');
  });

  it('a looping parent chain re-assembled by follow mode reports the loop once, not once per snapshot', () => {
    const builder = new TraceDatasetBuilder();
    builder.append('f', encode(otlpLine('s', [span(TRACE_A, id(1), id(2), 'a', 0, 1), span(TRACE_A, id(2), id(1), 'b', 0, 1)]) + '\n'));
    // Loop messages per span (today both spans of a two-span loop are cut, so each carries the message once).
    const loops = (dataset: ReturnType<typeof builder.snapshot>) =>
      [0, 1].map((s) => dataset.spanDetails(s).problems.filter((p) => p.includes('loops back')).length);
    const first = loops(builder.snapshot());
    assert.ok(first.some((n) => n === 1) && first.every((n) => n <= 1), `first snapshot: ${first}`);
    // Two more lines of the same trace: each snapshot re-assembles it and finds the loop again.
    for (const n of [3, 4]) {
      builder.append('f', encode(otlpLine('s', [span(TRACE_A, id(n), id(1), `late${n}`, 0, 1)]) + '\n'));
      const dataset = builder.snapshot();
      assert.equal(dataset.spanCount, n);
      assert.deepEqual(loops(dataset), first, `after span ${n}`);
    }
  });

  it('a last line without newline is read only at end()', () => {
    const builder = new TraceDatasetBuilder();
    builder.append('f', encode(otlpLine('s', [span(TRACE_A, id(1), '', 'root', 0, 10)])));
    assert.equal(builder.snapshot().spanCount, 0);
    builder.end('f');
    assert.equal(builder.snapshot().spanCount, 1);
  });
});

describe('trace model: Collector format: proto frames', () => {
  const proto = sampleBytes('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb');
  const frames: [number, number][] = [];
  for (let at = 0; at < proto.length;) {
    const length = new DataView(proto.buffer, proto.byteOffset + at, 4).getUint32(0);
    frames.push([at, 4 + length]);
    at += 4 + length;
  }

  it('the sample has 4 frames that cover the file exactly', () => {
    assert.equal(frames.length, 4);
    assert.equal(frames.at(-1)![0] + frames.at(-1)![1], proto.length);
  });

  it('a damaged frame is reported by number and byte offset; the other frames load', () => {
    const damaged = proto.slice();
    const [at] = frames[1]!;
    damaged[at + 4] = 0x0f; // field 1 with wire type 7, which does not exist
    const dataset = inChunks(damaged, 1 << 20, 'damaged.binpb');
    const alone = inChunks(proto.slice(at, at + frames[1]![1]), 1 << 20, 'frame2.binpb');
    assert.equal(dataset.spanCount, 2009 - alone.spanCount);
    assert.deepEqual(dataset.badLines, [
      { file: 'damaged.binpb', line: 2, reason: `protobuf record 2 at byte ${at}: unsupported wire type 7 at byte 1` },
    ]);
  });

  it('a truncated last frame is reported at end(), the complete frames load', () => {
    const cut = proto.slice(0, frames[3]![0] + 100);
    const dataset = inChunks(cut, 1 << 20, 'cut.binpb');
    assert.equal(dataset.badLines.length, 1);
    assert.match(dataset.badLines[0]!.reason, /^truncated frame at byte \d+: the file ends 100 byte\(s\) into it$/);
    assert.equal(dataset.badLines[0]!.line, 4);
  });

  it('a zstd frame (compression: zstd) that does not decompress is named as such', () => {
    const frame = new Uint8Array([0, 0, 0, 8, 0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const dataset = inChunks(frame, 100, 'z.binpb');
    assert.match(dataset.badLines[0]!.reason, /^zstd frame 1 at byte 0 \(compression: zstd\): /);
  });
});

describe('span lookup (span index → tree row)', () => {
  for (const [label, spans] of [
    ['a trace whose spans sit together', Int32Array.from([40, 41, 43, 42, 44])],
    ['a trace scattered across a big file (a Map)', Int32Array.from([7, 500_000, 3, 1_000_000])],
  ] as const)
    it(`finds each of ${label}, and nothing else`, () => {
      const lookup = new SpanLookup(spans);
      spans.forEach((span, row) => lookup.set(span, row));
      spans.forEach((span, row) => assert.equal(lookup.get(span), row));
      for (const absent of [0, 2, 39, 45, 8, 499_999, 2_000_000, -1]) assert.equal(lookup.get(absent), undefined, `span ${absent}`);
    });
});
