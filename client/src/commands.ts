/**
 * What kube-tracing's editing commands share: running a request against the language server, or telling the
 * user plainly that it is not running (with a way to restart it) instead of failing silently.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ServerController } from './languageClient';
import { errorMessage } from '../../common/src/errors';

/** Runs `action` with the running client, or shows why it cannot and offers to restart the server. */
export async function withServer<T>(
  controller: ServerController,
  what: string,
  action: (client: LanguageClient) => Promise<T>,
): Promise<T | undefined> {
  const client = controller.running;
  if (!client) {
    const choice = await vscode.window.showWarningMessage(
      `kube-tracing: ${what} needs the kube-tracing language server, which is not running.`,
      'Restart Server',
      'Show Output',
    );
    if (choice === 'Restart Server') await vscode.commands.executeCommand('kubeTracing.restartServer');
    if (choice === 'Show Output') controller.output.show();
    return undefined;
  }
  try {
    return await action(client);
  } catch (error) {
    const message = errorMessage(error);
    controller.output.error(`${what} failed: ${message}`);
    void vscode.window.showErrorMessage(`kube-tracing: ${what} failed: ${message}`);
    return undefined;
  }
}

/** The active editor's document when it is YAML or JSON (what the server checks), else undefined. */
export function activeManifest(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && ['yaml', 'json', 'jsonc'].includes(document.languageId) ? document : undefined;
}
