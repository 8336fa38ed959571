/**
 * Hover, completion and code actions never throw, whatever the cursor and however half-typed the file: every
 * kubeadm fixture (and unrelated YAML), at every line start, first non-blank column and line end, and the same
 * files cut off mid-line (what an editor sends while typing). An exception here would be an empty answer in the
 * editor and a logged stack in the server.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codeActions, complete, hover } from '../../../../server/src/service/assist';
import { LineIndex } from '../../../../server/src/service/text/lineIndex';
import { inputFor } from './helpers';

const FIXTURES = join(__dirname, '../../../fixtures/kubeadm');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('assist: never throws', function () {
  this.timeout(120_000);
  // Three minors (old, middle, newest, with and without tracing) and the unrelated YAML: every file kind, bounded time.
  const files = yamlFiles(FIXTURES).filter((path) => /\/(1\.22|1\.30|1\.36|unrelated)\//.test(path));

  it(`answers at every line of ${files.length} kubeadm fixture files`, () => {
    assert.ok(files.length > 20);
    let answered = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const input = inputFor(text, { fileName: path.split('/').pop()! });
      const lines = new LineIndex(text);
      for (let line = 0; line < lines.lineCount; line++) {
        const lineText = lines.lineText(line);
        for (const character of new Set([lineText.search(/\S|$/), lineText.length, Math.floor(lineText.length / 2)])) {
          const position = { line, character };
          if (hover(input, position)) answered++;
          complete(input, position);
        }
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.lineCount, character: 0 } };
      codeActions(input, whole);
    }
    assert.ok(answered > 50, `hovers answered ${answered} times`); // a sanity check that the positions hit something
  });

  it('answers in files cut off anywhere (half-typed)', () => {
    for (const path of files.filter((_, index) => index % 3 === 0)) {
      const full = readFileSync(path, 'utf8');
      for (let cut = 7; cut < full.length; cut += 97) {
        const text = full.slice(0, cut);
        const input = inputFor(text, { fileName: path.split('/').pop()! });
        const end = new LineIndex(text).positionAt(text.length);
        complete(input, end);
        hover(input, end);
      }
    }
  });
});
