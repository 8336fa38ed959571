/**
 * The trace readers' nesting limit (common/src/trace/nesting.ts): 100,000 nested AnyValue arrays in OTLP JSON or
 * protobuf, 100,000 wrapper arrays around Zipkin spans and 100,000 nested `result` objects used to end in "Maximum
 * call stack size exceeded" (and, in a deeper call, could abort Node). Now each is one bad record saying why, and
 * the other lines of the file still load.
 */
import assert from 'node:assert/strict';
import { readTraceFiles } from '../../../common/src/trace/index';
import { fromText, id, otlpLine, span, TRACE_A } from './helpers';

const DEEP = 100_000;
const good = otlpLine('good', [span(TRACE_A, id(1), '', 'root', 0, 10)]);
const reasons = (text: string) => {
  const dataset = fromText(`${text}\n${good}\n`);
  assert.equal(dataset.spanCount, 1, 'the good line after the deep one still loads');
  return dataset.badLines.map((b) => `${b.line}: ${b.reason}`);
};

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const delimited = (field: number, bytes: number[]) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
const ascii = (text: string) => [...new TextEncoder().encode(text)];

describe('trace readers: nesting depth limit', function () {
  this.timeout(60000); // a generous bound for a shared, slow machine; no timing is asserted

  it('OTLP JSON: an attribute value of 100,000 nested arrayValues is one bad record', () => {
    const value = '{"arrayValue":{"values":['.repeat(DEEP) + ']}}'.repeat(DEEP);
    const line = otlpLine('deep', [span(TRACE_A, id(2), '', 'x', 0, 1, { attributes: [{ key: 'k', value: '__V__' }] })]).replace(
      '"__V__"',
      value,
    );
    assert.deepEqual(reasons(line), ['1: an attribute value nested deeper than 256 levels: not read (no trace exporter writes this)']);
  });

  it('an attribute value 200 levels deep is read whole', () => {
    const value = '{"kvlistValue":{"values":[{"key":"a","value":'.repeat(200) + '{"stringValue":"leaf"}' + '}]}}'.repeat(200);
    const line = otlpLine('deep', [span(TRACE_A, id(2), '', 'x', 0, 1, { attributes: [{ key: 'k', value: '__V__' }] })]).replace(
      '"__V__"',
      value,
    );
    const dataset = fromText(`${line}\n`);
    assert.deepEqual(dataset.badLines, []);
    assert.equal(dataset.spanCount, 1);
  });

  it('wrapper arrays (Zipkin) and `result` objects 100,000 deep are one bad record each', () => {
    const message = '1: trace data nested deeper than 256 levels: not read (no trace exporter writes this)';
    assert.deepEqual(reasons('['.repeat(DEEP) + '{"traceId":"1","id":"1"}' + ']'.repeat(DEEP)), [message]);
    assert.deepEqual(reasons('{"result":'.repeat(DEEP) + '[]' + '}'.repeat(DEEP)), [message]);
  });

  it('OTLP protobuf: an attribute value of 20,000 nested arrays is one bad record', () => {
    // AnyValue{array_value: ArrayValue{values: AnyValue{…{string_value: "x"}}}}, headers written outside in.
    const leaf = delimited(1, ascii('x'));
    const sizes = [leaf.length];
    const arraySizes = [0];
    for (let i = 1; i <= 20_000; i++) {
      const arraySize = 1 + varint(sizes[i - 1]!).length + sizes[i - 1]!;
      arraySizes.push(arraySize);
      sizes.push(1 + varint(arraySize).length + arraySize);
    }
    const anyValue: number[] = [];
    for (let i = 20_000; i >= 1; i--) anyValue.push((5 << 3) | 2, ...varint(arraySizes[i]!), (1 << 3) | 2, ...varint(sizes[i - 1]!));
    anyValue.push(...leaf);
    const keyValue = [...delimited(1, ascii('k')), ...delimited(2, anyValue)];
    const protoSpan = [
      ...delimited(1, Array(16).fill(1)),
      ...delimited(2, Array(8).fill(1)),
      ...delimited(5, ascii('s')),
      ...delimited(9, keyValue),
    ];
    const tracesData = delimited(1, delimited(2, delimited(2, protoSpan)));
    const dataset = readTraceFiles([{ name: 'deep.otlp.pb', bytes: new Uint8Array(tracesData) }]);
    assert.deepEqual(
      dataset.badLines.map((b) => b.reason),
      ['protobuf record 1: an attribute value nested deeper than 256 levels: not read (no trace exporter writes this)'],
    );
  });
});
