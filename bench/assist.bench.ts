/**
 * Editing assistance on 2,000-line files (target: completion and hover under 10 ms, what feels instant), in process, median
 * of many calls, every call on a new document version so no parse cache can answer:
 *   - TracingConfiguration file of 250 documents (2,000 lines): our hover / completion against
 *     yaml-language-server 2.0.0's own language service (doHover / doComplete) given our JSON schema
 *     (schemas/tracing-configuration.schema.json), at the same position, in the same run;
 *   - kube-apiserver manifests, 16 kubeadm pods in one file (about 2,000 lines): hover on a feature gate and the
 *     gate list inside `--feature-gates=` (nothing to compare with: yaml-language-server knows no flags), against
 *     our own validation of the same text as the baseline;
 *   - one 2,000-line pod (a single document), where only the whole file can be parsed.
 * Prints a markdown table and writes .bench/assist.json. Never fails on a number.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../common/src/settings';
import { complete, hover, type AssistInput } from '../server/src/service/assist';
import type { Position } from '../server/src/service/findings';
import { validateSource } from '../server/src/service/languageService';

const ROOT = join(__dirname, '..');
const SCHEMA_URI = pathToFileURL(join(ROOT, 'schemas/tracing-configuration.schema.json')).href;
const CALLS = 300;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(call: (version: number) => unknown): Promise<number> {
  for (let i = 0; i < 30; i++) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call(1000 + i);
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** 250 TracingConfiguration documents of 8 lines; the cursors go into the last one. */
function tracingFile(): { text: string; hoverAt: Position; completeAt: Position } {
  const lines: string[] = [];
  for (let i = 0; i < 250; i++) {
    lines.push(
      `# collector ${i}`,
      'apiVersion: apiserver.config.k8s.io/v1',
      'kind: TracingConfiguration',
      `endpoint: collector-${i}.observability.svc:4317`,
      `samplingRatePerMillion: ${100 + i}`,
      '',
      i === 249 ? '' : '---',
    );
    if (i < 249) lines.push('');
  }
  const last = lines.lastIndexOf('kind: TracingConfiguration');
  // Hover on samplingRatePerMillion; completion on the apiVersion value (an enum in the schema, served versions for us).
  return {
    text: lines.join('\n'),
    hoverAt: { line: last + 2, character: 5 },
    completeAt: { line: last - 1, character: 'apiVersion: '.length },
  };
}

/** kubeadm's 1.26 kube-apiserver pod with tracing, 16 times; the cursor goes into the last one's --feature-gates. */
function manifestFile(): { text: string; hoverAt: Position; completeAt: Position } {
  const pod = readFileSync(join(ROOT, 'test/fixtures/kubeadm/1.26/tracing-on/kube-apiserver.yaml'), 'utf8').trimEnd();
  const text = Array.from({ length: 16 }, () => pod).join('\n---\n') + '\n';
  const lines = text.split('\n');
  const line = lines.lastIndexOf('    - --feature-gates=APIServerTracing=true');
  const column = '    - --feature-gates='.length;
  return { text, hoverAt: { line, character: column + 3 }, completeAt: { line, character: column } };
}

/** One document of 2,000+ lines (kubeadm's pod with 1,900 extra flags): the case the per-document parse cannot help. */
function singleDocumentFile(): { text: string; hoverAt: Position } {
  const pod = readFileSync(join(ROOT, 'test/fixtures/kubeadm/1.26/tracing-on/kube-apiserver.yaml'), 'utf8');
  const extra = Array.from({ length: 1900 }, (_, i) => `    - --v${i}=${i}`).join('\n');
  const text = pod.replace('    - --feature-gates=APIServerTracing=true\n', `    - --feature-gates=APIServerTracing=true\n${extra}\n`);
  const line = text.split('\n').indexOf('    - --feature-gates=APIServerTracing=true');
  return { text, hoverAt: { line, character: '    - --feature-gates='.length + 3 } };
}

function input(uri: string, text: string): AssistInput {
  return { source: { uri, text }, options: { settings: normalizeSettings({ kubernetesVersion: 'auto' }), workspaceFolders: [] } };
}

async function main(): Promise<void> {
  const yamlLs = await import('yaml-language-server');
  const service = yamlLs.getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).href },
  });
  service.configure({
    validate: true,
    hover: true,
    completion: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.yaml'] }],
    yamlVersion: '1.2',
  });

  const tracing = tracingFile();
  const manifest = manifestFile();
  const single = singleDocumentFile();
  const tracingUri = 'file:///bench/tracing-config.yaml';
  const manifestUri = 'file:///bench/kube-apiserver.yaml';
  const document = (version: number) => TextDocument.create(tracingUri, 'yaml', version, tracing.text);

  // What each answers at those positions, so the table shows both did real work.
  const ourHover = hover(input(tracingUri, tracing.text), tracing.hoverAt);
  const theirHover = await service.doHover(document(1), tracing.hoverAt);
  const ourItems = complete(input(tracingUri, tracing.text), tracing.completeAt);
  const theirItems = await service.doComplete(document(2), tracing.completeAt, false);
  const gateHover = hover(input(manifestUri, manifest.text), manifest.hoverAt);
  const gateItems = complete(input(manifestUri, manifest.text), manifest.completeAt);
  if (!hover(input(manifestUri, single.text), single.hoverAt)) throw new Error('no hover in the single-document pod');
  if (!ourHover || !gateHover || ourItems.length === 0 || gateItems.length === 0)
    throw new Error('the assistance answered nothing at the benchmark positions');

  const rows = [
    {
      what: 'hover on a field, 2,000-line TracingConfiguration file',
      ours: await time(() => hover(input(tracingUri, tracing.text), tracing.hoverAt)),
      peer: await time((version) => service.doHover(document(version), tracing.hoverAt)),
      peerName: `yaml-language-server doHover (${theirHover ? 'answers' : 'no answer'})`,
    },
    {
      what: `completion of the apiVersion value (ours ${ourItems.length} items), same file`,
      ours: await time(() => complete(input(tracingUri, tracing.text), tracing.completeAt)),
      peer: await time((version) => service.doComplete(document(version), tracing.completeAt, false)),
      peerName: `yaml-language-server doComplete (${theirItems.items.length} items)`,
    },
    {
      what: 'hover on APIServerTracing, 16 kube-apiserver pods (2,000+ lines)',
      ours: await time(() => hover(input(manifestUri, manifest.text), manifest.hoverAt)),
      peer: await time(() => validateSource({ uri: manifestUri, text: manifest.text }, input(manifestUri, manifest.text).options)),
      peerName: 'our validation of the same file',
    },
    {
      what: `completion in --feature-gates= (${gateItems.length} gates), same file`,
      ours: await time(() => complete(input(manifestUri, manifest.text), manifest.completeAt)),
      peer: await time(() => validateSource({ uri: manifestUri, text: manifest.text }, input(manifestUri, manifest.text).options)),
      peerName: 'our validation of the same file',
    },
    {
      what: `hover on APIServerTracing, one ${single.text.split('\n').length}-line pod (no document split possible)`,
      ours: await time(() => hover(input(manifestUri, single.text), single.hoverAt)),
      peer: await time(() => validateSource({ uri: manifestUri, text: single.text }, input(manifestUri, single.text).options)),
      peerName: 'our validation of the same file',
    },
  ];

  const lines = [
    `| request (${tracing.text.split('\n').length} / ${manifest.text.split('\n').length} lines) | kube-tracing (median) | compared with | its median | ratio ours/theirs |`,
    '|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.what} | ${row.ours.toFixed(2)} ms | ${row.peerName} | ${row.peer.toFixed(2)} ms | ${(row.ours / row.peer).toFixed(2)} |`,
    ),
  ];
  console.log(lines.join('\n'));
  console.log(`\nTarget: completion and hover under 10 ms on a 2,000-line file. Median of ${CALLS} calls each.`);
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(join(ROOT, '.bench/assist.json'), JSON.stringify({ calls: CALLS, rows }, null, 2));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
