/**
 * Which other workspace files belong with a Collector config: those in its folder, above it or below it. A
 * repository of unrelated examples (a kind cluster in one folder, Collector configs from elsewhere in sibling
 * folders) must not be read as one deployment: pairing them gave the real corpus 6 false alarms
 * (docs/real-corpus.md). Files in sibling folders are left out — silence beats a guess.
 */

/** The folder of a workspace path (always `/`-separated here; the service does not import node:path). */
const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

export function belongTogether(path: string, other: string): boolean {
  const a = folderOf(path);
  const b = folderOf(other);
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}
