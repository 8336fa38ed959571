/** Resource and scope entries the format readers add to the span store: shared, not one per span. */
import { strict as assert } from 'node:assert';
import { readJsonValue } from '../../../common/src/trace/formats/dispatch';
import { SpanStore } from '../../../common/src/trace/spanStore';
import { fromText, sampleBytes } from './helpers';

const jaegerSpan = (spanID: string, tags: object[]) => ({
  traceID: '00000000000000a1',
  spanID,
  operationName: `op${spanID}`,
  startTime: 1485467191639875,
  duration: 1,
  tags,
  processID: 'p1',
});
const scopeTags = (name: string, version: string) => [
  { key: 'otel.scope.name', type: 'string', value: name },
  { key: 'otel.scope.version', type: 'string', value: version },
];

describe('trace formats: Jaeger scopes', () => {
  it('the 57 spans of jaeger-ui-genai-trace-bare.json (no otel.scope tags) share one scope entry', () => {
    const store = new SpanStore();
    readJsonValue(JSON.parse(new TextDecoder().decode(sampleBytes('jaeger-json/jaeger-ui-genai-trace-bare.json'))), {
      store,
      file: 0,
      line: 1,
    });
    assert.equal(store.spanCount, 57);
    assert.equal(store.scopes.length, 1);
  });

  it('one scope entry per name and version, and each span still shows its own', () => {
    const trace = {
      traceID: '00000000000000a1',
      spans: [
        jaegerSpan('0000000000000001', scopeTags('lib', '1')),
        jaegerSpan('0000000000000002', scopeTags('lib', '2')),
        jaegerSpan('0000000000000003', scopeTags('lib', '1')),
        jaegerSpan('0000000000000004', [{ key: 'otel.library.name', type: 'string', value: 'old' }]),
        jaegerSpan('0000000000000005', scopeTags('lib1', '')),
        jaegerSpan('0000000000000006', scopeTags('lib', '1')),
      ],
      processes: { p1: { serviceName: 'svc', tags: [] } },
    };
    const store = new SpanStore();
    readJsonValue(trace, { store, file: 0, line: 1 });
    assert.equal(store.scopes.length, 4, 'lib@1, lib@2, old@, lib1@');
    const dataset = fromText(JSON.stringify(trace), 'jaeger.json');
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((s) => `${dataset.spanDetails(s).scope.name}@${dataset.spanDetails(s).scope.version}`),
      ['lib@1', 'lib@2', 'lib@1', 'old@', 'lib1@', 'lib@1'],
    );
  });
});

describe('trace formats: one service-name rule for every format (missing or empty service.name → unknown_service)', () => {
  const jaeger = (process: object) =>
    JSON.stringify({ traceID: '00000000000000a1', spans: [jaegerSpan('0000000000000001', [])], processes: { p1: process } });
  const zipkin = (localEndpoint: object) =>
    JSON.stringify([{ traceId: '00000000000000a1', id: '0000000000000001', name: 'n', timestamp: 1, duration: 1, localEndpoint }]);
  const otlp = (attributes: object[]) =>
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: '0000000000000001',
                  name: 'n',
                  startTimeUnixNano: '1',
                  endTimeUnixNano: '2',
                },
              ],
            },
          ],
        },
      ],
    });
  const service = (text: string) => fromText(text, 'f.json').spanService(0);

  it('Jaeger: a named process keeps its name; an empty or missing serviceName is unknown_service', () => {
    assert.equal(service(jaeger({ serviceName: 'frontend', tags: [] })), 'frontend');
    assert.equal(service(jaeger({ serviceName: '', tags: [] })), 'unknown_service', 'was "" before the rule moved to the store');
    assert.equal(service(jaeger({ tags: [] })), 'unknown_service');
    assert.deepEqual(
      fromText(jaeger({ serviceName: '', tags: [] }), 'f.json').spanDetails(0).resource.attributes,
      [{ key: 'service.name', value: '' }],
      'the attribute shows the file',
    );
  });

  it('Zipkin and OTLP: the same rule', () => {
    assert.equal(service(zipkin({ serviceName: 'api' })), 'api');
    assert.equal(service(zipkin({ serviceName: '' })), 'unknown_service');
    assert.equal(service(zipkin({})), 'unknown_service');
    assert.equal(service(otlp([{ key: 'service.name', value: { stringValue: 'api' } }])), 'api');
    assert.equal(service(otlp([{ key: 'service.name', value: { stringValue: '' } }])), 'unknown_service');
    assert.equal(service(otlp([{ key: 'service.name', value: { intValue: '3' } }])), 'unknown_service');
    assert.equal(service(otlp([])), 'unknown_service');
  });
});
