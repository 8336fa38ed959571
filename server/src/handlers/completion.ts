/** textDocument/completion → service/assist complete(), mapped to LSP items with text edits over the typed word. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { complete, type CompletionItem as AssistCompletion } from '../service';
import { assistInputFor, guarded, type AssistEnvironment } from './commands';

/** Characters after which a list is useful without typing a letter: `key: `, `--flag=`, `Gate=`, `A=true,`. */
export const COMPLETION_TRIGGER_CHARACTERS = [':', ' ', '=', ',', '-'];

const KINDS: Record<AssistCompletion['kind'], CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  flag: CompletionItemKind.Property,
  'feature-gate': CompletionItemKind.EnumMember,
  'api-version': CompletionItemKind.Module,
  kind: CompletionItemKind.Class,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(item: AssistCompletion): CompletionItem {
  return {
    label: item.label,
    kind: KINDS[item.kind],
    detail: item.detail,
    documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
    textEdit: { range: item.range, newText: item.insertText },
    insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: item.sortText,
    // The typed word may include `--` or `Gate=`: filter on the label the user sees.
    filterText: item.label,
    command: item.retrigger ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
  };
}

export function registerCompletion(environment: AssistEnvironment): void {
  environment.connection.onCompletion((params) =>
    guarded(environment, 'completion', [], async (): Promise<CompletionItem[]> => {
      const input = await assistInputFor(environment, params.textDocument.uri);
      return input ? complete(input, params.position).map(toCompletionItem) : [];
    }),
  );
}
