/**
 * Expanding the CLI's file and folder arguments into the files to read. Folders are walked by the language server's
 * walker (workspace/workspaceFiles.ts walkFolders), so `check` sees the files the editor's cross-file rules see and
 * skips the same directories; without its limits, since a command asked for those folders.
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { walkFolders } from '../workspace/workspaceFiles';

const UNBOUNDED = { maxFiles: Infinity, maxDirectories: Infinity, maxDepth: Infinity };

export function expandPaths(inputs: readonly string[], extensions: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const accepts = (name: string) => extensions.includes(extname(name).toLowerCase());
  for (const input of inputs) {
    const absolute = resolve(input);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) {
      // An unreadable folder stops the command with the error naming it, as before: its files are not silently dropped.
      files.push(...walkFolders([absolute], UNBOUNDED, accepts, (_path, error) => {
        throw error;
      }));
    } else files.push(absolute);
  }
  return { files: [...new Set(files)].sort(), missing };
}
