/** `kube-tracing summarize`: the CLI over the trace model, run in-process through main(). */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../server/src/cli/main';
import { SAMPLES } from './helpers';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  // main's writers are typed like process.stdout.write, which returns a boolean.
  const code = main(
    args,
    (t) => Boolean((out += t + '\n')),
    (t) => Boolean((err += t + '\n')),
  );
  return { code, out, err };
}

describe('kube-tracing summarize', () => {
  it('prints JSON with exactly the documented field names and the README figures', () => {
    const { code, out } = run([
      'summarize',
      join(SAMPLES, 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl'),
      '--format',
      'json',
      '--top',
      '3',
    ]);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(Object.keys(json), ['traces', 'spans', 'services', 'errorSpans', 'badLines', 'operations']);
    assert.deepEqual(
      [json.traces, json.spans, json.services, json.errorSpans, json.badLines],
      [52, 2009, ['apiserver', 'etcd', 'example-operator', 'policy-webhook'], 22, []],
    );
    assert.equal(json.operations.length, 3);
    assert.ok(json.operations[0].p95Ms >= json.operations[1].p95Ms);
  });

  it('reads the zstd files of a real Collector file exporter in a folder (whole-file stream and per-message frames)', () => {
    for (const mode of ['native-json', 'native-proto', 'zstd-json', 'zstd-proto']) {
      const { code, out } = run(['summarize', join(SAMPLES, 'collector-file-exporter', mode), '--format', 'json']);
      assert.equal(code, 0, mode);
      const json = JSON.parse(out);
      assert.deepEqual([json.traces, json.spans, json.services, json.badLines], [19, 38, ['etcd'], []], mode);
    }
  });

  it('reads rotated files given together as one data set', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kube-tracing-summarize-'));
    const line = (spanId: string, parent: string) =>
      JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '0af7651916cd43dd8448eb211c80319c',
                    spanId,
                    parentSpanId: parent,
                    name: spanId,
                    startTimeUnixNano: '1',
                    endTimeUnixNano: '2',
                  },
                ],
              },
            ],
          },
        ],
      });
    writeFileSync(join(folder, 'traces-2025-05-17T12-27-08.769.json'), line('00000000000000a1', '') + '\n');
    writeFileSync(join(folder, 'traces.json'), line('00000000000000a2', '00000000000000a1') + '\n');
    const { code, out } = run(['summarize', folder, '--format', 'json']);
    assert.equal(code, 0);
    assert.deepEqual([JSON.parse(out).traces, JSON.parse(out).spans], [1, 2]);
  });

  it('lists unreadable lines with file, line and reason, and exits 1', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kube-tracing-summarize-'));
    const file = join(folder, 'bad.jsonl');
    writeFileSync(file, '{"resourceSpans":[]}\nnot json\n');
    const json = run(['summarize', file, '--format', 'json']);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.out).badLines.length, 1);
    assert.equal(JSON.parse(json.out).badLines[0].line, 2);
    const text = run(['summarize', file]);
    assert.match(text.out, /^0 trace\(s\), 0 span\(s\), 0 error span\(s\), 0 service\(s\)/);
    assert.match(text.out, /bad\.jsonl:2: invalid JSON: /);
  });

  it('prints the slowest operations as a text table', () => {
    const { out } = run(['summarize', join(SAMPLES, 'zipkin-v2/zipkin-lens-messaging-kafka.json'), '--top', '2']);
    assert.match(out, /^1 trace\(s\), 28 span\(s\), 3 error span\(s\), 2 service\(s\)/);
    assert.match(out, /Slowest operations \(2 of \d+, by p95\):\nservice +operation +count +errors +p50 ms +p95 ms +max ms\n/);
  });

  it('rejects bad usage with exit code 2', () => {
    assert.equal(run(['summarize']).code, 2);
    assert.equal(run(['summarize', 'x', '--format', 'xml']).code, 2);
    assert.equal(run(['summarize', 'x', '--top', 'many']).code, 2);
  });

  it('says which file is missing and exits 1', () => {
    const { code, err } = run(['summarize', '/no/such/trace.json']);
    assert.equal(code, 1);
    assert.match(err, /\/no\/such\/trace\.json: no such file or folder/);
  });
});
