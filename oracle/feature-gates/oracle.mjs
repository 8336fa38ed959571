// The feature-gates area of `npm run oracle` (scripts/oracle.mjs): for each covered Kubernetes minor, build
// go/ against that release's modules, ask it for its gate registry and for its verdict on generated command
// lines and kubelet featureGates maps, and write
//   test/golden/feature-gates/registry/v1.N.json   the registry (what schemas/feature-gates.json is generated from)
//   test/golden/feature-gates/v1.N.json            the vectors the TypeScript service must agree with
// then regenerate schemas/feature-gates.json (scripts/generate-feature-gates.mjs). With `check`, nothing is
// written: every difference from the committed files is a disagreement. With `newest`, only the newest two minors.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { casesFor } from './cases.mjs';
import { buildProgram, goEnv, minorNumber, prepareModule, RELEASES, root, run as runCommand } from './kubernetes.mjs';

const golden = join(root, 'test', 'golden', 'feature-gates');
const sourceDir = join(root, 'oracle', 'feature-gates', 'go');

/** The Go files that fit a release's feature-gate and registry API. */
export function sourcesFor(minor) {
  const n = minorNumber(minor);
  const generation =
    n < 31
      ? ['gen_legacy.go']
      : [
          'versioned.go',
          n === 31 ? 'registry_v131.go' : n === 32 ? 'registry_v132.go' : 'registry_v133.go',
          n < 35 ? 'mincompat_none.go' : 'mincompat.go',
        ];
  const logs = n < 24 ? 'logs_none.go' : n === 24 ? 'logs_v124.go' : n === 25 ? 'logs_v125.go' : 'logs_v126.go';
  return ['main.go', ...generation, logs];
}

const built = new Map();
/** The program for one minor, built once per run. */
export function featureGatesProgram(minor) {
  if (!built.has(minor)) {
    const work = prepareModule({
      area: 'feature-gates',
      program: 'feature-gates',
      minor,
      sources: sourcesFor(minor),
      sourceDir,
      modulePath: 'kube-tracing.local/oracle/feature-gates',
    });
    built.set(minor, { binary: buildProgram(work, join(root, 'oracle', '.bin', `feature-gates-v${minor}`), minor), work });
  }
  return built.get(minor);
}

function ask(binary, mode, input) {
  const result = spawnSync(binary, [mode], {
    input: input === undefined ? undefined : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${binary} ${mode} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * How the kubelet of that release reports a refused featureGates map, read from its cmd/kubelet/app/server.go
 * (running the kubelet's command is not needed for that): a wrapped error (1.24+), a structured log line (1.21–1.23) or klog.Fatal's line (1.20).
 */
function kubeletReport(work) {
  const dir = runCommand('go', ['list', '-m', '-f', '{{.Dir}}', 'k8s.io/kubernetes'], { cwd: work, env: goEnv }).trim();
  const server = readFileSync(join(dir, 'cmd', 'kubelet', 'app', 'server.go'), 'utf8');
  if (/SetFromMap\(kubeletConfig\.FeatureGates\); err != nil \{\s*klog\.Fatal\(err\)/.test(server))
    return { form: 'klog.Fatal', text: '', source: 'cmd/kubelet/app/server.go klog.Fatal' };
  const logged = /klog\.ErrorS\(err, "(Failed to set feature gates from initial flags-based config)"\)/.exec(server);
  if (logged) return { form: 'klog.ErrorS', text: logged[1], source: 'cmd/kubelet/app/server.go klog.ErrorS' };
  const wrapped =
    /fmt\.Errorf\("(failed to set feature gates from initial flags-based config: )%w"/.exec(server) ??
    /fmt\.Errorf\("(failed to set feature gates from initial flags-based config: )%v"/.exec(server);
  if (wrapped) return { form: 'fmt.Errorf', text: wrapped[1], source: 'cmd/kubelet/app/server.go fmt.Errorf' };
  throw new Error(`${dir}: cmd/kubelet/app/server.go: the featureGates error report was not found`);
}

/**
 * The registry's alpha warning lists gates in Go map order (`features=[B A]`), which changes from run to run;
 * the vectors keep them sorted so that a check does not flap (the service sorts them the same way).
 */
function sortFeatureList(line) {
  return line.replace(/features=\[([^\]]*)\]/, (_, names) => `features=[${names.split(' ').sort().join(' ')}]`);
}

/** Strict-decoding errors the kubelet rules report (an unknown field; a duplicate key, over two lines). */
const LENIENT_ERRORS = [
  'strict decoding error: unknown field "tracing"',
  'strict decoding error: yaml: unmarshal errors:\n  line 6: key "endpoint" already set in map',
];

/**
 * How the kubelet of that release logs its fall-back to lenient decoding of its config file: the call is read
 * from pkg/kubelet/kubeletconfig/util/codec/codec.go; a structured call is rendered by the release's own klog.
 */
function kubeletLenient(work, binary) {
  const dir = runCommand('go', ['list', '-m', '-f', '{{.Dir}}', 'k8s.io/kubernetes'], { cwd: work, env: goEnv }).trim();
  const codec = readFileSync(join(dir, 'pkg', 'kubelet', 'kubeletconfig', 'util', 'codec', 'codec.go'), 'utf8');
  const printf = /klog\.Warningf\("(using lenient decoding as strict decoding failed: )%v", err\)/.exec(codec);
  if (printf) return LENIENT_ERRORS.map((error) => ({ error, logged: `${printf[1]}${error}` }));
  const structured = /(?:klog\.InfoS|logger\.Info)\("(Using lenient decoding as strict decoding failed)", "err", err\)/.exec(codec);
  if (!structured) throw new Error(`${dir}: codec.go: the lenient-decoding log call was not found`);
  const logged = ask(
    binary,
    'klog-infos',
    LENIENT_ERRORS.map((error) => [structured[1], 'err', error]),
  );
  return LENIENT_ERRORS.map((error, i) => ({ error, logged: logged[i] }));
}

const oneLinePerEntry = (key, entries) => `  ${JSON.stringify(key)}: [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`;

function registryFile(minor, registry) {
  return `{\n  "$comment": "The feature gates kube-apiserver and the kubelet register in Kubernetes ${minor}, as its own code reports them (oracle/feature-gates, go/main.go registry). Generated by npm run oracle; do not edit.",\n  "source": ${JSON.stringify(`k8s.io/kubernetes@${RELEASES[minor]} pkg/features + component-base logs/api gates (cmd init)`)},\n${oneLinePerEntry('gates', registry)}\n}\n`;
}

function vectorFile(minor, kubelet, lenient, vectors) {
  return `{\n  "$comment": "Verdicts of Kubernetes ${minor}'s own code on generated --feature-gates command lines (kube-apiserver) and featureGates maps (kubelet): error (what the component prints), message (featuregate's error inside it), logs (klog lines, only when it starts). kubeletLenient: the line the kubelet logs when it falls back to lenient decoding of its config file. Generated by npm run oracle (oracle/feature-gates); do not edit.",\n  "source": ${JSON.stringify(`k8s.io/kubernetes@${RELEASES[minor]}`)},\n  "kubeletReport": ${JSON.stringify(kubelet)},\n  "kubeletLenient": ${JSON.stringify(lenient)},\n${oneLinePerEntry('vectors', vectors)}\n}\n`;
}

function compareFile(path, expected, disagreements) {
  const actual = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (actual === expected) return;
  const label = path.slice(root.length + 1);
  if (!actual) return void disagreements.push(`${label}: missing`);
  const a = actual.split('\n');
  const e = expected.split('\n');
  let shown = 0;
  for (let i = 0; i < Math.max(a.length, e.length) && shown < 10; i++) {
    if (a[i] !== e[i]) {
      disagreements.push(`${label}:${i + 1}: committed ${a[i] ?? '(none)'}\n      real code ${e[i] ?? '(none)'}`);
      shown++;
    }
  }
}

export async function run({ check, newest, log }) {
  const minors = Object.keys(RELEASES);
  const chosen = newest ? minors.slice(-2) : minors;
  const registries = new Map();
  const disagreements = [];
  let vectors = 0;
  // Registries first: the cases of a minor use its neighbours' gates.
  const needed = new Set(chosen.flatMap((m) => [minors[minors.indexOf(m) - 1], m, minors[minors.indexOf(m) + 1]]).filter(Boolean));
  for (const minor of minors.filter((m) => needed.has(m))) {
    if (chosen.includes(minor)) {
      const started = Date.now();
      const { binary } = featureGatesProgram(minor);
      registries.set(minor, ask(binary, 'registry'));
      log(
        `${minor} (${RELEASES[minor]}): built and asked in ${((Date.now() - started) / 1000).toFixed(1)} s, ${registries.get(minor).length} gates`,
      );
    } else {
      // A neighbour outside this run: its committed registry stands in (it is checked when its own turn comes).
      registries.set(minor, JSON.parse(readFileSync(join(golden, 'registry', `v${minor}.json`), 'utf8')).gates);
    }
  }
  mkdirSync(join(golden, 'registry'), { recursive: true });
  for (const minor of chosen) {
    const index = minors.indexOf(minor);
    const registry = registries.get(minor);
    const { binary, work } = featureGatesProgram(minor);
    const cases = casesFor(minor, registry, { previous: registries.get(minors[index - 1]), next: registries.get(minors[index + 1]) });
    const answers = ask(binary, 'check', cases);
    const results = cases.map((c, i) => {
      const answer = { ...answers[i], logs: answers[i].logs.map(sortFeatureList) };
      // Logs only when the component starts: on an error, which lines came first depends on map order.
      return answer.error ? { ...c, error: answer.error, message: answer.message } : { ...c, error: '', logs: answer.logs };
    });
    vectors += results.length;
    const files = [
      [join(golden, 'registry', `v${minor}.json`), registryFile(minor, registry)],
      [join(golden, `v${minor}.json`), vectorFile(minor, kubeletReport(work), kubeletLenient(work, binary), results)],
    ];
    for (const [path, text] of files) {
      if (check) compareFile(path, text, disagreements);
      else writeFileSync(path, text);
    }
  }
  const generator = join(root, 'scripts', 'generate-feature-gates.mjs');
  if (check) {
    // The committed table must be what the committed registries give (the unit test checks it too).
    const result = spawnSync(process.execPath, [generator, '--check'], { encoding: 'utf8' });
    if (result.status !== 0) disagreements.push(`schemas/feature-gates.json: ${result.stdout}${result.stderr}`);
  } else {
    const result = spawnSync(process.execPath, [generator], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`generate-feature-gates: ${result.stderr}`);
    log(result.stdout.trim());
  }
  return { vectors, disagreements };
}
