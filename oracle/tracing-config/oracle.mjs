// The tracing-config area of `npm run oracle` (scripts/oracle.mjs): builds kube-apiserver's own read-and-validate
// path for --tracing-config-file (go/options or go/pkgtracing) against each minor's published k8s.io/apiserver and
// k8s.io/component-base, with the Go toolchain that release was built with, and asks it about every generated
// document; asks net/url.Parse of the first and last toolchain of each minor (go/neturl) about each endpoint.
// Writes test/golden/tracing-config/documents.json and <minor>.json; with `check`, compares instead.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { generateDocuments } from './generate.mjs';
import { writeSchemes } from './scheme.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'oracle', '.bin');
const golden = join(root, 'test', 'golden', 'tracing-config');
export const releases = JSON.parse(readFileSync(join(here, 'releases.json'), 'utf8')).minors;

/** The environment of every go command: one toolchain, no go env file (its GOFLAGS=-buildvcs=false breaks Go before 1.18). */
function goEnv(toolchain, goroot) {
  const env = { ...process.env, GOENV: 'off', GOTOOLCHAIN: toolchain, GOFLAGS: '', GO111MODULE: 'on', CGO_ENABLED: '0' };
  return goroot ? { ...env, GOTOOLCHAIN: 'local', GOROOT: goroot } : env;
}

const goroots = new Map();
/**
 * The go command of one toolchain. GOTOOLCHAIN fetches it into the module cache; Go 1.19 and 1.20 before 1.20.8
 * cannot build from there (`import of unknown directory`, `ambiguous import`: they take their GOROOT inside the
 * module cache for a module), so those run from a hard-linked copy in oracle/.bin/goroot-<version>.
 */
function goCommand(toolchain) {
  const match = /^go1\.(\d+)(?:\.(\d+))?/.exec(toolchain);
  const minor = Number(match?.[1]);
  const patch = Number(match?.[2] ?? 0);
  if (!(minor === 19 || (minor === 20 && patch < 8))) return { exe: 'go', env: goEnv(toolchain) };
  if (!goroots.has(toolchain)) {
    const copy = join(bin, `goroot-${toolchain}`);
    if (!existsSync(join(copy, 'bin', 'go'))) {
      const fetched = execFileSync('go', ['env', 'GOROOT'], { env: goEnv(toolchain), encoding: 'utf8' }).trim();
      rmSync(copy, { recursive: true, force: true });
      execFileSync('cp', ['-al', fetched, copy]);
    }
    goroots.set(toolchain, copy);
  }
  const goroot = goroots.get(toolchain);
  return { exe: join(goroot, 'bin', 'go'), env: goEnv(toolchain, goroot) };
}

export function go(args, cwd, toolchain, input) {
  const { exe, env } = goCommand(toolchain);
  return execFileSync(exe, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}

export const buildGo = (release) => release.buildGo ?? release.go;
const firstBuildGo = (release) => release.firstBuildGo ?? release.firstGo;
const apiserverVersion = (release) => `v0.${release.kubernetes.slice(2)}`;

/**
 * The module of one minor: oracle/tracing-config/modules/<minor>/go.mod and go.sum, committed, so a check builds
 * exactly what the vectors came from. Created with the release's own toolchain when missing (not in a check).
 */
export function ensureModule(minor, release, check, log) {
  const dir = join(here, 'modules', minor);
  if (existsSync(join(dir, 'go.mod'))) return dir;
  if (check) throw new Error(`oracle/tracing-config/modules/${minor}/go.mod is missing: run node scripts/oracle.mjs tracing-config`);
  log(`${minor}: resolving k8s.io/apiserver@${apiserverVersion(release)} with ${buildGo(release)}`);
  mkdirSync(dir, { recursive: true });
  const work = workDir(minor, release);
  rmSync(join(work, 'go.mod'), { force: true });
  rmSync(join(work, 'go.sum'), { force: true });
  go(['mod', 'init', 'kube-tracing/oracle/tracing-config'], work, buildGo(release));
  const version = apiserverVersion(release);
  go(['get', `k8s.io/apiserver@${version}`, `k8s.io/component-base@${version}`, `k8s.io/apimachinery@${version}`], work, buildGo(release));
  go(['mod', 'tidy'], work, buildGo(release));
  copyFileSync(join(work, 'go.mod'), join(dir, 'go.mod'));
  copyFileSync(join(work, 'go.sum'), join(dir, 'go.sum'));
  return dir;
}

/** The build folder of one minor: the program's main.go, and go.mod/go.sum once resolved. */
function workDir(minor, release) {
  const work = join(bin, 'work', 'tracing-config', minor);
  mkdirSync(work, { recursive: true });
  copyFileSync(join(here, 'go', release.program, 'main.go'), join(work, 'main.go'));
  // The scheme listing (scheme.mjs) is a second program of the same module: vendored and built with it, it reuses
  // every package the oracle compiled and costs seconds.
  mkdirSync(join(work, 'scheme'), { recursive: true });
  copyFileSync(join(here, 'go', 'scheme', 'main.go'), join(work, 'scheme', 'main.go'));
  return work;
}

/** oracle/.bin/tracing-scheme-<minor> of the minors built in this run. */
export const schemeBinaries = new Map();

/**
 * Builds oracle/.bin/tracing-config-<minor>. Vendored and without -trimpath, as kube-apiserver itself is built from
 * k/k's vendor tree: runtime.NewScheme names its scheme after the caller's file path, cut after "/vendor/", so
 * only then does the decode error name the scheme `k8s.io/apiserver/pkg/server/options/tracing.go:<line>` as the
 * real binary does (a module-cache or -trimpath build would say `pkg/server/options/tracing.go:<line>`).
 */
function buildOracle(minor, release, check, log) {
  const moduleDir = ensureModule(minor, release, check, log);
  const work = workDir(minor, release);
  copyFileSync(join(moduleDir, 'go.mod'), join(work, 'go.mod'));
  copyFileSync(join(moduleDir, 'go.sum'), join(work, 'go.sum'));
  const started = Date.now();
  go(['mod', 'vendor'], work, buildGo(release));
  const output = join(bin, `tracing-config-${minor}`);
  go(['build', '-mod=vendor', '-o', output, '.'], work, buildGo(release));
  const scheme = join(bin, `tracing-scheme-${minor}`);
  go(['build', '-mod=vendor', '-o', scheme, './scheme'], work, buildGo(release));
  schemeBinaries.set(minor, scheme);
  log(`${minor}: built ${output.slice(root.length + 1)} with ${buildGo(release)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return output;
}

const netUrlProbes = new Map();
/** oracle/.bin/neturl-<toolchain>: net/url.Parse of that toolchain (standard library only, so it builds fast). */
function netUrlProbe(toolchain) {
  if (!netUrlProbes.has(toolchain)) {
    const output = join(bin, `neturl-${toolchain}`);
    go(['build', '-o', output, '.'], join(here, 'go', 'neturl'), toolchain);
    netUrlProbes.set(toolchain, output);
  }
  return netUrlProbes.get(toolchain);
}

function runJson(binary, input) {
  return JSON.parse(execFileSync(binary, [], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

/** What validateEndpoint hands url.Parse: the endpoint, with "dns://" in front unless it contains "//". */
const prefixed = (endpoint) => (endpoint.includes('//') ? endpoint : `dns://${endpoint}`);

function moduleVersions(moduleDir) {
  const gomod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const versions = {};
  for (const name of [
    'k8s.io/apiserver',
    'k8s.io/component-base',
    'k8s.io/apimachinery',
    'sigs.k8s.io/json',
    'sigs.k8s.io/yaml',
    'gopkg.in/yaml.v2',
    'github.com/json-iterator/go',
  ]) {
    const match = new RegExp(`\\s${name.replace(/[./]/g, '\\$&')} (v\\S+)`).exec(gomod);
    if (match) versions[name] = match[1];
  }
  return versions;
}

export function allDocuments() {
  const tests = existsSync(join(here, 'test-inputs.json')) ? JSON.parse(readFileSync(join(here, 'test-inputs.json'), 'utf8')) : [];
  return [...generateDocuments(), ...tests];
}

function judgeMinor(minor, release, documents, check, log) {
  const binary = buildOracle(minor, release, check, log);
  const answer = runJson(
    binary,
    documents.map(({ id, text }) => ({ id, text })),
  );
  const toolchains = [...new Set([firstBuildGo(release), buildGo(release)])];
  const endpoints = [...new Set(answer.verdicts.filter((v) => v.endpoint !== undefined).map((v) => prefixed(v.endpoint)))];
  const parsed = new Map();
  for (const toolchain of toolchains) {
    const { results } = runJson(netUrlProbe(toolchain), endpoints);
    endpoints.forEach((endpoint, i) => parsed.set(`${toolchain}\u0000${endpoint}`, results[i]));
  }
  const vectors = answer.verdicts.map((verdict) => {
    if (verdict.endpoint === undefined) return verdict;
    const url = {};
    for (const toolchain of toolchains) url[toolchain] = parsed.get(`${toolchain}\u0000${prefixed(verdict.endpoint)}`);
    return { ...verdict, url };
  });
  const moduleDir = join(here, 'modules', minor);
  return {
    kubernetes: release.kubernetes,
    modules: moduleVersions(moduleDir),
    program: `oracle/tracing-config/go/${release.program}/main.go`,
    go: { release: release.go, built: answer.go, first: release.firstGo, netUrl: toolchains },
    vectors,
  };
}

export async function run({ check, newest, log }) {
  mkdirSync(bin, { recursive: true });
  const all = Object.keys(releases);
  // ORACLE_TRACING_MINORS=1.37,1.36 limits a run to those minors (to regenerate a few by hand).
  const only = process.env.ORACLE_TRACING_MINORS?.split(',').map((m) => m.trim());
  // A check can only compare minors whose vectors are committed: --newest takes the newest two of those.
  const checkable = check ? all.filter((m) => existsSync(join(golden, `${m}.json`))) : all;
  const minors = only ? only.filter((m) => releases[m]) : newest ? checkable.slice(-2) : checkable;
  if (check && checkable.length < all.length)
    log(`no committed vectors for ${all.filter((m) => !checkable.includes(m)).join(', ')}: not checked`);
  const documents = allDocuments();
  const disagreements = [];
  if (check) {
    const committed = JSON.parse(readFileSync(join(golden, 'documents.json'), 'utf8'));
    if (!isDeepStrictEqual(committed, documents))
      disagreements.push('documents.json differs from what generate.mjs and test-inputs.json give');
  } else {
    mkdirSync(golden, { recursive: true });
    writeFileSync(join(golden, 'documents.json'), `${JSON.stringify(documents, null, 1)}\n`);
  }
  let vectors = 0;
  for (const minor of minors) {
    const result = judgeMinor(minor, releases[minor], documents, check, log);
    vectors += result.vectors.length;
    const file = join(golden, `${minor}.json`);
    if (!check) {
      writeFileSync(file, `${JSON.stringify(result, null, 1)}\n`);
      continue;
    }
    const committed = JSON.parse(readFileSync(file, 'utf8'));
    if (!isDeepStrictEqual(committed.go, result.go) || !isDeepStrictEqual(committed.modules, result.modules)) {
      disagreements.push(
        `${minor}: built from ${JSON.stringify({ go: result.go, modules: result.modules })}, committed ${JSON.stringify({ go: committed.go, modules: committed.modules })}`,
      );
    }
    const byId = new Map(committed.vectors.map((vector) => [vector.id, vector]));
    for (const vector of result.vectors) {
      if (!isDeepStrictEqual(byId.get(vector.id), vector))
        disagreements.push(
          `${minor} ${vector.id}: real code says ${JSON.stringify(vector)}, committed ${JSON.stringify(byId.get(vector.id))}`,
        );
    }
  }
  // The scheme's other registered kinds (scheme.mjs), for the same minors.
  disagreements.push(...writeSchemes(minors, check, log));
  return { vectors, disagreements };
}
