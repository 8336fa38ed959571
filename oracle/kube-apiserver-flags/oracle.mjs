// The kube-apiserver-flags area of `npm run oracle` (scripts/oracle.mjs): for each minor in MINORS, build go/
// against that release's k8s.io/kubernetes (cmd/kube-apiserver/app, the real command), ask it for its flags and
// for pflag's verdict on generated command lines, and write
//   test/golden/kube-apiserver-flags/flags/v1.N.json   the flags (what schemas/kube-apiserver-flags.json is made of)
//   test/golden/kube-apiserver-flags/v1.N.json         the verdicts the TypeScript service must agree with
// then regenerate schemas/kube-apiserver-flags.json. `check` compares instead of writing; `newest` asks only
// the newest minor (the whole kube-apiserver command is a heavy build: about 2–6 minutes per minor on 2 cores).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram, minorNumber, prepareModule, RELEASES, root } from '../feature-gates/kubernetes.mjs';

/** The minors whose kube-apiserver command is built (oldest first). Extend by adding a minor and running the oracle. */
export const MINORS = ['1.33', '1.34', '1.35', '1.36', '1.37', '1.38'];

/**
 * Minors built with their release's own Go toolchain (k8s.io/kubernetes .go-version, as in
 * oracle/tracing-config/releases.json) through GOTOOLCHAIN; the others with GOTOOLCHAIN=auto (the go line of
 * go.mod, or the local Go when newer), which is what their committed vectors came from.
 */
const TOOLCHAINS = { 1.32: 'go1.24.13', 1.33: 'go1.25.11' };

const golden = join(root, 'test', 'golden', 'kube-apiserver-flags');
const schemaPath = join(root, 'schemas', 'kube-apiserver-flags.json');

function program(minor) {
  const work = prepareModule({
    area: 'kube-apiserver-flags',
    program: 'kube-apiserver-flags',
    minor,
    sources: ['main.go', 'command_cli.go'],
    sourceDir: join(root, 'oracle', 'kube-apiserver-flags', 'go'),
    modulePath: 'kube-tracing.local/oracle/kube-apiserver-flags',
    toolchain: TOOLCHAINS[minor],
  });
  return buildProgram(work, join(root, 'oracle', '.bin', `kube-apiserver-flags-v${minor}`), minor, TOOLCHAINS[minor]);
}

function ask(binary, mode, input) {
  const result = spawnSync(binary, [mode], {
    input: input === undefined ? undefined : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${binary} ${mode} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout);
}

/** A value of the flag's type that its Value.Set accepts, so that a known flag's line asks only about its name. */
const SAMPLE = {
  bool: 'true',
  int: '1',
  int32: '1',
  int64: '1',
  uint: '1',
  uint32: '1',
  uint64: '1',
  float64: '1',
  float32: '1',
  duration: '1s',
  string: 'x',
  stringSlice: 'x',
  stringArray: 'x',
  ip: '127.0.0.1',
  ipSlice: '127.0.0.1',
  ipNet: '10.0.0.0/24',
  mapStringString: 'a=b',
  mapStringBool: 'a=true',
};

function misspell(name, known) {
  for (let i = Math.floor(name.length / 2); i < name.length - 1; i++) {
    const candidate = name.slice(0, i) + name.slice(i + 1);
    if (!known.has(candidate)) return candidate;
  }
  return `${name}x`;
}

/** Command lines for one minor: every flag by name, and names it lacks (other minors', misspelt, other spellings). */
export function linesFor(flags, otherMinorsFlags) {
  const known = new Set(flags.map((f) => f.name));
  const lines = flags.map((f) => [`--${f.name}=${SAMPLE[f.type] ?? 'x'}`]);
  for (const name of [...new Set(otherMinorsFlags.flat().map((f) => f.name))].filter((n) => !known.has(n)).sort())
    lines.push([`--${name}=x`]);
  // Every flag misspelt (one letter dropped), with '_' for '-' (normalized: accepted), capitalized, and every
  // fifth with one dash (shorthand letters); flags older kube-apiservers had and newer ones dropped.
  flags.forEach((f, i) => {
    lines.push(
      [`--${misspell(f.name, known)}=x`],
      [`--${f.name.replaceAll('-', '_')}=${SAMPLE[f.type] ?? 'x'}`],
      [`--${f.name[0].toUpperCase()}${f.name.slice(1)}=x`],
    );
    if (i % 5 === 0) lines.push([`-${f.name}=x`]);
  });
  for (const removed of [
    'insecure-port',
    'insecure-bind-address',
    'kubelet-https',
    'basic-auth-file',
    'experimental-encryption-provider-config',
    'enable-logs-handler',
    'feature-gate',
    'tracing-config',
    'audit-dynamic-configuration',
    'target-ram-mb',
    'service-account-api-audiences',
    'alsologtostderr',
    'logtostderr',
    'log-dir',
  ]) {
    if (!known.has(removed)) lines.push([`--${removed}=x`]);
  }
  lines.push(
    ['--opentelemetry-config-file=/etc/kubernetes/tracing.yaml'],
    ['--tracing-confg-file=/etc/kubernetes/tracing.yaml'],
    ['--Tracing-Config-File=/etc/kubernetes/tracing.yaml'],
    ['-tracing-config-file=/etc/kubernetes/tracing.yaml'],
    ['--advertise-address=10.0.0.1', '--opentelemetry-config-file', '/etc/kubernetes/tracing.yaml'],
    ['-v=2'],
    ['--feature-gatez=APIServerTracing=true'],
  );
  return lines;
}

function oneLinePerEntry(key, entries) {
  return `  ${JSON.stringify(key)}: [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`;
}

/** schemas/kube-apiserver-flags.json from the per-minor flag lists: name -> [from, to, type] rows. */
export function schemaText(perMinor) {
  const minors = [...perMinor.keys()].sort((a, b) => minorNumber(a) - minorNumber(b));
  const rows = new Map();
  const shorthands = new Map();
  const extend = (map, key, minor, tail) => {
    if (!map.has(key)) map.set(key, []);
    const list = map.get(key);
    const last = list.at(-1);
    if (last && minorNumber(last[1]) + 1 === minorNumber(minor) && JSON.stringify(last.slice(2)) === JSON.stringify(tail)) last[1] = minor;
    else list.push([minor, minor, ...tail]);
  };
  for (const minor of minors) {
    for (const flag of perMinor.get(minor)) {
      extend(rows, flag.name, minor, [flag.bool ? 'bool' : flag.type]);
      if (flag.shorthand) extend(shorthands, flag.shorthand, minor, [flag.bool ? 'bool' : flag.type]);
    }
  }
  const line = (map) =>
    [...map]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n');
  return [
    '{',
    `  "$comment": ${JSON.stringify(["Generated by oracle/kube-apiserver-flags (npm run oracle) from the flags each release's own kube-apiserver command defines (k8s.io/kubernetes cmd/kube-apiserver/app NewAPIServerCommand, with cobra's --help); do not edit by hand.", 'flags: name -> [from, to, type] rows over the covered minors (type "bool" = takes no value unless written with \'=\'); shorthands: letter -> [from, to, type] rows (a "bool" letter is followed by more letters).'])},`,
    `  "versions": ${JSON.stringify(minors)},`,
    `  "source": {\n${minors.map((m) => `    ${JSON.stringify(m)}: ${JSON.stringify(`${perMinor.get(m).length} flags; k8s.io/kubernetes@${RELEASES[m]} cmd/kube-apiserver/app`)}`).join(',\n')}\n  },`,
    `  "flags": {\n${line(rows)}\n  },`,
    `  "shorthands": {\n${line(shorthands)}\n  }`,
    '}',
    '',
  ].join('\n');
}

function compare(path, expected, disagreements) {
  const actual = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0, shown = 0; i < Math.max(a.length, e.length) && shown < 10; i++) {
    if (a[i] !== e[i]) {
      disagreements.push(`${path.slice(root.length + 1)}:${i + 1}: committed ${a[i] ?? '(none)'}\n      real code ${e[i] ?? '(none)'}`);
      shown++;
    }
  }
}

/** `only`: the minors to build this run (a newly added one), the others' committed flag lists kept. */
export async function run({ check, newest, log, only }) {
  const chosen = only ?? (newest ? MINORS.slice(-1) : MINORS);
  const disagreements = [];
  const perMinor = new Map();
  const binaries = new Map();
  mkdirSync(join(golden, 'flags'), { recursive: true });
  for (const minor of chosen) {
    const started = Date.now();
    binaries.set(minor, program(minor));
    perMinor.set(minor, ask(binaries.get(minor), 'flags'));
    log(
      `${minor} (${RELEASES[minor]}): built and asked in ${((Date.now() - started) / 1000).toFixed(1)} s, ${perMinor.get(minor).length} flags`,
    );
  }
  // Minors outside this run: their committed flag lists (checked when they are rebuilt).
  for (const file of existsSync(join(golden, 'flags')) ? readdirSync(join(golden, 'flags')) : []) {
    const minor = /^v(\d+\.\d+)\.json$/.exec(file)?.[1];
    if (minor && MINORS.includes(minor) && !perMinor.has(minor))
      perMinor.set(minor, JSON.parse(readFileSync(join(golden, 'flags', file), 'utf8')).flags);
  }
  let vectors = 0;
  for (const minor of chosen) {
    const flags = perMinor.get(minor);
    const others = [...perMinor].filter(([m]) => m !== minor).map(([, f]) => f);
    const lines = linesFor(flags, others);
    const answers = ask(binaries.get(minor), 'check', lines);
    const results = lines.map((args, i) => ({ args, error: answers[i] }));
    vectors += results.length;
    const flagsFile = `{\n  "$comment": "The flags Kubernetes ${minor}'s kube-apiserver command defines (oracle/kube-apiserver-flags); do not edit.",\n  "source": ${JSON.stringify(`k8s.io/kubernetes@${RELEASES[minor]} cmd/kube-apiserver/app NewAPIServerCommand`)},\n${oneLinePerEntry('flags', flags)}\n}\n`;
    const vectorFile = `{\n  "$comment": "pflag's verdict (the error kube-apiserver prints, '' when its flags parse) on generated command lines, from Kubernetes ${minor}'s own command (oracle/kube-apiserver-flags); do not edit.",\n  "source": ${JSON.stringify(`k8s.io/kubernetes@${RELEASES[minor]}`)},\n${oneLinePerEntry('vectors', results)}\n}\n`;
    for (const [path, text] of [
      [join(golden, 'flags', `v${minor}.json`), flagsFile],
      [join(golden, `v${minor}.json`), vectorFile],
    ]) {
      if (check) compare(path, text, disagreements);
      else writeFileSync(path, text);
    }
  }
  const schema = schemaText(perMinor);
  if (check) compare(schemaPath, schema, disagreements);
  else writeFileSync(schemaPath, schema);
  return { vectors, disagreements };
}
