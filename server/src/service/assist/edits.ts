/**
 * Building text edits on the parsed file (offsets → ranges) and applying them (for tests and for the
 * enable-tracing command's preview). Edits remove whole lines when they remove a whole key, so a fix never
 * leaves a blank line or a dangling indentation behind.
 */
import { isPair, type Pair, type YAMLMap } from 'yaml';
import type { ParsedFile } from '../yaml/parse';
import type { TextEdit } from './types';

export function replaceOffsets(file: ParsedFile, start: number, end: number, newText: string): TextEdit {
  return { range: file.lines.range(start, end), newText };
}

export function insertAt(file: ParsedFile, offset: number, newText: string): TextEdit {
  return replaceOffsets(file, offset, offset, newText);
}

/** Start offset of the line holding `offset`. */
export function lineStart(file: ParsedFile, offset: number): number {
  return file.lines.offsetAt({ line: file.lines.positionAt(offset).line, character: 0 });
}

/** Offset just past the line break of the line holding `offset` (or the end of the text). */
export function nextLineStart(file: ParsedFile, offset: number): number {
  const line = file.lines.positionAt(offset).line;
  return line + 1 < file.lines.lineCount ? file.lines.offsetAt({ line: line + 1, character: 0 }) : file.text.length;
}

/**
 * Removes a key and its value. In block style, the lines from the key's line to the value's last line go; in
 * flow style (`{a: 1, b: 2}`), the pair and one neighbouring comma.
 */
export function removePair(file: ParsedFile, pair: Pair): TextEdit {
  const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
  const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
  const start = keyRange?.[0] ?? 0;
  const end = valueRange?.[1] ?? keyRange?.[1] ?? start;
  const before = file.text.slice(lineStart(file, start), start);
  if (/^\s*$/.test(before)) {
    // Block style: drop whole lines, including a trailing comment on the last one.
    return replaceOffsets(file, lineStart(file, start), nextLineStart(file, Math.max(start, end - 1)), '');
  }
  if (/^\s*-\s*$/.test(before)) {
    // First key of a sequence item (`- name: x`): the next key moves up behind the dash.
    const next = nextLineStart(file, Math.max(start, end - 1));
    const indentation = /^[ \t]*/.exec(file.text.slice(next))![0].length;
    return replaceOffsets(file, start, next + indentation, '');
  }
  const after = /^\s*,\s*/.exec(file.text.slice(end));
  if (after) return replaceOffsets(file, start, end + after[0].length, '');
  const comma = /,\s*$/.exec(file.text.slice(0, start));
  return replaceOffsets(file, comma ? comma.index : start, end, '');
}

/** Applies non-overlapping edits to `text` (LSP semantics: every range refers to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[], offsetAt: (position: TextEdit['range']['start']) => number): string {
  const sorted = edits
    .map((edit) => ({ start: offsetAt(edit.range.start), end: offsetAt(edit.range.end), text: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/**
 * Adds `key: value` to a mapping after its last entry, at the column of its keys; in a flow mapping (JSON),
 * `, "key": value` before the closing brace. `value` is written as given (already YAML/JSON).
 */
export function addKey(file: ParsedFile, map: YAMLMap, key: string, value: string): TextEdit | null {
  const pairs = map.items.filter((item): item is Pair => isPair(item));
  const last = pairs.at(-1);
  const mapRange = map.range;
  if (!mapRange) return null;
  if (map.flow) {
    const close = file.text.lastIndexOf('}', mapRange[1]);
    if (close < mapRange[0]) return null;
    return insertAt(file, close, `${pairs.length ? ', ' : ''}${JSON.stringify(key)}: ${value}`);
  }
  const firstKeyStart = (pairs[0]?.key as { range?: [number, number, number] } | null)?.range?.[0] ?? mapRange[0];
  const column = file.lines.positionAt(firstKeyStart).character;
  const lastEnd =
    (last?.value as { range?: [number, number, number] } | null)?.range?.[1] ??
    (last?.key as { range?: [number, number, number] } | null)?.range?.[1] ??
    mapRange[1];
  const at = nextLineStart(file, Math.max(firstKeyStart, lastEnd - 1));
  const needsBreak = at === file.text.length && !/(\r?\n)$/.test(file.text);
  // A nested block value (`\n  a: 1`) is indented from the key's column.
  const written = value.startsWith('\n') ? value.replace(/\n/g, `\n${' '.repeat(column)}`) : ` ${value}`;
  return insertAt(file, at, `${needsBreak ? '\n' : ''}${' '.repeat(column)}${key}:${written}\n`);
}
