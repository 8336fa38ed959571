/**
 * Starting, restarting and stopping the language server. The server runs in its own Node process over IPC;
 * if it dies we log why in the "kube-tracing" output channel and restart it, up to MAX_RESTARTS within
 * RESTART_WINDOW_MS, after which the user is asked (like vscode-languageclient's default, but visible).
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../common/src/settings';

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly restarts: number[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'yaml', scheme: 'file' },
        { language: 'yaml', scheme: 'untitled' },
        { language: 'json', scheme: 'file' },
        { language: 'json', scheme: 'untitled' },
        { language: 'jsonc', scheme: 'file' },
      ],
      synchronize: { configurationSection: SETTINGS_SECTION },
      outputChannel: this.output,
      errorHandler: {
        error: (error, _message, count): ErrorHandlerResult => {
          this.output.error(`Connection to the kube-tracing server failed (${count ?? 0}): ${error.message}`);
          return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
        },
        closed: (): CloseHandlerResult => this.onServerClosed(),
      },
    };
    this.client = new LanguageClient('kubeTracing', 'kube-tracing', serverOptions, clientOptions);
    await this.client.start();
  }

  private onServerClosed(): CloseHandlerResult {
    const now = Date.now();
    while (this.restarts.length > 0 && now - this.restarts[0]! > RESTART_WINDOW_MS) this.restarts.shift();
    this.restarts.push(now);
    if (this.restarts.length <= MAX_RESTARTS) {
      this.output.warn(
        `The kube-tracing language server stopped unexpectedly (see the lines above for its last output); restarting it (${this.restarts.length}/${MAX_RESTARTS} in 3 minutes).`,
      );
      return { action: CloseAction.Restart, handled: true };
    }
    this.output.error(`The kube-tracing language server stopped ${MAX_RESTARTS} times in 3 minutes; not restarting it.`);
    void vscode.window
      .showErrorMessage(
        'The kube-tracing language server keeps stopping. See the "kube-tracing" output for why.',
        'Show Output',
        'Restart Server',
      )
      .then((choice) => {
        if (choice === 'Show Output') this.output.show();
        if (choice === 'Restart Server') void vscode.commands.executeCommand('kubeTracing.restartServer');
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  async restart(): Promise<void> {
    this.restarts.length = 0;
    if (this.client) {
      await this.client.stop().catch(() => undefined);
      await this.client.dispose().catch(() => undefined);
      this.client = undefined;
    }
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.client?.stop().catch(() => undefined);
  }
}
