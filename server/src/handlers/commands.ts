/**
 * What the editing-assistance handlers share (the documents, settings and workspace folders a request needs)
 * and the custom requests behind the client's commands: `kubeTracing/versionInForce` (status bar) and
 * `kubeTracing/enableTracing` (the "Enable Tracing in This Manifest" edit). The answers come from service/assist.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EnableTracingRequest, VersionInForceRequest, type VersionInForce } from '../../../common/src/protocol';
import type { AssistInput } from '../service/assist';
import { versionInForce } from '../service/assist/versionInForce';
import { formatMinor } from '../service/versions';
import type { SettingsStore } from './settings';

export interface AssistEnvironment {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  workspaceFolders: () => readonly string[];
}

/** The open document's text with its settings, or null when the editor has not opened it with us. */
export async function assistInputFor(environment: AssistEnvironment, uri: string): Promise<AssistInput | null> {
  const document = environment.documents.get(uri);
  if (!document) return null;
  const settings = await environment.settings.get(uri);
  return { source: { uri, text: document.getText() }, options: { settings, workspaceFolders: environment.workspaceFolders() } };
}

/** Logs and swallows a failure so one bad request never takes the server down; the editor just gets nothing. */
export function guarded<T>(environment: AssistEnvironment, what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    environment.connection.console.error(`kube-tracing: ${what} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return fallback;
  });
}

export function registerCommands(environment: AssistEnvironment): void {
  environment.connection.onRequest(VersionInForceRequest.type, ({ uri }) =>
    guarded(environment, 'versionInForce', null, async (): Promise<VersionInForce | null> => {
      const input = await assistInputFor(environment, uri);
      const versions = input ? versionInForce(input) : null;
      if (!versions) return null;
      return {
        uri,
        kubernetesVersion: formatMinor(versions.kubernetes.version),
        kubernetesVersionSource: versions.kubernetes.source,
        ...(versions.kubernetes.detail ? { kubernetesVersionDetail: versions.kubernetes.detail } : {}),
      };
    }),
  );
  environment.connection.onRequest(EnableTracingRequest.type, () =>
    Promise.resolve({ error: 'Enable Tracing is not available yet in this build of the kube-tracing server.' }),
  );
}
