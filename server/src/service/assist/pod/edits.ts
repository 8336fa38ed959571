/**
 * Edits in block-style pod manifests (kubeadm's layout): inserting or removing a command item, and appending
 * an item to `volumeMounts`/`volumes` (or the key itself when missing) in the file's own indentation. Each
 * returns null when the file is laid out in a way these line-based edits would break (flow style, JSON).
 */
import { isMap, isPair, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedFile } from '../../yaml/parse';
import { insertAt, lineStart, nextLineStart, replaceOffsets } from '../edits';
import type { TextEdit } from '../types';

type Ranged = { range?: [number, number, number] | null } | null | undefined;

/** `    - ` when `node` is the first thing after a block-sequence dash on its line, else null. */
export function dashPrefix(file: ParsedFile, node: Ranged): string | null {
  const start = node?.range?.[0];
  if (start === undefined) return null;
  const prefix = file.text.slice(lineStart(file, start), start);
  return /^[ \t]*-[ \t]+$/.test(prefix) ? prefix : null;
}

/** A new command item `text` on the line after `item`, with the same dash and indentation. */
export function insertItemAfter(file: ParsedFile, item: Ranged, text: string): TextEdit | null {
  const prefix = dashPrefix(file, item);
  if (!prefix || !item?.range) return null;
  const at = nextLineStart(file, Math.max(item.range[0], item.range[1] - 1));
  const needsBreak = at === file.text.length && !file.text.endsWith('\n');
  return insertAt(file, at, `${needsBreak ? '\n' : ''}${prefix}${text}\n`);
}

/** Removes a whole block-sequence item (its lines). */
export function removeItem(file: ParsedFile, item: Ranged): TextEdit | null {
  if (!dashPrefix(file, item) || !item?.range) return null;
  return replaceOffsets(file, lineStart(file, item.range[0]), nextLineStart(file, Math.max(item.range[0], item.range[1] - 1)), '');
}

/**
 * Appends a mapping item to a block sequence of mappings: `lines[0]` goes after the dash, the others at the
 * item's key column (they may carry their own extra indentation for nested keys).
 */
export function appendMapItem(file: ParsedFile, seq: YAMLSeq, lines: readonly string[]): TextEdit | null {
  const last = seq.items.at(-1) as Ranged;
  if (!isMap(last)) return null;
  const firstKey = (last as YAMLMap).items.find((item): item is Pair => isPair(item))?.key as Ranged;
  const prefix = dashPrefix(file, firstKey);
  if (!prefix || !last?.range) return null;
  const indent = ' '.repeat(prefix.length);
  const at = nextLineStart(file, Math.max(last.range[0], last.range[1] - 1));
  const needsBreak = at === file.text.length && !file.text.endsWith('\n');
  return insertAt(
    file,
    at,
    `${needsBreak ? '\n' : ''}${prefix}${lines[0]}\n${lines
      .slice(1)
      .map((line) => `${indent}${line}\n`)
      .join('')}`,
  );
}

/** Adds `key:` with one mapping item to a block mapping that lacks it, in kubeadm's compact style (`- ` at the key's column). */
export function addSequenceKey(file: ParsedFile, map: YAMLMap, key: string, lines: readonly string[]): TextEdit | null {
  if (map.flow) return null;
  const pairs = map.items.filter((item): item is Pair => isPair(item));
  const firstKey = pairs[0]?.key as Ranged;
  const last = pairs.at(-1);
  if (!firstKey?.range || !last) return null;
  const column = file.lines.positionAt(firstKey.range[0]).character;
  const pad = ' '.repeat(column);
  const lastRange = (last.value as Ranged | null)?.range ?? (last.key as Ranged | null)?.range;
  if (!lastRange) return null;
  const lastEnd = lastRange[1];
  const at = nextLineStart(file, Math.max(firstKey.range[0], lastEnd - 1));
  const needsBreak = at === file.text.length && !file.text.endsWith('\n');
  const body = [`${pad}${key}:`, `${pad}- ${lines[0]}`, ...lines.slice(1).map((line) => `${pad}  ${line}`)];
  return insertAt(file, at, `${needsBreak ? '\n' : ''}${body.join('\n')}\n`);
}

/** Appends to the sequence under `key` of `map`, or adds the key when it is missing. */
export function appendToSequence(file: ParsedFile, map: YAMLMap, key: string, lines: readonly string[]): TextEdit | null {
  const pair = map.items.find((item): item is Pair => isPair(item) && (item.key as { value?: unknown } | null)?.value === key);
  if (!pair) return addSequenceKey(file, map, key, lines);
  return isSeq(pair.value) && pair.value.items.length > 0 ? appendMapItem(file, pair.value as YAMLSeq, lines) : null;
}

/** A name not yet used among `taken`: `base`, else `base-2`, `base-3`… */
export function freeName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
