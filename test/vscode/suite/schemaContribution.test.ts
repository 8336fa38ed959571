/**
 * package.json's `jsonValidation` contribution: VS Code's own JSON language features validate
 * `*tracing*config*.json` against schemas/tracing-configuration.schema.json, so a wrong type is reported by
 * the built-in JSON extension (its diagnostics carry no source), independently of kube-tracing's server.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, openFixture, waitForDiagnostics } from './helpers';

describe('TracingConfiguration JSON schema contributed to VS Code', function () {
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("VS Code's JSON support reports a string samplingRatePerMillion from the contributed schema", async function () {
    await activateExtension();
    const uri = fixtureUri('tracing/tracing-config-schema.json');
    await openFixture('tracing/tracing-config-schema.json');
    // Wait for kube-tracing's own check first: by then the JSON extension has had the document as long.
    await waitForDiagnostics(uri, (d) => d.length > 0);
    const fromSchema = await new Promise<vscode.Diagnostic[]>((resolve, reject) => {
      const deadline = Date.now() + 20_000;
      const poll = (): void => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'kube-tracing');
        if (found.length > 0) return resolve(found);
        if (Date.now() > deadline)
          return reject(
            new Error(
              `no diagnostic from VS Code JSON support: is jsonValidation contributed? seen: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.source, d.message]))} language ${vscode.window.activeTextEditor?.document.languageId}`,
            ),
          );
        setTimeout(poll, 200);
      };
      poll();
    });
    const document = await vscode.workspace.openTextDocument(uri);
    assert.deepEqual(
      fromSchema.map((d) => document.getText(d.range)),
      ['"ten"'],
    );
    // vscode-json-languageservice's message for a type mismatch against the schema's ["integer", "null"].
    assert.equal(fromSchema[0]!.message, 'Incorrect type. Expected one of integer, null.');
  });
});
