/** textDocument/hover → service/assist hover(): markdown about the field, flag, gate or apiVersion under the cursor. */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hover } from '../service';
import { assistInputFor, guarded, type AssistEnvironment } from './commands';

export function registerHover(environment: AssistEnvironment): void {
  environment.connection.onHover((params) =>
    guarded(environment, 'hover', null, async (): Promise<Hover | null> => {
      const input = await assistInputFor(environment, params.textDocument.uri);
      const result = input ? hover(input, params.position) : null;
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: result.range } : null;
    }),
  );
}
