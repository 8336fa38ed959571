// components.json and releases.json (docs/collector-data-format.md): for each release, which component types each
// distribution registers, their deprecated aliases and per-signal stability, read from each component module's
// metadata.yaml at the version the distribution builds.
// Membership: the releases repository's manifests (manifests.json) where we have them (up to v0.159.0); after
// that, the newest manifest carried forward, joined with each module's own `status.distributions` (alone, that
// field agrees with the manifests on only ~89% of entries, measured on every release that has both; between two
// consecutive manifests 0–5 of ~340 entries change). A module the proxy does not serve at a release takes its type,
// aliases and stability from the nearest release where it was read (`inferredFrom`); one never read anywhere is
// listed in releases.json as `unread` for the distributions that build it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRIB, CORE, download, expand, readComponent } from './modules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DISTRIBUTIONS = ['core', 'contrib', 'k8s', 'otlp'];
const minor = (version) => Number(version.split('.')[1]);
const byVersionDesc = (a, b) => minor(b) - minor(a);

/** `receiver contrib:receiver/x @v0.146.1 import=contrib:extension/storage/filestorage` → parts. */
function parseLine(line, tag) {
  const [kind, module, ...rest] = line.split(' ');
  const version = rest.find((r) => r.startsWith('@'))?.slice(1) ?? tag;
  const importPath = rest.find((r) => r.startsWith('import='))?.slice('import='.length);
  return { kind, module: expand(module), version, importPath: importPath ? expand(importPath) : undefined };
}

/** The distributions of the newest manifest that build this part. */
function carriedDistributions(manifest, part) {
  return Object.entries(manifest.distributions)
    .filter(([, lines]) =>
      lines.some((line) => {
        const other = parseLine(line, manifest.tag);
        return other.module === part.module && other.importPath === part.importPath;
      }),
    )
    .map(([distribution]) => distribution);
}

/** What each release's binaries of each distribution are built from: [{ kind, module, version, importPath, distributions? }]. */
function plan(releases, manifests) {
  const newestManifest = Object.keys(manifests.releases).sort(byVersionDesc)[0];
  const universe = new Map();
  for (const lines of Object.values(manifests.releases[newestManifest].distributions)) {
    for (const line of lines) {
      const part = parseLine(line, `v${newestManifest}`);
      if (part.module.startsWith(CONTRIB) || part.module.startsWith(CORE)) universe.set(`${part.module} ${part.importPath ?? ''}`, part);
    }
  }
  return releases.map((version) => {
    const manifest = manifests.releases[version];
    if (manifest) {
      const parts = new Map();
      for (const [distribution, lines] of Object.entries(manifest.distributions)) {
        for (const line of lines) {
          const part = parseLine(line, manifest.tag);
          const key = `${part.module}@${part.version} ${part.importPath ?? ''}`;
          const known = parts.get(key) ?? { ...part, distributions: [] };
          known.distributions.push(distribution);
          parts.set(key, known);
        }
      }
      return { version, source: 'manifest', parts: [...parts.values()] };
    }
    if (minor(version) < minor(newestManifest)) throw new Error(`no manifest for ${version} in manifests.json: run manifests.mjs`);
    return {
      version,
      source: `v${newestManifest} manifest carried forward, joined with the modules' status.distributions`,
      parts: [...universe.values()].map((p) => ({
        ...p,
        version: `v${version}`,
        carried: carriedDistributions(manifests.releases[newestManifest], p),
      })),
    };
  });
}

/** The package directory of a part inside its downloaded module. */
function packageDir(part, moduleDir) {
  return part.importPath ? join(moduleDir, part.importPath.slice(part.module.length)) : moduleDir;
}

export async function buildComponents(releases, log) {
  const manifests = JSON.parse(readFileSync(join(here, 'manifests.json'), 'utf8'));
  const plans = plan(releases, manifests);
  const downloads = await download(
    plans.flatMap((p) => [...p.parts.map((part) => `${part.module}@${part.version}`), `${CORE}otelcol@v${p.version}`]),
    log,
  );
  const perRelease = new Map(); // version → Map "kind/type" → state
  const problems = [];
  let compared = 0;
  let agreed = 0;
  const releaseRows = [];
  // First pass: read every part; remember each module's readings by release for the inference below.
  const readings = new Map(); // "module import" → Map version → component
  const readOf = (part, version) => readings.get(`${part.module} ${part.importPath ?? ''}`)?.get(version);
  for (const { version, parts } of plans) {
    for (const part of parts) {
      const fetched = downloads.get(`${part.module}@${part.version}`);
      const component = fetched?.dir ? readComponent(packageDir(part, fetched.dir)) : undefined;
      if (!component) {
        problems.push(
          `${version}: ${part.module}@${part.version}: ${fetched?.error?.split('\n')[0] ?? (fetched?.dir ? 'no metadata.yaml' : 'not downloaded')}`,
        );
        continue;
      }
      const key = `${part.module} ${part.importPath ?? ''}`;
      if (!readings.has(key)) readings.set(key, new Map());
      readings.get(key).set(version, component);
    }
  }
  const nearest = (part, version) => {
    const known = [...(readings.get(`${part.module} ${part.importPath ?? ''}`)?.keys() ?? [])];
    known.sort((a, b) => Math.abs(minor(a) - minor(version)) - Math.abs(minor(b) - minor(version)) || minor(b) - minor(a));
    return known[0];
  };
  for (const { version, source, parts } of plans) {
    const states = new Map();
    const unread = {};
    let inferred = 0;
    for (const part of parts) {
      let component = readOf(part, version);
      let inferredFrom;
      if (!component) {
        inferredFrom = nearest(part, version);
        component = inferredFrom ? readOf(part, inferredFrom) : undefined;
      }
      const declared = component ? component.distributions.filter((d) => DISTRIBUTIONS.includes(d)).sort() : [];
      let distributions = declared;
      if (part.distributions) {
        distributions = [...part.distributions].sort();
        if (component && !inferredFrom) {
          compared++;
          if (distributions.join() === declared.join()) agreed++;
        }
      } else if (part.carried) {
        distributions = [...new Set([...part.carried, ...(inferredFrom ? [] : declared)])].sort();
      }
      if (distributions.length === 0) continue;
      if (!component) {
        for (const d of distributions) (unread[d] ??= []).push(part.importPath ?? part.module);
        continue;
      }
      if (inferredFrom) inferred++;
      const module = part.importPath ?? part.module;
      const kind = part.kind;
      const add = (type, aliasOf) => {
        const key = `${kind}/${type}`;
        if (!states.has(key))
          states.set(key, {
            kind,
            type,
            module,
            aliasOf,
            distributions,
            stability: component.stability,
            ...(inferredFrom ? { inferredFrom } : {}),
          });
      };
      add(component.type, null);
      for (const alias of component.aliases) add(alias, component.type);
    }
    perRelease.set(version, states);
    const otelcol = downloads.get(`${CORE}otelcol@v${version}`);
    const info = otelcol?.info ? JSON.parse(readFileSync(otelcol.info, 'utf8')) : undefined;
    const goMod = otelcol?.goMod ? readFileSync(otelcol.goMod, 'utf8') : '';
    const coreStable = /go\.opentelemetry\.io\/collector\/confmap (v1\.[\d.]+)/.exec(goMod)?.[1]?.slice(1);
    for (const list of Object.values(unread)) list.sort();
    releaseRows.push({
      version,
      date: info?.Time?.slice(0, 10) ?? null,
      coreStable: coreStable ?? null,
      distributions: source,
      inferred,
      unread,
    });
    log(
      `${version}: ${states.size} types (${source}; ${inferred} inferred from another release, ${Object.values(unread).flat().length} unread)`,
    );
  }
  return { components: mergeHistory(releases, perRelease), releases: releaseRows, problems, compared, agreed };
}

/** One entry per kind/type; consecutive releases (adjacent minors) that say the same thing share a history range. */
function mergeHistory(releases, perRelease) {
  const ascending = [...releases].sort((a, b) => minor(a) - minor(b));
  const entries = new Map();
  for (const version of ascending) {
    for (const [key, state] of perRelease.get(version)) {
      const entry = entries.get(key) ?? { kind: state.kind, type: state.type, module: state.module, aliasOf: state.aliasOf, history: [] };
      entries.set(key, entry);
      const last = entry.history[entry.history.length - 1];
      const same =
        last &&
        minor(version) === minor(last.to) + 1 &&
        JSON.stringify([last.distributions, last.stability, last.inferredFrom]) ===
          JSON.stringify([state.distributions, state.stability, state.inferredFrom]);
      if (same) last.to = version;
      else
        entry.history.push({
          from: version,
          to: version,
          distributions: state.distributions,
          stability: state.stability,
          ...(state.inferredFrom ? { inferredFrom: state.inferredFrom } : {}),
        });
      entry.module = state.module;
      entry.aliasOf = state.aliasOf;
    }
  }
  const newest = ascending[ascending.length - 1];
  const list = [...entries.values()];
  for (const entry of list) {
    for (const h of entry.history) if (h.to === newest) h.to = null;
    entry.history.reverse();
  }
  return list.sort((a, b) => (a.kind === b.kind ? a.type.localeCompare(b.type) : a.kind.localeCompare(b.kind)));
}
