/**
 * "Open Trace in Side Panel" opens only what the viewer can read (client/src/traceViewer/sniff.ts notATraceFile):
 * the real trace samples (JSON, JSON Lines, OTLP protobuf) open; a YAML manifest and ordinary JSON get a clear
 * message instead of a viewer full of unreadable lines.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notATraceFile } from '../../../client/src/traceViewer/sniff';

const ROOT = join(__dirname, '..', '..', '..');
const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');
const prefixOf = (path: string) => new Uint8Array(readFileSync(path).subarray(0, 64 * 1024));

describe('Open Trace in Side Panel: only files that can hold traces', () => {
  it('opens every sample trace file, JSON and protobuf', () => {
    const samples = ['otlp-json', 'jaeger-json', 'zipkin-v2', 'generated', 'otlp-proto'].flatMap((folder) =>
      readdirSync(join(SAMPLES, folder))
        .filter((name) => /\.(jsonl?|pb)$/.test(name))
        .map((name) => join(SAMPLES, folder, name)),
    );
    const exporter = join(SAMPLES, 'collector-file-exporter');
    for (const mode of readdirSync(exporter))
      if (!mode.endsWith('.md')) for (const name of readdirSync(join(exporter, mode))) samples.push(join(exporter, mode, name));
    assert.ok(samples.some((path) => path.endsWith('.pb')) && samples.some((path) => path.endsWith('.zst')) && samples.length >= 23);
    for (const sample of samples) assert.equal(notATraceFile(sample, prefixOf(sample)), undefined, sample);
  });

  it('refuses a YAML manifest and ordinary JSON, naming the file and what the viewer reads', () => {
    const manifest = join(ROOT, 'test/fixtures/kubeadm/1.33/tracing-on/kube-apiserver.yaml');
    assert.equal(
      notATraceFile(manifest, prefixOf(manifest)),
      'kube-apiserver.yaml is not a trace file: the viewer reads OTLP, Jaeger or Zipkin traces as JSON or JSON Lines, or OTLP protobuf.',
    );
    assert.match(
      notATraceFile(join(ROOT, 'package.json'), prefixOf(join(ROOT, 'package.json')))!,
      /^package\.json is JSON but does not look like traces/,
    );
    assert.match(notATraceFile('/x/empty.json', new Uint8Array())!, /empty/);
  });
});
