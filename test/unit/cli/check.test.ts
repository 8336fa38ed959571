/**
 * The `kube-tracing check` command on the kubeadm fixtures: exit codes, and the same findings in the text, JSON
 * and SARIF 2.1.0 outputs. Runs main() in-process, and dist/cli.js (the shipped bundle) when it has been built.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type * as Sarif from 'sarif';
import { main } from '../../../server/src/cli/main';

const REPO = join(__dirname, '../../..');
const FIXTURES = join(REPO, 'test/fixtures/kubeadm');
const MISTAKES = relative(process.cwd(), join(FIXTURES, 'mistakes'));

function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    (text) => out.push(text) > 0,
    (text) => err.push(text) > 0,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  explanation: string;
}

/** What the mistakes folder must give: `file:line:col severity code` (see the comment at the top of each file). */
const EXPECTED_MISTAKES = [
  'etcd-3.5-bool-value-in-next-item.yaml:36:50 warning etcd/cluster-dns-address',
  'etcd-3.5-bool-value-in-next-item.yaml:37:56 info etcd/sampling-rate-zero',
  'etcd-3.5-bool-value-in-next-item.yaml:39:8 error etcd/not-a-flag',
  'etcd-3.5.10-sampling-rate.yaml:22:7 error etcd/flag-not-available',
  'etcd-3.6-old-and-new-names.yaml:22:7 error etcd/flag-conflict',
  'etcd-3.6-old-and-new-names.yaml:22:7 warning etcd/flag-deprecated',
  'etcd-3.6-old-and-new-names.yaml:23:7 warning etcd/flag-deprecated',
  'etcd-cluster-dns-address.yaml:21:50 warning etcd/cluster-dns-address',
  'kubelet-config-typos.yaml:20:1 warning kubelet/duplicate-field',
  'kubelet-config-typos.yaml:53:27 error kubelet/sampling-rate-too-large',
  'kubelet-config-typos.yaml:54:3 warning kubelet/unknown-field',
];

function jsonFindings(...argv: string[]): JsonFinding[] {
  const { code, out } = run('check', ...argv, '--format', 'json');
  assert.ok(code === 0 || code === 1, `exit ${code}`);
  return JSON.parse(out) as JsonFinding[];
}

const short = (f: JsonFinding) => `${f.file.split('/').at(-1)}:${f.line}:${f.column} ${f.severity} ${f.code}`;

describe('kube-tracing check', () => {
  it('kubeadm manifests of 1.28 with tracing on: exit 0 and a clean summary', () => {
    const { code, out } = run('check', relative(process.cwd(), join(FIXTURES, '1.28')), '--kubernetes-version', '1.28');
    assert.equal(code, 0, out);
    assert.match(out, /^0 error\(s\), 0 warning\(s\), 0 info in 9 file\(s\) checked$/m);
  });

  it('typical mistakes: exit 1, each at its line and column', () => {
    const { code, out } = run('check', MISTAKES);
    assert.equal(code, 1);
    const lines = out.split('\n').filter((l) => l.startsWith(MISTAKES));
    assert.deepEqual(
      lines
        .map((l) =>
          l
            .slice(MISTAKES.length + 1)
            .split(' ')
            .slice(0, 3)
            .join(' '),
        )
        .sort(),
      [...EXPECTED_MISTAKES].sort(),
    );
    assert.match(out, /^4 error\(s\), 6 warning\(s\), 1 info in 5 file\(s\) checked$/m);
  });

  it("prints one line per finding, a message's own line break written as \\n", () => {
    const { out } = run('check', join(MISTAKES, 'kubelet-config-typos.yaml'));
    const lines = out.split('\n');
    assert.equal(lines.length, 4, out);
    assert.ok(
      lines.includes(
        `${join(MISTAKES, 'kubelet-config-typos.yaml')}:20:1 warning kubelet/duplicate-field "Using lenient decoding as strict decoding failed" err=<\\n\tstrict decoding error: yaml: unmarshal errors:\\n\t  line 20: key "clusterDomain" already set in map\\n >`,
      ),
      out,
    );
  });

  it('--explain adds the plain-language explanation under each finding', () => {
    const { out } = run('check', join(MISTAKES, 'etcd-3.5.10-sampling-rate.yaml'), '--explain');
    assert.match(
      out,
      /\n {4}--experimental-distributed-tracing-sampling-rate exists from etcd 3\.5\.11; etcd 3\.5\.10 \(image registry\.k8s\.io\/etcd:3\.5\.10-0\) does not have it/,
    );
  });

  it('--etcd-version applies when the image carries no version', () => {
    const findings = jsonFindings(join(MISTAKES, 'etcd-3.6-old-and-new-names.yaml'), '--etcd-version', '3.7.0');
    assert.deepEqual(
      findings.map(short).sort(),
      EXPECTED_MISTAKES.filter((l) => l.startsWith('etcd-3.6')).sort(),
      'the image tag 3.6.4 wins over the option',
    );
  });

  it('JSON carries the same findings, with exact messages', () => {
    const findings = jsonFindings(MISTAKES);
    assert.deepEqual(findings.map(short).sort(), [...EXPECTED_MISTAKES].sort());
    const conflict = findings.find((f) => f.code === 'etcd/flag-conflict')!;
    assert.equal(
      conflict.message,
      'cannot set --experimental-enable-distributed-tracing and --enable-distributed-tracing at the same time, please use --enable-distributed-tracing only',
    );
    assert.equal(conflict.endColumn - conflict.column, '--experimental-enable-distributed-tracing'.length);
  });

  describe('--format sarif', () => {
    function sarif(...argv: string[]): { code: number; log: Sarif.Log } {
      const { code, out } = run('check', ...argv, '--format', 'sarif');
      return { code, log: JSON.parse(out) as Sarif.Log };
    }

    it('is a SARIF 2.1.0 log with one run, the same results as JSON and the same exit code', () => {
      const { code, log } = sarif(MISTAKES);
      assert.equal(code, 1);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      assert.equal(log.runs.length, 1);
      const run0 = log.runs[0]!;
      assert.equal(run0.tool.driver.name, 'kube-tracing');
      assert.equal(run0.columnKind, 'utf16CodeUnits');
      const json = jsonFindings(MISTAKES);
      const results = run0.results!;
      assert.equal(results.length, json.length);
      const level: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };
      for (const [i, result] of results.entries()) {
        const expected = json[i]!;
        const region = result.locations![0]!.physicalLocation!.region!;
        assert.deepEqual(
          [result.ruleId, result.level, region.startLine, region.startColumn, region.endLine, region.endColumn],
          [expected.code, level[expected.severity], expected.line, expected.column, expected.endLine, expected.endColumn],
        );
        assert.ok(result.message.text!.startsWith(expected.message), 'the exact message first');
        const artifact = result.locations![0]!.physicalLocation!.artifactLocation!;
        assert.equal(artifact.uriBaseId, '%SRCROOT%');
        assert.equal(decodeURI(artifact.uri!), expected.file.replace(/\\/g, '/'));
        assert.equal(run0.tool.driver.rules![result.ruleIndex!]!.id, result.ruleId);
      }
      assert.equal(run0.originalUriBaseIds!['%SRCROOT%']!.uri, `file://${process.cwd().replace(/\/?$/, '/')}`);
      assert.equal(run0.invocations![0]!.executionSuccessful, true);
    });

    it('has one rule per code, with the explanation as help text', () => {
      const { log } = sarif(MISTAKES);
      const rules = log.runs[0]!.tool.driver.rules!;
      const ids = rules.map((r) => r.id);
      assert.deepEqual(ids, [...new Set(ids)], 'no duplicate rule ids');
      assert.deepEqual([...ids].sort(), [...new Set(EXPECTED_MISTAKES.map((l) => l.split(' ')[2]!))].sort());
      const removed = rules.find((r) => r.id === 'etcd/flag-not-available')!;
      assert.match(removed.help!.text, /exists from etcd 3\.5\.11/);
      assert.equal(removed.defaultConfiguration!.level, 'error');
      assert.equal(rules.find((r) => r.id === 'etcd/sampling-rate-zero')!.defaultConfiguration!.level, 'note');
    });

    it('related locations (the other flag of a conflict) are carried', () => {
      const { log } = sarif(join(MISTAKES, 'etcd-3.6-old-and-new-names.yaml'));
      const conflict = log.runs[0]!.results!.find((r) => r.ruleId === 'etcd/flag-conflict')!;
      const related = conflict.relatedLocations![0]!;
      assert.equal(related.physicalLocation!.region!.startLine, 22 - 1);
      assert.equal(related.message!.text, '--enable-distributed-tracing is set here');
    });

    it('a clean run has no results, exit 0; an unreadable input marks the invocation unsuccessful, exit 1', () => {
      const clean = sarif(join(FIXTURES, '1.36'), '--kubernetes-version', '1.36');
      assert.equal(clean.code, 0);
      assert.deepEqual(clean.log.runs[0]!.results, []);
      const missing = run('check', join(FIXTURES, 'no-such-folder'), '--format', 'sarif');
      assert.equal(missing.code, 1);
      const log = JSON.parse(missing.out) as Sarif.Log;
      assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, false);
      assert.match(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text!, /no-such-folder: no such file or folder/);
    });
  });

  it('bad usage exits 2', () => {
    assert.equal(run('check', MISTAKES, '--format', 'xml').code, 2);
    assert.equal(run('check').code, 2);
    assert.equal(run('check', MISTAKES, '--kubernetes-version', 'latest').code, 2);
  });

  describe('dist/cli.js', () => {
    const cli = join(REPO, 'dist/cli.js');
    before(function () {
      // The bundle is built by `npm run build` (scripts/test.mjs builds before every stage); running this file
      // alone on a fresh clone has no bundle to run, and the in-process tests above cover the same code.
      if (!existsSync(cli)) this.skip();
    });

    it('gives the same SARIF results and exit code as main()', () => {
      const child = spawnSync(process.execPath, [cli, 'check', MISTAKES, '--format', 'sarif'], { encoding: 'utf8' });
      assert.equal(child.status, 1, child.stderr);
      const bundled = JSON.parse(child.stdout) as Sarif.Log;
      const inProcess = JSON.parse(run('check', MISTAKES, '--format', 'sarif').out) as Sarif.Log;
      assert.deepEqual(bundled.runs[0]!.results, inProcess.runs[0]!.results);
      assert.match(bundled.runs[0]!.tool.driver.version!, /^\d+\.\d+\.\d+/);
    });
  });
});
