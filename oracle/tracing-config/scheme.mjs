// What the scheme of --tracing-config-file registers, per minor (go/scheme): kube-apiserver decodes the file into
// whatever registered group/version/kind it names and only then converts it to TracingConfiguration, so a file of
// another registered kind (EgressSelectorConfiguration, AdmissionConfiguration, ...) fails with "converting (...)
// to (...): unknown conversion", an unregistered one with "no kind ... is registered". Writes
// schemas/tracing-config-scheme.json, consecutive minors with the same registrations folded into one range.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { buildGo, go, releases, schemeBinaries } from './oracle.mjs';
import { execFileSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'oracle', '.bin');
export const schemeFile = join(root, 'schemas', 'tracing-config-scheme.json');

/** The registrations of one minor: { "<group>/<version>": { <Kind>: { type, fields, generic? } } } (version __internal for the internal one). */
export function schemeOf(minor, release, check, log) {
  const built = schemeBinaries.get(minor);
  return built ? listing(built) : listing(buildScheme(minor, release, check, log));
}

/** Builds go/scheme alone against the minor's module (or, without one yet, the same k8s.io/apiserver resolved for it). */
function buildScheme(minor, release, check, log) {
  const work = join(bin, 'work', 'tracing-scheme', minor);
  mkdirSync(work, { recursive: true });
  copyFileSync(join(here, 'go', 'scheme', 'main.go'), join(work, 'main.go'));
  const moduleDir = join(here, 'modules', minor);
  if (existsSync(join(moduleDir, 'go.mod')) || check) {
    copyFileSync(join(moduleDir, 'go.mod'), join(work, 'go.mod'));
    copyFileSync(join(moduleDir, 'go.sum'), join(work, 'go.sum'));
  } else {
    // No module of the minor's vectors yet (ensureModule makes it when they are built): resolve the same
    // k8s.io/apiserver for this program alone, without touching the minor's committed module.
    const version = `v0.${release.kubernetes.slice(2)}`;
    log(`${minor}: resolving k8s.io/apiserver@${version} for the scheme listing only`);
    rmSync(join(work, 'go.mod'), { force: true });
    rmSync(join(work, 'go.sum'), { force: true });
    go(['mod', 'init', 'kube-tracing/oracle/tracing-scheme'], work, buildGo(release));
    go(['get', `k8s.io/apiserver@${version}`], work, buildGo(release));
    go(['mod', 'tidy'], work, buildGo(release));
  }
  const output = join(bin, `tracing-scheme-${minor}`);
  const started = Date.now();
  go(['build', '-mod=mod', '-o', output, '.'], work, buildGo(release));
  log(`${minor}: built ${output.slice(root.length + 1)} with ${buildGo(release)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return output;
}

function listing(binary) {
  const kinds = {};
  for (const k of JSON.parse(execFileSync(binary, [], { encoding: 'utf8' }))) {
    const gv = `${k.group}/${k.version}`;
    kinds[gv] ??= {};
    const fields = k.fields.filter((f) => f !== 'apiVersion' && f !== 'kind');
    // Types apimachinery adds to every group version (metav1.AddToGroupVersion): options, WatchEvent, Status, ...
    const generic = !k.package.startsWith('k8s.io/apiserver/');
    kinds[gv][k.kind] = generic ? { type: k.goType, fields, generic } : { type: k.goType, fields };
  }
  return kinds;
}

const minorNumber = (m) => Number(m.split('.')[1]);

/** Per-minor registrations folded into ranges of consecutive minors that register the same. */
function fold(perMinor) {
  const ranges = [];
  for (const minor of Object.keys(perMinor).sort((a, b) => minorNumber(a) - minorNumber(b))) {
    const last = ranges.at(-1);
    if (last && minorNumber(last.to) === minorNumber(minor) - 1 && isDeepStrictEqual(last.kinds, perMinor[minor].kinds)) {
      last.to = minor;
      last.apiserver.push(perMinor[minor].apiserver);
    } else ranges.push({ from: minor, to: minor, apiserver: [perMinor[minor].apiserver], kinds: perMinor[minor].kinds });
  }
  return ranges;
}

function unfold(data) {
  const perMinor = {};
  for (const range of data?.schemes ?? [])
    for (let n = minorNumber(range.from), i = 0; n <= minorNumber(range.to); n++, i++)
      perMinor[`1.${n}`] = { apiserver: range.apiserver[i], kinds: range.kinds };
  return perMinor;
}

/**
 * Lists the scheme of each of `minors` and writes schemas/tracing-config-scheme.json (other minors kept as
 * committed); with `check`, returns the differences from the committed file instead.
 */
export function writeSchemes(minors, check, log) {
  const listed = {};
  for (const minor of minors) {
    const release = releases[minor];
    listed[minor] = { apiserver: `v0.${release.kubernetes.slice(2)}`, kinds: schemeOf(minor, release, check, log) };
  }
  // Read only now: another run may have written other minors meanwhile.
  const perMinor = unfold(existsSync(schemeFile) ? JSON.parse(readFileSync(schemeFile, 'utf8')) : undefined);
  const differences = [];
  for (const [minor, entry] of Object.entries(listed)) {
    if (check && !isDeepStrictEqual(perMinor[minor], entry))
      differences.push(`${minor}: the scheme of k8s.io/apiserver@${entry.apiserver} differs from schemas/tracing-config-scheme.json`);
    perMinor[minor] = entry;
  }
  if (!check) {
    const out = {
      $comment:
        'What the scheme kube-apiserver decodes --tracing-config-file with registers (k8s.io/apiserver pkg/apis/apiserver/install.Install, into the scheme of pkg/server/options/tracing.go, pkg/tracing/config.go before 1.25), per range of minors: group/version -> kind -> the Go type the decoder creates (as conversion errors name it) and the JSON names of its top-level fields besides apiVersion and kind; generic: apimachinery meta types every group version gets. Written by oracle/tracing-config (go/scheme) from the k8s.io/apiserver versions listed.',
      schemes: fold(perMinor),
    };
    writeFileSync(schemeFile, `${JSON.stringify(out, null, 1)}\n`);
  }
  return differences;
}

// `node oracle/tracing-config/scheme.mjs [1.37 ...]`: only the scheme listings (every minor by default).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const minors = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(releases);
  writeSchemes(minors, false, (line) => console.log(`  tracing-config: ${line}`));
}
