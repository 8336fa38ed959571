// Cuts demo/traces/apiserver-etcd.otlp.jsonl out of the generated sample
// (test/fixtures/samples/generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl, see its README): the whole of
// the first few traces (every span of each), one JSON line per original export batch, structure unchanged.
// Keeps the demo small (the sample is 1.5 MB) while showing several services, an error span and links.
//   node demo/make-demo-trace.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '../test/fixtures/samples/generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
const TRACES = 4;
const batches = readFileSync(source, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const spansOf = (batch) => batch.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));

// Prefer traces with an error span (status code 2) so the viewer has something to show, then the first ones.
const allSpans = batches.flatMap(spansOf);
const traceIds = [...new Set(allSpans.map((s) => s.traceId))];
const withError = new Set(allSpans.filter((s) => s.status?.code === 2).map((s) => s.traceId));
const chosen = new Set([...traceIds.filter((id) => withError.has(id)).slice(0, 2), ...traceIds.filter((id) => !withError.has(id))].slice(0, TRACES));

const lines = [];
for (const batch of batches) {
  const resourceSpans = batch.resourceSpans
    .map((r) => ({ ...r, scopeSpans: r.scopeSpans.map((s) => ({ ...s, spans: s.spans.filter((span) => chosen.has(span.traceId)) })).filter((s) => s.spans.length) }))
    .filter((r) => r.scopeSpans.length);
  if (resourceSpans.length) lines.push(JSON.stringify({ resourceSpans }));
}
const out = join(here, 'traces/apiserver-etcd.otlp.jsonl');
writeFileSync(out, lines.join('\n') + '\n');
const spans = lines.map((l) => spansOf(JSON.parse(l)).length).reduce((a, b) => a + b, 0);
console.log(`${out}: ${chosen.size} traces, ${spans} spans, ${lines.length} lines`);
