/**
 * Command-line flags of a container, read from its `command` and `args` lists the way the binary sees them:
 * the container's argv is `command ++ args` (core/v1 Container), and the binaries parse it with spf13/pflag
 * (kube-apiserver, flag.go `parseLongArg`) or Go's std `flag` (etcd 3.5/3.6 etcdmain), which both accept
 * `--name=value` and `--name value` (the next item), and `-name` for the std parser. A bare `--name` takes the
 * next item as its value unless that item is itself a flag or the flag is boolean (pflag NoOptDefVal, std flag
 * `IsBoolFlag`): booleans only take a value with `=`. `--` ends the flags (pflag and std flag).
 * `sh -c "…"` wrappers are out of scope: the shell's own word splitting is not modelled.
 */
import { isScalar, type Scalar } from 'yaml';
import type { ParsedFile } from '../../yaml/parse';

/** One string item of `command` or `args`, with where its text sits in the file. */
export interface ArgvItem {
  text: string;
  list: 'command' | 'args';
  /** Index within its list. */
  index: number;
  node: Scalar;
}

export interface Flag {
  /** The name without dashes, e.g. `tracing-config-file`. */
  name: string;
  /** `--` or `-`. */
  dashes: '--' | '-';
  /** The value, or undefined for a bare flag with no value (`--enable-distributed-tracing`). */
  value: string | undefined;
  /** `equals` for `--name=value`, `next-item` for `--name value`, `bare` for no value. */
  form: 'equals' | 'next-item' | 'bare';
  /** The item holding the flag name. */
  item: ArgvItem;
  /** The item holding the value (same as `item` for `equals`), undefined for `bare`. */
  valueItem: ArgvItem | undefined;
  /** File offsets of `--name` (without `=value`). */
  nameStart: number;
  nameEnd: number;
  /** File offsets of the value text; for `bare`, the name's end. Exact when the scalar has no escapes, else the whole item. */
  valueStart: number;
  valueEnd: number;
}

/** The string items of a `command` or `args` list. Other scalars (`- 1`, `- true`) are skipped: the API rejects them as non-strings before any binary runs. */
export function argvItems(list: unknown, listName: 'command' | 'args'): ArgvItem[] {
  if (!list || typeof list !== 'object' || !('items' in list) || !Array.isArray((list as { items: unknown[] }).items)) return [];
  const items: ArgvItem[] = [];
  (list as { items: unknown[] }).items.forEach((node, index) => {
    if (isScalar(node) && typeof node.value === 'string') items.push({ text: node.value, list: listName, index, node });
  });
  return items;
}

/**
 * Offsets in the file of `text.slice(from, to)` of an item: exact when the item's source is the text itself
 * (plain scalars, quoted scalars without escapes), else the whole scalar, so a finding still lands on the item.
 */
export function itemOffsets(file: ParsedFile, item: ArgvItem, from: number, to: number): [number, number] {
  const range = item.node.range;
  if (!range) return [0, 0];
  const [start, end] = [range[0], range[1]];
  const source = file.text.slice(start, end);
  const quoted = source.startsWith('"') || source.startsWith("'");
  const inner = quoted ? source.slice(1, -1) : source;
  if (inner === item.text) {
    const base = start + (quoted ? 1 : 0);
    return [base + from, base + to];
  }
  return [start, end];
}

export type IsBooleanFlag = (name: string) => boolean;

/** The flags among `items` (the binary's own name already removed), in order. */
export function extractFlags(file: ParsedFile, items: readonly ArgvItem[], isBoolean: IsBooleanFlag): Flag[] {
  const flags: Flag[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const text = item.text;
    if (text === '--') break;
    const dashes = text.startsWith('--') ? '--' : text.startsWith('-') && text.length > 1 ? '-' : null;
    if (!dashes) continue; // a positional argument: not a flag
    const body = text.slice(dashes.length);
    const equals = body.indexOf('=');
    const name = equals >= 0 ? body.slice(0, equals) : body;
    const [nameStart, nameEnd] = itemOffsets(file, item, 0, dashes.length + name.length);
    if (equals >= 0) {
      const valueFrom = dashes.length + equals + 1;
      const [valueStart, valueEnd] = itemOffsets(file, item, valueFrom, text.length);
      flags.push({
        name,
        dashes,
        value: body.slice(equals + 1),
        form: 'equals',
        item,
        valueItem: item,
        nameStart,
        nameEnd,
        valueStart,
        valueEnd,
      });
      continue;
    }
    const next = items[i + 1];
    const nextIsValue =
      next !== undefined && !isBoolean(name) && next.list === item.list && next.index === item.index + 1 && !looksLikeFlag(next.text);
    const nextAcrossLists =
      next !== undefined &&
      !isBoolean(name) &&
      item.list === 'command' &&
      next.list === 'args' &&
      next.index === 0 &&
      !looksLikeFlag(next.text);
    if (next && (nextIsValue || nextAcrossLists)) {
      const [valueStart, valueEnd] = itemOffsets(file, next, 0, next.text.length);
      flags.push({ name, dashes, value: next.text, form: 'next-item', item, valueItem: next, nameStart, nameEnd, valueStart, valueEnd });
      i++;
      continue;
    }
    flags.push({
      name,
      dashes,
      value: undefined,
      form: 'bare',
      item,
      valueItem: undefined,
      nameStart,
      nameEnd,
      valueStart: nameEnd,
      valueEnd: nameEnd,
    });
  }
  return flags;
}

/** pflag and std flag treat an argument starting with `-` (other than `-` itself) as the next flag. */
function looksLikeFlag(text: string): boolean {
  return text.length > 1 && text.startsWith('-');
}

/** The last occurrence of a flag wins in pflag and std flag (each Set overwrites), except for list-valued flags. */
export function lastFlag(flags: readonly Flag[], name: string): Flag | undefined {
  for (let i = flags.length - 1; i >= 0; i--) if (flags[i]!.name === name) return flags[i];
  return undefined;
}
