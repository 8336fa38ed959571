/**
 * kube-tracing language server entry point. Runs over IPC from the VS Code client and over stdio
 * (`node dist/server.js --stdio`) for other editors; `createConnection` picks the transport from argv.
 * This file only wires LSP to the handlers; the rules live in service/.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './service';
import { SettingsStore } from './handlers/settings';
import { ValidationScheduler } from './handlers/validation';
import { WorkspaceDiagnostics } from './handlers/workspaceDiagnostics';
import { ServerWorkspaceFiles } from './workspace/workspaceFiles';
import { registerCodeActions, CODE_ACTION_KINDS } from './handlers/codeActions';
import { registerCommands, type AssistEnvironment } from './handlers/commands';
import { registerCompletion, COMPLETION_TRIGGER_CHARACTERS } from './handlers/completion';
import { registerHover } from './handlers/hover';
import { registerCollectorPipelines } from './handlers/collectorPipelines';

const DEFAULT_DEBOUNCE_MS = 150;

// Without a transport flag createConnection throws with a stack trace through the minified bundle: say it plainly.
if (!process.argv.slice(2).some((arg) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(arg))) {
  process.stderr.write(
    'kube-tracing language server: choose a transport: --stdio (most editors), --node-ipc (VS Code), --socket=<port> or --pipe=<name>\n',
  );
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canPullConfiguration = false;
let canRegisterConfigurationChange = false;
let workspaceFolders: string[] = [];
let canReceiveWorkspaceFolderChanges = false;
let canRegisterFileWatcher = false;
let scheduler: ValidationScheduler | undefined;
const settings = new SettingsStore(connection, () => canPullConfiguration);
// Open documents first, then a bounded scan of the workspace folders: what the cross-file rules read.
const workspaceFiles = new ServerWorkspaceFiles(documents, () => workspaceFolders);
// The files nobody opened: checked in the background, published when their diagnostics change.
const workspaceDiagnostics = new WorkspaceDiagnostics(connection, documents, settings, workspaceFiles, () => workspaceFolders);

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  canPullConfiguration = capabilities.workspace?.configuration === true;
  canRegisterConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  canReceiveWorkspaceFolderChanges = capabilities.workspace?.workspaceFolders === true;
  canRegisterFileWatcher = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((folder) => uriToPath(folder.uri));
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [uriToPath(params.rootUri)];
  const init = (params.initializationOptions ?? {}) as { validationDelayMs?: number };
  scheduler = new ValidationScheduler(connection, documents, settings, {
    debounceMs: typeof init.validationDelayMs === 'number' ? init.validationDelayMs : DEFAULT_DEBOUNCE_MS,
    workspaceFolders: () => workspaceFolders,
    workspace: workspaceFiles,
    // A kube-apiserver manifest and the tracing config file it mounts are checked together: an edit of one re-checks the other.
    // The unopened ones are the background check's (after its delay, not on this keystroke's path).
    dependentsOf: (path, text, options) => {
      const dependents = workspaceFiles.dependentsOf(path, text, options);
      if (dependents.length > 0) void workspaceDiagnostics.recheck(dependents);
      return dependents;
    },
  });
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
    },
    serverInfo: { name: 'kube-tracing', version: typeof SERVER_VERSION === 'string' ? SERVER_VERSION : 'dev' },
  };
});

connection.onInitialized(() => {
  if (canRegisterConfigurationChange) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeTracing' });
  }
  if (canReceiveWorkspaceFolderChanges) {
    // Globs are also matched relative to each workspace folder, so the open documents are checked again.
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => uriToPath(folder.uri)));
      workspaceFolders = [
        ...workspaceFolders.filter((folder) => !removed.has(folder)),
        ...event.added.map((folder) => uriToPath(folder.uri)),
      ];
      scheduler?.all();
      void workspaceDiagnostics.schedule('all');
    });
  }
  // Files created, changed or deleted outside the editor: the background check and the cross-file rules read the disk.
  if (canRegisterFileWatcher) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
  }
  void workspaceDiagnostics.schedule();
});

// Clients without dynamic registration may still send these (a watcher of their own configuration).
connection.onDidChangeWatchedFiles(({ changes }) => {
  const paths = changes.map((change) => uriToPath(change.uri));
  const open = new Set(documents.all().map((document) => uriToPath(document.uri)));
  const listingChanged = changes.some((change) => change.type !== FileChangeType.Changed);
  // Saving an open document changes nothing we read: its text was already the editor's.
  if (!listingChanged && paths.every((path) => open.has(path))) return;
  void workspaceDiagnostics.schedule({ paths, listingChanged });
  scheduler?.all();
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  scheduler?.all();
  void workspaceDiagnostics.schedule();
});

// The dependents of an edited document are found by its debounced validation (handlers/validation.ts), not per keystroke.
documents.onDidChangeContent((event) => scheduler?.changed(event.document));
documents.onDidOpen((event) => workspaceDiagnostics.opened(event.document.uri));
documents.onDidClose((event) => {
  scheduler?.closed(event.document.uri);
  workspaceDiagnostics.closed(event.document.uri);
});

// Editing assistance (hovers, completions, quick fixes, commands): service/assist through handlers/.
const assist: AssistEnvironment = { connection, documents, settings, workspaceFolders: () => workspaceFolders, workspace: workspaceFiles };
registerHover(assist);
registerCompletion(assist);
registerCodeActions(assist);
registerCommands(assist);
registerCollectorPipelines(assist);

documents.listen(connection);
connection.listen();

declare const SERVER_VERSION: string;
