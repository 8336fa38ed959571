/**
 * Validation scheduling: immediately when a document opens, debounced per document while it is edited
 * (yaml-language-server's approach), and for every open document when settings change. Stale results (the
 * document changed while settings were being fetched) are dropped.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentValidatedNotification } from '../../../common/src/protocol';
import { uriToPath, type WorkspaceFiles } from '../service/context';
import { validateSource } from '../service/languageService';
import { IncrementalParser } from '../service/yaml/incrementalParse';
import { toDiagnostic } from './convert';
import type { SettingsStore } from './settings';

export interface ValidationSchedulerOptions {
  /** Delay after the last edit before validating; 0 validates on every change. */
  debounceMs: number;
  workspaceFolders: () => readonly string[];
  /** Other files of the workspace for the cross-file rules (handlers/workspaceFiles.ts); absent: single-file checks. */
  workspace?: WorkspaceFiles;
}

export class ValidationScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents validated at least once since they opened: their later changes are debounced. */
  private readonly seen = new Set<string>();
  /** Per open document: after an edit only the YAML documents that changed are parsed again. */
  private readonly parsers = new Map<string, IncrementalParser>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly options: ValidationSchedulerOptions,
  ) {}

  /** TextDocuments reports an open as a content change too: the first one validates at once, later ones are debounced. */
  changed(document: TextDocument): void {
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
    try {
      diagnostics = validateSource(
        { uri, text: document.getText() },
        { settings, workspaceFolders: this.options.workspaceFolders(), workspace: this.options.workspace },
        (parsedUri, text) => this.parserFor(parsedUri).parse(parsedUri, text),
      ).map(toDiagnostic);
    } catch (error) {
      // The service guards each rule; this is the last line so one bad file never kills the server.
      this.connection.console.error(`kube-tracing: validating ${uriToPath(uri)} failed: ${error instanceof Error ? error.stack : String(error)}`);
      diagnostics = [];
    }
    await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    await this.connection.sendNotification(DocumentValidatedNotification.type, {
      uri,
      version: document.version,
      diagnosticCount: diagnostics.length,
    });
  }
}
