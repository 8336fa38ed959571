/**
 * A real LSP client (vscode-languageserver-protocol) driving a language server process as any editor would:
 * by default `node dist/server.js --stdio`; also over Node IPC (`--node-ipc`, as the VS Code client starts it)
 * and any other stdio server (the benchmark drives yaml-language-server with the same client).
 * Used by the protocol tests and the benchmarks.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  LogMessageNotification,
  MessageType,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SETTINGS_SECTION } from '../../common/src/settings';

export const SERVER_PATH = join(__dirname, '../../dist/server.js');

export interface ClientOptions {
  /** Settings answered to workspace/configuration for section kubeTracing. */
  settings?: Record<string, unknown>;
  /** Answers for other configuration sections (e.g. `yaml` for yaml-language-server); unknown sections get null. */
  otherSections?: Record<string, unknown>;
  rootUri?: string;
  initializationOptions?: Record<string, unknown>;
  /** Advertise workspace/configuration support (default true). */
  pullConfiguration?: boolean;
  /** How to reach the server: `stdio` (default) or `ipc` (fork with --node-ipc, like the VS Code client). */
  transport?: 'stdio' | 'ipc';
  /** The server script and its arguments, run with this Node; default `dist/server.js --stdio` (or `--node-ipc`). */
  serverArgs?: string[];
}

interface DiagnosticsWaiter {
  uri: string;
  predicate: (d: Diagnostic[]) => boolean;
  resolve: (d: Diagnostic[]) => void;
}

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  settings: Record<string, unknown>;
  private readonly waiters: DiagnosticsWaiter[] = [];
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Every workspace/configuration request the server made, in order (to test pull clients). */
  readonly configurationRequests: Array<Array<{ section?: string; scopeUri?: string }>> = [];
  /** Every notification the server sent, by method (counts, for tests that check nothing unexpected arrives). */
  readonly notificationCounts = new Map<string, number>();
  /** Error-level window/logMessage texts: the server's own reports of something failing inside it. */
  readonly loggedErrors: string[] = [];
  /** Every window/logMessage text, in order (the background workspace check reports each pass there). */
  readonly logMessages: string[] = [];
  initializeResult: InitializeResult | undefined;
  stderr = '';
  private exited: Promise<number | null>;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    const transport = options.transport ?? 'stdio';
    if (transport === 'ipc') {
      const [script = SERVER_PATH, ...args] = options.serverArgs ?? [SERVER_PATH, '--node-ipc'];
      this.process = fork(script, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      this.connection = createProtocolConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process));
    } else {
      this.process = spawn(process.execPath, options.serverArgs ?? [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.connection = createProtocolConnection(
        new StreamMessageReader(this.process.stdout!),
        new StreamMessageWriter(this.process.stdin!),
      );
    }
    this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params.items.map((item) => ({ section: item.section, scopeUri: item.scopeUri })));
      return params.items.map((item) => this.answerConfiguration(item.section));
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onUnhandledNotification((message) => this.count(message.method));
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.count(LogMessageNotification.method);
      this.logMessages.push(params.message);
      if (params.type === MessageType.Error) this.loggedErrors.push(params.message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.count(PublishDiagnosticsNotification.method);
      this.latest.set(params.uri, params);
      // A copy: a satisfied waiter removes itself from the set while we iterate.
      // oxlint-disable-next-line unicorn/no-useless-spread
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.listen();
  }

  private count(method: string): void {
    this.notificationCounts.set(method, (this.notificationCounts.get(method) ?? 0) + 1);
  }

  private answerConfiguration(section: string | undefined): unknown {
    if (section === SETTINGS_SECTION) return this.settings;
    if (section === undefined) return { [SETTINGS_SECTION]: this.settings, ...this.options.otherSections };
    return this.options.otherSections?.[section] ?? null;
  }

  async initialize(): Promise<InitializeResult> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: this.options.rootUri ?? null,
      workspaceFolders: this.options.rootUri ? [{ uri: this.options.rootUri, name: 'workspace' }] : null,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: this.options.pullConfiguration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `predicate` (default: any). */
  nextDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const waiter: DiagnosticsWaiter = {
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  replace(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental edit (range + text), as editors send while typing. */
  edit(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Pushes settings the way VS Code does (and the way push-only clients deliver them). */
  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SETTINGS_SECTION]: settings } });
  }

  /** Resolves with the exit code once the server process has ended. */
  exitCode(): Promise<number | null> {
    return this.exited;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      /* already gone */
    }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 1000))]);
    this.connection.dispose();
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }
}
