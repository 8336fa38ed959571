/**
 * Expanding the CLI's file and folder arguments into the files to read. Folders are walked by the language server's
 * walker (workspace/workspaceFiles.ts walkFolders), so `check` sees the files the editor's cross-file rules see and
 * skips the same directories; without its limits, since a command asked for those folders.
 *
 * Only regular files are ever read: a FIFO, a device (`/dev/zero`) or a socket named on the command line would
 * block or never end, so it is reported instead. An unreadable folder is reported and skipped, and the others are
 * still walked; the command then exits 1 (a file it was asked about went unchecked).
 */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { walkFolders } from '../workspace/workspaceFiles';
import { errorMessage } from '../../../common/src/errors';

const UNBOUNDED = { maxFiles: Infinity, maxDirectories: Infinity, maxDepth: Infinity };

export interface ExpandedPaths {
  files: string[];
  /** Arguments that name nothing. */
  missing: string[];
  /** What could not be read, and why: unreadable folders, special files. */
  problems: Array<{ path: string; reason: string }>;
}

export function expandPaths(inputs: readonly string[], extensions: readonly string[]): ExpandedPaths {
  const files: string[] = [];
  const missing: string[] = [];
  const problems: ExpandedPaths['problems'] = [];
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
      files.push(
        ...walkFolders([absolute], UNBOUNDED, accepts, (path, error) =>
          problems.push({ path, reason: `folder not read: ${errorMessage(error)}` }),
        ),
      );
    } else if (stat.isFile()) files.push(absolute);
    else problems.push({ path: input, reason: 'not a regular file (a FIFO, device or socket is never read)' });
  }
  return { files: [...new Set(files)].sort(), missing, problems };
}
