/**
 * kube-tracing's VS Code entry point. Activates lazily (onLanguage:yaml/json); starts the language server
 * and registers every command up front, each with a fallback when the server is not running
 * (rust-analyzer's pattern), so a command never fails with "command not found".
 */
import * as vscode from 'vscode';
import { ServerController } from './languageClient';
import { registerEnableTracing } from './enableTracing';
import { registerVersionStatus } from './versionStatus';
import { registerTraceViewer, type TraceLoaded } from './traceViewer';
import { registerPipelineView } from './pipelineView';
import { errorMessage } from '../../common/src/errors';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const output = vscode.window.createOutputChannel('kube-tracing', { log: true });
  controller = new ServerController(context, output);
  context.subscriptions.push(output, controller);

  context.subscriptions.push(
    vscode.commands.registerCommand('kubeTracing.restartServer', async () => {
      output.info('Restarting the kube-tracing language server on request.');
      await controller?.restart();
    }),
    vscode.commands.registerCommand('kubeTracing.showOutput', () => output.show()),
  );
  const onDidLoadTrace = registerTraceViewer(context, (message) => output.info(message));
  registerVersionStatus(context, controller);
  registerEnableTracing(context, controller);
  registerPipelineView(context, controller);

  try {
    await controller.start();
  } catch (error) {
    output.error(`The kube-tracing language server did not start: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage('kube-tracing: the language server did not start. See the "kube-tracing" output.');
  }
  return { serverController: controller, onDidLoadTrace };
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
  controller = undefined;
}

/** Returned from activate() for the integration tests (e.g. to kill the server and watch it come back). */
export interface ExtensionApi {
  serverController: ServerController;
  /** A trace viewer finished reading its files: what the webview reported back (message round trip). */
  onDidLoadTrace: vscode.Event<TraceLoaded>;
}
