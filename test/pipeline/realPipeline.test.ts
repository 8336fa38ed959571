/**
 * A real pipeline, end to end (oracle/pipeline/run.mjs): a real etcd with distributed tracing on → a real
 * Collector whose contrib file exporter writes every mode users meet, and a second Collector with the
 * exporter.file.nativeCompression gate. Then the trace model reads each output directory, and what it reads is
 * compared with the Collector's own count of spans sent by that exporter (otelcol_exporter_sent_spans).
 * The run happens before the tests are defined (mocha --delay) so that the counts are in the test names.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { familyOf } from '../../client/src/traceViewer/rotation';
import { readTraceFiles, type TraceDataset } from '../../common/src/trace/index';

interface ProcessExit {
  code: number | null;
  signal: string | null;
}
interface PipelineResult {
  versions: { collector: string; etcd: string };
  requests: number;
  accepted: number;
  sent: Record<string, number>;
  failed: number;
  exits: { etcd: ProcessExit; collector: ProcessExit; nativeCollector: ProcessExit };
  seconds: { build: number; drive: number; total: number };
}
interface PipelineModule {
  runPipeline(out: string, options: { rounds: number; log: (line: string) => void }): Promise<PipelineResult>;
  MODES: Record<string, string>;
}

// A path TypeScript does not resolve: the runner is a plain .mjs oracle script.
const RUNNER = join(__dirname, '../../oracle/pipeline/run.mjs');
// 200 rounds of 4 workers (~3,400 requests, ~6,700 spans, ~3.9 MB of JSON): enough for 3 rotated backups at
// max_megabytes 1, far fewer than max_backups 10, so no backup is deleted and every span sent is still on disk.
const ROUNDS = 200;

function readDirectory(dir: string): { dataset: TraceDataset; files: string[] } {
  const files = readdirSync(dir).sort();
  return { dataset: readTraceFiles(files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }))), files };
}

function defineTests(out: string, result: PipelineResult, modes: Record<string, string>): void {
  const { versions, requests, accepted } = result;
  describe(`real pipeline: etcd ${versions.etcd} → Collector v${versions.collector} file exporter, ${requests} requests, ${accepted} spans`, () => {
    after(() => rmSync(out, { recursive: true, force: true }));

    it(`etcd stopped on SIGTERM, both Collectors exited 0, no send failed (build ${result.seconds.build.toFixed(0)} s, requests ${result.seconds.drive.toFixed(0)} s)`, () => {
      assert.deepEqual(result.exits.collector, { code: 0, signal: null });
      assert.deepEqual(result.exits.nativeCollector, { code: 0, signal: null });
      assert.ok(result.exits.etcd.code === 0 || result.exits.etcd.signal === 'SIGTERM', JSON.stringify(result.exits.etcd));
      assert.equal(result.failed, 0);
      assert.ok(requests >= 300 && accepted >= requests, `${requests} requests, ${accepted} spans`);
    });

    for (const [mode, exporter] of Object.entries(modes)) {
      const sent = result.sent[exporter];
      const { dataset, files } = readDirectory(join(out, mode));
      it(`${exporter}: reads all ${dataset.spanCount} spans of ${files.length} file(s) = otelcol_exporter_sent_spans ${sent}, none unreadable, all etcd`, () => {
        assert.deepEqual(dataset.badLines.slice(0, 3), []);
        assert.equal(dataset.spanCount, sent);
        assert.equal(sent, accepted);
        const notEtcd = [];
        for (let span = 0; span < dataset.spanCount; span++)
          if (dataset.kubernetes(span)?.component !== 'etcd') notEtcd.push(dataset.spanName(span));
        assert.deepEqual(notEtcd.slice(0, 5), []);
        // etcd 3.7's own spans (put, range, txn…) hang under its gRPC server spans: every parent arrived.
        assert.deepEqual(
          dataset.traces
            .filter((t) => t.hasOrphans)
            .map((t) => t.traceId)
            .slice(0, 3),
          [],
        );
        assert.ok(dataset.traces.length * 2 === dataset.spanCount, `${dataset.traces.length} traces, ${dataset.spanCount} spans`);
      });
    }

    it('rotation kept several backups (-size names) that the viewer finds as one family, group_by named the file after service.name', () => {
      const rotated = readdirSync(join(out, 'rotation')).filter((name) => /^traces-\d{4}-\d\d-\d\dT[\d-]+\.\d+-size\.jsonl$/.test(name));
      assert.ok(rotated.length >= 3, readdirSync(join(out, 'rotation')).join(', '));
      // The viewer opens the current file with its rotated siblings (client/src/traceViewer/rotation.ts).
      assert.deepEqual(familyOf('traces.jsonl', readdirSync(join(out, 'rotation'))), { current: 'traces.jsonl', rotated: rotated.sort() });
      assert.deepEqual(readdirSync(join(out, 'group-by')), ['etcd.jsonl']);
    });
  });
}

void (async () => {
  const out = mkdtempSync(join(tmpdir(), 'kube-tracing-pipeline-'));
  try {
    const { runPipeline, MODES } = (await import(RUNNER)) as PipelineModule;
    const result = await runPipeline(out, { rounds: ROUNDS, log: (line) => console.log(`  ${line}`) });
    console.log(`  pipeline: ${JSON.stringify(result.seconds)} s`);
    defineTests(out, result, MODES);
  } catch (error) {
    describe('real pipeline: etcd → Collector file exporter', () => {
      it('runs', () => {
        throw error;
      });
    });
  }
  run();
})();
