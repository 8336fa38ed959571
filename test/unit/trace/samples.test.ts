/**
 * Every file in test/fixtures/samples opens with the right numbers of traces, spans, services and error
 * spans. Expected numbers come from two sources that do not use the model: the figures written in
 * samples/README.md, and a deliberately naive count over the raw JSON written below.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSample, SAMPLES } from './helpers';

interface NaiveCounts {
  traces: number;
  spans: number;
  services: number;
  errorSpans: number;
}

type J = any; // raw JSON walked without types on purpose: this is the independent reference

/** Parses a file the simplest way: the whole text, else one value per non-empty line. */
function jsonValues(path: string): J[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  try {
    return [JSON.parse(text)];
  } catch {
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  }
}

/** A naive count straight from the JSON, one loop per known shape. */
function naiveCount(path: string): NaiveCounts {
  const traces = new Set<string>();
  const services = new Set<string>();
  let spans = 0;
  let errorSpans = 0;
  const otlp = (resourceSpans: J[]) => {
    for (const rs of resourceSpans) {
      const service = (rs.resource?.attributes ?? []).find((a: J) => a.key === 'service.name')?.value?.stringValue ?? 'unknown_service';
      for (const ss of rs.scopeSpans ?? rs.scope_spans ?? rs.instrumentationLibrarySpans ?? []) {
        for (const s of ss.spans ?? []) {
          spans++;
          traces.add(String(s.traceId ?? s.trace_id ?? ''));
          services.add(service);
          if (s.status?.code === 2 || s.status?.code === 'STATUS_CODE_ERROR') errorSpans++;
        }
      }
    }
  };
  const jaeger = (trace: J) => {
    for (const s of trace.spans) {
      spans++;
      traces.add(s.traceID);
      services.add(s.process?.serviceName ?? trace.processes[s.processID].serviceName);
      if (s.tags.some((t: J) => (t.key === 'error' && t.value === true) || (t.key === 'otel.status_code' && t.value === 'ERROR')))
        errorSpans++;
    }
  };
  const zipkin = (list: J[]) => {
    for (const s of list) {
      spans++;
      traces.add(s.traceId);
      services.add(s.localEndpoint?.serviceName ?? 'unknown_service');
      if (s.tags && 'error' in s.tags) errorSpans++;
    }
  };
  for (const value of jsonValues(path)) {
    if (Array.isArray(value)) zipkin(value);
    else if (value.resourceSpans) otlp(value.resourceSpans);
    else if (value.result) otlp(value.result.resourceSpans);
    else if (value.data) value.data.forEach(jaeger);
    else if (value.spans) jaeger(value);
    else throw new Error(`naive counter: unknown shape in ${path}`);
  }
  return { traces: traces.size, spans, services: services.size, errorSpans };
}

const jsonSamples = ['otlp-json', 'jaeger-json', 'zipkin-v2']
  .flatMap((dir) => readdirSync(join(SAMPLES, dir)).map((f) => `${dir}/${f}`))
  .concat(['generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl']);

describe('trace samples: counts match a naive count of the raw JSON', () => {
  for (const file of jsonSamples) {
    it(file, () => {
      const dataset = readSample(file);
      assert.deepEqual(dataset.badLines, []);
      const { badLines, ...counts } = dataset.counts;
      assert.equal(badLines, 0);
      assert.deepEqual(counts, naiveCount(join(SAMPLES, file)));
    });
  }
});

describe('trace samples: figures stated in samples/README.md', () => {
  const expect = (file: string, figures: Partial<{ traces: number; spans: number; services: number; errorSpans: number }>) => {
    const counts = readSample(file).counts;
    for (const [key, value] of Object.entries(figures)) assert.equal(counts[key as keyof typeof counts], value, `${file}: ${key}`);
  };
  it('dotnet Collector file-exporter output: 186 spans, 2 traces, no root (all under synthetic roots)', () => {
    expect('otlp-json/dotnet-collector-fileexporter-otlp-traces.json', { spans: 186, traces: 2 });
    const dataset = readSample('otlp-json/dotnet-collector-fileexporter-otlp-traces.json');
    for (const trace of dataset.traces) {
      assert.ok(trace.hasOrphans);
      const tree = dataset.tree(trace.index);
      assert.equal(tree.spans.filter((s) => s === -1).length, 1, 'one synthetic root per trace');
      assert.equal(tree.spans.length, trace.spanCount + 1);
    }
  });
  it('multi-in: 4 lines make 1 trace', () => expect('otlp-json/jaeger-ui-otlp2jaeger-multi-in.jsonl', { traces: 1, spans: 4 }));
  it('pyprotobuf traces.jsonl: 8 services', () => expect('otlp-json/pyprotobuf-json_format-traces.jsonl', { services: 8 }));
  it('Jaeger genai trace: 57 spans, 10 processes', () =>
    expect('jaeger-json/jaeger-ui-genai-trace-bare.json', { spans: 57, services: 10, traces: 1 }));
  it('Zipkin SmartThings mobile-web-install: 1041 spans, 16 services, 2 error tags', () =>
    expect('zipkin-v2/zipkin-lens-smartthings-mobile-web-install.json', { spans: 1041, services: 16, errorSpans: 2 }));
  it('Zipkin SmartThings oauth: 175 spans, 8 services', () =>
    expect('zipkin-v2/zipkin-lens-smartthings-oauth-authorization.json', { spans: 175, services: 8 }));
  it('Zipkin kafka: 28 spans, 3 error tags', () => expect('zipkin-v2/zipkin-lens-messaging-kafka.json', { spans: 28, errorSpans: 3 }));
  it('Zipkin messaging2, yelp, skew, ascend, envoy span counts', () => {
    expect('zipkin-v2/zipkin-lens-messaging2.json', { spans: 11 });
    expect('zipkin-v2/zipkin-lens-yelp.json', { spans: 16, services: 6 });
    expect('zipkin-v2/zipkin-lens-skew.json', { spans: 4 });
    expect('zipkin-v2/zipkin-lens-ascend.json', { spans: 8 });
    expect('zipkin-v2/zipkin-lens-envoy.json', { spans: 1 });
  });
  for (const file of ['generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl', 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb']) {
    it(`${file}: 2009 spans, 52 traces, 22 error spans, 29 cross-trace links, 1348 events`, () => {
      const dataset = readSample(file);
      assert.deepEqual(dataset.counts, { traces: 52, spans: 2009, services: 4, errorSpans: 22, badLines: 0 });
      assert.deepEqual(dataset.services, ['apiserver', 'etcd', 'example-operator', 'policy-webhook']);
      assert.equal(
        dataset.traces.reduce((n, t) => n + t.crossTraceLinks, 0),
        29,
      );
      let events = 0;
      for (let s = 0; s < dataset.spanCount; s++) events += dataset.spanDetails(s).events.length;
      assert.equal(events, 1348);
    });
  }
});

describe('trace samples: protobuf files read the same as their JSON twins', () => {
  const pairs = [
    ['otlp-proto/pyprotobuf-TracesData-trace.pb', 'otlp-json/pyprotobuf-json_format-trace.json'],
    ['otlp-proto/pyprotobuf-TracesData-traces.pb', 'otlp-json/pyprotobuf-json_format-traces.jsonl'],
    ['generated/k8s-apiserver-etcd-like.jsonsdk.otlp.binpb', 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl'],
  ];
  for (const [proto, json] of pairs) {
    it(`${proto} = ${json}`, () => {
      const a = readSample(proto!);
      const b = readSample(json!);
      assert.deepEqual(a.counts, b.counts);
      assert.equal(a.spanCount, b.spanCount);
      for (let s = 0; s < a.spanCount; s++) {
        const { source: _a, ...left } = a.spanDetails(s);
        const { source: _b, ...right } = b.spanDetails(s);
        assert.deepEqual(left, right, `span ${s}`);
      }
    });
  }
});
