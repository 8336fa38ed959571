/**
 * The server's view of the workspace for the cross-file rules (service/context.ts WorkspaceFiles): open documents
 * first (their unsaved text), then the disk, found by a bounded scan of the workspace folders. The scan is lazy,
 * synchronous (the service is synchronous) and limited in files, directories and file size, so a huge
 * workspace costs a bounded amount of work; it is redone when older than `rescanAfterMs` or after invalidate().
 * Also answers which open documents depend on a changed one (a manifest and the tracing config it mounts), so
 * the server re-validates them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../../common/src/settings';
import {
  collectorConfigsFedBy,
  filesRunBy,
  referencesIn,
  referencesTo,
  resolveReference,
  uriToPath,
  type ValidationOptions,
  type WorkspaceFiles,
} from '../service';

export interface WorkspaceScanLimits {
  maxFiles: number;
  maxDirectories: number;
  maxDepth: number;
  /** Larger files are not read from disk (manifests and tracing configs are a few KB). */
  maxFileBytes: number;
  rescanAfterMs: number;
}

export const DEFAULT_SCAN_LIMITS: WorkspaceScanLimits = {
  maxFiles: 5000,
  maxDirectories: 2000,
  maxDepth: 12,
  maxFileBytes: 512 * 1024,
  rescanAfterMs: 5000,
};

const CANDIDATE_FILE = /\.(?:ya?ml|json)$/i;
/** Directories that never hold hand-edited manifests, and are often huge (hidden ones are skipped too: skipsDirectory). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'out', 'vendor', 'target', 'build', '__pycache__']);

interface DiskEntry {
  /** When the file was last stat'ed: within rescanAfterMs the cached text is trusted without a stat. */
  checkedAt: number;
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

export class ServerWorkspaceFiles implements WorkspaceFiles {
  private scanned: string[] = [];
  private merged: { scanned: string[]; key: string; list: string[] } | undefined;
  private scannedAt = -Infinity;
  private readonly disk = new Map<string, DiskEntry>();
  /** Per document path, the dependents found at its last change (an edit can drop a reference: re-check the old one too). */
  private readonly lastDependents = new Map<string, string[]>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: () => readonly string[],
    private readonly limits: WorkspaceScanLimits = DEFAULT_SCAN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  list(): readonly string[] {
    if (this.now() - this.scannedAt > this.limits.rescanAfterMs) this.scan();
    const open = this.openPaths();
    if (open.length === 0) return this.scanned;
    // The same array while nothing changed, so the service's per-listing indexes stay valid.
    const key = open.join('\u0000');
    if (this.merged?.scanned !== this.scanned || this.merged.key !== key) {
      this.merged = { scanned: this.scanned, key, list: [...new Set([...open, ...this.scanned])] };
    }
    return this.merged.list;
  }

  read(path: string): string | undefined {
    const open = this.openDocument(path);
    if (open) return open.getText();
    const cached = this.disk.get(path);
    const now = this.now();
    if (cached && now - cached.checkedAt <= this.limits.rescanAfterMs) return cached.text;
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return undefined;
    }
    if (!stats.isFile() || stats.size > this.limits.maxFileBytes) return undefined;
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
      cached.checkedAt = now;
      return cached.text;
    }
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    this.disk.set(path, { checkedAt: now, mtimeMs: stats.mtimeMs, size: stats.size, text });
    return text;
  }

  /** Forget the listing (files created or deleted on disk). */
  invalidate(): void {
    this.scannedAt = -Infinity;
    this.disk.clear();
  }

  /** Files changed on disk (workspace/didChangeWatchedFiles): their cached text goes; created or deleted ones change the listing. */
  changedOnDisk(paths: readonly string[], listingChanged: boolean): void {
    for (const path of paths) this.disk.delete(path);
    if (listingChanged) this.scannedAt = -Infinity;
  }

  /**
   * Paths that must be re-validated when the document at `path` now reads `text`: the tracing config files it
   * mounts (if it is a kube-apiserver manifest), the manifests that mount it, and last time's answer.
   * `options` should be the ones the validation of `path` just used (handlers/validation.ts): referencesTo answers
   * per options object, so its walk over the workspace is not repeated, and referencesIn is keyed by the same
   * settings the dependents' validations will read the manifest with.
   */
  dependentsOf(
    path: string,
    text: string,
    options: ValidationOptions = { settings: normalizeSettings(undefined), workspace: this },
  ): string[] {
    const found = new Set<string>();
    for (const reference of referencesIn(path, text, options.settings)) {
      const target = resolveReference(reference, this);
      if (target !== undefined) found.add(target);
    }
    for (const reference of referencesTo(path, options.workspace === this ? options : { ...options, workspace: this }))
      found.add(reference.manifestPath);
    // A Collector workload's ConfigMaps: their configs run on its image and network (collector/collectorInForce.ts).
    for (const file of filesRunBy(path, text, this)) found.add(file);
    // Where the control plane sends its spans: the Collector configs whose receivers the reachability rule pairs with it.
    for (const file of collectorConfigsFedBy(path, text, this)) found.add(file);
    found.delete(path);
    const previous = this.lastDependents.get(path) ?? [];
    const current = [...found];
    this.lastDependents.set(path, current);
    return [...new Set([...current, ...previous])];
  }

  /** Open documents by path, rebuilt when the set of open documents changes (read() is called per workspace file). */
  private openByPath: { uris: string; byPath: Map<string, TextDocument> } | undefined;

  private openDocument(path: string): TextDocument | undefined {
    const all = this.documents.all();
    if (all.length === 0) return undefined;
    const uris = all.map((document) => document.uri).join('\u0000');
    if (this.openByPath?.uris !== uris) {
      this.openByPath = { uris, byPath: new Map(all.map((document) => [uriToPath(document.uri), document])) };
    }
    const document = this.openByPath.byPath.get(path);
    // The map may hold an older TextDocument object for the same URI: ask for the current one.
    return document ? (this.documents.get(document.uri) ?? document) : undefined;
  }

  private openPaths(): string[] {
    return this.documents
      .all()
      .filter((document) => document.uri.startsWith('file:'))
      .map((document) => uriToPath(document.uri))
      .filter((path) => CANDIDATE_FILE.test(path));
  }

  private scan(): void {
    this.scanned = walkFolders(this.folders(), this.limits, (name) => CANDIDATE_FILE.test(name));
    this.scannedAt = this.now();
  }
}

/** Below a folder being walked (never a folder named explicitly): hidden directories and SKIPPED_DIRECTORIES. */
export function skipsDirectory(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/**
 * The files below `roots` whose name `accepts`, skipping skipsDirectory(). Breadth-first, so the files nearest the
 * roots are kept when a limit is hit. Shared by the server's scan and the CLI's folder arguments (cli/files.ts), so
 * both see the same files. An unreadable directory is skipped unless `onUnreadable` throws.
 */
export function walkFolders(
  roots: readonly string[],
  limits: Pick<WorkspaceScanLimits, 'maxFiles' | 'maxDirectories' | 'maxDepth'>,
  accepts: (fileName: string) => boolean,
  onUnreadable: (path: string, error: unknown) => void = () => {},
): string[] {
  const files: string[] = [];
  let directories = 0;
  const queue: { path: string; depth: number }[] = roots.map((path) => ({ path, depth: 0 }));
  // An index into the queue rather than shift(): shift is linear, and the CLI walks unbounded trees.
  for (let next = 0; next < queue.length && files.length < limits.maxFiles && directories < limits.maxDirectories; next++) {
    const { path, depth } = queue[next]!;
    directories++;
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      onUnreadable(path, error);
      continue; // unreadable or vanished: skip it, keep the rest
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (depth < limits.maxDepth && !skipsDirectory(entry.name)) queue.push({ path: join(path, entry.name), depth: depth + 1 });
      } else if (entry.isFile() && accepts(entry.name)) {
        files.push(join(path, entry.name));
        if (files.length >= limits.maxFiles) break;
      }
    }
  }
  return files;
}
