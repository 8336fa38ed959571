/**
 * `kube-tracing check` on the real-file corpus (test/fixtures/real-corpus: 113 files from 42 public repositories,
 * SOURCES.md). The expectation (expected.json) is what was judged true by reading each file against the component
 * (docs/real-corpus.md), plus the false alarms still on main, each with its cause. A new finding fails the test
 * until someone judges it; so does a lost true finding, and a false alarm that went away (remove it from the list).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../../../server/src/cli/main';

const FOLDER = join(__dirname, '../../fixtures/real-corpus');

interface Expectation {
  expected: Record<string, string[]>;
  knownFalse: Record<string, Array<{ finding: string; cause: string }>>;
}

interface JsonFinding {
  file: string;
  line: number;
  code: string;
}

const expectation = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as Expectation;

/** file (relative to the corpus) → sorted `code@line`, for every file with a finding. */
function actualFindings(): Map<string, string[]> {
  const out: string[] = [];
  main(
    ['check', relative(process.cwd(), FOLDER), '--format', 'json'],
    (text) => out.push(text) > 0,
    () => true,
  );
  const findings = JSON.parse(out.join('\n')) as JsonFinding[];
  const byFile = new Map<string, string[]>();
  for (const finding of findings) {
    const file = relative(FOLDER, finding.file);
    byFile.set(file, [...(byFile.get(file) ?? []), `${finding.code}@${finding.line}`]);
  }
  for (const list of byFile.values()) list.sort();
  return byFile;
}

/** What is in `a` and not in `b`, counting repeats (two identical findings are two). */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((item) => {
    const at = left.indexOf(item);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

describe('the real-file corpus (issue 11)', function () {
  this.timeout(60000);
  const actual = actualFindings();
  const files = [...new Set([...actual.keys(), ...Object.keys(expectation.expected), ...Object.keys(expectation.knownFalse)])].sort();

  it('gives every finding judged true, on its line', () => {
    const lost = files.flatMap((file) => minus(expectation.expected[file] ?? [], actual.get(file) ?? []).map((f) => `${file}: ${f}`));
    assert.deepEqual(lost, [], 'true findings no longer given');
  });

  it('gives no finding that nobody judged (a new one goes in expected.json if true, knownFalse with its cause if not)', () => {
    const unjudged = files.flatMap((file) => {
      const judged = [...(expectation.expected[file] ?? []), ...(expectation.knownFalse[file] ?? []).map((k) => k.finding)];
      return minus(actual.get(file) ?? [], judged).map((f) => `${file}: ${f}`);
    });
    assert.deepEqual(unjudged, [], 'findings not in expected.json');
  });

  it('still gives each known false alarm (when one is fixed, remove it from knownFalse)', () => {
    const gone = files.flatMap((file) =>
      minus(
        (expectation.knownFalse[file] ?? []).map((k) => k.finding),
        minus(actual.get(file) ?? [], expectation.expected[file] ?? []),
      ).map((f) => `${file}: ${f}`),
    );
    assert.deepEqual(gone, [], 'known false alarms that went away');
  });

  it('names the cause of each known false alarm, and judges only files of the corpus', () => {
    for (const [file, list] of Object.entries(expectation.knownFalse)) {
      for (const { finding, cause } of list) assert.ok(cause.length > 20, `${file}: ${finding} needs its cause`);
    }
    const sources = readFileSync(join(FOLDER, 'SOURCES.md'), 'utf8');
    for (const file of [...Object.keys(expectation.expected), ...Object.keys(expectation.knownFalse)]) {
      assert.ok(sources.includes(`| ${file} |`), `${file} is not in SOURCES.md`);
    }
  });
});
