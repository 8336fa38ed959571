// The one builder of "create these files, then edit the document" WorkspaceEdits (server/src/handlers/workspaceEdits.ts):
// a file to create must not already exist, or the client would keep it and insert the new text at its start.
import assert from 'node:assert/strict';
import { createFilesAndEdit } from '../../../server/src/handlers/workspaceEdits';

describe('handlers: createFilesAndEdit', () => {
  it('creates each file (refused if it exists), fills it, then edits the document, in one edit', () => {
    const edit = createFilesAndEdit(
      [{ uri: 'file:///w/tracing-config.yaml', text: 'endpoint: localhost:4317\n' }],
      { uri: 'file:///w/kube-apiserver.yaml', version: 3 },
      [
        {
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
          newText: '- --tracing-config-file=/etc/kubernetes/tracing-config.yaml\n',
        },
      ],
    );
    const changes = edit.documentChanges ?? [];
    assert.equal(changes.length, 3);
    assert.deepEqual(changes[0], {
      kind: 'create',
      uri: 'file:///w/tracing-config.yaml',
      options: { overwrite: false, ignoreIfExists: false },
    });
    assert.deepEqual(changes[1], {
      textDocument: { uri: 'file:///w/tracing-config.yaml', version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'endpoint: localhost:4317\n' }],
    });
    assert.deepEqual((changes[2] as { textDocument: unknown }).textDocument, { uri: 'file:///w/kube-apiserver.yaml', version: 3 });
  });
});
