/**
 * The TypeScript service against kube-apiserver's own code: every TracingConfiguration vector that
 * oracle/tracing-config (the real k8s.io/apiserver and k8s.io/component-base of each minor, built with that
 * release's Go) wrote to test/golden/tracing-config/. For each document and minor the service must give the same
 * verdict (refused or not), the same upstream message text (the finding's `message`; the explanation is ours)
 * and the same severity class. Where the minor's first and last Go toolchains disagree on the endpoint
 * (net/url changed in a patch release), the service must say so as a Warning carrying the refusing toolchain's
 * error. No Go is needed here: `node scripts/oracle.mjs tracing-config` regenerates the vectors.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../../../common/src/settings';
import { Severity, validateSource, type Finding } from '../../../server/src/service/index';

interface GoldenDocument {
  id: string;
  json: boolean;
  text: string;
}

interface UrlResult {
  scheme?: string;
  error?: string;
}

interface Vector {
  id: string;
  verdict: 'accepted' | 'read-error' | 'invalid';
  error?: string;
  causes?: string[];
  endpoint?: string;
  url?: Record<string, UrlResult>;
}

interface MinorVectors {
  kubernetes: string;
  modules: Record<string, string>;
  go: { release: string; built: string; first: string; netUrl: string[] };
  vectors: Vector[];
}

const folder = join(__dirname, '..', '..', 'golden', 'tracing-config');
const documents = new Map((JSON.parse(readFileSync(join(folder, 'documents.json'), 'utf8')) as GoldenDocument[]).map((d) => [d.id, d]));
const minors = readdirSync(folder)
  .filter((name) => /^\d+\.\d+\.json$/.test(name))
  .map((name) => name.slice(0, -'.json'.length))
  .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
const byMinor = new Map(minors.map((minor) => [minor, JSON.parse(readFileSync(join(folder, `${minor}.json`), 'utf8')) as MinorVectors]));
const total = [...byMinor.values()].reduce((sum, m) => sum + m.vectors.length, 0);

/**
 * Disagreements not fixed yet, each under a named cause (known-disagreements.json, written by
 * GOLDEN_WRITE_KNOWN=1): the test fails on any other disagreement, and on a listed one that has gone away.
 */
interface KnownDisagreements {
  causes: Record<string, string>;
  vectors: Record<string, string>;
}
const knownFile = join(folder, 'known-disagreements.json');
const known: KnownDisagreements = existsSync(knownFile)
  ? (JSON.parse(readFileSync(knownFile, 'utf8')) as KnownDisagreements)
  : { causes: {}, vectors: {} };
if (process.env.GOLDEN_WRITE_KNOWN) known.vectors = {};
const CAUSES: [cause: string, test: (vector: Vector, document: GoldenDocument) => boolean][] = [
  ['file-size-limit', (_v, d) => d.text.length > 100000],
];

const DECODE_PREFIX = 'unable to decode tracing configuration data: ';
const STRICT_PREFIX = 'strict decoding error: ';
const SCHEMES = ['dns', 'unix', 'unix-abstract'];

function serviceFindings(document: GoldenDocument, minor: string): Finding[] {
  const path = `/workspace/${document.json ? 'tracing-config.json' : 'tracing-config.yaml'}`;
  const settings = normalizeSettings({ kubernetesVersion: minor });
  return validateSource({ uri: `file://${path}`, text: document.text }, { settings, workspaceFolders: ['/workspace'] }).filter(
    (f) => !f.code.startsWith('kubelet'),
  );
}

/** A strict decoding error lists its causes joined by ", "; the service gives one finding per cause. */
function decodeParts(message: string): string[] {
  if (!message.startsWith(STRICT_PREFIX)) return [message];
  const YAML_ERRORS = 'yaml: unmarshal errors:\n';
  // go-yaml puts every duplicate key in one "yaml: unmarshal errors:" list; the service gives one finding per key.
  return message
    .slice(STRICT_PREFIX.length)
    .split(/, (?=unknown field|duplicate field|yaml: unmarshal errors)/)
    .flatMap((part) =>
      part.startsWith(YAML_ERRORS)
        ? part
            .slice(YAML_ERRORS.length)
            .split('\n')
            .map((line) => YAML_ERRORS + line)
        : [part],
    )
    .map((part) => STRICT_PREFIX + part);
}

/** Whether url.Parse's answer makes validateEndpoint refuse (a parse error or a scheme gRPC does not take). */
function refuses(result: UrlResult): boolean {
  return result.error !== undefined || !SCHEMES.includes(result.scheme ?? '');
}

/** What the service must say about one vector: its Error messages, and the Warning a toolchain-dependent endpoint gets. */
function expectation(vector: Vector): { errors: string[]; toolchainDependent: boolean } {
  if (vector.verdict === 'read-error') return { errors: decodeParts(vector.error!.slice(DECODE_PREFIX.length)), toolchainDependent: false };
  const causes = vector.causes ?? [];
  const outcomes = Object.values(vector.url ?? {}).map(refuses);
  const toolchainDependent = outcomes.includes(true) && outcomes.includes(false);
  return { errors: toolchainDependent ? causes.filter((c) => !c.startsWith('endpoint: ')) : causes, toolchainDependent };
}

/** Each difference between the service and the real code on one vector, in words; empty when they agree. */
function differences(vector: Vector, findings: Finding[]): string[] {
  const { errors, toolchainDependent } = expectation(vector);
  const found = findings.filter((f) => f.severity === Severity.Error).map((f) => f.message);
  const out: string[] = [];
  for (const message of errors) if (!found.includes(message)) out.push(`misses ${JSON.stringify(message)}`);
  for (const message of found) if (!errors.includes(message)) out.push(`adds Error ${JSON.stringify(message)}`);
  if (toolchainDependent) {
    const refusing = Object.entries(vector.url!).filter(([, r]) => refuses(r));
    const warning = findings.find((f) => f.code === 'tracing-config/endpoint-toolchain-dependent');
    if (!warning) out.push(`misses the toolchain-dependent endpoint Warning (refused by ${refusing.map(([go]) => go).join(', ')})`);
    else if (
      !refusing.some(([, r]) =>
        warning.message.endsWith(
          r.error ??
            `unsupported scheme: ${r.scheme ?? ''}.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md`,
        ),
      )
    ) {
      out.push(
        `toolchain-dependent Warning ${JSON.stringify(warning.message)} is not what a refusing toolchain says (${JSON.stringify(refusing)})`,
      );
    }
  }
  return out;
}

after(() => {
  if (!process.env.GOLDEN_WRITE_KNOWN) return;
  const sorted = Object.fromEntries(Object.entries(known.vectors).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  writeFileSync(knownFile, `${JSON.stringify({ causes: known.causes, vectors: sorted }, null, 1)}\n`);
});

describe(`TracingConfiguration golden vectors: ${total} verdicts of kube-apiserver's own code over ${minors.length} minors`, () => {
  it('covers the minors from 1.22 and at least 5,000 vectors', () => {
    assert.ok(minors.includes('1.22'), `minors: ${minors.join(', ')}`);
    assert.ok(total >= 5000, `${total} vectors`);
  });

  for (const [minor, data] of byMinor) {
    const listed = Object.keys(known.vectors).filter((key) => key.startsWith(`${minor} `)).length;
    it(`${minor} (k8s.io/apiserver@${data.modules['k8s.io/apiserver']}, ${data.go.built}): the service agrees on ${data.vectors.length - listed} of ${data.vectors.length} vectors, the other ${listed} are known-disagreements.json's`, () => {
      const disagreements: string[] = [];
      const stillKnown = new Set(Object.keys(known.vectors).filter((key) => key.startsWith(`${minor} `)));
      for (const vector of data.vectors) {
        const document = documents.get(vector.id);
        assert.ok(document, `no document ${vector.id}`);
        const diff = differences(vector, serviceFindings(document, minor));
        const key = `${minor} ${vector.id}`;
        if (process.env.GOLDEN_WRITE_KNOWN && diff.length) {
          known.vectors[key] = CAUSES.find(([, test]) => test(vector, document))?.[0] ?? 'unclassified';
          continue;
        }
        if (diff.length && stillKnown.delete(key)) continue;
        if (diff.length) disagreements.push(`${vector.id} ${JSON.stringify(document.text)}: ${diff.join('; ')}`);
      }
      for (const key of stillKnown) disagreements.push(`${key} is listed in known-disagreements.json but now agrees: remove it`);
      // GOLDEN_DISAGREEMENTS=<file> writes every disagreement there (the assertion shows the first 40).
      if (process.env.GOLDEN_DISAGREEMENTS)
        appendFileSync(process.env.GOLDEN_DISAGREEMENTS, disagreements.map((d) => `${minor} ${d}\n`).join(''));
      assert.deepEqual(disagreements.slice(0, 40), [], `${disagreements.length} of ${data.vectors.length} vectors disagree`);
    });
  }
});
