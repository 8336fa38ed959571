/**
 * Text written by kube-tracing (a synthesized pod manifest, or the YAML a kind config embeds in a string) with a
 * map back to the file the user edits, so rules written for one shape of file can judge another and still put
 * their findings on the user's own text. A piece copied from the source maps character for character when it is
 * the same text there; otherwise its start maps to the source span's start and its end to the span's end.
 * Offsets no piece covers (the scaffolding kube-tracing wrote around the pieces) map to a fallback span.
 */
import type { Position, Range } from '../findings';
import { LineIndex } from './lineIndex';

export interface Segment {
  /** Offsets in the written text. */
  from: number;
  to: number;
  /** Offsets in the source file. */
  sourceFrom: number;
  sourceTo: number;
  /** The written text is the source text itself, so inner offsets map one to one. */
  exact: boolean;
}

/** A piece of source text and where it lies: `exact` when `text` is what the file holds at `[start, end)`. */
export interface SourcedText {
  text: string;
  start: number;
  end: number;
}

export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly segments: Segment[] = [];

  constructor(private readonly sourceText: string) {}

  /** Scaffolding: written text with no source. */
  write(text: string): this {
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  /** Text that stands for `[sourceFrom, sourceTo)` of the source. */
  writeMapped(text: string, sourceFrom: number, sourceTo: number): this {
    if (text.length > 0) {
      const exact = this.sourceText.slice(sourceFrom, sourceTo) === text;
      this.segments.push({ from: this.length, to: this.length + text.length, sourceFrom, sourceTo, exact });
    }
    return this.write(text);
  }

  /** A YAML double-quoted scalar for `piece` (JSON string syntax is valid YAML): its quotes map to the piece's ends. */
  writeQuoted(piece: SourcedText | string): this {
    if (typeof piece === 'string') return this.write(JSON.stringify(piece));
    const quoted = JSON.stringify(piece.text);
    this.writeMapped('"', piece.start, piece.start);
    // With escapes the written text differs from the source: writeMapped then maps the ends only.
    this.writeMapped(quoted.slice(1, -1), piece.start, piece.end);
    return this.writeMapped('"', piece.end, piece.end);
  }

  get offset(): number {
    return this.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/**
 * Positions in the source for offsets of a written text. A rule computes `range(start, end)` on the written text;
 * the finding lands on the source. Segments are in written order and do not overlap.
 */
export class MappedLineIndex extends LineIndex {
  constructor(
    writtenText: string,
    private readonly segments: readonly Segment[],
    private readonly source: LineIndex,
    private readonly fallback: readonly [number, number],
  ) {
    super(writtenText);
  }

  /** The source offset of a range's start (`side` start) or end, or undefined when no segment covers it. */
  sourceOffset(offset: number, side: 'start' | 'end'): number | undefined {
    const index = this.lastSegmentFrom(side === 'start' ? offset : offset - 1);
    const segment = index >= 0 ? this.segments[index] : undefined;
    if (!segment) return undefined;
    const inside = side === 'start' ? offset >= segment.from && offset < segment.to : offset > segment.from && offset <= segment.to;
    if (!inside) return undefined;
    if (segment.exact) return segment.sourceFrom + (offset - segment.from);
    return side === 'start' ? segment.sourceFrom : segment.sourceTo;
  }

  /** The written offset a source offset stands for, when a piece copied verbatim covers it (for hovers on the source). */
  writtenOffset(sourceOffset: number): number | undefined {
    for (const segment of this.segments) {
      if (segment.exact && segment.sourceFrom <= sourceOffset && sourceOffset <= segment.sourceTo)
        return segment.from + (sourceOffset - segment.sourceFrom);
    }
    return undefined;
  }

  private lastSegmentFrom(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.segments[mid]!.from <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  override positionAt(offset: number): Position {
    const mapped = this.sourceOffset(offset, 'start') ?? this.sourceOffset(offset, 'end') ?? this.fallback[0];
    return this.source.positionAt(mapped);
  }

  override range(startOffset: number, endOffset: number): Range {
    if (startOffset >= endOffset) {
      const at = this.sourceOffset(startOffset, 'end') ?? this.sourceOffset(startOffset, 'start');
      if (at === undefined) return this.source.range(this.fallback[0], this.fallback[1]);
      return this.source.range(at, at);
    }
    const start = this.sourceOffset(startOffset, 'start') ?? this.sourceOffset(startOffset, 'end');
    const end = this.sourceOffset(endOffset, 'end') ?? this.sourceOffset(endOffset, 'start');
    if (start === undefined || end === undefined) return this.source.range(this.fallback[0], this.fallback[1]);
    return this.source.range(Math.min(start, end), Math.max(start, end));
  }
}
