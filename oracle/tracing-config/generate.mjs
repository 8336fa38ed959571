// The TracingConfiguration documents the oracle judges: seeded and deterministic (same seed, same documents),
// so the committed vectors can be re-derived. Three sources:
// - systematic: a valid document with one field changed to each variant, in YAML block, YAML flow and JSON form;
// - random: combinations of every field's variants, unknown and duplicate keys, shuffled key order;
// - special: whole-file shapes (empty, scalar, list, broken YAML, several documents).
// Inputs taken from the unit tests are added by oracle.mjs (test-inputs.mjs).

/** mulberry32: a small seeded PRNG, enough to pick variants reproducibly. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value written both ways: `yaml` raw YAML text, `json` raw JSON text (null: no JSON form). */
const v = (yaml, json = yaml) => ({ yaml, json });
const str = (s) => ({ yaml: JSON.stringify(s), json: JSON.stringify(s) });
/** A string written plain in YAML (as people do) and quoted in JSON. */
const plain = (s) => ({ yaml: s, json: JSON.stringify(s) });

const GROUP = 'apiserver.config.k8s.io';

export const API_VERSIONS = [
  plain(`${GROUP}/v1alpha1`),
  plain(`${GROUP}/v1beta1`),
  plain(`${GROUP}/v1`),
  plain(`${GROUP}/v2`),
  plain(`${GROUP}/v1alpha2`),
  plain('apiserver.k8s.io/v1alpha1'),
  plain('apiserver.k8s.io/v1'),
  plain(GROUP),
  plain('v1beta1'),
  plain('v1'),
  str(''),
  plain('Apiserver.config.k8s.io/v1'),
  plain(`${GROUP}/V1`),
  plain(`${GROUP}/v1/extra`),
  plain('/v1'),
  v('1', '1'),
  v('null', 'null'),
  v('true', 'true'),
  v('[v1]', '["v1"]'),
  v('{a: 1}', '{"a":1}'),
  v('~', null),
  v('1.5', '1.5'),
];

export const KINDS = [
  plain('TracingConfiguration'),
  plain('TracingConfig'),
  plain('tracingConfiguration'),
  plain('TRACINGCONFIGURATION'),
  plain('EgressSelectorConfiguration'),
  plain('TracingConfigurations'),
  str(''),
  str(' TracingConfiguration'),
  v('null', 'null'),
  v('5', '5'),
  v('false', 'false'),
  v('[TracingConfiguration]', '["TracingConfiguration"]'),
];

export const SAMPLING_RATES = [
  v('0'),
  v('1'),
  v('100'),
  v('10000'),
  v('999999'),
  v('1000000'),
  v('1000001'),
  v('-1'),
  v('-1000000'),
  v('2147483647'),
  v('-2147483648'),
  v('2147483648'),
  v('-2147483649'),
  v('99999999999999999999'),
  v('1.5'),
  v('1e3'),
  v('1E6'),
  v('1.0'),
  v('-0'),
  v('100.0'),
  v('0.0'),
  v('-1.5'),
  str('100'),
  str(''),
  str('abc'),
  v('true'),
  v('false'),
  v('null'),
  v('[]'),
  v('{}'),
  v('[1]'),
  v('0x10', null),
  v('010', null),
  v('0o17', null),
  v('1_000', null),
  v('+5', null),
  v('.5', null),
  v('~', null),
  v('.inf', null),
  v('-.inf', null),
  v('.nan', null),
  v('yes', null),
  v('on', null),
  v('1e400', '1e400'),
  v('1000000.0'),
  v('12378'),
  v("'12'", null),
  v('0b101', null),
];

export const ENDPOINTS = [
  plain('localhost:4317'),
  plain('otel-collector:4317'),
  plain('otel-collector.observability.svc:4317'),
  plain('127.0.0.1:4317'),
  plain('10.0.0.1'),
  str('[::1]:4317'),
  str('[fe80::1%25eth0]:4317'),
  str('[127.0.0.1]:4317'),
  str('[::ffff:127.0.0.1]:4317'),
  str('x[::1]:4317'),
  str('[::1'),
  str('::1'),
  str('[::1]x:4317'),
  str('[a:b:c]:1'),
  plain('dns:///otel:4317'),
  plain('dns://8.8.8.8/otel:4317'),
  plain('dns:otel:4317'),
  plain('unix:///var/run/otel.sock'),
  plain('unix://relative/otel.sock'),
  plain('unix:/var/run/otel.sock'),
  plain('unix-abstract:otel'),
  plain('unix-abstract://otel'),
  plain('http://localhost:4317'),
  plain('https://otel:4317'),
  plain('grpc://otel:4317'),
  plain('HTTP://otel:4317'),
  plain('DNS:///otel:4317'),
  plain('Unix:///otel.sock'),
  str('//otel:4317'),
  str('://otel:4317'),
  str(':4317'),
  plain('localhost:abc'),
  plain('localhost:'),
  plain('localhost:4317:1'),
  plain('localhost:-1'),
  plain('localhost:99999'),
  str(''),
  str(' '),
  str('otel collector:4317'),
  str('otel\tcollector:4317'),
  str('otel:4317\n'),
  str('otel%zz:4317'),
  str('otel%41:4317'),
  str('%'),
  str('ötel:4317'),
  str('otel:4317#frag'),
  str('otel:4317?q=1'),
  str('user@otel:4317'),
  str('user:pass@otel:4317'),
  str('dns://user@otel:4317'),
  str('dns://[::1]:4317'),
  str('dns://[127.0.0.1]:4317'),
  str('unix://[::1]'),
  str('otel:4317/path'),
  str('dn%2s://localhost:4317'),
  str('1http://x'),
  str('a b://x'),
  str('otel<>:4317'),
  str('otel"x:4317'),
  str('otel_x:4317'),
  str('otel{x}:4317'),
  str('*:4317'),
  str('otel:4317 '),
  str('dns://otel:4317/'),
  str('dns://otel:port'),
  str('unix-abstract:'),
  str('unix:'),
  str('dns:'),
  str('[]:4317'),
  str('[::1]]:4317'),
  str('[[::1]]:4317'),
  str('x]:4317'),
  str('dns://x[::1]:4317'),
  str('dns://a[::1]b:1'),
  v('4317', '4317'),
  v('true', 'true'),
  v('null', 'null'),
  v('[localhost:4317]', '["localhost:4317"]'),
  v('{host: otel}', '{"host":"otel"}'),
  v('1.5', '1.5'),
  v('~', null),
];

/** Keys kube-apiserver does not know (case twins, other components' names, nesting). */
export const UNKNOWN_FIELDS = [
  ['foo', plain('bar')],
  ['Endpoint', plain('otel:4317')],
  ['SamplingRatePerMillion', v('10')],
  ['samplingRate', v('10')],
  ['samplingratepermillion', v('10')],
  ['endPoint', plain('otel:4317')],
  ['tracing', v('{endpoint: otel}', '{"endpoint":"otel"}')],
  ['metadata', v('{name: x}', '{"name":"x"}')],
  ['service_name', plain('apiserver')],
  ['insecure', v('true')],
  ['headers', v('[a, b]', '["a","b"]')],
  ['"apiVersion "', plain('x')],
];

const FIELD_VARIANTS = { apiVersion: API_VERSIONS, kind: KINDS, endpoint: ENDPOINTS, samplingRatePerMillion: SAMPLING_RATES };
const VALID = {
  apiVersion: plain(`${GROUP}/v1alpha1`),
  kind: plain('TracingConfiguration'),
  endpoint: plain('localhost:4317'),
  samplingRatePerMillion: v('100'),
};
const FORMS = ['yaml', 'flow', 'json'];

/** Writes entries ([key, value]) as a whole file in one form; null when a value has no form there. */
export function render(entries, form) {
  if (form === 'json') {
    if (entries.some(([, value]) => value.json === null)) return null;
    const keyText = (key) => (key.startsWith('"') ? key : JSON.stringify(key));
    return `{\n${entries.map(([key, value]) => `  ${keyText(key)}: ${value.json}`).join(',\n')}\n}\n`;
  }
  if (form === 'flow') {
    if (entries.some(([, value]) => value.yaml.includes('\n'))) return null;
    return `{${entries.map(([key, value]) => `${key}: ${value.yaml}`).join(', ')}}\n`;
  }
  return entries.map(([key, value]) => `${key}: ${value.yaml}\n`).join('');
}

function validEntries() {
  return Object.entries(VALID).map(([key, value]) => [key, value]);
}

/** Each field's each variant in an otherwise valid document, in every form that can write it; each field left out too. */
function systematic() {
  const docs = [];
  for (const [field, variants] of Object.entries(FIELD_VARIANTS)) {
    variants.forEach((variant, index) => {
      const entries = validEntries().map(([key, value]) => [key, key === field ? variant : value]);
      for (const form of FORMS) docs.push({ id: `sys/${field}/${index}/${form}`, entries, form });
    });
    for (const form of FORMS)
      docs.push({ id: `sys/${field}/absent/${form}`, entries: validEntries().filter(([key]) => key !== field), form });
  }
  UNKNOWN_FIELDS.forEach(([key, value], index) => {
    for (const form of FORMS) docs.push({ id: `sys/unknown/${index}/${form}`, entries: [...validEntries(), [key, value]], form });
  });
  for (const field of Object.keys(VALID)) {
    const second = field === 'endpoint' ? plain('otel:4317') : field === 'samplingRatePerMillion' ? v('5') : VALID[field];
    for (const form of FORMS) docs.push({ id: `sys/duplicate/${field}/${form}`, entries: [...validEntries(), [field, second]], form });
  }
  return docs;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/** Random combinations: each field absent or any variant, extra unknown and duplicate keys, shuffled order. */
function randomDocs(random, count) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    let entries = [];
    for (const [field, variants] of Object.entries(FIELD_VARIANTS)) {
      const r = random();
      if (r < 0.15) continue;
      entries.push([field, r < 0.45 ? VALID[field] : pick(random, variants)]);
    }
    if (random() < 0.3) entries.push(pick(random, UNKNOWN_FIELDS));
    if (random() < 0.1) entries.push(pick(random, UNKNOWN_FIELDS));
    if (random() < 0.2 && entries.length > 0) {
      const [key] = pick(random, entries);
      if (!key.startsWith('"')) entries.push([key, pick(random, FIELD_VARIANTS[key] ?? [plain('x')])]);
    }
    if (random() < 0.5) entries = shuffle(random, entries);
    docs.push({ id: `rnd/${i}`, entries, form: pick(random, FORMS) });
  }
  return docs;
}

function shuffle(random, list) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Whole-file shapes, written as they are. */
const SPECIAL = [
  ['empty', 'yaml', ''],
  ['only-separator', 'yaml', '---\n'],
  ['null', 'yaml', 'null\n'],
  ['tilde', 'yaml', '~\n'],
  ['comment-only', 'yaml', '# tracing\n'],
  ['empty-map', 'yaml', '{}\n'],
  ['empty-map-json', 'json', '{}'],
  ['list', 'yaml', '- endpoint: localhost:4317\n'],
  ['list-json', 'json', '[{"endpoint":"localhost:4317"}]'],
  ['scalar-string', 'yaml', 'hello\n'],
  ['scalar-number', 'yaml', '42\n'],
  ['scalar-bool', 'yaml', 'true\n'],
  ['json-string', 'json', '"hello"'],
  ['json-number', 'json', '3'],
  ['json-null', 'json', 'null'],
  ['broken-flow', 'yaml', 'endpoint: [\n'],
  ['broken-indent', 'yaml', 'endpoint: a\n  samplingRatePerMillion: 1\n'],
  ['tab-indent', 'yaml', 'kind: TracingConfiguration\n\tendpoint: a\n'],
  ['json-trailing-comma', 'json', '{"endpoint": "a",}'],
  [
    'two-docs',
    'yaml',
    `apiVersion: ${GROUP}/v1alpha1\nkind: TracingConfiguration\nendpoint: localhost:4317\n---\nsamplingRatePerMillion: -1\n`,
  ],
  ['two-docs-bad-first', 'yaml', `samplingRatePerMillion: -1\n---\napiVersion: ${GROUP}/v1alpha1\nkind: TracingConfiguration\n`],
  ['leading-separator', 'yaml', `---\napiVersion: ${GROUP}/v1beta1\nkind: TracingConfiguration\nsamplingRatePerMillion: 10\n`],
  ['anchor-alias', 'yaml', `kind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\nendpoint: &e localhost:4317\nfoo: *e\n`],
  ['merge-key', 'yaml', `base: &b {endpoint: "localhost:4317"}\n<<: *b\nkind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\n`],
  ['tagged-str', 'yaml', `kind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\nsamplingRatePerMillion: !!str 10\n`],
  ['tagged-int', 'yaml', `kind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\nendpoint: !!int 10\n`],
  ['block-scalar', 'yaml', `kind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\nendpoint: |\n  localhost:4317\n`],
  ['folded-scalar', 'yaml', `kind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\nendpoint: >-\n  localhost:4317\n`],
  [
    'crlf',
    'yaml',
    `kind: TracingConfiguration\r\napiVersion: ${GROUP}/v1alpha1\r\nendpoint: localhost:4317\r\nsamplingRatePerMillion: -1\r\n`,
  ],
  ['bom', 'yaml', `\uFEFFkind: TracingConfiguration\napiVersion: ${GROUP}/v1alpha1\nsamplingRatePerMillion: 5\n`],
  [
    'comments',
    'yaml',
    `# kube-apiserver\nkind: TracingConfiguration # the kind\napiVersion: ${GROUP}/v1beta1\nendpoint: localhost:4317 # collector\n`,
  ],
  ['quoted-keys', 'yaml', `"kind": TracingConfiguration\n'apiVersion': ${GROUP}/v1\n"endpoint": localhost:4317\n`],
  ['null-key', 'yaml', `kind: TracingConfiguration\n~: 1\n`],
  ['number-key', 'yaml', `kind: TracingConfiguration\n1: 1\n`],
  ['nested-duplicate', 'yaml', `kind: TracingConfiguration\nfoo:\n  a: 1\n  a: 2\n`],
  ['duplicate-unknown', 'yaml', `kind: TracingConfiguration\nfoo: 1\nfoo: 2\n`],
  ['duplicate-unknown-json', 'json', `{"kind": "TracingConfiguration", "foo": 1, "foo": 2}`],
  ['duplicate-three', 'yaml', `endpoint: a:1\nendpoint: b:1\nendpoint: c:1\n`],
  ['duplicate-and-unknown', 'yaml', `endpoint: a:1\nfoo: x\nendpoint: b:1\nbar: y\n`],
  ['duplicate-and-unknown-json', 'json', `{"endpoint": "a:1", "foo": "x", "endpoint": "b:1", "bar": "y"}`],
  ['unknown-and-bad-rate', 'yaml', `foo: 1\nsamplingRatePerMillion: -5\n`],
  ['bad-rate-and-endpoint', 'yaml', `samplingRatePerMillion: 2000000\nendpoint: http://x:1\n`],
  ['wrong-type-and-unknown', 'yaml', `samplingRatePerMillion: abc\nfoo: 1\n`],
  ['wrong-types-both', 'yaml', `samplingRatePerMillion: abc\nendpoint: 5\n`],
  ['bad-kind-and-rate', 'yaml', `kind: Foo\nsamplingRatePerMillion: -1\n`],
  ['json-big-int', 'json', `{"samplingRatePerMillion": 12345678901234567890}`],
  ['json-exp', 'json', `{"samplingRatePerMillion": 1e2}`],
];

export function generateDocuments(seed = 20261202, randomCount = 420) {
  const random = prng(seed);
  const docs = [];
  for (const doc of [...systematic(), ...randomDocs(random, randomCount)]) {
    const text = render(doc.entries, doc.form);
    if (text !== null) docs.push({ id: doc.id, json: doc.form === 'json', text });
  }
  for (const [name, form, text] of SPECIAL) docs.push({ id: `special/${name}`, json: form === 'json', text });
  // One document per text: a variant that renders like another adds nothing.
  const seen = new Set();
  return docs.filter((doc) => {
    const key = `${doc.json}\u0000${doc.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
