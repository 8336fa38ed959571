/** The parser checklist of trace-formats.md §0, one case per item, on small hand-written inputs. */
import { strict as assert } from 'node:assert';
import { SpanKind, StatusCode } from '../../../common/src/trace/index';
import { fromText, id, otlpLine, span, TRACE_A, TRACE_B } from './helpers';

const one = (extra: object = {}) => otlpLine('svc', [span(TRACE_A, id(1), '', 'root', 0, 10, extra)]);

describe('trace formats: containers and framing', () => {
  it('reads JSON lines, skipping empty and whitespace-only lines, with CRLF endings', () => {
    const text = `${one()}\r\n\r\n   \n${otlpLine('svc', [span(TRACE_A, id(2), id(1), 'child', 1, 2)])}\r\n`;
    const dataset = fromText(text);
    assert.deepEqual(dataset.badLines, []);
    assert.equal(dataset.spanCount, 2);
  });

  it('reads a file with a UTF-8 BOM and no final newline', () => {
    const dataset = fromText(`\uFEFF${one()}\n${otlpLine('svc', [span(TRACE_A, id(2), id(1), 'child', 1, 2)])}`);
    assert.deepEqual(dataset.badLines, []);
    assert.equal(dataset.spanCount, 2);
  });

  it('reads one pretty-printed document and reports its line', () => {
    const dataset = fromText(JSON.stringify(JSON.parse(one()), null, 2), 'pretty.json');
    assert.deepEqual(dataset.badLines, []);
    assert.equal(dataset.spanCount, 1);
    assert.deepEqual(dataset.spanDetails(0).source, { file: 'pretty.json', line: 1 });
  });

  it('reads a JSON array of OTLP objects (pretty-printed too)', () => {
    const array = `[\n${one()},\n${otlpLine('other', [span(TRACE_B, id(3), '', 'x', 0, 1)])}\n]`;
    const dataset = fromText(array);
    assert.deepEqual(dataset.badLines, []);
    assert.deepEqual(dataset.services, ['other', 'svc']);
  });

  it('reports a bad line with its number and reason, and loads every other line', () => {
    const text = [
      one(),
      '{"resourceSpans": [ broken',
      '',
      '{"hello": 1}',
      '{"resourceSpans": 5}',
      otlpLine('svc', [span(TRACE_A, id(2), id(1), 'child', 1, 2)]),
    ].join('\n');
    const dataset = fromText(text, 'bad.jsonl');
    assert.equal(dataset.spanCount, 2);
    assert.deepEqual(
      dataset.badLines.map((b) => [b.file, b.line]),
      [
        ['bad.jsonl', 2],
        ['bad.jsonl', 4],
        ['bad.jsonl', 5],
      ],
    );
    assert.match(dataset.badLines[0]!.reason, /^invalid JSON: /);
    assert.match(dataset.badLines[1]!.reason, /not trace data: expected resourceSpans .* found keys hello/);
    assert.equal(dataset.badLines[2]!.reason, 'resourceSpans is not an array');
  });

  it('a broken first line does not turn the rest of a JSONL file into one failed document', () => {
    const text = [one().slice(0, 90), one(), otlpLine('svc', [span(TRACE_A, id(2), id(1), 'child', 1, 2)])].join('\n');
    const dataset = fromText(text);
    assert.equal(dataset.spanCount, 2);
    assert.deepEqual(
      dataset.badLines.map((b) => b.line),
      [1],
    );
  });

  it('a pretty-printed document that is broken is read line by line, so whole-line records still load', () => {
    const text = ['[', one() + ',,', one(), ']'].join('\n');
    const dataset = fromText(text);
    assert.equal(dataset.spanCount, 1, 'line 3 is a record on its own');
    assert.deepEqual(
      dataset.badLines.map((b) => b.line),
      [1, 2, 4],
    );
  });

  it('a record that fails half-way leaves none of its spans behind', () => {
    const spans = [span(TRACE_A, id(1), '', 'first', 0, 1), { ...span(TRACE_A, id(2), '', 'x', 0, 1), startTimeUnixNano: 1e300 }];
    const dataset = fromText([JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }), one()].join('\n'));
    assert.equal(dataset.spanCount, 1);
    assert.equal(dataset.spanName(0), 'root');
    assert.equal(dataset.traces[0]!.spanCount, 1);
    assert.deepEqual(dataset.badLines, [
      { file: 'test.jsonl', line: 1, reason: 'a 64-bit integer field holds a JSON number that is not an exact integer (beyond 2^53)' },
    ]);
  });
});

describe('trace formats: keys and values', () => {
  it('accepts snake_case keys', () => {
    const line = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'snake' } }] },
          scope_spans: [
            {
              scope: { name: 's' },
              spans: [
                {
                  trace_id: TRACE_A,
                  span_id: id(1),
                  parent_span_id: '',
                  name: 'n',
                  start_time_unix_nano: '1000',
                  end_time_unix_nano: '3000',
                  dropped_attributes_count: 2,
                },
              ],
            },
          ],
        },
      ],
    });
    const details = fromText(line).spanDetails(0);
    assert.equal(details.service, 'snake');
    assert.equal(details.durationNs, 2000);
    assert.equal(details.droppedAttributesCount, 2);
  });

  it('reads legacy instrumentationLibrarySpans only when scopeSpans is absent', () => {
    const legacy = JSON.stringify({
      resourceSpans: [
        {
          resource: {},
          instrumentationLibrarySpans: [
            { instrumentationLibrary: { name: 'old-lib', version: '0.1' }, spans: [span(TRACE_A, id(1), '', 'n', 0, 1)] },
          ],
        },
      ],
    });
    assert.deepEqual(fromText(legacy).spanDetails(0).scope, { name: 'old-lib', version: '0.1', attributes: [], schemaUrl: '' });
    const both = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [{ spans: [span(TRACE_A, id(1), '', 'new', 0, 1)] }],
          instrumentationLibrarySpans: [{ spans: [span(TRACE_A, id(2), '', 'old', 0, 1)] }],
        },
      ],
    });
    const dataset = fromText(both);
    assert.equal(dataset.spanCount, 1);
    assert.equal(dataset.spanName(0), 'new');
    assert.equal(dataset.spanService(0), 'unknown_service');
  });

  it('normalises hex IDs of any case, base64 IDs, and treats empty or all-zero IDs as none', () => {
    const dataset = fromText(
      otlpLine('svc', [
        span(TRACE_A.toUpperCase(), 'EEE19B7EC3C1B174', '', 'upper', 0, 1),
        // base64 of the same trace ID bytes and of span ID 0x0102030405060708
        span(
          Buffer.from(TRACE_A, 'hex').toString('base64'),
          Buffer.from('0102030405060708', 'hex').toString('base64'),
          'eee19b7ec3c1b174',
          'b64',
          0,
          1,
        ),
        span(TRACE_A, '0000000000000000', '', 'zero', 0, 1),
      ]),
    );
    assert.equal(dataset.traceCount, 1);
    assert.equal(dataset.spanDetails(0).traceId, TRACE_A);
    assert.equal(dataset.spanDetails(0).spanId, 'eee19b7ec3c1b174');
    assert.equal(dataset.spanDetails(1).spanId, '0102030405060708');
    assert.equal(dataset.spanParent(1), 0, 'base64 span finds its hex parent');
    assert.equal(dataset.spanDetails(2).spanId, '');
  });

  it('keeps 64-bit nanosecond times exact, as strings or as bare JSON numbers above 2^53', () => {
    const text = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${TRACE_A}","spanId":"${id(1)}","name":"n","startTimeUnixNano":1700000000123456789,"endTimeUnixNano":"1700000000123457001","events":[{"timeUnixNano":1700000000123456999,"name":"e"}],"attributes":[{"key":"big","value":{"intValue":9007199254740993}},{"key":"neg","value":{"intValue":"-9223372036854775808"}},{"key":"small","value":{"intValue":"42"}}]}]}]}]}`;
    const details = fromText(text).spanDetails(0);
    assert.equal(details.startNs, '1700000000123456789');
    assert.equal(details.startNsBig, 1700000000123456789n);
    assert.equal(details.endNs, '1700000000123457001');
    assert.equal(details.durationNs, 212);
    assert.equal(details.events[0]!.timeNs, '1700000000123456999');
    assert.equal(details.events[0]!.offsetNs, 210);
    assert.deepEqual(details.attributes, [
      { key: 'big', value: { int: '9007199254740993' } },
      { key: 'neg', value: { int: '-9223372036854775808' } },
      { key: 'small', value: 42 },
    ]);
  });

  it('reads integer and named enums for kind and status code', () => {
    const dataset = fromText(
      otlpLine('svc', [
        span(TRACE_A, id(1), '', 'a', 0, 1, { kind: 2, status: { code: 2, message: 'boom' } }),
        span(TRACE_A, id(2), '', 'b', 0, 1, { kind: 'SPAN_KIND_CLIENT', status: { code: 'STATUS_CODE_ERROR' } }),
        span(TRACE_A, id(3), '', 'c', 0, 1, { kind: 'SPAN_KIND_CONSUMER', status: { code: 'STATUS_CODE_OK' } }),
        span(TRACE_A, id(4), '', 'd', 0, 1, { status: {} }),
        span(TRACE_A, id(5), '', 'e', 0, 1),
      ]),
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((s) => dataset.spanKind(s)),
      [SpanKind.Server, SpanKind.Client, SpanKind.Consumer, SpanKind.Unspecified, SpanKind.Unspecified],
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((s) => dataset.spanStatus(s)),
      [StatusCode.Error, StatusCode.Error, StatusCode.Ok, StatusCode.Unset, StatusCode.Unset],
    );
    assert.equal(dataset.spanDetails(0).status.message, 'boom');
    assert.equal(dataset.counts.errorSpans, 2);
  });

  it('decodes every AnyValue shape', () => {
    const attributes = [
      { key: 's', value: { stringValue: 'text' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'i', value: { intValue: 7 } },
      { key: 'is', value: { intValue: '8' } },
      { key: 'd', value: { doubleValue: 1.5 } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'inf', value: { doubleValue: 'Infinity' } },
      { key: 'ninf', value: { doubleValue: '-Infinity' } },
      { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: '1' }, {}] } } },
      { key: 'kv', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } } },
      { key: 'bytes', value: { bytesValue: 'AQID' } },
      { key: 'empty', value: {} },
      { key: 'emptyArray', value: { arrayValue: {} } },
    ];
    const values = fromText(one({ attributes }))
      .spanDetails(0)
      .attributes.map((a) => a.value);
    assert.deepEqual(values.slice(0, 5), ['text', true, 7, 8, 1.5]);
    assert.ok(Number.isNaN(values[5]));
    assert.deepEqual(values.slice(6), [
      Infinity,
      -Infinity,
      ['x', 1, null],
      { kvlist: [{ key: 'k', value: false }] },
      { bytes: 'AQID' },
      null,
      [],
    ]);
  });

  it('keeps every number exactly as written (small, negative, 32-bit edge, fractional, huge)', () => {
    const numbers = [0, 7, -5, 4294967295, 4294967296, 0.5, 1e300, -1.25e-7];
    const attributes = numbers.map((n, i) => ({ key: `n${i}`, value: { doubleValue: n } }));
    const values = fromText(one({ attributes }))
      .spanDetails(0)
      .attributes.map((a) => a.value);
    assert.equal(values.length, numbers.length);
    numbers.forEach((n, i) => assert.ok(Object.is(values[i], n), `${n} read as ${String(values[i])}`));
  });

  it('reads events, links, status, flags, trace state and dropped counts', () => {
    const dataset = fromText(
      [
        one({
          traceState: 'rojo=00f067aa0ba902b7',
          flags: 769,
          events: [
            {
              timeUnixNano: '1700000000005000000',
              name: 'ev',
              attributes: [{ key: 'k', value: { stringValue: 'v' } }],
              droppedAttributesCount: 3,
            },
          ],
          droppedEventsCount: 4,
          droppedLinksCount: 5,
          droppedAttributesCount: 6,
          links: [
            {
              traceId: TRACE_B,
              spanId: id(9),
              traceState: 'x=1',
              attributes: [{ key: 'l', value: { intValue: '1' } }],
              droppedAttributesCount: 1,
              flags: 257,
            },
            { traceId: TRACE_A.toUpperCase(), spanId: id(1) },
            { traceId: TRACE_B, spanId: id(404) },
          ],
          status: { code: 1, message: 'fine' },
        }),
        otlpLine('other', [span(TRACE_B, id(9), '', 'target', 0, 1)]),
      ].join('\n'),
    );
    const details = dataset.spanDetails(0);
    assert.equal(details.traceState, 'rojo=00f067aa0ba902b7');
    assert.equal(details.flags, 769);
    assert.deepEqual([details.droppedAttributesCount, details.droppedEventsCount, details.droppedLinksCount], [6, 4, 5]);
    assert.deepEqual(details.status, { code: StatusCode.Ok, message: 'fine' });
    assert.deepEqual(details.events, [
      { name: 'ev', timeNs: '1700000000005000000', offsetNs: 5_000_000, attributes: [{ key: 'k', value: 'v' }], droppedAttributesCount: 3 },
    ]);
    assert.deepEqual(details.links[0], {
      traceId: TRACE_B,
      spanId: id(9),
      traceState: 'x=1',
      attributes: [{ key: 'l', value: 1 }],
      droppedAttributesCount: 1,
      flags: 257,
      linkedSpanIndex: 1,
      crossTrace: true,
    });
    assert.equal(details.links[1]!.linkedSpanIndex, 0);
    assert.equal(details.links[1]!.crossTrace, false);
    assert.equal(details.links[2]!.linkedSpanIndex, -1);
    assert.equal(dataset.trace(0).crossTraceLinks, 2);
  });

  it('unwraps {"result": …} (Jaeger api_v3) and {"batches": …} (Tempo)', () => {
    const inner = JSON.parse(one());
    assert.equal(fromText(JSON.stringify({ result: inner })).spanCount, 1);
    assert.equal(fromText(JSON.stringify({ batches: inner.resourceSpans })).spanCount, 1);
  });

  it('ignores unknown keys (the spec says MUST)', () => {
    const dataset = fromText(
      JSON.stringify({
        resourceSpans: [
          {
            resource: { entityRefs: [{}] },
            future: 1,
            scopeSpans: [{ spans: [{ ...span(TRACE_A, id(1), '', 'n', 0, 1), newField: { a: 1 } }] }],
          },
        ],
        extra: true,
      }),
    );
    assert.deepEqual(dataset.badLines, []);
    assert.equal(dataset.spanCount, 1);
  });
});

describe('trace formats: Jaeger JSON', () => {
  const trace = {
    traceID: '00000000000000a1',
    spans: [
      {
        traceID: '00000000000000a1',
        spanID: '0000000000000001',
        operationName: 'root',
        references: [],
        startTime: 1485467191639875,
        duration: 100,
        tags: [
          { key: 'span.kind', type: 'string', value: 'server' },
          { key: 'big', type: 'int64', value: '9223372036854775807' },
          { key: 'bin', type: 'binary', value: 'AQI=' },
          { key: 'f', type: 'float64', value: 0.5 },
        ],
        logs: [
          {
            timestamp: 1485467191639880,
            fields: [
              { key: 'event', type: 'string', value: 'hello' },
              { key: 'n', type: 'int64', value: 3 },
            ],
          },
        ],
        processID: 'p1',
      },
      {
        traceID: '00000000000000a1',
        spanID: '0000000000000002',
        operationName: 'child',
        references: [
          { refType: 'CHILD_OF', traceID: '00000000000000a1', spanID: '0000000000000001' },
          { refType: 'FOLLOWS_FROM', traceID: '00000000000000a1', spanID: '0000000000000003' },
        ],
        startTime: 1485467191639876,
        duration: 10,
        tags: [{ key: 'error', type: 'bool', value: true }],
        processID: 'p2',
      },
      {
        traceID: '00000000000000a1',
        spanID: '0000000000000003',
        parentSpanID: '0000000000000001',
        operationName: 'deprecated-parent',
        startTime: 1485467191639877,
        duration: 1,
        tags: [],
        process: { serviceName: 'embedded', tags: [] },
      },
    ],
    processes: {
      p1: { serviceName: 'frontend', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] },
      p2: { serviceName: 'backend', tags: [] },
    },
  };

  it('reads the API envelope, the download file and a bare trace alike', () => {
    for (const value of [{ data: [trace], total: 1, limit: 0, offset: 0, errors: null }, { data: [trace] }, trace]) {
      const dataset = fromText(JSON.stringify(value), 'jaeger.json');
      assert.deepEqual(dataset.counts, { traces: 1, spans: 3, services: 3, errorSpans: 1, badLines: 0 });
    }
  });

  it('converts µs to exact ns, pads 64-bit trace IDs, keeps int64 strings and binary, finds parents', () => {
    const dataset = fromText(JSON.stringify(trace));
    const root = dataset.spanDetails(0);
    assert.equal(root.traceId, '000000000000000000000000000000a1');
    assert.equal(root.startNs, '1485467191639875000');
    assert.equal(root.durationNs, 100_000);
    assert.equal(root.kind, SpanKind.Server);
    assert.deepEqual(root.attributes.find((a) => a.key === 'big')?.value, { int: '9223372036854775807' });
    assert.deepEqual(root.attributes.find((a) => a.key === 'bin')?.value, { bytes: 'AQI=' });
    assert.deepEqual(root.resource.attributes, [
      { key: 'service.name', value: 'frontend' },
      { key: 'hostname', value: 'h1' },
    ]);
    assert.deepEqual(root.events, [
      { name: 'hello', timeNs: '1485467191639880000', offsetNs: 5000, attributes: [{ key: 'n', value: 3 }], droppedAttributesCount: 0 },
    ]);
    assert.equal(dataset.spanParent(1), 0, 'CHILD_OF reference');
    assert.equal(dataset.spanParent(2), 0, 'deprecated parentSpanID');
    assert.equal(dataset.spanService(2), 'embedded');
    const link = dataset.spanDetails(1).links[0]!;
    assert.equal(link.type, 'FOLLOWS_FROM');
    assert.equal(link.linkedSpanIndex, 2);
  });
});

describe('trace formats: Zipkin v2', () => {
  const spans = [
    {
      traceId: 'a1',
      id: '0000000000000001',
      name: 'get',
      kind: 'CLIENT',
      timestamp: 1000,
      duration: 500,
      localEndpoint: { serviceName: 'front' },
    },
    {
      traceId: 'a1',
      id: '0000000000000001',
      name: 'get',
      kind: 'SERVER',
      timestamp: 1100,
      duration: 300,
      localEndpoint: { serviceName: 'back' },
      shared: true,
    },
    {
      traceId: 'a1',
      id: '0000000000000002',
      parentId: '0000000000000001',
      name: 'db',
      timestamp: 1150,
      duration: 100,
      localEndpoint: { serviceName: 'back' },
      tags: { error: 'timeout' },
    },
    { traceId: 'a1', id: '0000000000000003', parentId: '0000000000000001', name: 'late', localEndpoint: { serviceName: 'back' } },
  ];

  it('reads an array of spans and an array of arrays', () => {
    assert.equal(fromText(JSON.stringify(spans)).spanCount, 4);
    const many = fromText(JSON.stringify([spans, [{ ...spans[0], traceId: 'b2' }]]));
    assert.deepEqual([many.spanCount, many.traceCount], [5, 2]);
  });

  it('puts the shared server half under the client half and children under the server half', () => {
    const dataset = fromText(JSON.stringify(spans));
    assert.equal(dataset.spanParent(1), 0);
    assert.equal(dataset.spanParent(2), 1);
    assert.equal(dataset.spanMarks(0).duplicate, false, 'client/server halves are not duplicates');
    assert.equal(dataset.spanStatus(2), StatusCode.Error);
    assert.equal(dataset.spanDetails(2).status.message, 'timeout');
  });

  it('shows a span without timestamp at its parent start and says so', () => {
    const dataset = fromText(JSON.stringify(spans));
    const marks = dataset.spanMarks(3);
    assert.ok(marks.noTimestamp && marks.noDuration);
    const tree = dataset.tree(0);
    const row = dataset.rowOf(3);
    assert.equal(tree.startOffsets[row], tree.startOffsets[tree.parentRows[row]!]);
    assert.ok(dataset.spanDetails(3).problems.some((p) => p.includes('no timestamp')));
  });
});
