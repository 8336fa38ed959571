/**
 * "Show Collector Pipelines" (`kubeTracing.showCollectorPipelines`): a webview beside the editor drawing each
 * pipeline of the Collector configs in the file (the server's `kubeTracing/collectorPipelines`), redrawn after
 * edits; a click on a node selects its range in the editor. Offered in the editor title of a Collector config
 * (context key `kubeTracing.collectorConfig`) and as a code lens on each `service::pipelines` key.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import {
  CollectorPipelinesRequest,
  type CollectorPipelinesResult,
  type HostToPipelineMessage,
  type PipelineToHostMessage,
} from '../../common/src/protocolPipelines';
import { errorMessage } from '../../common/src/errors';
import { activeManifest, withServer } from './commands';
import type { ServerController } from './languageClient';
import { renderPipelineHtml } from './pipelineHtml';
import { makeNonce } from './webviewPage';

export const SHOW_PIPELINES_COMMAND = 'kubeTracing.showCollectorPipelines';
const CONTEXT_KEY = 'kubeTracing.collectorConfig';
/** After an edit, wait this long for more typing (the server's own validation waits 150 ms). */
const REDRAW_DELAY_MS = 300;
const YAML_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

/**
 * What the server answers for a document, asked once per version of its text. Only answers are kept: a document
 * opened before the server runs (or while it restarts) is asked again later, not left without a lens.
 */
class PipelineAnswers {
  private readonly cache = new Map<string, { version: number; answer: Promise<CollectorPipelinesResult | null> }>();
  constructor(private readonly controller: ServerController) {}

  get(document: vscode.TextDocument): Promise<CollectorPipelinesResult | null> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.answer;
    const client = this.controller.running;
    if (!client) return Promise.resolve(null);
    const answer = client.sendRequest(CollectorPipelinesRequest.type, { uri: key }).then(
      (result) => {
        if (!result) this.forgetIf(key, answer);
        return result;
      },
      () => {
        this.forgetIf(key, answer);
        return null;
      },
    );
    this.cache.set(key, { version: document.version, answer });
    return answer;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private forgetIf(key: string, answer: Promise<CollectorPipelinesResult | null>): void {
    if (this.cache.get(key)?.answer === answer) this.cache.delete(key);
  }
}

export function registerPipelineView(context: vscode.ExtensionContext, controller: ServerController): void {
  const answers = new PipelineAnswers(controller);
  const panels = new Map<string, PipelinePanel>();
  const lenses = new PipelineCodeLenses(answers);

  const show = async (target?: vscode.Uri): Promise<void> => {
    const document = target ? await vscode.workspace.openTextDocument(target) : activeManifest();
    if (!document) {
      void vscode.window.showInformationMessage('kube-tracing: open an OpenTelemetry Collector config (YAML) to see its pipelines.');
      return;
    }
    await withServer(controller, 'Show Collector Pipelines', async () => {
      const key = document.uri.toString();
      const existing = panels.get(key);
      if (existing) return existing.reveal();
      const panel = new PipelinePanel(document, context.extensionUri, answers, () => panels.delete(key));
      panels.set(key, panel);
    });
  };

  const updateContextKey = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    const answer = document?.languageId === 'yaml' ? await answers.get(document) : null;
    if (document !== vscode.window.activeTextEditor?.document) return; // the user moved on
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, (answer?.configs.length ?? 0) > 0);
  };
  let contextTimer: NodeJS.Timeout | undefined;
  const scheduleContextKey = (): void => {
    clearTimeout(contextTimer);
    contextTimer = setTimeout(() => void updateContextKey(), REDRAW_DELAY_MS);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_PIPELINES_COMMAND, (uri?: unknown) => show(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.languages.registerCodeLensProvider(YAML_SELECTOR, lenses),
    vscode.window.onDidChangeActiveTextEditor(scheduleContextKey),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) scheduleContextKey();
      panels.get(event.document.uri.toString())?.scheduleRedraw();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => answers.forget(document.uri)),
    // The server validated a file again: after its own edit, or after a change in a file it depends on (the workload
    // running it, a TracingConfiguration), or once it runs (a file opened before it started has no answer yet). Its
    // graph may have changed without a new version: ask again for its lens, the title button and its open view.
    vscode.languages.onDidChangeDiagnostics((event) => {
      const yaml = event.uris.filter((uri) => /\.ya?ml$/i.test(uri.path));
      if (yaml.length === 0) return;
      for (const uri of yaml) {
        answers.forget(uri);
        panels.get(uri.toString())?.scheduleRedraw();
      }
      lenses.refresh();
      scheduleContextKey();
    }),
    lenses,
    { dispose: () => clearTimeout(contextTimer) },
    { dispose: () => [...panels.values()].forEach((panel) => panel.dispose()) },
  );
  scheduleContextKey();
}

/** "Show pipelines" above each `service::pipelines` key of a Collector config. */
class PipelineCodeLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly answers: PipelineAnswers) {}

  /** Ask again (the server has published diagnostics: it runs, and may see the file differently now). */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!/^\s*pipelines\s*:/m.test(document.getText())) return []; // no request for YAML without pipelines
    const answer = await this.answers.get(document);
    return (answer?.configs ?? []).map((config) => {
      const count = config.pipelines.length;
      const problems = config.pipelines.reduce(
        (sum, p) => sum + p.problems.length + [...p.receivers, ...p.processors, ...p.exporters].filter((n) => n.problems.length > 0).length,
        0,
      );
      const line = config.range.start.line;
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: `Show pipelines (${count}${problems > 0 ? `, ${problems} with problems` : ''})`,
        tooltip: 'Draw the receivers → processors → exporters of each pipeline, with connectors and problems, beside this editor.',
        command: SHOW_PIPELINES_COMMAND,
        arguments: [document.uri],
      });
    });
  }
}

class PipelinePanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly document: vscode.TextDocument,
    extensionUri: vscode.Uri,
    private readonly answers: PipelineAnswers,
    onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const title = basename(document.uri.fsPath) || document.uri.path;
    this.panel = vscode.window.createWebviewPanel(
      'kubeTracing.collectorPipelines',
      `Pipelines: ${title}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media] },
    );
    this.panel.webview.html = renderPipelineHtml({
      cspSource: this.panel.webview.cspSource,
      scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'pipeline.js')).toString(),
      styleUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'pipeline.css')).toString(),
      nonce: makeNonce(),
      title,
    });
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((message: PipelineToHostMessage) => this.onMessage(message)),
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  scheduleRedraw(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.draw(), REDRAW_DELAY_MS);
  }

  private async draw(): Promise<void> {
    const fileName = basename(this.document.uri.fsPath) || this.document.uri.path;
    let message: HostToPipelineMessage;
    try {
      const result = await this.answers.get(this.document);
      message = result
        ? { type: 'graph', fileName, result }
        : {
            type: 'error',
            fileName,
            message: 'the kube-tracing language server did not answer (is it running? see the "kube-tracing" output)',
          };
    } catch (error) {
      message = { type: 'error', fileName, message: errorMessage(error) };
    }
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  private onMessage(message: PipelineToHostMessage): void {
    if (message.type === 'ready') void this.draw();
    else if (message.type === 'reveal') void this.select(message.range);
  }

  /** Selects the range in an editor of the document (the one already showing it, else the first column). */
  private async select(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === this.document);
    const editor = await vscode.window.showTextDocument(this.document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection,
      preserveFocus: false,
    });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel.dispose();
  }
}
