/**
 * Our language server against yaml-language-server 2.0.0 given our TracingConfiguration JSON schema
 * (`schemas/tracing-configuration.schema.json`, associated through the `yaml.schemas` setting), both driven by
 * the same real LSP client (test/protocol/lspClient.ts) over stdio, on the same documents, in one run.
 *
 *   (a) spawn → first diagnostics of a small broken file (process start, initialize, open, publish)
 *   (b) edit → new diagnostics on a 2,000-line, 250-document file (incremental edit that toggles one error),
 *       both servers running at once with edits alternating between them. Our server re-parses only the edited
 *       YAML document (server/src/service/yaml/incrementalParse.ts); the in-process rows show the full
 *       validation of the file and the validation of one edit with that parser.
 *       Ours runs with initializationOptions.validationDelayMs 0. yaml-language-server's debounce is a fixed
 *       200 ms (`validationDelayMs = 200` in its yamlSettings.js, no setting changes it), so its figure is given
 *       raw and with those 200 ms subtracted; its in-process doValidation on the same text is shown as well.
 *   (c) full validation of one small file, in process: our pure validateSource per call, and
 *       yaml-language-server's own language service (getLanguageService().doValidation, a new document version
 *       each call so its parse cache cannot answer) per call.
 * Targets: (a) ours < half of yaml-language-server's; (b) < 20 ms; (c) < 1 ms. Never fails on a number.
 * Run: npm run bench -- lsp-server (builds production bundles first).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { validateSource } from '../server/src/service/languageService';
import { IncrementalParser } from '../server/src/service/yaml/incrementalParse';
import { normalizeSettings } from '../common/src/settings';
import { LspTestClient, type ClientOptions } from '../test/protocol/lspClient';

const ROOT = join(__dirname, '..');
/** The production bundles scripts/bench.mjs snapshotted (dist/ itself when run by hand). */
const DIST = process.env.BENCH_DIST_DIR ?? join(ROOT, 'dist');
const OUR_SERVER = join(DIST, 'server.js');
const YAML_LS_BIN = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const SCHEMA_URI = pathToFileURL(join(ROOT, 'schemas/tracing-configuration.schema.json')).href;
const YAML_LS_DEBOUNCE_MS = 200;
const KUBERNETES_VERSION = '1.34';
const SPAWN_REPETITIONS = 7;
const EDIT_REPETITIONS = 31;
const SMALL_FILE_ITERATIONS = 2000;

/** Replaces a valid rate: a negative rate (our value rule) and an unknown field (their schema) on a new line. */
const BREAKING_EDIT = '-5\nsamplingRate: 1';
const SMALL_URI = 'file:///bench/small/tracing-config.yaml';
const BIG_URI = 'file:///bench/big/tracing-config.yaml';
/**
 * What each server can see: a negative rate is a Kubernetes value rule (ours only; the JSON schema has only the
 * int32 bounds), an unknown field is additionalProperties for them (and a strict-decoding error for us from 1.32).
 */
const SMALL_FILE = [
  'apiVersion: apiserver.config.k8s.io/v1',
  'kind: TracingConfiguration',
  'endpoint: collector.observability.svc:4317',
  'samplingRatePerMillion: -5',
  'samplingRate: 100',
  '',
].join('\n');

/** 250 documents of 8 lines; every 25th has a negative rate and an unknown field so both servers publish something. */
function bigFile(): { text: string; editLine: number } {
  const lines: string[] = [];
  for (let i = 0; i < 250; i++) {
    lines.push(
      `# collector ${i}: traces from the control plane of cluster ${i}`,
      i % 25 === 0 ? 'samplingRate: 5' : `# kept for the audit of cluster ${i}; see the runbook before changing the rate`,
      'apiVersion: apiserver.config.k8s.io/v1',
      'kind: TracingConfiguration',
      `endpoint: collector-${i}.observability.svc:4317`,
      `samplingRatePerMillion: ${i % 25 === 0 ? '-5' : String(100 + i)}`,
      i === 249 ? '' : '---',
    );
    lines.push('');
  }
  // The edit toggles document 126's rate between 226 and -5 plus an unknown field, in the middle of the file.
  return { text: lines.join('\n'), editLine: 126 * 8 + 5 };
}

interface ServerUnderTest {
  name: string;
  options: () => ClientOptions;
}

const OURS: ServerUnderTest = {
  name: 'kube-tracing',
  options: () => ({
    serverArgs: [OUR_SERVER, '--stdio'],
    settings: { kubernetesVersion: KUBERNETES_VERSION },
    initializationOptions: { validationDelayMs: 0 },
  }),
};
const YAML_LS: ServerUnderTest = {
  name: 'yaml-language-server',
  options: () => ({
    serverArgs: [YAML_LS_BIN, '--stdio'],
    otherSections: {
      // schemaStore off: no network here, and it would only add schemas for other files.
      yaml: { validate: true, schemas: { [SCHEMA_URI]: '*.yaml' }, schemaStore: { enable: false } },
    },
  }),
};

const nonEmpty = (d: Diagnostic[]): boolean => d.length > 0;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function spawnToFirstDiagnostics(server: ServerUnderTest): Promise<{ total: number; initialize: number; diagnostics: number }> {
  const started = performance.now();
  const client = new LspTestClient(server.options());
  try {
    await client.initialize();
    const initialized = performance.now();
    const first = client.nextDiagnostics(SMALL_URI, nonEmpty, 20000);
    await client.open(SMALL_URI, SMALL_FILE);
    const diagnostics = await first;
    return { total: performance.now() - started, initialize: initialized - started, diagnostics: diagnostics.length };
  } finally {
    await client.stop();
  }
}

/** One server with the 2,000-line file open, ready to time edits that toggle one error in document 126. */
class EditSession {
  readonly times: number[] = [];
  private count = 0;
  private version = 1;
  private readonly client: LspTestClient;
  private readonly editLine: number;
  private readonly originalValue: string;
  private readonly valueStart: number;

  constructor(private readonly server: ServerUnderTest) {
    this.client = new LspTestClient(server.options());
    const { text, editLine } = bigFile();
    const original = text.split('\n')[editLine]!;
    this.editLine = editLine;
    this.valueStart = original.indexOf(':') + 2;
    this.originalValue = original.slice(this.valueStart);
  }

  async open(): Promise<void> {
    const { text } = bigFile();
    if (text.split('\n').length < 2000) throw new Error(`the big file has ${text.split('\n').length} lines, expected 2,000`);
    await this.client.initialize();
    const opened = this.client.nextDiagnostics(BIG_URI, nonEmpty, 30000);
    await this.client.open(BIG_URI, text);
    this.count = (await opened).length;
  }

  /** Sends one edit and waits for the diagnostics that answer it. */
  async edit(): Promise<void> {
    const version = ++this.version;
    const broken = version % 2 === 0; // even versions put the bad rate in, odd ones take it out again
    const newValue = broken ? BREAKING_EDIT : this.originalValue;
    const end = broken
      ? { line: this.editLine, character: this.valueStart + this.originalValue.length }
      : { line: this.editLine + 1, character: BREAKING_EDIT.length - BREAKING_EDIT.indexOf('\n') - 1 };
    const next = this.client.nextDiagnostics(BIG_URI, () => true, 30000);
    const started = performance.now();
    await this.client.edit(BIG_URI, version, [
      { range: { start: { line: this.editLine, character: this.valueStart }, end }, text: newValue },
    ]);
    const diagnostics = await next;
    this.times.push(performance.now() - started);
    // Proof that these diagnostics answer the edit: breaking adds findings, repairing removes them.
    if (broken ? diagnostics.length <= this.count : diagnostics.length >= this.count) {
      throw new Error(
        `${this.server.name}: after edit ${version} (${broken ? 'breaking' : 'repairing'}) went from ${this.count} to ${diagnostics.length} diagnostics`,
      );
    }
    this.count = diagnostics.length;
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}

/** The mean time per call over `iterations` calls, taken as the median of 10 batches (after a warm-up batch). */
async function perCall(iterations: number, call: (i: number) => unknown): Promise<number> {
  const batch = Math.max(1, Math.floor(iterations / 10));
  for (let i = 0; i < batch; i++) await call(i);
  const batches: number[] = [];
  for (let b = 0; b < 10; b++) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) await call(b * batch + i);
    batches.push((performance.now() - started) / batch);
  }
  return median(batches);
}

async function yamlLanguageService(): Promise<(uri: string, text: string, version: number) => Promise<Diagnostic[]>> {
  const yamlLs = await import('yaml-language-server');
  const service = yamlLs.getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).href },
  });
  service.configure({ validate: true, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.yaml'] }], yamlVersion: '1.2' });
  return (uri, text, version) => service.doValidation(TextDocument.create(uri, 'yaml', version, text), false);
}

async function main(): Promise<void> {
  const buildInfo = JSON.parse(readFileSync(join(DIST, '.build-info.json'), 'utf8')) as { production: boolean };
  // Absolute times on a shared machine vary with its load; the ratios, measured side by side, much less.
  const loadBefore = os.loadavg()[0]!;
  const rows: Array<[string, string, string, string, string]> = [];
  const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`;

  // (a) alternate the two servers so machine noise hits both alike
  const spawn: Record<string, Array<{ total: number; initialize: number }>> = { [OURS.name]: [], [YAML_LS.name]: [] };
  for (let i = 0; i < SPAWN_REPETITIONS; i++) {
    for (const server of i % 2 ? [YAML_LS, OURS] : [OURS, YAML_LS]) spawn[server.name]!.push(await spawnToFirstDiagnostics(server));
  }
  const spawnOurs = median(spawn[OURS.name]!.map((r) => r.total));
  const spawnTheirs = median(spawn[YAML_LS.name]!.map((r) => r.total));
  const initOurs = median(spawn[OURS.name]!.map((r) => r.initialize));
  const initTheirs = median(spawn[YAML_LS.name]!.map((r) => r.initialize));
  const spawnTheirsNoDebounce = spawnTheirs - YAML_LS_DEBOUNCE_MS;
  rows.push([
    '(a) spawn → first diagnostics',
    ms(spawnOurs),
    ms(spawnTheirs),
    `${(spawnOurs / spawnTheirs).toFixed(2)}×`,
    `< 0.5× → ${spawnOurs / spawnTheirs < 0.5 ? 'met' : 'MISSED'}`,
  ]);
  rows.push([
    '(a) same, their 200 ms open debounce excluded',
    ms(spawnOurs),
    ms(spawnTheirsNoDebounce),
    `${(spawnOurs / spawnTheirsNoDebounce).toFixed(2)}×`,
    `< 0.5× → ${spawnOurs / spawnTheirsNoDebounce < 0.5 ? 'met' : 'MISSED'}`,
  ]);
  rows.push(['(a) of which spawn → initialize result', ms(initOurs), ms(initTheirs), `${(initOurs / initTheirs).toFixed(2)}×`, '']);

  // (b) both servers up at once, edits alternating between them so machine noise hits both alike
  const ourEdits = new EditSession(OURS);
  const theirEdits = new EditSession(YAML_LS);
  try {
    await ourEdits.open();
    await theirEdits.open();
    for (let i = 0; i < EDIT_REPETITIONS; i++) {
      await ourEdits.edit();
      await theirEdits.edit();
    }
  } finally {
    await ourEdits.stop();
    await theirEdits.stop();
  }
  const editOursMedian = median(ourEdits.times);
  const editTheirsMedian = median(theirEdits.times);
  rows.push([
    '(b) edit → diagnostics, 2,000 lines (LSP)',
    ms(editOursMedian),
    ms(editTheirsMedian),
    `${(editOursMedian / editTheirsMedian).toFixed(3)}×`,
    `< 20 ms → ${editOursMedian < 20 ? 'met' : 'MISSED'}`,
  ]);
  rows.push([
    '(b) same, their 200 ms debounce subtracted',
    ms(editOursMedian),
    ms(editTheirsMedian - YAML_LS_DEBOUNCE_MS),
    `${(editOursMedian / (editTheirsMedian - YAML_LS_DEBOUNCE_MS)).toFixed(2)}×`,
    '',
  ]);

  // (b') and (c): in process, the validation alone
  const { text: big } = bigFile();
  const settings = normalizeSettings({ kubernetesVersion: KUBERNETES_VERSION });
  const ours = (uri: string, text: string) => validateSource({ uri, text }, { settings, workspaceFolders: [] });
  const theirs = await yamlLanguageService();
  if (ours(SMALL_URI, SMALL_FILE).length === 0 || (await theirs(SMALL_URI, SMALL_FILE, 1)).length === 0) {
    throw new Error('a validator found nothing in the small broken file: the comparison would be meaningless');
  }
  const bigOurs = await perCall(100, () => ours(BIG_URI, big));
  const bigTheirs = await perCall(100, (i) => theirs(BIG_URI, big, i + 2));
  rows.push([
    '(b) full validation, 2,000 lines (in process)',
    ms(bigOurs, 2),
    ms(bigTheirs, 2),
    `${(bigOurs / bigTheirs).toFixed(2)}×`,
    '',
  ]);
  const parser = new IncrementalParser();
  const edited = big.replace('samplingRatePerMillion: 226', `samplingRatePerMillion: ${BREAKING_EDIT}`);
  if (edited === big) throw new Error('the edit did not apply to the big file');
  const incrementalOurs = await perCall(100, (i) =>
    validateSource({ uri: BIG_URI, text: i % 2 ? big : edited }, { settings, workspaceFolders: [] }, (u, t) => parser.parse(u, t)),
  );
  rows.push(['(b) our validation of one edit, 2,000 lines (in process)', ms(incrementalOurs, 2), '', '', '']);
  const smallOurs = await perCall(SMALL_FILE_ITERATIONS, () => ours(SMALL_URI, SMALL_FILE));
  const smallTheirs = await perCall(SMALL_FILE_ITERATIONS / 4, (i) => theirs(SMALL_URI, SMALL_FILE, i + 2));
  rows.push([
    '(c) full validation of one small file (in process)',
    ms(smallOurs, 3),
    ms(smallTheirs, 3),
    `${(smallOurs / smallTheirs).toFixed(2)}×`,
    `< 1 ms → ${smallOurs < 1 ? 'met' : 'MISSED'}`,
  ]);

  const serverBytes = statSync(OUR_SERVER).size;
  const extensionBytes = statSync(join(DIST, 'extension.js')).size;

  const load = `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
  console.log(
    `kube-tracing vs yaml-language-server 2.0.0 (medians; Node ${process.version}; ${buildInfo.production ? 'production' : 'DEVELOPMENT'} bundles; ${load})\n`,
  );
  console.log('| measure | kube-tracing | yaml-language-server | ratio | target |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nBundle sizes (${buildInfo.production ? 'production' : 'development'})\n`);
  console.log('| file | size |');
  console.log('|---|---|');
  console.log(`| dist/server.js | ${(serverBytes / 1024).toFixed(0)} KB |`);
  console.log(`| dist/extension.js | ${(extensionBytes / 1024).toFixed(0)} KB |`);

  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(
    join(ROOT, '.bench/lsp-server.json'),
    JSON.stringify(
      {
        node: process.version,
        loadAverage: { before: loadBefore, after: os.loadavg()[0] },
        productionBundles: buildInfo.production,
        yamlLanguageServerDebounceMs: YAML_LS_DEBOUNCE_MS,
        spawnToFirstDiagnosticsMs: {
          ours: spawn[OURS.name],
          yamlLanguageServer: spawn[YAML_LS.name],
          medianOurs: spawnOurs,
          medianYamlLanguageServer: spawnTheirs,
        },
        editToDiagnosticsMs: {
          ours: ourEdits.times,
          yamlLanguageServer: theirEdits.times,
          medianOurs: editOursMedian,
          medianYamlLanguageServer: editTheirsMedian,
        },
        validateBigFileInProcessMs: { ours: bigOurs, yamlLanguageServer: bigTheirs, oursOneEdit: incrementalOurs },
        validateSmallFileInProcessMs: { ours: smallOurs, yamlLanguageServer: smallTheirs },
        bundleBytes: { server: serverBytes, extension: extensionBytes },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
