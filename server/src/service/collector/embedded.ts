/**
 * Collector configs embedded as text in another YAML document (a ConfigMap's `data.<key>: |` block, the Operator's
 * v1alpha1 `spec.config: |`): the block scalar's content is parsed on its own and every offset in it is mapped back
 * to the file. A literal block drops its indentation (YAML 1.2 §8.1.1.1), so content line i starts at the
 * file offset of that line plus the block's indentation; the mapping is exact line by line.
 */
import { isScalar, type Scalar } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { parseFile, type ParsedFile } from '../yaml/parse';
import type { Position, Range } from '../findings';

/** A LineIndex over the inner text that answers in the positions of the outer file. */
export class MappedLineIndex extends LineIndex {
  constructor(
    private readonly innerText: string,
    private readonly outer: LineIndex,
    /** For each inner line, the outer offset of its first character. */
    private readonly outerLineStarts: number[],
  ) {
    super(innerText);
  }

  private toOuter(offset: number): Position {
    const inner = super.positionAt(offset);
    const start = this.outerLineStarts[inner.line] ?? this.outerLineStarts[this.outerLineStarts.length - 1] ?? 0;
    return this.outer.positionAt(start + inner.character);
  }

  override range(startOffset: number, endOffset: number): Range {
    return { start: this.toOuter(startOffset), end: this.toOuter(endOffset) };
  }

  override positionAt(offset: number): Position {
    return this.toOuter(offset);
  }

  /** The inner offset of an outer file offset inside the block's lines, or undefined outside them (assistance). */
  innerOffset(outerOffset: number): number | undefined {
    const starts = this.outerLineStarts;
    if (starts.length === 0 || outerLineBefore(starts, outerOffset) < 0) return undefined;
    const line = outerLineBefore(starts, outerOffset);
    const inner = new LineIndex(this.innerText);
    const lineText = inner.lineText(line);
    const column = outerOffset - starts[line]!;
    if (column < 0 || column > lineText.length) return undefined;
    return inner.offsetAt({ line, character: column });
  }
}

/** The last inner line whose outer start is at or before the offset, -1 before the first. */
function outerLineBefore(starts: readonly number[], offset: number): number {
  let found = -1;
  for (let i = 0; i < starts.length && starts[i]! <= offset; i++) found = i;
  return found;
}

/**
 * The block scalar's content as a ParsedFile whose ranges are in the outer file, or undefined when the node is not
 * a literal/folded block whose source lines can be mapped exactly (quoted or plain strings are left alone: their
 * escapes make offsets inexact, and silence beats a wrong position).
 */
export function parseEmbeddedBlock(file: ParsedFile, node: unknown): ParsedFile | undefined {
  if (!isScalar(node)) return undefined;
  const scalar = node as Scalar;
  if (scalar.type !== 'BLOCK_LITERAL' || typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const [start, end] = scalar.range;
  const source = file.text.slice(start, end);
  // The header line (`|`, `|-`, `|2`...) then content lines; the indentation is the first non-empty line's.
  const headerEnd = source.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const bodyStart = start + headerEnd + 1;
  const rawLines = file.text.slice(bodyStart, end).split('\n');
  const explicit = /^[|>][+-]?(\d)|^[|>]\d/.exec(source.slice(0, headerEnd).trim());
  const firstContent = rawLines.find((l) => l.trim() !== '');
  if (firstContent === undefined) return undefined;
  const indent = explicit
    ? Number(explicit[1] ?? explicit[0].slice(1)) +
      (/^\s*/.exec(file.text.slice(file.text.lastIndexOf('\n', start) + 1, start))?.[0].length ?? 0)
    : /^ */.exec(firstContent)![0].length;
  const innerLines: string[] = [];
  const lineStarts: number[] = [];
  let offset = bodyStart;
  for (const line of rawLines) {
    const strip = Math.min(indent, /^ */.exec(line)![0].length);
    innerLines.push(line.slice(strip));
    lineStarts.push(offset + strip);
    offset += line.length + 1;
  }
  const innerText = innerLines.join('\n');
  const inner = parseFile(file.uri, innerText);
  return { ...inner, lines: new MappedLineIndex(innerText, file.lines, lineStarts) };
}
