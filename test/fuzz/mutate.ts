/**
 * The seeded mutation fuzzer's inputs: a deterministic random source, byte- and token-level mutations of the
 * committed corpus (test/fuzz/corpus/), and the hostile forms issue 14 lists, generated rather than committed
 * (they are large): alias and merge-key bombs, 10 MB scalars, invalid UTF-8, lone surrogates, NUL, CRLF, tabs,
 * 10,000 documents, tags and merge keys, `1e999`, deep nesting; trace files with cycles, 1e6 children, a 1e6-deep
 * parent chain, truncated varints and lengths past the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

export interface Input {
  /** The file name the target sees (decides how the file is recognised). */
  name: string;
  bytes: Uint8Array;
  /** How the input was made, for the report and for regression files. */
  origin: string;
}

const CORPUS = join(__dirname, 'corpus');

export function corpus(kind: 'yaml' | 'trace'): Input[] {
  const dir = join(CORPUS, kind);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))), origin: `corpus/${kind}/${name}` }));
}

const encoder = new TextEncoder();
const text = (name: string, value: string, origin: string): Input => ({ name, bytes: encoder.encode(value), origin });

/** Tokens that matter to YAML, JSON and our rules, inserted by the token mutation. */
const TOKENS = [
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '<<: ',
  '!!binary ',
  '!!str ',
  '!custom ',
  '---\n',
  '...\n',
  '\t',
  '\r\n',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '1e999',
  '-1e999',
  '0x1F',
  '"',
  "'",
  ': ',
  '- ',
  '#',
  '|\n',
  '>-\n',
  '%YAML 1.2\n',
  '\uFEFF',
  '\u202E',
  '`',
  '[x](command:evil)',
  '<img src=x>',
  '--feature-gates=',
  'APIServerTracing=true,',
  '--tracing-config-file=',
  'kind: TracingConfiguration\n',
  'kind: Pod\n',
  ',',
  '=',
  '\\',
  '"traceId":"',
  '"spanId":"',
  '"parentSpanId":"',
  '{"arrayValue":{"values":[',
  '"resourceSpans":[',
  '99999999999999999999',
];

/** One mutated input from `base` (and maybe `other`, for splicing). */
export function mutate(base: Input, other: Input, random: Random): Input {
  let bytes = base.bytes;
  const steps: string[] = [];
  for (let n = 1 + random.int(4); n > 0; n--) {
    const at = random.int(bytes.length + 1);
    switch (random.int(8)) {
      case 0: {
        // flip bits of a few bytes (invalid UTF-8 appears here)
        bytes = bytes.slice();
        for (let k = 1 + random.int(4); k > 0 && bytes.length; k--) {
          const at = random.int(bytes.length);
          bytes[at] = bytes[at]! ^ (1 << random.int(8));
        }
        steps.push('flip');
        break;
      }
      case 1:
      case 2: {
        const token = encoder.encode(random.pick(TOKENS));
        bytes = concat(bytes.subarray(0, at), token, bytes.subarray(at));
        steps.push('token');
        break;
      }
      case 3: {
        const end = Math.min(bytes.length, at + 1 + random.int(64));
        bytes = concat(bytes.subarray(0, at), bytes.subarray(end));
        steps.push('delete');
        break;
      }
      case 4: {
        // repeat a slice many times: deep nesting, long lines, many documents
        const end = Math.min(bytes.length, at + 1 + random.int(16));
        const slice = bytes.subarray(at, end);
        const times = random.pick([2, 10, 300, 3000]);
        const parts: Uint8Array[] = [bytes.subarray(0, end)];
        for (let k = 0; k < times && slice.length * k < 1 << 20; k++) parts.push(slice);
        parts.push(bytes.subarray(end));
        bytes = concat(...parts);
        steps.push(`repeat×${times}`);
        break;
      }
      case 5: {
        const from = random.int(other.bytes.length + 1);
        bytes = concat(bytes.subarray(0, at), other.bytes.subarray(from, from + random.int(256)), bytes.subarray(at));
        steps.push('splice');
        break;
      }
      case 6: {
        bytes = bytes.subarray(0, at); // truncated
        steps.push('truncate');
        break;
      }
      default: {
        const value = [0, 0xff, 0x80, 0x7f, 0x0a, 0x0d, 0x09, 0x22][random.int(8)]!;
        bytes = concat(bytes.subarray(0, at), Uint8Array.of(value), bytes.subarray(at));
        steps.push('byte');
      }
    }
  }
  return { name: base.name, bytes, origin: `${base.origin} ${steps.join(',')}` };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The hostile YAML/JSON forms, each named for the report; `big` adds the ones that take seconds each. */
export function hostileYaml(big: boolean): Input[] {
  const config = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n';
  const bomb = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) bomb.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  const merge = ['m0: &m0 {endpoint: "a:1"}'];
  for (let i = 1; i < 12; i++) merge.push(`m${i}: &m${i} {<<: [${Array.from({ length: 9 }, () => `*m${i - 1}`).join(', ')}]}`);
  const inputs = [
    text('tracing-config.yaml', `${config}${bomb.join('\n')}\nendpoint: *a9\n`, 'alias bomb'),
    text('tracing-config.yaml', `${config}${merge.join('\n')}\n<<: *m11\n`, 'merge-key bomb'),
    {
      name: 'tracing-config.yaml',
      bytes: concat(encoder.encode(config + 'endpoint: "'), Uint8Array.of(0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80), encoder.encode('"\n')),
      origin: 'invalid UTF-8',
    },
    text('tracing-config.yaml', `${config}endpoint: "\uD800x\uDFFF"\nsamplingRatePerMillion: 1e999\n`, 'lone surrogates, 1e999'),
    text('tracing-config.yaml', `${config}endpoint: "a\u0000b"\n\u0000: x\n`, 'NUL'),
    text('tracing-config.yaml', `${config.replace(/\n/g, '\r\n')}\tendpoint: x\r\n`, 'CRLF and tabs'),
    text('tracing-config.yaml', `${config}endpoint: !!binary aGVsbG8=\nsamplingRatePerMillion: !!float 1e999\nx: !local {a: b}\n`, 'tags'),
    text(
      'tracing-config.yaml',
      Array.from({ length: 10000 }, () => `${config}samplingRatePerMillion: -1\n`).join('---\n'),
      '10,000 documents',
    ),
    text('tracing-config.json', '['.repeat(5000), '5,000 nested ['),
    text('tracing-config.yaml', `${config}endpoint: ${'{a: '.repeat(20000)}`, '20,000 nested flow maps'),
    text(
      'tracing-config.yaml',
      `${config}x:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`,
      '2,000-deep block mapping',
    ),
    text('tracing-config.yaml', `${config}x:\n${'- '.repeat(100000)}x\n`, '100,000 compact sequences'),
    text(
      'kube-apiserver.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - command:\n    - kube-apiserver\n    - --feature-gates=${Array.from({ length: 4000 }, (_, i) => `Gate${i}=true`).join(',')}\n    image: registry.k8s.io/kube-apiserver:v1.33.0\n    name: kube-apiserver\n`,
      '4,000 unknown gates',
    ),
  ];
  if (big)
    inputs.push(
      text('tracing-config.yaml', `${config}endpoint: "${'x'.repeat(10 << 20)}"\n`, '10 MB scalar'),
      text('tracing-config.yaml', `${config}endpoint: ${'x'.repeat(3 << 20)}\n`, '3 MB plain scalar'),
    );
  return inputs;
}

/** The hostile trace forms. `big` adds 1e6 children and a 1e6-deep parent chain (about 150 MB each). */
export function hostileTraces(big: boolean): Input[] {
  const id = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const span = (i: number, parent: number | undefined) =>
    `{"traceId":"${id(1, 32)}","spanId":"${id(i, 16)}"${parent === undefined ? '' : `,"parentSpanId":"${id(parent, 16)}"`},"name":"s","startTimeUnixNano":"${1e18 + i}","endTimeUnixNano":"${2e18 - i}"}`;
  const line = (spans: string[]) => `{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[${spans.join(',')}]}]}]}\n`;
  const count = big ? 1_000_000 : 20_000;
  const varint = (n: number) => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  return [
    text('cycle.otlp.jsonl', line(Array.from({ length: 1000 }, (_, i) => span(i + 1, ((i + 1) % 1000) + 1))), 'a 1,000-span cycle'),
    text('self-parent.otlp.jsonl', line([span(1, 1)]), 'a span that is its own parent'),
    text(
      'children.otlp.jsonl',
      line(Array.from({ length: count }, (_, i) => span(i + 1, i === 0 ? undefined : 1))),
      `${count} children of one span`,
    ),
    text(
      'chain.otlp.jsonl',
      line(Array.from({ length: count }, (_, i) => span(i + 1, i === 0 ? undefined : i))),
      `a ${count}-deep parent chain`,
    ),
    { name: 'truncated.otlp.pb', bytes: Uint8Array.of(0x0a, 0xff, 0xff, 0xff), origin: 'truncated varint' },
    { name: 'past-end.otlp.pb', bytes: Uint8Array.of(0x0a, 0x7f, 0x12, 0x05, 0x0a), origin: 'length past the end' },
    { name: 'framed.otlp.pb', bytes: Uint8Array.of(0x00, 0x00, 0x10, 0x00, 0x0a, 0x02), origin: 'frame length past the end' },
    { name: 'varint.otlp.pb', bytes: Uint8Array.of(0x0a, ...varint(2 ** 40)), origin: 'a 2^40 length' },
    text('deep.otlp.jsonl', `${'['.repeat(100000)}\n`, '100,000 nested ['),
    text('long-line.otlp.jsonl', `{"resourceSpans":[{"x":"${'x'.repeat(big ? 100 << 20 : 4 << 20)}"}]}\n`, `a ${big ? 100 : 4} MB line`),
  ];
}
