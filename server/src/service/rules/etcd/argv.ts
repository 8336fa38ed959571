/**
 * etcd's command line read the way etcd reads it. etcd parses argv with Go's std flag package
 * (etcdmain/config.go: `flag.NewFlagSet("etcd", flag.ContinueOnError)`), whose rules differ from the pflag the
 * Kubernetes binaries use, so the generic extraction in control-plane-pod/flags.ts is not enough here.
 * Mirrors Go src/flag/flag.go `(*FlagSet).parseOne`:
 * - `-name` and `--name` are the same; `--` ends the flags;
 * - parsing STOPS at the first argument that does not start with `-`: everything after it is ignored, and etcd
 *   then refuses to start because a positional argument is left (etcdmain config.parse "… is not a valid flag");
 * - a bool flag takes a value only with `=`; any other flag takes the next argument as its value, even one that
 *   starts with `-`;
 * - `---x`, `-=x` are "bad flag syntax".
 * The container's argv is `command[1:] ++ args` (or `args` alone when the image's entrypoint is etcd).
 */
import { argvItems, itemOffsets, type ArgvItem } from '../control-plane-pod';
import type { ControlPlaneContainer } from '../control-plane-pod';
import { lastEntry } from '../../yaml/nodes';
import type { ParsedFile } from '../../yaml/parse';

export interface EtcdFlag {
  name: string;
  /** The text as written, for messages (`--experimental-enable-distributed-tracing`). */
  written: string;
  /** The value; `true` for a bare bool flag, undefined for a non-bool flag missing its argument. */
  value: string | undefined;
  form: 'equals' | 'next-item' | 'bare';
  item: ArgvItem;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface EtcdCommandLine {
  /** The flags etcd parses, in order (up to the first positional argument). */
  flags: EtcdFlag[];
  /** The first positional argument, where Go's flag parsing stopped; later items are never read by etcd. */
  positional: { item: ArgvItem; start: number; end: number } | undefined;
  /** Items etcd never parses because they follow the positional argument. */
  ignored: ArgvItem[];
  /** `---x`, `-=x`: Go's "bad flag syntax". */
  badSyntax: { item: ArgvItem; start: number; end: number }[];
}

/** The argv items of the container after the binary's own name. */
export function etcdArgv(container: ControlPlaneContainer): ArgvItem[] {
  const command = argvItems(lastEntry(container.entries, 'command')?.value ?? null, 'command');
  const args = argvItems(lastEntry(container.entries, 'args')?.value ?? null, 'args');
  const binary = container.binaryItem;
  return [...command, ...args].filter((item) => !(binary && item.list === binary.list && item.index === binary.index));
}

/** What the parser needs to know of a flag name: bool flags never take the next item. */
export interface FlagKinds {
  isBool(name: string): boolean;
  /** False when etcd surely does not register the name (Go stops there; we take a following non-flag item as its value to avoid a cascade). */
  isKnown(name: string): boolean | undefined;
}

export function readEtcdCommandLine(file: ParsedFile, items: readonly ArgvItem[], kinds: FlagKinds): EtcdCommandLine {
  const result: EtcdCommandLine = { flags: [], positional: undefined, ignored: [], badSyntax: [] };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const text = item.text;
    const whole = (): [number, number] => itemOffsets(file, item, 0, text.length);
    if (text.length < 2 || text[0] !== '-') {
      const [start, end] = whole();
      result.positional = { item, start, end };
      result.ignored = items.slice(i + 1);
      break;
    }
    const dashes = text[1] === '-' ? 2 : 1;
    if (dashes === 2 && text.length === 2) {
      // `--` ends the flags; what follows are positional arguments etcd rejects.
      const rest = items[i + 1];
      if (rest) {
        const [start, end] = itemOffsets(file, rest, 0, rest.text.length);
        result.positional = { item: rest, start, end };
        result.ignored = items.slice(i + 2);
      }
      break;
    }
    let name = text.slice(dashes);
    if (name.length === 0 || name[0] === '-' || name[0] === '=') {
      const [start, end] = whole();
      result.badSyntax.push({ item, start, end });
      continue;
    }
    const equals = name.indexOf('=', 1);
    const [nameStart, nameEnd] = itemOffsets(file, item, 0, dashes + (equals >= 0 ? equals : name.length));
    if (equals >= 0) {
      const value = name.slice(equals + 1);
      name = name.slice(0, equals);
      const [valueStart, valueEnd] = itemOffsets(file, item, dashes + equals + 1, text.length);
      result.flags.push({
        name,
        written: text.slice(0, dashes + equals),
        value,
        form: 'equals',
        item,
        nameStart,
        nameEnd,
        valueStart,
        valueEnd,
      });
      continue;
    }
    const unknownName = kinds.isKnown(name) === false;
    if (kinds.isBool(name) || (unknownName && (items[i + 1] === undefined || items[i + 1]!.text.startsWith('-')))) {
      result.flags.push({
        name,
        written: text,
        value: 'true',
        form: 'bare',
        item,
        nameStart,
        nameEnd,
        valueStart: nameEnd,
        valueEnd: nameEnd,
      });
      continue;
    }
    const next = items[i + 1];
    if (next) {
      const [valueStart, valueEnd] = itemOffsets(file, next, 0, next.text.length);
      result.flags.push({ name, written: text, value: next.text, form: 'next-item', item, nameStart, nameEnd, valueStart, valueEnd });
      i++;
      continue;
    }
    result.flags.push({
      name,
      written: text,
      value: undefined,
      form: 'bare',
      item,
      nameStart,
      nameEnd,
      valueStart: nameEnd,
      valueEnd: nameEnd,
    });
  }
  return result;
}

/** The last occurrence of any of `names` (Go's flag lets the last Set win). */
export function lastEtcdFlag(flags: readonly EtcdFlag[], ...names: string[]): EtcdFlag | undefined {
  for (let i = flags.length - 1; i >= 0; i--) if (names.includes(flags[i]!.name)) return flags[i];
  return undefined;
}
