/**
 * LineIndex takes a native-search path for texts without carriage returns (the fast path's big files): positions
 * must be what the character-by-character path gives, which the same text with `\r\n` line breaks exercises.
 */
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/service/text/lineIndex';

/** Line and character of every offset, from the lines the text splits into (the reference). */
function expectedPositions(text: string): Array<{ line: number; character: number }> {
  const out: Array<{ line: number; character: number }> = [];
  let line = 0;
  let character = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    out.push({ line, character });
    const c = text[offset];
    if (c === '\n' || (c === '\r' && text[offset + 1] !== '\n')) {
      line++;
      character = 0;
    } else character++;
  }
  return out;
}

describe('fast YAML parse path: LineIndex', () => {
  const TEXTS = [
    '',
    '\n',
    'a',
    'a\n',
    '\n\nb',
    'kind: Pod\nspec:\n  containers:\n  - name: a\n',
    'no final newline\nx',
    'a\r\nb\rc\n',
    '\r\n\r\n',
  ];
  for (const text of TEXTS) {
    it(`maps every offset of ${JSON.stringify(text)}`, () => {
      const index = new LineIndex(text);
      const expected = expectedPositions(text);
      for (let offset = 0; offset <= text.length; offset++)
        assert.deepEqual(index.positionAt(offset), expected[offset], `offset ${offset}`);
      assert.equal(index.lineCount, expected[text.length]!.line + 1);
    });
  }

  it('gives the same line starts with and without carriage returns', () => {
    const text = 'apiVersion: v1\nkind: Pod\n\nspec: {}\n';
    const lf = new LineIndex(text);
    const crlf = new LineIndex(text.replace(/\n/g, '\r\n'));
    assert.equal(lf.lineCount, crlf.lineCount);
    for (let line = 0; line < lf.lineCount; line++) assert.equal(lf.lineText(line), crlf.lineText(line));
  });
});
