/**
 * Diagnostics for the workspace's files that are not open: a broken etcd manifest or kubelet config nobody has
 * opened must still show in the Problems view. A pass walks the workspace listing (workspace/workspaceFiles.ts, the
 * CLI's walker and skip list), validates each file the language service has something to say about, and publishes
 * what changed since the last pass. Bounded: the `kubeTracing.workspaceDiagnostics` setting turns it off, at most
 * `maxFiles` files are read per pass, it runs in slices of `sliceMs` between which the server answers everything
 * else (by default after every file: an edit's validation waits for one file's check at most), and a newer pass
 * cancels the running one.
 * Open documents are never published here: their own validation (validation.ts) wins.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { uriToPath, validateSource, type ValidationOptions, type WorkspaceFiles } from '../service';
import { toDiagnostic } from './convert';
import type { SettingsStore } from './settings';
import { errorDetail } from '../../../common/src/errors';

export interface WorkspaceDiagnosticsOptions {
  /** Files read per pass; the rest is left unchecked and the log says so once. */
  maxFiles: number;
  /** Work done between two yields to the event loop; 0 yields after every file (a keystroke then waits for one file's check at most). */
  sliceMs: number;
  /** Delay between a trigger (start, disk change, settings) and the pass, so a burst of triggers makes one pass. */
  delayMs: number;
}

export const DEFAULT_WORKSPACE_DIAGNOSTICS: WorkspaceDiagnosticsOptions = { maxFiles: 2000, sliceMs: 0, delayMs: 300 };

/** The listing plus what changed on disk, as workspace/workspaceFiles.ts gives it. */
export interface InvalidatableWorkspace extends WorkspaceFiles {
  invalidate(): void;
  changedOnDisk(paths: readonly string[], listingChanged: boolean): void;
}

/** Files changed on disk, from workspace/didChangeWatchedFiles; `listingChanged` when some were created or deleted. */
export interface DiskChanges {
  paths: readonly string[];
  listingChanged: boolean;
}

/** What a finished pass did, for the log and the tests (`kubeTracing/workspaceChecked` is not sent: the log is enough). */
export interface PassSummary {
  listed: number;
  checked: number;
  withDiagnostics: number;
  elapsedMs: number;
}

export class WorkspaceDiagnostics {
  /** Per unopened file URI, the diagnostics last published (as JSON, to skip unchanged ones). */
  private readonly published = new Map<string, string>();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  /** Paths waiting for recheck(). */
  private readonly pending = new Set<string>();
  private warnedCap = false;
  /** Resolved when the pass started by the latest trigger ends (tests and the benchmark wait on it). */
  private idle: Promise<PassSummary | undefined> = Promise.resolve(undefined);
  private settle: ((summary: PassSummary | undefined) => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly workspace: InvalidatableWorkspace,
    private readonly folders: () => readonly string[],
    private readonly options: WorkspaceDiagnosticsOptions = DEFAULT_WORKSPACE_DIAGNOSTICS,
    private readonly log: (line: string) => void = (line) => connection.console.info(line),
  ) {}

  /** A pass soon; cancels the running one. `changes`: what changed on disk; `'all'` when it cannot be known (folders changed). */
  schedule(changes?: DiskChanges | 'all'): Promise<PassSummary | undefined> {
    if (changes === 'all') this.workspace.invalidate();
    else if (changes) this.workspace.changedOnDisk(changes.paths, changes.listingChanged);
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    this.pending.clear(); // the full pass covers them
    if (!this.settle) this.idle = new Promise((resolve) => (this.settle = resolve));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pass(this.generation);
    }, this.options.delayMs);
    return this.idle;
  }

  /** A document closed: its disk text is what counts again, so the next pass publishes it (after the close cleared it). */
  closed(uri: string): void {
    this.forget(uri);
    void this.recheck([uriToPath(uri)]);
  }

  /** A document opened: its own validation publishes from now on. */
  opened(uri: string): void {
    this.forget(uri);
  }

  /**
   * These unopened files soon (an open document they depend on changed: a manifest's mounted tracing config, the
   * manifest mounting it). Batched like a pass, and dropped when a full pass comes first.
   */
  recheck(paths: readonly string[]): Promise<PassSummary | undefined> {
    for (const path of paths) this.pending.add(path);
    if (this.pending.size === 0 || this.timer) return this.idle;
    if (!this.settle) this.idle = new Promise((resolve) => (this.settle = resolve));
    this.recheckTimer ??= setTimeout(() => {
      this.recheckTimer = undefined;
      const wanted = new Set(this.pending);
      this.pending.clear();
      void this.pass(this.generation, wanted);
    }, this.options.delayMs);
    return this.idle;
  }

  private forget(uri: string): void {
    const path = uriToPath(uri);
    for (const key of this.published.keys()) if (uriToPath(key) === path) this.published.delete(key);
  }

  /** Every listed file, or only `only` (recheck()); `generation` changes when a newer pass cancels this one. */
  private async pass(generation: number, only?: ReadonlySet<string>): Promise<void> {
    const started = performance.now();
    const folders = this.folders();
    const finish = (summary: PassSummary | undefined) => {
      if (generation !== this.generation) return; // a newer pass settles the promise
      const settle = this.settle;
      this.settle = undefined;
      settle?.(summary);
    };
    // Settings of the first folder (scoped requests per file would be one client round trip each).
    const settings = await this.settings.get(folders[0] ? pathToFileURL(folders[0]).href : '');
    if (generation !== this.generation) return;
    if (!settings.workspaceDiagnostics || folders.length === 0) {
      await this.clearAll();
      return finish({ listed: 0, checked: 0, withDiagnostics: 0, elapsedMs: performance.now() - started });
    }
    // One options object for the pass: the cross-file lookups (references.ts) are cached per options object.
    const options: ValidationOptions = { settings, workspaceFolders: folders, workspace: this.workspace };
    let open = this.openPaths();
    const listed = this.workspace.list();
    const capped = listed.slice(0, this.options.maxFiles);
    const paths = only ? capped.filter((path) => only.has(path)) : capped;
    if (!only && listed.length > capped.length && !this.warnedCap) {
      this.warnedCap = true;
      this.log(
        `kube-tracing: the workspace has more than ${this.options.maxFiles} YAML/JSON files; only the first ${this.options.maxFiles} (nearest the folder roots) are checked in the background. Open a file to check it.`,
      );
    }
    const seen = new Set<string>();
    let checked = 0;
    let sliceStart = performance.now();
    for (const path of paths) {
      if (performance.now() - sliceStart > this.options.sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.generation) return;
        sliceStart = performance.now();
        open = this.openPaths(); // documents opened meanwhile publish their own diagnostics
      }
      if (open.has(path)) continue;
      const uri = pathToFileURL(path).href;
      seen.add(uri);
      const text = this.workspace.read(path);
      if (text === undefined) continue;
      checked++;
      let diagnostics: Diagnostic[];
      try {
        diagnostics = validateSource({ uri, text }, options).map(toDiagnostic);
      } catch (error) {
        this.connection.console.error(`kube-tracing: checking ${uriToPath(uri)} in the background failed: ${errorDetail(error)}`);
        diagnostics = [];
      }
      await this.publish(uri, diagnostics);
    }
    // Files gone from the listing (deleted, renamed, now skipped) lose their diagnostics.
    open = this.openPaths();
    if (!only)
      for (const uri of Array.from(this.published.keys())) if (!seen.has(uri) && !open.has(uriToPath(uri))) await this.publish(uri, []);
    const summary = { listed: listed.length, checked, withDiagnostics: this.published.size, elapsedMs: performance.now() - started };
    this.log(
      `kube-tracing: checked ${checked} unopened workspace files in the background in ${Math.round(summary.elapsedMs)} ms; ${summary.withDiagnostics} have diagnostics`,
    );
    finish(summary);
  }

  private async publish(uri: string, diagnostics: Diagnostic[]): Promise<void> {
    const key = JSON.stringify(diagnostics);
    const before = this.published.get(uri);
    if (diagnostics.length === 0) {
      if (before === undefined) return;
      this.published.delete(uri);
    } else {
      if (before === key) return;
      this.published.set(uri, key);
    }
    await this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** A copy of the keys: publish() deletes from the map while we go. */
  private async clearAll(): Promise<void> {
    const open = this.openPaths();
    for (const uri of Array.from(this.published.keys())) if (!open.has(uriToPath(uri))) await this.publish(uri, []);
    this.published.clear();
  }

  private openPaths(): Set<string> {
    return new Set(this.documents.all().map((document) => uriToPath(document.uri)));
  }
}
