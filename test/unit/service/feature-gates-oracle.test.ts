/**
 * The service must say what each Kubernetes release's own feature-gate code says (oracle/feature-gates, vectors
 * in test/golden/feature-gates/v1.N.json): for every generated command line and kubelet featureGates map,
 * - the release refuses it  → exactly one Error finding, whose message is featuregate's error and whose
 *   explanation quotes what the component prints (pflag's wrapping before 1.31, the kubelet's report);
 * - the release starts      → no Error finding, and one Information finding per line it logs, with that text.
 * Runs through the whole language service (validate), as an editor would.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../server/src/service/findings';
import { kubeletLenientDecodingLog, parseMinor } from '../../../server/src/service/versions';
import { Severity, validate } from '../helpers';

interface Vector {
  component: 'kube-apiserver' | 'kubelet';
  args?: string[];
  gates?: [string, boolean][];
  error: string;
  message?: string;
  logs?: string[];
}

interface VectorFile {
  source: string;
  kubeletLenient: { error: string; logged: string }[];
  kubeletReport: { form: 'fmt.Errorf' | 'klog.ErrorS' | 'klog.Fatal'; text: string };
  vectors: Vector[];
}

const dir = join(__dirname, '../../golden/feature-gates');
const files = readdirSync(dir)
  .filter((f) => /^v1\.\d+\.json$/.test(f))
  .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
const loaded = files.map((f) => ({
  minor: f.slice(1, -'.json'.length),
  ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as VectorFile),
}));
const total = loaded.reduce((sum, f) => sum + f.vectors.length, 0);

const RELEVANT =
  /^(feature-gates\/|kube-apiserver\/(flag-needs-argument|unknown-flag|emulated-version-out-of-range|alpha-gates-at-emulated-version))/;

function apiserverManifest(tag: string, args: readonly string[]): string {
  // JSON strings are YAML double-quoted scalars: the arguments reach the service exactly as given.
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:${tag}\n    command: ${JSON.stringify(['kube-apiserver', ...args])}\n`;
}

function kubeletConfig(gates: readonly [string, boolean][]): string {
  const entries = gates.map(([name, value]) => `  ${JSON.stringify(name)}: ${value}`).join('\n');
  return `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates:\n${entries}\n`;
}

/** What the kubelet prints for a refused map: the wrapped error (1.24+), klog's structured error line (1.21–1.23), klog.Fatal's line (1.20). */
function kubeletPrints(report: VectorFile['kubeletReport'], message: string): string {
  if (report.form === 'klog.ErrorS') return `"${report.text}" err=${JSON.stringify(message)}`;
  return report.form === 'klog.Fatal' ? message : `${report.text}${message}`;
}

function findingsFor(file: (typeof loaded)[number], vector: Vector): Finding[] {
  const tag = file.source.split('@')[1]!;
  const findings =
    vector.component === 'kube-apiserver'
      ? validate(apiserverManifest(tag, vector.args ?? []), { fileName: 'kube-apiserver.yaml' })
      : validate(kubeletConfig(vector.gates ?? []), { fileName: 'kubelet-config.yaml', version: file.minor });
  return findings.filter((f) => RELEVANT.test(f.code));
}

/** The disagreement with one vector, or undefined. */
function disagreement(file: (typeof loaded)[number], vector: Vector): string | undefined {
  const findings = findingsFor(file, vector);
  const errorFindings = findings.filter((f) => f.severity === Severity.Error);
  const said = findings.map((f) => `${Severity[f.severity]} ${f.code}: ${f.message}`).join(' | ') || 'nothing';
  if (vector.error) {
    const prints = vector.component === 'kubelet' ? kubeletPrints(file.kubeletReport, vector.message!) : vector.error;
    if (errorFindings.length !== 1 || errorFindings[0]!.message !== vector.message) return `Go: ${prints} — we: ${said}`;
    if (!errorFindings[0]!.explanation.includes(prints)) return `Go prints: ${prints} — our explanation: ${errorFindings[0]!.explanation}`;
    return undefined;
  }
  if (errorFindings.length) return `Go starts${vector.logs?.length ? ` (logs ${vector.logs.join(' / ')})` : ''} — we: ${said}`;
  const informed = findings
    .filter((f) => f.severity === Severity.Information)
    .map((f) => f.message)
    .sort();
  // Some releases log a line twice (1.31 runs the gate check twice): one Information per distinct line.
  if (JSON.stringify(informed) !== JSON.stringify([...new Set(vector.logs ?? [])].sort()))
    return `Go logs: ${(vector.logs ?? []).join(' / ') || 'nothing'} — we: ${said}`;
  return undefined;
}

describe(`feature gates: the service agrees with each release's own code on all ${total} golden vectors`, () => {
  it('has vectors for every minor of the feature-gate table, at least 2,000 in all', () => {
    const table = JSON.parse(readFileSync(join(__dirname, '../../../schemas/feature-gates.json'), 'utf8')) as { versions: string[] };
    assert.deepEqual(
      loaded.map((f) => f.minor),
      table.versions,
    );
    assert.ok(total >= 2000, `${total} vectors`);
  });

  it("the kubelet's lenient-decoding line, as each release's own klog renders it", () => {
    for (const file of loaded) {
      for (const { error, logged } of file.kubeletLenient)
        assert.equal(kubeletLenientDecodingLog(parseMinor(file.minor)!, error), logged, `${file.minor}: ${error}`);
    }
  });

  for (const file of loaded) {
    it(`Kubernetes ${file.minor} (${file.source}): ${file.vectors.length} vectors`, function () {
      this.timeout(120_000);
      const problems: string[] = [];
      for (const vector of file.vectors) {
        const problem = disagreement(file, vector);
        if (problem) problems.push(`${vector.component} ${JSON.stringify(vector.args ?? vector.gates)}: ${problem}`);
      }
      assert.equal(problems.length, 0, `${problems.length} of ${file.vectors.length} disagree:\n${problems.slice(0, 15).join('\n')}`);
    });
  }
});
