/** Export of a trace as OTLP/JSON: what is exported reads back as the same spans, for every sample format. */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { traceToOtlpJson } from '../../../common/src/trace/exportOtlp';
import type { SpanDetails, TraceDataset } from '../../../common/src/trace/index';
import { fromText, readSample } from './helpers';

const SAMPLES = join(__dirname, '../../fixtures/samples');
// Every file below the sample folders (collector-file-exporter/ has a folder per exporter mode).
const samples = readdirSync(SAMPLES, { withFileTypes: true, recursive: true })
  .filter((entry) => entry.isFile() && entry.parentPath !== SAMPLES)
  .map((entry) => relative(SAMPLES, join(entry.parentPath, entry.name)));

/** What must survive an export: everything a user sees of a span except where it was read from. */
function comparable(details: SpanDetails): object {
  // Numbers are compared as the model keeps them (an integral double reads back as an int: documented loss).
  return {
    traceId: details.traceId,
    spanId: details.spanId,
    parentSpanId: details.parentSpanId,
    traceState: details.traceState,
    name: details.name,
    service: details.service,
    kind: details.kind,
    flags: details.flags,
    // A span without a timestamp (Zipkin allows it) has none in OTLP either, which reads back as time 0.
    startNs: details.startNs || '0',
    endNs: details.endNs || '0',
    status: details.status,
    attributes: details.attributes,
    resource: details.resource.attributes,
    scope: [details.scope.name, details.scope.version, details.scope.attributes],
    events: details.events.map((e) => [e.name, e.timeNs, e.attributes, e.droppedAttributesCount]),
    links: details.links.map((l) => [l.traceId, l.spanId, l.traceState, l.attributes, l.flags]),
    dropped: [details.droppedAttributesCount, details.droppedEventsCount, details.droppedLinksCount],
  };
}

function spansOf(dataset: TraceDataset, traceIndex: number): object[] {
  const spans = [...dataset.tree(traceIndex).spans].filter((span) => span >= 0);
  return spans.map((span) => comparable(dataset.spanDetails(span))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('export a trace as OTLP/JSON', () => {
  for (const sample of samples.filter((name) => !name.endsWith('README.md'))) {
    it(`every trace of ${sample} reads back as the same spans`, () => {
      const dataset = readSample(sample);
      assert.ok(dataset.traces.length > 0);
      for (const trace of dataset.traces.slice(0, 60)) {
        const line = traceToOtlpJson(dataset, trace.index);
        assert.ok(!line.includes('\n'), 'one line, as the file exporter writes');
        const again = fromText(`${line}\n`, 'exported.otlp.jsonl');
        assert.equal(again.badLines.length, 0, `the export reads without errors: ${JSON.stringify(again.badLines)}`);
        assert.equal(again.traces.length, 1);
        assert.deepEqual(spansOf(again, 0), spansOf(dataset, trace.index), `trace ${trace.traceId}`);
      }
    });
  }

  it('exports only the spans a filter keeps (the search result), grouped by resource', () => {
    const dataset = readSample('generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    const trace = dataset.traces.find((t) => t.services.length >= 2)!;
    const kept = (span: number) => dataset.spanService(span) === trace.services[0];
    const exported = JSON.parse(traceToOtlpJson(dataset, trace.index, kept)) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
    const expected = [...dataset.tree(trace.index).spans].filter((s) => s >= 0 && kept(s)).length;
    const written = exported.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).length;
    assert.equal(written, expected);
    assert.ok(expected > 0 && expected < trace.spanCount);
    assert.equal(exported.resourceSpans.length, 1, 'one service, one resource');
  });
});
