/**
 * `kubeTracing.enableTracing` "Enable Tracing in This Manifest": asks for the collector endpoint and the sampling
 * rate, lets the server compute one WorkspaceEdit (flags, feature gate when the version needs it, volume mount,
 * hostPath volume, and the TracingConfiguration file beside the manifest), and applies it as one undo step.
 */
import { notificationText } from '../../common/src/displayText';
import * as vscode from 'vscode';
import { CanEnableTracingRequest, EnableTracingRequest } from '../../common/src/protocol';
import { activeManifest, withServer } from './commands';
import type { ServerController } from './languageClient';

export const ENABLE_TRACING_COMMAND = 'kubeTracing.enableTracing';

const MAX_RATE = 1000000;

/** Accepts 0 … 1000000 written as digits, the range ValidateTracingConfiguration allows. */
export function samplingRateProblem(text: string): string | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return 'A whole number of traces per million, 0 … 1000000.';
  return Number(text) > MAX_RATE ? 'At most 1000000 (every trace).' : undefined;
}

/** Optional arguments (keybindings, tasks, tests): given values are not asked for. */
export interface EnableTracingArguments {
  endpoint?: string;
  samplingRatePerMillion?: number;
}

export function registerEnableTracing(context: vscode.ExtensionContext, controller: ServerController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ENABLE_TRACING_COMMAND, (args?: EnableTracingArguments) =>
      enableTracing(controller, typeof args === 'object' && args !== null ? args : {}),
    ),
  );
}

async function enableTracing(controller: ServerController, given: EnableTracingArguments): Promise<boolean> {
  const document = activeManifest();
  if (!document) {
    void vscode.window.showInformationMessage('kube-tracing: open a kube-apiserver or etcd static-pod manifest (YAML) first.');
    return false;
  }
  return (
    (await withServer(controller, 'Enable Tracing', async (client) => {
      // First whether this manifest can trace at all (e.g. it already does), so no question is asked in vain.
      const possible = await client.sendRequest(CanEnableTracingRequest.type, { uri: document.uri.toString() });
      if (possible.error) {
        void vscode.window.showWarningMessage(`kube-tracing: ${notificationText(possible.error)}`);
        return false;
      }
      const endpoint =
        given.endpoint ??
        (await vscode.window.showInputBox({
          title: 'Enable Tracing (1/2): OTLP gRPC collector endpoint',
          prompt: 'host:port, dns:///host:port or unix:///path. kube-apiserver and etcd export without TLS.',
          value: 'localhost:4317',
          validateInput: (text) => (text.trim() === '' ? 'The endpoint cannot be empty.' : undefined),
        }));
      if (endpoint === undefined) return false;
      const rate =
        given.samplingRatePerMillion !== undefined
          ? String(given.samplingRatePerMillion)
          : await vscode.window.showInputBox({
              title: 'Enable Tracing (2/2): sampling rate per million',
              prompt: '100 samples 1 in 10,000 new traces; 1000000 samples every trace; 0 only follows sampled parents.',
              value: '100',
              validateInput: samplingRateProblem,
            });
      if (rate === undefined) return false;
      const rateProblem = samplingRateProblem(rate);
      if (rateProblem) {
        void vscode.window.showWarningMessage(`kube-tracing: ${notificationText(rateProblem)}`);
        return false;
      }
      const result = await client.sendRequest(EnableTracingRequest.type, {
        uri: document.uri.toString(),
        endpoint: endpoint.trim(),
        samplingRatePerMillion: Number(rate),
      });
      if ('error' in result) {
        void vscode.window.showWarningMessage(`kube-tracing: ${notificationText(result.error)}`);
        return false;
      }
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
      const applied = await vscode.workspace.applyEdit(edit);
      if (applied) void vscode.window.showInformationMessage(`kube-tracing: ${notificationText(result.summary)}`);
      else
        void vscode.window.showErrorMessage(
          'kube-tracing: VS Code did not apply the edit (the file changed meanwhile?). Nothing was changed.',
        );
      return applied;
    })) ?? false
  );
}
