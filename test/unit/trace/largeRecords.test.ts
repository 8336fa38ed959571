/**
 * Records over LARGE_JSON_BYTES (a long JSON line, a large pretty-printed document) are read from their bytes element
 * by element (common/src/trace/jsonLarge.ts), and a bare protobuf TracesData one resource_spans at a time. Each must
 * read the same spans as the same data in small records does: every span's details compared, for OTLP, Jaeger and
 * Zipkin made from the real samples, whole and in odd-sized chunks; and a damaged large record is one bad record.
 */
import assert from 'node:assert/strict';
import type { TraceDataset } from '../../../common/src/trace/index';
import { LARGE_JSON_BYTES } from '../../../common/src/trace/jsonLarge';
import { fromText, inChunks, sampleBytes } from './helpers';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const sampleText = (path: string) => decoder.decode(sampleBytes(path));

/** A copy of trace data whose trace IDs differ per copy (the first 6 hex digits replaced). */
function retrace(text: string, copy: number): string {
  const prefix = copy.toString(16).padStart(6, '0');
  return text.replace(/("trace_?[iI][dD]"\s*:\s*")([0-9a-fA-F]{6})/g, (_m, key: string) => `${key}${prefix}`);
}

/** Every span's details, without where it came from (file line, resource and scope entries differ by record). */
function spans(dataset: TraceDataset): string[] {
  const out: string[] = [];
  for (let i = 0; i < dataset.spanCount; i++) {
    const { source: _source, index: _index, startOffsetNs: _offset, ...details } = dataset.spanDetails(i);
    out.push(JSON.stringify(details, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  }
  return out.sort();
}

function assertSameSpans(large: TraceDataset, small: TraceDataset): void {
  assert.deepEqual(large.badLines, []);
  assert.deepEqual(small.badLines, []);
  assert.ok(small.spanCount > 100, `${small.spanCount} spans`);
  assert.equal(large.spanCount, small.spanCount);
  assert.deepEqual(spans(large), spans(small));
}

describe('trace readers: records over LARGE_JSON_BYTES', function () {
  this.timeout(120000); // a generous bound for a shared, slow machine; no timing is asserted

  const otlpLines = sampleText('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl')
    .split('\n')
    .filter((line) => line.trim());
  const resourceSpans = otlpLines.flatMap((line) => (JSON.parse(line) as { resourceSpans: unknown[] }).resourceSpans);

  it('OTLP: one long line and one pretty document read the spans their small lines hold', () => {
    // Strings holding what the structural scan must not take for structure: quotes, backslashes, brackets, commas.
    const tricky = structuredClone(resourceSpans) as { scopeSpans: { spans: { name: string }[] }[] }[];
    tricky[0]!.scopeSpans[0]!.spans[0]!.name = 'a \\"[,{}]:\\';
    tricky[1]!.scopeSpans[0]!.spans[1]!.name = '\\\\';
    tricky[2]!.scopeSpans[0]!.spans[2]!.name = '}]"\u2028 ,';
    const line = JSON.stringify({ resourceSpans: tricky });
    assert.ok(line.length > LARGE_JSON_BYTES);
    const small = fromText(tricky.map((rs) => JSON.stringify({ resourceSpans: [rs] })).join('\n'));
    assertSameSpans(fromText(`${line}\n`), small);
    const pretty = JSON.stringify({ resourceSpans: tricky }, null, 2);
    assertSameSpans(fromText(pretty, 'pretty.json'), small);
    assertSameSpans(inChunks(encoder.encode(pretty), 65_537), small);
    assertSameSpans(inChunks(encoder.encode(`\uFEFF${line}`), 100_003), small);
  });

  it('Jaeger: a long {"data":[…]} line and pretty document read the spans of one trace per line', () => {
    const trace = JSON.stringify(JSON.parse(sampleText('jaeger-json/jaeger-ui-genai-trace-bare.json')));
    const copies = Array.from({ length: 30 }, (_, copy) => retrace(trace, copy));
    const small = fromText(copies.map((t) => `{"data":[${t}]}`).join('\n'));
    const line = `{"data":[${copies.join(',')}]}`;
    assert.ok(line.length > LARGE_JSON_BYTES);
    assertSameSpans(fromText(line), small);
    assertSameSpans(inChunks(encoder.encode(JSON.stringify(JSON.parse(line), null, 2)), 4099), small);
  });

  it('Zipkin: a long span array, and an array of arrays, read the spans of the sample copies', () => {
    const sample = JSON.stringify(JSON.parse(sampleText('zipkin-v2/zipkin-lens-smartthings-mobile-web-install.json')));
    const copies = Array.from({ length: 3 }, (_, copy) => retrace(sample, copy));
    const small = fromText(copies.join('\n'));
    const flat = `[${copies.map((c) => c.slice(1, -1)).join(',')}]`;
    assert.ok(flat.length > LARGE_JSON_BYTES);
    assertSameSpans(fromText(flat), small);
    assertSameSpans(fromText(`[${copies.join(',')}]`), small);
    assertSameSpans(fromText(JSON.stringify(JSON.parse(flat), null, 1)), small);
  });

  it('a long line with one broken span is one bad record; the next line loads', () => {
    const line = JSON.stringify({ resourceSpans });
    const at = line.indexOf('"spanId"', line.length >> 1);
    const broken = `${line.slice(0, at)}"spanId":tru${line.slice(at + '"spanId":'.length)}`;
    const dataset = fromText(`${broken}\n${otlpLines[0]!}\n`);
    assert.equal(dataset.badLines.length, 1);
    assert.equal(dataset.badLines[0]!.line, 1);
    assert.match(dataset.badLines[0]!.reason, /JSON/);
    assert.equal(dataset.spanCount, fromText(otlpLines[0]!).spanCount);
  });

  it('a long line cut short, or closed twice, is one bad record', () => {
    const line = JSON.stringify({ resourceSpans });
    for (const damaged of [line.slice(0, -3), `${line}}`, `${line.slice(0, -1)},}`]) {
      const dataset = fromText(`${damaged}\n${otlpLines[1]!}\n`);
      assert.deepEqual(
        dataset.badLines.map((b) => b.line),
        [1],
      );
      assert.equal(dataset.spanCount, fromText(otlpLines[1]!).spanCount);
    }
  });

  it('a bare 64-bit time above 2^53 in a long line is read exactly (the record is parsed again with it quoted)', () => {
    const first = resourceSpans[0] as { scopeSpans: { spans: { startTimeUnixNano: string }[] }[] };
    const time = '1700000000123456789';
    first.scopeSpans[0]!.spans[0]!.startTimeUnixNano = '__T__';
    const line = JSON.stringify({ resourceSpans }).replace('"__T__"', time);
    assert.ok(line.length > LARGE_JSON_BYTES);
    const dataset = fromText(line);
    assert.deepEqual(dataset.badLines, []);
    const starts = Array.from({ length: dataset.spanCount }, (_, i) => dataset.spanDetails(i).startNs);
    assert.ok(starts.includes(time));
  });

  it('a bare protobuf TracesData is read one resource_spans at a time: a damaged one is reported, the rest load', () => {
    // The generated sample is in the Collector's frames; their messages joined make one bare TracesData.
    const framed = sampleBytes('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb');
    const messages: Uint8Array[] = [];
    const view = new DataView(framed.buffer, framed.byteOffset, framed.byteLength);
    for (let at = 0; at < framed.length; at += 4 + view.getUint32(at)) messages.push(framed.subarray(at + 4, at + 4 + view.getUint32(at)));
    const bare = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
    let offset = 0;
    for (const message of messages) {
      bare.set(message, offset);
      offset += message.length;
    }
    const whole = inChunks(bare, bare.length, 'bare.binpb');
    assert.deepEqual(whole.badLines, []);
    assert.equal(spans(inChunks(bare, 7919, 'bare.binpb')).join('\n'), spans(whole).join('\n'));
    // Cut inside the last resource_spans: the ones before it load, the cut one is reported.
    const cut = inChunks(bare.subarray(0, bare.length - 10), 65_536, 'cut.binpb');
    assert.equal(cut.badLines.length, 1);
    assert.match(cut.badLines[0]!.reason, /^protobuf record 1 at byte \d+: .*truncated/);
    assert.ok(cut.spanCount > 0 && cut.spanCount < whole.spanCount, `${cut.spanCount} of ${whole.spanCount}`);
  });
});
