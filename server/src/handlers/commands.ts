/**
 * What the editing-assistance handlers share (the documents, settings and workspace folders a request needs)
 * and the custom requests behind the client's commands: `kubeTracing/versionInForce` (status bar) and
 * `kubeTracing/enableTracing` (the "Enable Tracing in This Manifest" edit). The answers come from service/assist.
 */
import { existsSync } from 'node:fs';
import type { Connection, TextDocuments, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CanEnableTracingRequest,
  EnableTracingRequest,
  VersionInForceRequest,
  type EnableTracingResult,
  type VersionInForce,
} from '../../../common/src/protocol';
import {
  formatEtcdVersion,
  formatMinor,
  planEnableTracing,
  uriToPath,
  versionInForce,
  type AssistInput,
  type WorkspaceFiles,
} from '../service';
import type { SettingsStore } from './settings';
import { errorDetail } from '../../../common/src/errors';
import { createFilesAndEdit } from './workspaceEdits';

export interface AssistEnvironment {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  workspaceFolders: () => readonly string[];
  /** Other files of the workspace (workspace/workspaceFiles.ts): a mounted tracing config takes its apiserver's version. */
  workspace?: WorkspaceFiles;
}

/** The open document's text with its settings, or null when the editor has not opened it with us. */
export async function assistInputFor(environment: AssistEnvironment, uri: string): Promise<AssistInput | null> {
  const document = environment.documents.get(uri);
  if (!document) return null;
  const settings = await environment.settings.get(uri);
  return {
    source: { uri, text: document.getText() },
    options: { settings, workspaceFolders: environment.workspaceFolders(), workspace: environment.workspace },
  };
}

/** Logs and swallows a failure so one bad request never takes the server down; the editor just gets nothing. */
export function guarded<T>(environment: AssistEnvironment, what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    environment.connection.console.error(`kube-tracing: ${what} failed: ${errorDetail(error)}`);
    return fallback;
  });
}

/** Answers that pass every check, for the question asked before the real answers (a default endpoint and rate). */
const PLACEHOLDER_ANSWERS = { endpoint: 'localhost:4317', samplingRatePerMillion: 100 };

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
        ...(versions.etcd ? { etcdVersion: formatEtcdVersion(versions.etcd.version), etcdVersionSource: versions.etcd.source } : {}),
        ...(versions.collector
          ? {
              collector: {
                version: versions.collector.version,
                distribution: versions.collector.distribution,
                origin: versions.collector.origin,
                ...(versions.collector.detail ? { detail: versions.collector.detail } : {}),
                latest: versions.collector.latest,
                distributionKnown: versions.collector.distributionKnown,
              },
            }
          : {}),
      };
    }),
  );
  // The answers do not change whether the manifest can trace (its pod, version, existing flags): ask that first.
  environment.connection.onRequest(CanEnableTracingRequest.type, ({ uri }) =>
    guarded(environment, 'canEnableTracing', {}, async (): Promise<{ error?: string }> => {
      const input = await assistInputFor(environment, uri);
      if (!input) return { error: 'Open the manifest in the editor first.' };
      const plan = planEnableTracing(input, { ...PLACEHOLDER_ANSWERS, exists: (file) => existsSync(uriToPath(file)) });
      return 'error' in plan ? { error: plan.error } : {};
    }),
  );
  environment.connection.onRequest(EnableTracingRequest.type, (params) =>
    guarded(
      environment,
      'enableTracing',
      { error: 'kube-tracing could not compute the edit; see the "kube-tracing" output.' },
      async (): Promise<EnableTracingResult> => {
        const input = await assistInputFor(environment, params.uri);
        if (!input) return { error: 'Open the manifest in the editor first.' };
        const plan = planEnableTracing(input, { ...params, exists: (uri) => existsSync(uriToPath(uri)) });
        if ('error' in plan) return plan;
        const version = environment.documents.get(params.uri)?.version ?? null;
        // One WorkspaceEdit: the new TracingConfiguration (created, then filled) and the manifest's edits, so one undo.
        const edit: WorkspaceEdit = createFilesAndEdit(plan.createFiles, { uri: params.uri, version }, plan.edits);
        return { edit, summary: plan.summary };
      },
    ),
  );
}
