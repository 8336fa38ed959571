/**
 * The CLI's folder arguments are walked like the language server's workspace scan (one walker, one skip list):
 * `kube-tracing check <folder>` and the editor's cross-file rules see the same files.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { expandPaths } from '../../../server/src/cli/files';
import { ServerWorkspaceFiles } from '../../../server/src/workspace/workspaceFiles';

describe("kube-tracing check: folders are walked like the server's workspace", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kube-tracing-cli-files-'));
    for (const folder of ['manifests/deep/er', 'node_modules/pkg', 'vendor/k8s', '.git/x', '.github/workflows', 'build', 'dist']) {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, 'a.yaml'), 'kind: Pod\n');
    }
    writeFileSync(join(root, 'manifests/config.json'), '{}');
    writeFileSync(join(root, 'manifests/notes.txt'), 'not YAML');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists the files the server scan lists, skipping the same directories', () => {
    const { files, missing } = expandPaths([root], ['.yaml', '.yml', '.json']);
    assert.deepEqual(missing, []);
    assert.deepEqual(files, [join(root, 'manifests/config.json'), join(root, 'manifests/deep/er/a.yaml')]);
    const documents = { all: () => [], get: () => undefined } as unknown as TextDocuments<TextDocument>;
    assert.deepEqual([...new ServerWorkspaceFiles(documents, () => [root]).list()].sort(), files);
  });

  it('walks a skipped directory when it is named on the command line', () => {
    assert.deepEqual(expandPaths([join(root, 'vendor')], ['.yaml']).files, [join(root, 'vendor/k8s/a.yaml')]);
  });
});
