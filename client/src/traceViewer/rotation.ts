/**
 * Rotated siblings of a Collector file-exporter output. Mirrors the exporter's rotation naming (lumberjack,
 * later timberjack, used by collector-contrib exporter/fileexporter): the current file `name.ext` is renamed to
 * `name-<2006-01-02T15-04-05.000>.ext` (timestamp inserted before the last extension) and written again. Since
 * timberjack the reason follows the timestamp (`-size`, `-time`, or a custom tag: timberjack v1.4.9 timberjack.go),
 * and fileexporter v0.165.0 renames older backups to `-size` on start (legacy_cleanup.go).
 * See docs/trace-formats.md §2.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

const TIMESTAMP = /-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?)(?:-[A-Za-z0-9_]+)?$/;

export interface RotationFamily {
  /** The file being written to now (`name.ext`), when it exists. */
  readonly current: string | undefined;
  /** Rotated files, oldest first (the timestamps sort as text). */
  readonly rotated: readonly string[];
}

/** `traces-2025-05-17T12-27-08.769.json` → { stem: 'traces', ext: '.json', timestamp }; `traces.json` → no timestamp. */
export function parseRotatedName(fileName: string): { stem: string; ext: string; timestamp: string | undefined } {
  const ext = extname(fileName);
  const withoutExt = fileName.slice(0, fileName.length - ext.length);
  const match = TIMESTAMP.exec(withoutExt);
  if (!match || match[1] === undefined) return { stem: withoutExt, ext, timestamp: undefined };
  return { stem: withoutExt.slice(0, match.index), ext, timestamp: match[1] };
}

/** Groups the names of one folder into the family of `fileName`. Pure, for tests. */
export function familyOf(fileName: string, namesInFolder: readonly string[]): { current: string | undefined; rotated: string[] } {
  const { stem, ext } = parseRotatedName(fileName);
  const rotated: { name: string; timestamp: string }[] = [];
  let current: string | undefined;
  for (const name of namesInFolder) {
    const parsed = parseRotatedName(name);
    if (parsed.stem !== stem || parsed.ext !== ext) continue;
    if (parsed.timestamp === undefined) current = name;
    else rotated.push({ name, timestamp: parsed.timestamp });
  }
  rotated.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { current, rotated: rotated.map((r) => r.name) };
}

/** The family of the file at `path`, as absolute paths. */
export async function findRotationFamily(path: string): Promise<RotationFamily> {
  const folder = dirname(path);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return { current: path, rotated: [] };
  }
  const family = familyOf(basename(path), names);
  return {
    current: family.current === undefined ? undefined : join(folder, family.current),
    rotated: family.rotated.map((name) => join(folder, name)),
  };
}
