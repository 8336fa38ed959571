/** Shared helpers for the trace model tests: reading sample files and building data sets from text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTraceFiles, TraceDatasetBuilder, type TraceDataset } from '../../../common/src/trace/index';

export const SAMPLES = join(__dirname, '../../fixtures/samples');

export function sampleBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, relativePath)));
}

export function readSample(relativePath: string): TraceDataset {
  return readTraceFiles([{ name: relativePath, bytes: sampleBytes(relativePath) }]);
}

export function fromText(text: string, name = 'test.jsonl'): TraceDataset {
  return readTraceFiles([{ name, bytes: new TextEncoder().encode(text) }]);
}

/** Feeds a file in chunks of `size` bytes, as follow mode would. */
export function inChunks(bytes: Uint8Array, size: number, name = 'chunked'): TraceDataset {
  const builder = new TraceDatasetBuilder();
  for (let i = 0; i < bytes.length; i += size) builder.append(name, bytes.subarray(i, i + size));
  builder.end(name);
  return builder.snapshot();
}

/** One OTLP/JSON line with the given spans under one resource (service) and scope. */
export function otlpLine(service: string, spans: object[], extra: { resource?: object; scope?: object } = {}): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }], ...extra.resource },
        scopeSpans: [{ scope: { name: 'test', ...extra.scope }, spans }],
      },
    ],
  });
}

const T0 = 1_700_000_000_000_000_000n;

/** A span with times given as ms offsets from a fixed epoch (exact decimal ns strings). */
export function span(
  traceId: string,
  spanId: string,
  parentSpanId: string,
  name: string,
  startMs: number,
  endMs: number,
  more: object = {},
): object {
  return {
    traceId,
    spanId,
    parentSpanId,
    name,
    startTimeUnixNano: String(T0 + BigInt(Math.round(startMs * 1e6))),
    endTimeUnixNano: String(T0 + BigInt(Math.round(endMs * 1e6))),
    ...more,
  };
}

export const TRACE_A = '0af7651916cd43dd8448eb211c80319c';
export const TRACE_B = '4bf92f3577b34da6a3ce929d0e0e4736';
export const id = (n: number) => n.toString(16).padStart(16, '0');
