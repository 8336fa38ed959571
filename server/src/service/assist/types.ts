/**
 * What the editing-assistance service returns: plain data, no LSP types (handlers/ maps these to LSP the same
 * way handlers/convert.ts maps findings), so the CLI, unit tests and benchmarks use it directly.
 */
import type { SourceFile, ValidationOptions } from '../context';
import type { Finding, Position, Range } from '../findings';

/** One request: the file's current text and the settings in force for it. */
export interface AssistInput {
  source: SourceFile;
  options: ValidationOptions;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  /** The word or value the hover is about. */
  range: Range;
}

export type CompletionKind = 'field' | 'value' | 'flag' | 'feature-gate' | 'api-version' | 'kind' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label, e.g. the gate's stage in this version. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text inserted over `range`; a snippet (with `${1:placeholder}`) when `isSnippet`. */
  insertText: string;
  isSnippet?: boolean;
  range: Range;
  /** Orders the list: lower first. */
  sortText?: string;
  /** Ask the editor for the next list right away (e.g. after `Gate=`). */
  retrigger?: boolean;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A new file an action creates (the enable-tracing command's TracingConfiguration). */
export interface FileCreation {
  uri: string;
  text: string;
}

export type ActionKind = 'quickfix' | 'source.fixAll';

export interface CodeAction {
  title: string;
  kind: ActionKind;
  /** The findings this action resolves (become the LSP action's `diagnostics`). */
  fixes: Finding[];
  /** Edits to the requested file. */
  edits: TextEdit[];
  createFiles?: FileCreation[];
  /** Edits to other existing files (a Collector config's image, in the workload's file that mounts its ConfigMap). */
  otherFileEdits?: Array<{ uri: string; edits: TextEdit[] }>;
  isPreferred?: boolean;
}

export type { Position, Range };
