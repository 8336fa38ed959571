/**
 * A real pipeline, end to end (oracle/pipeline/run.mjs): two real API servers (k8s.io/sample-apiserver on the
 * generic API server of k8s.io/apiserver), one storing in a real etcd 3.7 and one in a real etcd 3.6, all with
 * tracing on → a real Collector whose contrib file exporter writes every mode users meet, and a second Collector
 * with the exporter.file.nativeCompression gate. Then the trace model reads each output directory: what it reads is
 * compared with the Collector's own count of spans sent by that exporter (otelcol_exporter_sent_spans), and the
 * JSON output with what the requests were (verbs, resources, apiserver → etcd links, where the time went).
 * The run happens before the tests are defined (mocha --delay) so that the counts are in the test names.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { familyOf } from '../../client/src/traceViewer/rotation';
import { readTraceFiles, type TraceDataset } from '../../common/src/trace/index';
import { apiserverTraceFacts, describeBreakdown } from '../support/apiserverTraces';

interface ProcessExit {
  code: number | null;
  signal: string | null;
}
interface Driven {
  counts: Record<string, number>;
  requests: number;
  watchEvents: number[];
}
interface PipelineResult {
  versions: { collector: string; etcd: string; etcd36: string; apiserver: string };
  requests: { etcd: number; apiserverOnEtcd37: Driven; apiserverOnEtcd36: Driven };
  accepted: number;
  sent: Record<string, number>;
  failed: number;
  exits: Record<string, ProcessExit>;
  seconds: { build: number; start: number; drive: number; total: number };
}
interface PipelineModule {
  runPipeline(out: string, options: { rounds: number; apiserverRounds: number; log: (line: string) => void }): Promise<PipelineResult>;
  MODES: Record<string, string>;
}

// A path TypeScript does not resolve: the runner is a plain .mjs oracle script.
const RUNNER = join(__dirname, '../../oracle/pipeline/run.mjs');
// 12 rounds of 3 workers per API server (~270 requests each) and 40 rounds of 4 workers straight to etcd 3.7
// (~700 requests): ~6,000 spans, ~4 MB of JSON, enough for 3 rotated backups at max_megabytes 1 and far fewer than
// max_backups 10, so no backup is deleted and every span sent is still on disk.
const ROUNDS = 40;
const APISERVER_ROUNDS = 12;

function readDirectory(dir: string): { dataset: TraceDataset; files: string[] } {
  const files = readdirSync(dir).sort();
  return { dataset: readTraceFiles(files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }))), files };
}

const sum = (counts: Record<string, number>, ...keys: string[]) => keys.reduce((n, k) => n + (counts[k] ?? 0), 0);

function defineTests(out: string, result: PipelineResult, modes: Record<string, string>): void {
  const { versions, requests, accepted } = result;
  const driven = [requests.apiserverOnEtcd37, requests.apiserverOnEtcd36];
  const apiRequests = driven[0]!.requests + driven[1]!.requests;
  const title =
    `real pipeline: sample-apiserver ${versions.apiserver} on etcd ${versions.etcd} and ${versions.etcd36} → Collector ` +
    `v${versions.collector} file exporter, ${apiRequests} API + ${requests.etcd} etcd requests, ${accepted} spans`;
  describe(title, () => {
    after(() => rmSync(out, { recursive: true, force: true }));

    it(`API servers exited 0 on SIGTERM, etcds stopped, both Collectors exited 0, no send failed (build ${result.seconds.build.toFixed(0)} s, start ${result.seconds.start.toFixed(0)} s, requests ${result.seconds.drive.toFixed(0)} s)`, () => {
      for (const [name, exit] of Object.entries(result.exits)) {
        if (name.startsWith('etcd')) assert.ok(exit.code === 0 || exit.signal === 'SIGTERM', `${name}: ${JSON.stringify(exit)}`);
        else assert.deepEqual(exit, { code: 0, signal: null }, name);
      }
      assert.equal(result.failed, 0);
      assert.ok(
        apiRequests >= 300 && accepted >= apiRequests + requests.etcd,
        `${apiRequests} + ${requests.etcd} requests, ${accepted} spans`,
      );
    });

    for (const [mode, exporter] of Object.entries(modes)) {
      const sent = result.sent[exporter];
      const { dataset, files } = readDirectory(join(out, mode));
      it(`${exporter}: reads all ${dataset.spanCount} spans of ${files.length} file(s) = otelcol_exporter_sent_spans ${sent}, none unreadable, each kube-apiserver or etcd, every parent present`, () => {
        assert.deepEqual(dataset.badLines.slice(0, 3), []);
        assert.equal(dataset.spanCount, sent);
        assert.equal(sent, accepted);
        const unrecognized = [];
        for (let span = 0; span < dataset.spanCount && unrecognized.length < 5; span++)
          if (!dataset.kubernetes(span)) unrecognized.push(`${dataset.spanService(span)}: ${dataset.spanName(span)}`);
        assert.deepEqual(unrecognized, []);
        // etcd's spans hang under the API servers' (and etcd 3.7's own under its gRPC spans): every parent arrived.
        const orphans = dataset.traces.filter((t) => t.hasOrphans).map((t) => `${t.traceId} ${t.rootName}`);
        assert.deepEqual(orphans.slice(0, 3), []);
      });
    }

    const { dataset } = readDirectory(join(out, 'json'));
    const facts = apiserverTraceFacts(dataset);
    const links = Object.entries(facts.linksByEtcd)
      .map(([etcd, n]) => `${n} to ${etcd}`)
      .join(', ');

    it(`apiserver → etcd parent links cross the two services: ${links}, each from a storage or handler span (the generic server's etcd client makes none: ${facts.etcdClientSpans} client spans)`, () => {
      // Every request that reaches etcd (create, get, update, patch, delete: a read, a txn or both) links at least once.
      const storageRequests = driven.map((d) => sum(d.counts, 'get', 'update', 'patch', 'delete'));
      assert.ok((facts.linksByEtcd[`etcd-${versions.etcd}`] ?? 0) >= storageRequests[0]!, links);
      assert.ok((facts.linksByEtcd[`etcd-${versions.etcd36}`] ?? 0) >= storageRequests[1]!, links);
      // k8s.io/apiserver's RecommendedOptions apply the etcd options before the tracing options, so the storage
      // transport keeps its no-op TracerProvider: the etcd client only propagates the context, and etcd's server
      // spans are children of the storage spans themselves (kube-apiserver wires its TracerProvider in; we do not).
      assert.equal(facts.etcdClientSpans, 0);
      const parents = Object.keys(facts.linkParents).map((p) => p.replace(/ \(kind \d\)$/, ''));
      assert.ok(
        parents.every((p) => p.endsWith(' etcd3') || p.startsWith('cacher.') || p === 'Delete'),
        parents.join(', '),
      );
      assert.ok(
        parents.includes('Create etcd3') && parents.includes('GuaranteedUpdate etcd3') && parents.includes('Get etcd3'),
        parents.join(', '),
      );
    });

    const sent = (verb: string) => sum(driven[0]!.counts, verb) + sum(driven[1]!.counts, verb);
    it(`verbs and resources of every request read: ${Object.entries(facts.requests)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}; ${facts.forbidden} refused by BanFlunder (403)`, () => {
      assert.deepEqual(facts.unreadRequests, []);
      assert.deepEqual(facts.verbMismatches, []);
      assert.deepEqual(facts.unreadRpc, []);
      // The driver's own requests, by verb; the API servers' loopback informers add lists and watches of fischers.
      assert.equal(sum(facts.requests, 'create flunders', 'create fischers'), sent('create'));
      assert.equal(sum(facts.requests, 'get flunders'), sent('get'));
      assert.equal(sum(facts.requests, 'update flunders'), sent('update'));
      assert.equal(sum(facts.requests, 'patch flunders'), sent('patch'));
      assert.equal(sum(facts.requests, 'delete flunders', 'delete fischers'), sent('delete'));
      assert.ok(sum(facts.requests, 'list flunders', 'list fischers') >= sent('list'));
      assert.ok(sum(facts.requests, 'watch flunders', 'watch fischers') >= sent('watch'));
      assert.ok(facts.forbidden > 0 && facts.forbidden < sent('create'), `${facts.forbidden} refused`);
    });

    const { plain, watch } = facts.breakdown;
    it(`breakdown: ${describeBreakdown(plain)}; watches: ${describeBreakdown(watch)}; ${facts.tracesWithDuplicates} traces with duplicate span IDs`, () => {
      assert.ok(plain.worstSumErrorNs < 1, `the parts add up to each request:\n${plain.worstSumErrorTree}`);
      assert.ok(watch.worstSumErrorNs < 1, `the parts add up to each watch:\n${watch.worstSumErrorTree}`);
      // Real time in storage/etcd and in serialization; filters only before their first child.
      assert.ok(plain.storageNs > 0.2 * plain.totalNs, describeBreakdown(plain));
      assert.ok(plain.serializationNs > 0, describeBreakdown(plain));
      assert.ok(plain.authorizationNs < plain.storageNs, describeBreakdown(plain));
      assert.equal(plain.watchNs, 0);
      // A watch is mostly the watch being served, not a filter.
      assert.ok(watch.requests >= 4 && watch.watchNs > 0.5 * watch.totalNs, describeBreakdown(watch));
    });

    it('rotation kept several backups (-size names) that the viewer finds as one family, group_by named the files after service.name', () => {
      const rotated = readdirSync(join(out, 'rotation')).filter((name) => /^traces-\d{4}-\d\d-\d\dT[\d-]+\.\d+-size\.jsonl$/.test(name));
      assert.ok(rotated.length >= 3, readdirSync(join(out, 'rotation')).join(', '));
      // The viewer opens the current file with its rotated siblings (client/src/traceViewer/rotation.ts).
      assert.deepEqual(familyOf('traces.jsonl', readdirSync(join(out, 'rotation'))), { current: 'traces.jsonl', rotated: rotated.sort() });
      assert.deepEqual(readdirSync(join(out, 'group-by')).sort(), ['apiserver.jsonl', 'etcd.jsonl']);
    });
  });
}

void (async () => {
  const out = mkdtempSync(join(tmpdir(), 'kube-tracing-pipeline-'));
  try {
    const { runPipeline, MODES } = (await import(RUNNER)) as PipelineModule;
    const result = await runPipeline(out, { rounds: ROUNDS, apiserverRounds: APISERVER_ROUNDS, log: (line) => console.log(`  ${line}`) });
    console.log(`  pipeline: ${JSON.stringify(result.seconds)} s`);
    defineTests(out, result, MODES);
  } catch (error) {
    describe('real pipeline: API servers and etcds → Collector file exporter', () => {
      it('runs', () => {
        throw error;
      });
    });
  }
  run();
})();
