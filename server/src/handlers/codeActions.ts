/**
 * textDocument/codeAction → service/assist codeActions(). The diagnostics the editor sends back are our own
 * findings (source kube-tracing, with their `data`), turned back into findings for the service.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { codeActions, type CodeAction as AssistAction, type Finding, type Severity } from '../service';
import { assistInputFor, guarded, type AssistEnvironment } from './commands';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { createFilesAndEdit } from './workspaceEdits';

/** Our fix-all kind, under `source.fixAll` so `editor.codeActionsOnSave: {"source.fixAll": …}` picks it up. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeTracing`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

function toFinding(diagnostic: Diagnostic): Finding {
  return {
    range: diagnostic.range,
    severity: Math.min(diagnostic.severity ?? 1, 3) as Severity,
    code: String(diagnostic.code ?? ''),
    // The rendered message is `message\nexplanation`; fixes only need the first line.
    message: (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value).split('\n')[0] ?? '',
    explanation: '',
    data: diagnostic.data,
  };
}

/** `original` maps a finding back to the diagnostic the editor sent, so the action names that very diagnostic. */
export function toCodeAction(uri: string, action: AssistAction, original: ReadonlyMap<Finding, Diagnostic> = new Map()): CodeAction {
  const others = Object.fromEntries((action.otherFileEdits ?? []).map((other) => [other.uri, other.edits]));
  const edit: WorkspaceEdit = action.createFiles?.length
    ? createFilesAndEdit(action.createFiles, { uri, version: null }, action.edits)
    : { changes: action.edits.length > 0 ? { [uri]: action.edits, ...others } : others };
  return {
    title: action.title,
    kind: action.kind === 'source.fixAll' ? FIX_ALL_KIND : CodeActionKind.QuickFix,
    diagnostics: action.fixes.map((finding) => original.get(finding) ?? toDiagnostic(finding)),
    isPreferred: action.isPreferred,
    edit,
  };
}

export function registerCodeActions(environment: AssistEnvironment): void {
  environment.connection.onCodeAction((params) =>
    guarded(environment, 'codeAction', [], async (): Promise<CodeAction[]> => {
      const uri = params.textDocument.uri;
      const input = await assistInputFor(environment, uri);
      if (!input) return [];
      const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
      // A fix-all request (on save, or Source Action…) comes without diagnostics: let the service validate.
      const onlyFixAll = params.context.only?.every((kind) => kind.startsWith(CodeActionKind.SourceFixAll));
      const original = new Map(ours.map((diagnostic) => [toFinding(diagnostic), diagnostic] as const));
      const actions = codeActions(input, params.range, onlyFixAll ? undefined : [...original.keys()]);
      const wanted = params.context.only;
      return actions
        .map((action) => toCodeAction(uri, action, original))
        .filter((action) => !wanted || wanted.some((kind) => action.kind === kind || action.kind!.startsWith(`${kind}.`)));
    }),
  );
}
