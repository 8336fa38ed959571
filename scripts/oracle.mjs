// `npm run oracle`: ask the real Kubernetes, etcd and Collector code (built from their published Go modules)
// and write what it says as committed data and golden vectors.
//   node scripts/oracle.mjs                   regenerate every area, every release it covers
//   node scripts/oracle.mjs --check --newest  CI: rebuild the newest releases of each area and fail when the
//                                             committed vectors differ from what the real code says now
//   node scripts/oracle.mjs tracing-config    only the named areas
// Each area is a folder oracle/<area>/ with an `oracle.mjs` that exports `run({ check, newest, log })` and
// returns { vectors, disagreements: string[] }. Go binaries land in oracle/.bin/ (one build per release per run,
// shared between areas and the real-pipeline tests); Go's module and build caches are shared within the run.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const newest = args.includes('--newest');
const named = args.filter((a) => !a.startsWith('--'));
const areas = readdirSync(join(root, 'oracle'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(root, 'oracle', e.name, 'oracle.mjs')))
  .map((e) => e.name)
  .filter((name) => named.length === 0 || named.includes(name))
  .sort();
if (named.length && areas.length !== named.length) {
  console.error(`unknown area among ${named.join(', ')}; areas with an oracle.mjs: ${areas.join(', ') || 'none'}`);
  process.exit(2);
}

let failures = 0;
let passes = 0;
for (const area of areas) {
  const started = Date.now();
  console.log(`== oracle ${area}${check ? ' (check)' : ''}${newest ? ' (newest releases)' : ''}`);
  try {
    const module = await import(pathToFileURL(join(root, 'oracle', area, 'oracle.mjs')).href);
    const result = await module.run({ check, newest, log: (line) => console.log(`  ${area}: ${line}`) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.disagreements.length) {
      failures++;
      console.log(`  ${area}: ${result.disagreements.length} difference(s) from the committed data:`);
      for (const line of result.disagreements.slice(0, 50)) console.log(`    ${line}`);
    } else {
      passes++;
      console.log(`  ${area}: ${result.vectors} vector(s) ${check ? 'agree with the real code' : 'written'} in ${seconds} s`);
    }
  } catch (error) {
    failures++;
    console.log(`  ${area}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
