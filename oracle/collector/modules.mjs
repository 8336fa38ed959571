// Reading component modules from the Go module proxy: `go mod download` (the module cache is shared), then each
// component's metadata.yaml (type, deprecated_type, status.class/stability/distributions) and the deprecated type
// aliases its factory registers (`With<Kind>DeprecatedTypeAlias`, core #14349, v0.144.0 on).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
export const CONTRIB = 'github.com/open-telemetry/opentelemetry-collector-contrib/';
export const CORE = 'go.opentelemetry.io/collector/';

/** `contrib:receiver/jaegerreceiver` → the full module path. */
export function expand(path) {
  return path.replace(/^contrib:/, CONTRIB).replace(/^core:/, CORE);
}

/**
 * Specs the proxy refused, remembered across runs in oracle/.bin/ (a refused request is slow to repeat and the
 * answer does not change within a day): { spec: { error, at } }.
 */
const REFUSED_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '.bin', 'collector-refused.json');
const DAY = 24 * 3600 * 1000;
function readRefused() {
  try {
    return JSON.parse(readFileSync(REFUSED_PATH, 'utf8'));
  } catch {
    return {};
  }
}

/** Downloads `module@version` specs (batches, in parallel inside go) → Map spec → { dir, info } or { error }. */
export async function download(specs, log) {
  const refused = readRefused();
  const result = new Map();
  for (const spec of specs) if (refused[spec] && Date.now() - refused[spec].at < DAY) result.set(spec, { error: refused[spec].error });
  const unique = [...new Set(specs)].filter((spec) => !result.has(spec));
  for (let i = 0; i < unique.length; i += 150) {
    const batch = unique.slice(i, i + 150);
    let stdout = '';
    try {
      ({ stdout } = await run('go', ['mod', 'download', '-json', ...batch], {
        cwd: tmpdir(),
        maxBuffer: 64 << 20,
        env: { ...process.env, GOFLAGS: '-mod=mod' },
      }));
    } catch (error) {
      stdout = error.stdout ?? ''; // go exits 1 when one module fails; the JSON still says which
    }
    for (const chunk of stdout.split(/\n}\n?/).filter((c) => c.trim())) {
      const entry = JSON.parse(`${chunk}\n}`);
      const spec = `${entry.Path}@${entry.Version}`;
      result.set(spec, entry.Error ? { error: entry.Error } : { dir: entry.Dir, info: entry.Info, goMod: entry.GoMod });
      if (entry.Error && /40[34]/.test(entry.Error)) refused[spec] = { error: entry.Error.split('\n')[0], at: Date.now() };
    }
    mkdirSync(dirname(REFUSED_PATH), { recursive: true });
    writeFileSync(REFUSED_PATH, JSON.stringify(refused));
    log?.(`downloaded ${Math.min(i + batch.length, unique.length)}/${unique.length} modules`);
  }
  return result;
}

const ALIAS_LITERAL = /With(?:Deprecated)?TypeAlias\(\s*component\.MustNewType\("([^"]+)"\)/g;
const ALIAS_METADATA = /WithDeprecatedTypeAlias\(\s*metadata\.DeprecatedType\s*\)/;

/** Aliases the factory source registers (non-test .go files of the component's package). */
function aliasesInSource(dir, deprecatedType) {
  const aliases = new Set();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.go') || name.endsWith('_test.go')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    for (const match of text.matchAll(ALIAS_LITERAL)) aliases.add(match[1]);
    if (deprecatedType && ALIAS_METADATA.test(text)) aliases.add(deprecatedType);
  }
  return [...aliases];
}

/** Connector pairs `traces_to_metrics` → `traces->metrics` (docs/collector-data-format.md). */
function stabilityOf(status) {
  const stability = {};
  for (const [level, signals] of Object.entries(status?.stability ?? {})) {
    for (const signal of signals ?? []) stability[String(signal).replace('_to_', '->')] = level;
  }
  return stability;
}

/**
 * The component a package declares: { type, class, stability, distributions, aliases, deprecatedType } from its
 * metadata.yaml, or undefined when it has none (old releases of a few modules).
 */
export function readComponent(dir) {
  const path = join(dir, 'metadata.yaml');
  if (!existsSync(path)) return undefined;
  const metadata = parse(readFileSync(path, 'utf8'));
  if (!metadata?.type || !metadata.status) return undefined;
  const deprecatedType = metadata.deprecated_type;
  return {
    type: String(metadata.type),
    class: metadata.status.class,
    stability: stabilityOf(metadata.status),
    distributions: (metadata.status.distributions ?? []).map(String),
    aliases: aliasesInSource(dir, deprecatedType),
    deprecatedType,
  };
}

/**
 * The version of a module that belongs to a release: `tag` when the proxy serves it, else (a contrib module that went
 * stable, e.g. k8sattributesprocessor v1.x from v0.161) the newest v1 version whose go.mod requires the release's
 * stable core (`go.opentelemetry.io/collector/component <coreStable>`); undefined when the proxy serves neither.
 */
export async function resolveVersion(module, tag, coreStable) {
  const direct = (await download([`${module}@${tag}`])).get(`${module}@${tag}`);
  if (direct?.dir) return tag;
  if (!coreStable) return undefined;
  let listed = '';
  try {
    ({ stdout: listed } = await run('go', ['list', '-m', '-versions', module], {
      cwd: tmpdir(),
      env: { ...process.env, GOPROXY: 'https://proxy.golang.org' },
    }));
  } catch {
    return undefined;
  }
  const stable = listed
    .trim()
    .split(/\s+/)
    .slice(1)
    .filter((v) => v.startsWith('v1.'))
    .reverse();
  for (const version of stable) {
    const got = (await download([`${module}@${version}`])).get(`${module}@${version}`);
    if (got?.goMod && readFileSync(got.goMod, 'utf8').includes(`go.opentelemetry.io/collector/component ${coreStable}\n`)) return version;
  }
  return undefined;
}
