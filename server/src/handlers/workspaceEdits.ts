/**
 * One WorkspaceEdit that creates new files with their text and edits a document, so the user undoes it in one
 * step. A file to create must not exist: with `ignoreIfExists` the client would keep the old file and insert the
 * new text at its start, so the edit is refused instead (the service picks a free name, e.g. tracing-config-2.yaml).
 */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';

export interface FileToCreate {
  uri: string;
  text: string;
}

export function createFilesAndEdit(
  createFiles: readonly FileToCreate[],
  document: { uri: string; version: number | null },
  edits: TextEdit[],
): WorkspaceEdit {
  const start = { line: 0, character: 0 };
  return {
    documentChanges: [
      ...createFiles.flatMap((file) => [
        { kind: 'create' as const, uri: file.uri, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri: file.uri, version: null }, edits: [{ range: { start, end: start }, newText: file.text }] },
      ]),
      { textDocument: document, edits },
    ],
  };
}
