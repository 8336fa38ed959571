// Collects every document the TracingConfiguration unit tests validate (test/unit/helpers.ts records them when
// KUBE_TRACING_RECORD_INPUTS names a file) into test-inputs.json, so the real code judges them too.
// Run it after changing those tests: node oracle/tracing-config/test-inputs.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const TEST_FILES = ['test/unit/service/tracing-config*.test.ts', 'test/unit/service/tracing-configuration*.test.ts'];
/** The default kubeTracing.tracingConfigFiles glob, on the base name: the documents judged as tracing config files. */
const TRACING_CONFIG_NAME = /tracing.*config.*\.(ya?ml|json)$/;

const dir = mkdtempSync(join(tmpdir(), 'tracing-inputs-'));
const record = join(dir, 'inputs.jsonl');
try {
  execFileSync('npx', ['mocha', '--require', 'tsx/cjs', '--timeout', '20000', ...TEST_FILES], {
    cwd: root,
    env: { ...process.env, KUBE_TRACING_RECORD_INPUTS: record },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
} catch {
  // A failing test still recorded its inputs; the golden test will show what disagrees.
}
const seen = new Set();
const inputs = [];
for (const line of readFileSync(record, 'utf8').split('\n').filter(Boolean)) {
  const { fileName, text } = JSON.parse(line);
  if (!TRACING_CONFIG_NAME.test(basename(fileName))) continue;
  // Other tools' files that share the name (Thanos, jaeger-client) are not kube-apiserver's: only what shows a
  // TracingConfiguration key or kind.
  if (!/TracingConfiguration|endpoint|samplingRatePerMillion|apiserver\.config\.k8s\.io/i.test(text)) continue;
  const json = fileName.endsWith('.json');
  const key = `${json}\u0000${text}`;
  if (seen.has(key)) continue;
  seen.add(key);
  inputs.push({ id: `test/${inputs.length}`, json, text });
}
rmSync(dir, { recursive: true, force: true });
writeFileSync(join(here, 'test-inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
console.log(`${inputs.length} documents from the unit tests`);
