/**
 * Unknown kube-apiserver flags: the service must say what each release's own command says
 * (oracle/kube-apiserver-flags, vectors in test/golden/kube-apiserver-flags/v1.N.json). For every generated
 * command line, pflag's `unknown flag: …` / `unknown shorthand flag: …` ⇔ one kube-apiserver/unknown-flag Error
 * with that message. Other parse errors (a value its type refuses, a missing value) are other rules' concern:
 * for those lines the unknown-flag rule must stay silent.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Severity, validate } from '../helpers';

interface Vector {
  args: string[];
  error: string;
}

const dir = join(__dirname, '../../golden/kube-apiserver-flags');
const files = readdirSync(dir)
  .filter((f) => /^v1\.\d+\.json$/.test(f))
  .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
const loaded = files.map((f) => ({
  minor: f.slice(1, -'.json'.length),
  ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as { source: string; vectors: Vector[] }),
}));
const total = loaded.reduce((sum, f) => sum + f.vectors.length, 0);
const UNKNOWN = /^unknown (shorthand )?flag: /;

function manifest(tag: string, args: readonly string[]): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:${tag}\n    command: ${JSON.stringify(['kube-apiserver', ...args])}\n`;
}

describe(`kube-apiserver flags: the service agrees with each release's own command on all ${total} golden vectors`, () => {
  it('covers the minors of schemas/kube-apiserver-flags.json', () => {
    const table = JSON.parse(readFileSync(join(__dirname, '../../../schemas/kube-apiserver-flags.json'), 'utf8')) as { versions: string[] };
    assert.deepEqual(
      loaded.map((f) => f.minor),
      table.versions,
    );
    assert.ok(
      loaded.every((f) => f.vectors.some((v) => UNKNOWN.test(v.error)) && f.vectors.some((v) => v.error === '')),
      'each minor has accepted and refused lines',
    );
  });

  for (const file of loaded) {
    it(`Kubernetes ${file.minor} (${file.source}): ${file.vectors.length} vectors`, function () {
      this.timeout(120_000);
      const tag = file.source.split('@')[1]!;
      const problems: string[] = [];
      for (const vector of file.vectors) {
        const unknown = validate(manifest(tag, vector.args), { fileName: 'kube-apiserver.yaml' }).filter(
          (f) => f.code === 'kube-apiserver/unknown-flag',
        );
        const expected = UNKNOWN.test(vector.error) ? [vector.error] : [];
        const said = unknown.map((f) => f.message);
        if (JSON.stringify(said) !== JSON.stringify(expected) || unknown.some((f) => f.severity !== Severity.Error)) {
          problems.push(`${JSON.stringify(vector.args)}: Go ${vector.error || 'parses'} — we ${said.join(' | ') || 'say nothing'}`);
        }
      }
      assert.equal(problems.length, 0, `${problems.length} of ${file.vectors.length} disagree:\n${problems.slice(0, 15).join('\n')}`);
    });
  }
});
