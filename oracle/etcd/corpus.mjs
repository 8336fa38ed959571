// The command lines the etcd oracle starts every release with (after BASE_ARGS). Generated, not hand-picked:
// every form Go's flag package reads (`--x=v`, `-x=v`, `--x v`, bare bools), every value class of the tracing
// flags, every name any covered release registers, typos of the tracing names, command-line shapes etcd refuses,
// and seeded random combinations of all of these. The same corpus runs on every release, so the vectors show
// how releases differ on one input.

/** mulberry32: a small seeded PRNG, so the corpus is the same on every machine. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRACING = [
  'enable-distributed-tracing',
  'distributed-tracing-address',
  'distributed-tracing-service-name',
  'distributed-tracing-instance-id',
  'distributed-tracing-sampling-rate',
];
const BOOL_VALUES = ['true', 'false', '1', '0', 't', 'F', 'TRUE', 'True', 'tRuE', 'yes', 'on', ''];
const RATE_VALUES = [
  '0',
  '1',
  '10000',
  '1000000',
  '1000001',
  '-1',
  '0x10',
  '010',
  '1_000',
  '+5',
  '1.5',
  'abc',
  '',
  '9223372036854775808',
  '2147483648',
];
const ADDRESSES = [
  'localhost:4317',
  '127.0.0.1:4317',
  '[::1]:4317',
  'otel-collector:4317',
  'dns:///localhost:4317',
  'dns:///',
  'dns://8.8.8.8/localhost:4317',
  'dns:localhost:4317',
  'unix:///tmp/otel.sock',
  'unix:/tmp/otel.sock',
  'unix-abstract:otel',
  'passthrough:///localhost:4317',
  'http://localhost:4317',
  'https://localhost:4317/v1/traces',
  'localhost',
  ':4317',
  '',
  'localhost:99999',
  'otel.observability.svc.cluster.local:4317',
  'dns:///[::1]:4317',
  'local host:4317',
  'dns://8.8.8.8/',
  'dns:',
  'dns:///localhost:',
  'dns:///:4317',
  'unix://otel/tmp/otel.sock',
  'passthrough:///',
  'unix-abstract://otel/sock',
  'dns:///[::1]:',
];
/** Names some release or our data has had doubts about (issue 9), whether or not any release registers them. */
const NAMES_IN_QUESTION = [
  'max-snapshots',
  'log-format',
  'disable-log-sampling',
  'experimental-max-learners',
  'max-learners',
  'experimental-wait-cluster-ready-timeout',
  'experimental-enable-grpc-logging',
  'opentelemetry-config-file',
  'tracing-config-file',
  'feature-gates',
  'enable-v2',
  'v2-deprecation',
];
/**
 * Registered flags the corpus never sets: --version and --config-file make etcd do something else than start
 * from its flags, the base flags' defaults would point it at the shared default ports and a fixed data dir, and
 * --discovery-endpoints (3.6+) is a bootstrap flag: any value conflicts with --initial-cluster.
 */
const NOT_SET = new Set([
  'version',
  'config-file',
  'name',
  'data-dir',
  'listen-client-urls',
  'advertise-client-urls',
  'listen-peer-urls',
  'initial-advertise-peer-urls',
  'initial-cluster',
  'heartbeat-interval',
  'election-timeout',
  'discovery-endpoints',
]);
/**
 * Values for flags whose printed default etcd refuses when set explicitly (the flag lists are the point here,
 * not these flags' values): an empty cipher list is "unexpected TLS cipher suite", an empty v2 stage invalid.
 */
const VALUES = { 'cipher-suites': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'v2-deprecation': 'write-only' };

/** A value etcd's flag accepts for a registered (non-tracing) name: its own default, else a harmless one. */
function valueFor(flag) {
  if (flag.bool) return 'false';
  if (VALUES[flag.name] !== undefined) return VALUES[flag.name];
  return flag.default;
}

function typos(name, rand) {
  const i = 1 + Math.floor(rand() * (name.length - 2));
  return [
    name.slice(0, i) + name.slice(i + 1), // a letter dropped
    name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2), // two swapped
    name.replace(/-/g, '_'),
  ];
}

/**
 * @param {{ seed: number, flags: Array<{ name: string, bool: boolean, default: string }> }} options
 *   flags: the union of the flags every covered release registers (from their flag sets), newest first.
 * @returns {Array<{ args: string[], why: string }>}
 */
export function etcdCorpus({ seed, flags }) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const cases = [];
  const add = (why, ...args) => cases.push({ why, args });

  for (const experimental of [true, false]) {
    const n = (name) => `${experimental ? 'experimental-' : ''}${name}`;
    const [enable, address, serviceName, instanceId, rate] = TRACING.map(n);
    const on = `--${enable}=true`;
    add('tracing: enable, bare', `--${enable}`);
    add('tracing: enable, one dash', `-${enable}`);
    for (const value of BOOL_VALUES) add(`tracing: enable=${JSON.stringify(value)}`, `--${enable}=${value}`);
    add('tracing: bool flag with its value as the next item', `--${enable}`, 'true');
    for (const value of ADDRESSES) add(`tracing: address ${JSON.stringify(value)}`, on, `--${address}=${value}`);
    add('tracing: address as the next item', on, `--${address}`, 'localhost:4317');
    add('tracing: address with one dash', on, `-${address}=localhost:4317`);
    add('tracing: address, no value (last item)', on, `--${address}`);
    add('tracing: address without enable', `--${address}=localhost:4317`);
    add('tracing: address with enable=false', `--${enable}=false`, `--${address}=localhost:4317`);
    for (const value of RATE_VALUES) add(`tracing: sampling rate ${JSON.stringify(value)}`, on, `--${rate}=${value}`);
    add('tracing: sampling rate as the next item', on, `--${rate}`, '100');
    add('tracing: sampling rate without enable', `--${rate}=-1`);
    add('tracing: service name and instance id', on, `--${serviceName}=etcd-oracle`, `--${instanceId}=node-1`);
    add('tracing: empty service name', on, `--${serviceName}=`);
    add('tracing: every flag', on, `--${address}=localhost:4317`, `--${serviceName}=etcd`, `--${instanceId}=i`, `--${rate}=100`);
  }
  for (const name of TRACING) {
    const value = name === 'enable-distributed-tracing' ? 'true' : name.endsWith('sampling-rate') ? '100' : 'x';
    add(`tracing: both spellings of ${name}`, '--enable-distributed-tracing=true', `--experimental-${name}=${value}`, `--${name}=${value}`);
  }

  const tracingNames = new Set(TRACING.flatMap((name) => [name, `experimental-${name}`]));
  for (const flag of flags) {
    if (NOT_SET.has(flag.name) || tracingNames.has(flag.name)) continue;
    add(`registered somewhere: --${flag.name}`, `--${flag.name}=${valueFor(flag)}`);
  }
  const known = new Map(flags.map((flag) => [flag.name, flag]));
  for (const name of NAMES_IN_QUESTION) {
    if (known.has(name)) continue;
    add(`in question: --${name}`, `--${name}=1`);
  }

  for (const name of [...tracingNames].sort()) {
    for (const typo of typos(name, rand)) add(`typo of --${name}`, `--${typo}=true`);
  }

  add('shape: a positional argument', 'foo');
  add('shape: a positional argument, then flags etcd never reads', 'foo', '--bogus-flag');
  add('shape: -- ends the flags', '--', 'foo');
  add('shape: -- alone', '--');
  add('shape: three dashes', '---name=x');
  add('shape: -=value', '-=x');
  add('shape: a bare dash', '-');
  add('shape: bool flag then a value item', '--auto-tls', 'false');

  const pool = cases.map((c) => c.args).filter((args) => !args.includes('--') && args.every((a) => a.startsWith('-')));
  for (let i = 0; i < 60; i++) {
    const parts = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(pool));
    add('random combination', ...parts.flat());
  }
  return cases;
}
