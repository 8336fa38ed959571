/**
 * `kube-tracing check` on Helm values files of the opentelemetry-collector chart (test/fixtures/collector/helm/,
 * our own): the merged config's problems on the user's lines or on `config:`, the exit code, and the Chart.yaml
 * beside a values file choosing the chart version (the CLI's checked files are its workspace).
 */
import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import { main } from '../../../server/src/cli/main';

const HELM = relative(process.cwd(), join(__dirname, '../../fixtures/collector'));

function run(...argv: string[]): { code: number; out: string } {
  const out: string[] = [];
  const code = main(
    argv,
    (text) => out.push(text) > 0,
    () => true,
  );
  return { code, out: out.join('\n') };
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  explanation: string;
}

describe('cli check: opentelemetry-collector Helm values', () => {
  it('text: a dangling default reference on config:, exit 1', () => {
    const file = join(HELM, 'helm', 'default-reference-dangling.yaml');
    const { code, out } = run('check', file);
    assert.equal(code, 1);
    assert.ok(
      out.includes(
        `${file}:5:1 error collector/not-configured service::pipelines::traces: references processor "memory_limiter" which is not configured`,
      ),
      out,
    );
  });

  it('a values file that only deletes what it no longer references: exit 0', () => {
    const { code, out } = run('check', join(HELM, 'helm', 'null-deletes.yaml'));
    assert.equal(code, 0, out);
    assert.match(out, /0 error\(s\), 0 warning\(s\), 0 info/);
  });

  it('--collector-helm-chart-version picks the chart for a values file without a Chart.yaml; a bad one is a usage error', () => {
    const file = join(HELM, 'helm', 'default-reference-dangling.yaml');
    const { out } = run('check', file, '--format', 'json', '--explain', '--collector-helm-chart-version', '0.146.0');
    const findings = JSON.parse(out) as JsonFinding[];
    assert.equal(findings.length, 3, out);
    for (const f of findings) assert.match(f.explanation, /^From the chart's default config \(opentelemetry-collector chart 0\.146\.0,/);
    assert.equal(run('check', file, '--collector-helm-chart-version', 'newest').code, 2);
  });

  it("json: Chart.yaml beside the values file picks chart 0.160.0 and its appVersion's release", () => {
    const { code, out } = run('check', join(HELM, 'helm-chart-pinned'), '--format', 'json', '--explain');
    assert.equal(code, 1);
    const findings = JSON.parse(out) as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => `${f.file.split('/').pop()}:${f.line}:${f.column} ${f.code}`),
      ['values.yaml:8:5 collector/unknown-type'],
    );
    assert.match(findings[0]!.message, /unknown type: "k8s_attributes"/);
    assert.match(findings[0]!.explanation, /chart 0\.160\.0/);
    assert.match(findings[0]!.explanation, /The core distribution of Collector 0\.154\.0 does not contain the processor "k8s_attributes"/);
  });
});
