// One-off extraction of which component modules each distribution builds, per release, from a clone of
// open-telemetry/opentelemetry-collector-releases (distributions/<d>/manifest.yaml at each tag). The result,
// manifests.json, is committed input of the generator (oracle.mjs): the releases repository is not a Go module,
// so CI cannot reach it through the Go module proxy.
//   node oracle/collector/manifests.mjs <git dir of the releases repository>
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { MANIFEST_RELEASES } from './releases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: node oracle/collector/manifests.mjs <git dir of opentelemetry-collector-releases>');
  process.exit(2);
}
const DISTRIBUTIONS = { core: 'otelcol', contrib: 'otelcol-contrib', k8s: 'otelcol-k8s', otlp: 'otelcol-otlp' };
const KINDS = { receivers: 'receiver', processors: 'processor', exporters: 'exporter', connectors: 'connector', extensions: 'extension' };

const show = (tag, path) => {
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${tag}:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined; // the distribution did not exist at this tag
  }
};

const PREFIXES = [
  ['github.com/open-telemetry/opentelemetry-collector-contrib/', 'contrib:'],
  ['go.opentelemetry.io/collector/', 'core:'],
];
/** `receiver contrib:receiver/jaegerreceiver` (version omitted when it is the release tag; ` @v…` otherwise). */
function compact(kind, module, version, importPath, tag) {
  const short = (path) =>
    PREFIXES.reduce((p, [long, abbreviation]) => (p.startsWith(long) ? abbreviation + p.slice(long.length) : p), path);
  return `${kind} ${short(module)}${version === tag ? '' : ` @${version}`}${importPath ? ` import=${short(importPath)}` : ''}`;
}

const releases = {};
for (const version of MANIFEST_RELEASES) {
  const tag = `v${version}`;
  const distributions = {};
  for (const [distribution, folder] of Object.entries(DISTRIBUTIONS)) {
    const text = show(tag, `distributions/${folder}/manifest.yaml`);
    if (text === undefined) continue;
    const manifest = parse(text);
    const components = [];
    for (const [section, kind] of Object.entries(KINDS)) {
      for (const item of manifest[section] ?? []) {
        // `gomod: <module> <version>`, optionally `import:` a package inside it (extension/storage/filestorage).
        const [module, moduleVersion] = String(item.gomod).trim().split(/\s+/);
        components.push(compact(kind, module, moduleVersion, item.import, tag));
      }
    }
    distributions[distribution] = components;
  }
  releases[version] = { tag, distributions };
  console.log(
    `${tag}: ${Object.entries(distributions)
      .map(([d, c]) => `${d} ${c.length}`)
      .join(', ')}`,
  );
}
writeFileSync(
  join(here, 'manifests.json'),
  `${JSON.stringify(
    {
      source:
        'github.com/open-telemetry/opentelemetry-collector-releases distributions/{otelcol,otelcol-contrib,otelcol-k8s,otelcol-otlp}/manifest.yaml at each release tag (gomod and import lines)',
      format:
        '"<kind> <module>[ @<version>][ import=<package>]"; contrib: = github.com/open-telemetry/opentelemetry-collector-contrib/, core: = go.opentelemetry.io/collector/; the version is the tag unless given',
      releases,
    },
    null,
    1,
  )
    .replace(/\n {4,}"/g, ' "')
    .replace(/\n {3}\]/g, ' ]')}\n`,
);
