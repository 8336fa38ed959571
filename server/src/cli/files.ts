/** Expanding the CLI's file and folder arguments into the YAML/JSON files to read. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', '.vscode-test']);

export function expandPaths(inputs: readonly string[], extensions: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(input);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, extensions, files);
    else files.push(absolute);
  }
  return { files: [...new Set(files)].sort(), missing };
}

function walk(folder: string, extensions: readonly string[], into: string[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(folder, entry.name), extensions, into);
    } else if (entry.isFile() && extensions.includes(extname(entry.name).toLowerCase())) {
      into.push(join(folder, entry.name));
    }
  }
}
