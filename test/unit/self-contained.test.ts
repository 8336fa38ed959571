// The repository is self-contained: no code, test, data or document points at a file outside it (the reference
// material the project started from lives elsewhere; what it says is in docs/, in our words, with its sources).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the repository is self-contained', () => {
  it('no tracked file refers to ../shared, /work/ or another path outside the checkout', () => {
    const root = join(__dirname, '..', '..');
    const grep = spawnSync(
      'git',
      ['grep', '-n', '-I', '-E', String.raw`(\.\./)+shared/|/work/(shared|main|wt)\b`, '--', '.', ':!test/unit/self-contained.test.ts'],
      { cwd: root, encoding: 'utf8' },
    );
    // git grep exits 1 when nothing matches, 0 with matches, 2+ on an error.
    assert.ok(grep.status === 0 || grep.status === 1, grep.stderr);
    assert.equal(grep.stdout, '', 'paths outside the repository');
  });
});
