/**
 * Where the cursor is in a YAML document: the path of keys and indices from the root, and whether it is on a
 * key, on a value, on a sequence item, or in the blank space where a new key would go. Works on the `yaml`
 * AST, which keeps half-typed lines (`samp` parses as a key with no value), plus the indentation of the
 * cursor's line for blank lines, which the AST has no node for.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedFile } from '../yaml/parse';

export type PathSegment = string | number;

export type CursorPlace =
  /** On a key (or a half-typed word that parsed as one); `scalar` is the key. */
  | 'key'
  /** On a key's scalar value, possibly empty (`endpoint: |`). */
  | 'value'
  /** On a scalar item of a sequence (`- --tracing-config-file=…`). */
  | 'item'
  /** On a blank line (or after the last key) inside the mapping at `path`, where a new key goes. */
  | 'new-key';

export interface Cursor {
  place: CursorPlace;
  /** For key/value: the path including the key; for item: including the index; for new-key: the mapping's path. */
  path: PathSegment[];
  /** The scalar under the cursor (key, value or item); absent for new-key. */
  scalar?: Scalar;
  /** The mapping that holds the key (key, value, new-key), null when it does not exist yet (first key under `x:`). */
  map: YAMLMap | null;
  /** Offsets of the text a completion replaces: the scalar, or an empty span at the cursor. */
  replace: [number, number];
}

/** The cursor at `offset` in `document`, or null outside any content (e.g. in a comment before the root). */
export function cursorAt(file: ParsedFile, document: Document.Parsed, offset: number): Cursor | null {
  const found = walk(file.text, document.contents as Node | null, offset, []);
  if (found) return found;
  return blankLineCursor(file, document, offset);
}

function contains(node: { range?: [number, number, number] | null } | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** The value starts on a line after its key's (a line break lies between them). */
function onLaterLine(text: string, key: Scalar, value: Scalar): boolean {
  return text.slice(key.range![1], value.range![0]).includes('\n');
}

function walk(text: string, node: Node | null, offset: number, path: PathSegment[]): Cursor | null {
  if (isMap(node)) {
    for (const item of (node as YAMLMap).items) {
      if (!isPair(item)) continue;
      const pair = item as Pair;
      const key = isScalar(pair.key) ? (pair.key as Scalar) : null;
      const name = keyName(pair);
      if (key && contains(key, offset)) {
        // `key:|` (cursor right after the colon) is the value's place, not the key's.
        if (offset <= key.range![1])
          return { place: 'key', path: [...path, name], scalar: key, map: node as YAMLMap, replace: [key.range![0], key.range![1]] };
      }
      const value = pair.value as Node | null;
      if (isScalar(value) && contains(value, offset)) {
        const scalar = value as Scalar;
        // `tracing:⏎  endp` parses as a string value, but it is the first key of a mapping being typed.
        if (key && scalar.type === 'PLAIN' && typeof scalar.value === 'string' && onLaterLine(text, key, scalar)) {
          return { place: 'key', path: [...path, name, scalar.value], scalar, map: null, replace: [scalar.range![0], scalar.range![1]] };
        }
        return { place: 'value', path: [...path, name], scalar, map: node as YAMLMap, replace: [scalar.range![0], scalar.range![1]] };
      }
      if ((isMap(value) || isSeq(value)) && contains(value, offset)) {
        const inner = walk(text, value, offset, [...path, name]);
        if (inner) return inner;
      }
    }
    return null;
  }
  if (isSeq(node)) {
    const items = (node as YAMLSeq).items as unknown[];
    for (let index = 0; index < items.length; index++) {
      const item = items[index] as Node | null;
      if (isScalar(item) && contains(item, offset)) {
        return { place: 'item', path: [...path, index], scalar: item as Scalar, map: null, replace: [item.range![0], item.range![1]] };
      }
      if ((isMap(item) || isSeq(item)) && contains(item, offset)) {
        const inner = walk(text, item, offset, [...path, index]);
        if (inner) return inner;
      }
    }
  }
  return null;
}

/**
 * A cursor in blank space: the new key belongs to the nearest line above whose key starts at the cursor's
 * column (a sibling), or, when the nearest less-indented line is `key:` with nothing after it, to that key.
 */
function blankLineCursor(file: ParsedFile, document: Document.Parsed, offset: number): Cursor | null {
  const position = file.lines.positionAt(offset);
  const lineText = file.lines.lineText(position.line);
  const beforeCursor = lineText.slice(0, position.character);
  if (beforeCursor.trim() !== '' && !/^\s*-\s*$/.test(beforeCursor)) return null;
  const column = beforeCursor.length;
  for (let line = position.line - 1; line >= 0; line--) {
    const text = file.lines.lineText(line);
    const match = /^(\s*)((?:-\s+)*)([^\s#-][^:#]*?):(?:\s|$)/.exec(text);
    if (!match) {
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      if (text.search(/\S/) < column) return null;
      continue;
    }
    const keyColumn = match[1]!.length + match[2]!.length;
    if (keyColumn > column) continue;
    const keyOffset = file.lines.offsetAt({ line, character: keyColumn });
    const atKey = walk(file.text, document.contents as Node | null, keyOffset, []);
    if (!atKey || atKey.place !== 'key') return null;
    if (keyColumn === column) {
      return { place: 'new-key', path: atKey.path.slice(0, -1), map: atKey.map, replace: [offset, offset] };
    }
    const rest = text.slice(keyColumn + match[3]!.length + 1).trim();
    if (rest === '' || rest.startsWith('#')) return { place: 'new-key', path: atKey.path, map: null, replace: [offset, offset] };
    return null;
  }
  // Nothing above: a new key at the root (an empty document, or the first line).
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === '')))
    return { place: 'new-key', path: [], map: null, replace: [offset, offset] };
  return isMap(root) && column === 0 ? { place: 'new-key', path: [], map: root as YAMLMap, replace: [offset, offset] } : null;
}
