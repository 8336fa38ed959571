/**
 * Validation scheduling: immediately when a document opens, debounced per document while it is edited
 * (yaml-language-server's approach), and for every open document when settings change. Stale results (the
 * document changed while settings were being fetched) are dropped. After a validation caused by an edit, the open
 * documents that depend on the edited one (a kube-apiserver manifest and the tracing config it mounts) are
 * validated too: found here, after the debounce and with the validation's own options object, so the
 * cross-file lookups (rules/kube-apiserver/references.ts caches answers per options object) are done once.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentValidatedNotification } from '../../../common/src/protocol';
import { IncrementalParser, uriToPath, validateSource, type ValidationOptions, type WorkspaceFiles } from '../service';
import { toDiagnostic } from './convert';
import type { SettingsStore } from './settings';
import { errorDetail } from '../../../common/src/errors';

export interface ValidationSchedulerOptions {
  /** Delay after the last edit before validating; 0 validates on every change. */
  debounceMs: number;
  workspaceFolders: () => readonly string[];
  /** Other files of the workspace for the cross-file rules (workspace/workspaceFiles.ts); absent: single-file checks. */
  workspace?: WorkspaceFiles;
  /** Paths to validate again when the document at `path` now reads `text` (workspace/workspaceFiles.ts); absent: none. */
  dependentsOf?: (path: string, text: string, options: ValidationOptions) => readonly string[];
}

export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents validated at least once since they opened: their later changes are debounced. */
  private readonly seen = new Set<string>();
  /** Per open document: after an edit only the YAML documents that changed are parsed again. */
  private readonly parsers = new Map<string, IncrementalParser>();
  /**
   * Documents edited since their last validation: that validation also validates their dependents. Only edits set
   * it, so a dependent validated on another's behalf does not bounce back to it.
   */
  private readonly edited = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly options: ValidationSchedulerOptions,
  ) {}

  /** TextDocuments reports an open as a content change too: the first one validates at once, later ones are debounced. */
  changed(document: TextDocument): void {
    this.edited.add(document.uri);
    if (this.seen.has(document.uri)) this.soon(document);
    else {
      this.seen.add(document.uri);
      this.now(document);
    }
  }

  now(document: TextDocument): void {
    this.cancel(document.uri);
    void this.validate(document.uri);
  }

  soon(document: TextDocument): void {
    if (this.options.debounceMs <= 0) return this.now(document);
    this.cancel(document.uri);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document.uri);
      }, this.options.debounceMs),
    );
  }

  all(): void {
    for (const document of this.documents.all()) this.now(document);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.seen.delete(uri);
    this.edited.delete(uri);
    this.parsers.delete(uri);
    this.settings.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private parserFor(uri: string): IncrementalParser {
    let parser = this.parsers.get(uri);
    if (!parser) this.parsers.set(uri, (parser = new IncrementalParser()));
    return parser;
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string): Promise<void> {
    const before = this.documents.get(uri);
    if (!before) return;
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    if (!document || document.version !== before.version) return; // a newer change has its own validation coming
    let diagnostics: Diagnostic[];
    // One options object for this validation and its dependents lookup: referencesTo answers are cached per object.
    const options: ValidationOptions = { settings, workspaceFolders: this.options.workspaceFolders(), workspace: this.options.workspace };
    try {
      diagnostics = validateSource({ uri, text: document.getText() }, options, (parsedUri, text) =>
        this.parserFor(parsedUri).parse(parsedUri, text),
      ).map(toDiagnostic);
    } catch (error) {
      // The service guards each rule; this is the last line so one bad file never kills the server.
      this.connection.console.error(`kube-tracing: validating ${uriToPath(uri)} failed: ${errorDetail(error)}`);
      diagnostics = [];
    }
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    await this.connection.sendNotification(DocumentValidatedNotification.type, {
      uri,
      version: document.version,
      diagnosticCount: diagnostics.length,
    });
    if (this.edited.delete(uri)) this.validateDependents(uri, document.getText(), options);
  }

  /** The open documents that depend on `uri` (an edit can also drop a dependency: dependentsOf names the old ones too). */
  private validateDependents(uri: string, text: string, options: ValidationOptions): void {
    if (!this.options.dependentsOf) return;
    let paths: readonly string[];
    try {
      paths = this.options.dependentsOf(uriToPath(uri), text, options);
    } catch (error) {
      this.connection.console.error(`kube-tracing: finding the files that depend on ${uriToPath(uri)} failed: ${errorDetail(error)}`);
      return;
    }
    if (paths.length === 0) return;
    const wanted = new Set(paths);
    // Already debounced (this runs after the edited document's own debounced validation): validate them now.
    for (const dependent of this.documents.all()) if (wanted.has(uriToPath(dependent.uri))) this.now(dependent);
  }
}
