/**
 * Bounded work and output per document: no diagnostic repeats the whole value it sits on, at most 100 findings of
 * one kind per document (then one Information with the count), and "did you mean" through an index that gives what
 * a plain scan gives. Before: 1,000 unknown gates in one --feature-gates value published 20 MB of diagnostics (each
 * quoted the whole value), 4,000 gates 333 MB; 20,000 --feature-gates flags took 69 s in process.
 * How long these take is measured in benchmarks (npm run bench -- robustness), not asserted here.
 */
import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../common/src/settings';
import { validateSource } from '../../../server/src/service/languageService';
import { closestName } from '../../../server/src/service/text/closestName';
import { abbreviate } from '../../../server/src/service/text/abbreviate';

function apiserverPod(commandLines: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
${commandLines}    image: registry.k8s.io/kube-apiserver:v1.33.0
    name: kube-apiserver
`;
}

const check = (text: string) =>
  validateSource({ uri: 'file:///ws/kube-apiserver.yaml', text }, { settings: normalizeSettings({}), workspaceFolders: ['/ws'] });

describe('bounded work and output per document', function () {
  this.timeout(120000); // a generous bound for a shared, slow machine; no timing is asserted

  it('1,000 unknown gates in one value: no finding quotes the whole value; 100 shown, then the count', () => {
    const value = Array.from({ length: 1000 }, (_, i) => `UnknownGate${i}=true`).join(',');
    const findings = check(apiserverPod(`    - --feature-gates=${value}\n`));
    for (const f of findings) {
      assert.ok(!f.message.includes(value) && !f.explanation.includes(value), `${f.code} repeats the whole value`);
      assert.ok(f.message.length + f.explanation.length < 2000, `${f.code}: ${f.message.length + f.explanation.length} characters`);
    }
    const unrecognized = findings.filter((f) => f.code === 'feature-gates/unrecognized');
    assert.equal(unrecognized.length, 100);
    assert.equal(unrecognized[0]!.message, 'unrecognized feature gate: UnknownGate0');
    // 1.33 (1.31+): the component globals registry prints featuregate's error bare, no pflag prefix quoting the value.
    assert.ok(
      unrecognized[0]!.explanation.startsWith('kube-apiserver exits at start-up: unrecognized feature gate: UnknownGate0.'),
      unrecognized[0]!.explanation,
    );
    const capped = findings.filter((f) => f.code === 'too-many-findings');
    assert.deepEqual(
      capped.map((f) => f.message),
      ['1,000 feature-gates/unrecognized findings in this document: showing the first 100'],
    );
    // The count sits on the 101st, where the hidden ones start.
    assert.equal(capped[0]!.range.start.character, unrecognized[99]!.range.start.character + value.split(',')[99]!.length + 1);
  });

  it('20,000 --feature-gates flags: 100 findings and the count', () => {
    const flags = Array.from({ length: 20000 }, (_, i) => `    - --feature-gates=UnknownGate${i}=true\n`).join('');
    const findings = check(apiserverPod(flags));
    assert.equal(findings.filter((f) => f.code === 'feature-gates/unrecognized').length, 100);
    assert.deepEqual(
      findings.filter((f) => f.code === 'too-many-findings').map((f) => f.message),
      ['20,000 feature-gates/unrecognized findings in this document: showing the first 100'],
    );
  });

  it('a document with 100 findings of a kind shows all of them, with no count', () => {
    const value = Array.from({ length: 100 }, (_, i) => `UnknownGate${i}=true`).join(',');
    const findings = check(apiserverPod(`    - --feature-gates=${value}\n`));
    assert.equal(findings.filter((f) => f.code === 'feature-gates/unrecognized').length, 100);
    assert.equal(findings.filter((f) => f.code === 'too-many-findings').length, 0);
  });

  it('a message quoting a 3 MB value is cut (found by the fuzzer: a 6 MB endpoint-without-port finding)', () => {
    const text = `apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: ${'x'.repeat(3 << 20)}\n`;
    const findings = validateSource(
      { uri: 'file:///ws/tracing-config.yaml', text },
      { settings: normalizeSettings({}), workspaceFolders: ['/ws'] },
    );
    assert.ok(findings.length > 0);
    for (const f of findings)
      assert.ok(f.message.length < 2100 && f.explanation.length < 2100, `${f.code}: ${f.message.length} + ${f.explanation.length}`);
    assert.match(findings.find((f) => f.code === 'tracing-config/endpoint-without-port')!.message, /… \(3,145,\d{3} characters\)/);
  });

  it('abbreviate keeps short text, and never cuts a surrogate pair', () => {
    assert.equal(abbreviate('short'), 'short');
    assert.equal(abbreviate('x'.repeat(79) + '😀' + 'y'.repeat(100)), `${'x'.repeat(79)}… (181 characters)`);
  });

  it('the closest-name index suggests what a plain scan over every candidate suggests', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = (length: number) => Array.from({ length }, () => 'abcdeABCDE-'[Math.floor(random() * 11)]).join('');
    const candidates = Array.from({ length: 300 }, () => word(3 + Math.floor(random() * 25)));
    const scan = (name: string, ignoreCase: boolean) => {
      const wanted = ignoreCase ? name.toLowerCase() : name;
      let best: string | undefined;
      let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
      for (const candidate of candidates) {
        const d = levenshtein(wanted, ignoreCase ? candidate.toLowerCase() : candidate);
        if (d < bestDistance) [best, bestDistance] = [candidate, d];
      }
      return best;
    };
    let suggested = 0;
    for (let i = 0; i < 600; i++) {
      // Misspellings of candidates (a few edits) and unrelated words.
      const base = candidates[Math.floor(random() * candidates.length)]!;
      const chars = [...base];
      for (let e = Math.floor(random() * 5); e > 0; e--)
        chars.splice(Math.floor(random() * chars.length), Math.floor(random() * 2), ...(random() < 0.5 ? [word(1)] : []));
      const name = i % 3 === 0 ? word(3 + Math.floor(random() * 25)) : chars.join('');
      for (const ignoreCase of [false, true]) {
        const expected = scan(name, ignoreCase);
        if (expected) suggested++;
        assert.equal(closestName(name, candidates, { ignoreCase }), expected, `${name} (ignoreCase ${ignoreCase})`);
      }
    }
    assert.ok(suggested > 300, `only ${suggested} names had a suggestion: the comparison says little`);
  });
});

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}
