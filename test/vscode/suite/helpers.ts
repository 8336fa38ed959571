/**
 * What integration tests share: activating kube-tracing, opening fixture files from the test workspace,
 * waiting for what a user would see (diagnostics), changing settings, and finding the language server's
 * process. Runs inside VS Code's extension host, so `vscode` is the real API.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'kube-tracing.kube-tracing';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder (runTests.ts opens a copy of test/vscode/workspace)');
  return folder.uri;
}

/** A file of the test workspace, by its path relative to test/vscode/workspace/. */
export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this VS Code`);
  const api = await extension.activate();
  if (!api?.serverController) throw new Error('activate() did not return { serverController }');
  return api;
}

/** Only kube-tracing's diagnostics (other extensions, e.g. a YAML extension on a desktop, may add their own). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kube-tracing');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

/**
 * Resolves with kube-tracing's diagnostics for `uri` once `accept` holds for them, checking on every
 * diagnostics change. Rejects after `timeoutMs`, saying what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = ourDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = ourDiagnostics(uri).map((d) => `${d.range.start.line + 1}: ${codeOf(d)} ${d.message.split('\n')[0]}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.fsPath}; last seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kubeTracing').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/**
 * The process ids of kube-tracing language servers started by this extension host (children of this process
 * running the extension's dist/server.js). Linux reads /proc; elsewhere `ps`.
 */
export function serverProcessIds(): number[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return [];
  const serverScript = join(extension.extensionPath, 'dist', 'server.js');
  const processes: { pid: number; ppid: number; command: string }[] = [];
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
        processes.push({ pid: Number(entry), ppid, command });
      } catch {
        // the process exited while we looked
      }
    }
  } else {
    for (const line of execFileSync('ps', ['-axo', 'pid=,ppid=,command='], { encoding: 'utf8' }).split('\n')) {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (match) processes.push({ pid: Number(match[1]), ppid: Number(match[2]), command: match[3]! });
    }
  }
  return processes.filter((p) => p.ppid === process.pid && p.command.includes(serverScript)).map((p) => p.pid);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
