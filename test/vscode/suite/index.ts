/**
 * The integration suite's entry: VS Code's extension host calls `run()` (the `--extensionTestsPath` module)
 * after loading the extension under development. It runs every `*.test.ts` / `*.test.js` file under
 * test/vscode/suite/ with mocha (bdd: describe/it).
 *
 * ADDING TESTS: drop a `<topic>.test.ts` (or `.test.js`) file into test/vscode/suite/ (subfolders too). Nothing
 * else to register: test/vscode/runTests.ts bundles each file with esbuild (`vscode` and npm packages stay
 * external) and this index loads every bundled `*.test.js`. Put fixture files under test/vscode/workspace/
 * (one subfolder per area); the run opens a fresh copy of that folder, so tests may edit files and write
 * workspace settings. `./helpers` has what most tests need: activateExtension(), openFixture(),
 * waitForDiagnostics(), setSetting(), serverProcessIds().
 *
 * Run: `node scripts/test.mjs vscode`, or `npx tsx test/vscode/runTests.ts [--grep <pattern>]`.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true); // the bundles carry inline source maps: stack traces point at the .ts files
  // mocha 12 is an ES module; import() works in every extension host (desktop Electron and code-server's Node 24).
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.KUBE_TRACING_VSCODE_TEST_TIMEOUT_MS ?? 30_000),
    grep: process.env.KUBE_TRACING_VSCODE_GREP || undefined,
  });
  const files = testFiles(__dirname).sort();
  if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  let stats: { passes: number; failures: number; pending: number } | undefined;
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.once('end', () => (stats = runner.stats));
  });
  // The counts for scripts/test.mjs, as test/support/counting-reporter.cjs writes them for the mocha CLI stages.
  const countsFile = process.env.KUBE_TRACING_TEST_COUNTS;
  if (countsFile && stats)
    appendFileSync(countsFile, `${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}\n`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
