/**
 * The trace viewer feature: the custom editor, the "Open Trace in Side Panel" command and the CodeLens.
 * extension.ts calls registerTraceViewer(context) once.
 */
import { notificationText } from '../../../common/src/displayText';
import * as vscode from 'vscode';
import { TRACE_FILE_SELECTOR, TraceFileCodeLensProvider } from './codeLens';
import { TRACE_VIEWER_ANY_JSON_TYPE, TRACE_VIEWER_TYPE, TraceViewerProvider, type TraceLoaded } from './provider';
import { notATraceFile, SNIFF_PREFIX_CHARS } from './sniff';
import { open } from 'node:fs/promises';

export type { TraceLoaded };

/** Returns the event of viewers that finished reading their files (for the extension API and its tests). */
export function registerTraceViewer(
  context: vscode.ExtensionContext,
  log: (message: string) => void = () => undefined,
): vscode.Event<TraceLoaded> {
  const provider = new TraceViewerProvider(context.extensionUri, log);
  const options = {
    // Parsing a 150 MB file again each time the tab is hidden and shown would be slow: keep the webview alive.
    webviewOptions: { retainContextWhenHidden: true },
    supportsMultipleEditorsPerDocument: true,
  };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(TRACE_VIEWER_TYPE, provider, options),
    vscode.window.registerCustomEditorProvider(TRACE_VIEWER_ANY_JSON_TYPE, provider, options),
    vscode.commands.registerCommand('kubeTracing.openTrace', (uri?: vscode.Uri) => openTraceBeside(uri)),
    vscode.languages.registerCodeLensProvider(TRACE_FILE_SELECTOR, new TraceFileCodeLensProvider()),
  );
  return provider.onDidLoad;
}

/** Opens the viewer beside the active editor: for the explorer's file, the active text editor's file or the active tab. */
async function openTraceBeside(uri: vscode.Uri | undefined): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : activeFileUri();
  if (!target) {
    void vscode.window.showWarningMessage(
      'kube-tracing: open a trace file (OTLP, Jaeger or Zipkin JSON) first, or choose one in the explorer.',
    );
    return;
  }
  const problem = notATraceFile(target.path, await readPrefix(target));
  if (problem) {
    void vscode.window.showWarningMessage(`kube-tracing: ${notificationText(problem)}`);
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', target, TRACE_VIEWER_TYPE, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
  });
}

/** The first SNIFF_PREFIX_CHARS bytes of a file (trace files can be 150 MB: a local file is not read whole). */
async function readPrefix(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    if (uri.scheme === 'file') {
      const handle = await open(uri.fsPath, 'r');
      try {
        const buffer = Buffer.alloc(SNIFF_PREFIX_CHARS);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    }
    return (await vscode.workspace.fs.readFile(uri)).subarray(0, SNIFF_PREFIX_CHARS);
  } catch {
    return new Uint8Array();
  }
}

function activeFileUri(): vscode.Uri | undefined {
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  if (editorUri?.scheme === 'file') return editorUri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}
