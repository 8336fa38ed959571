/** Helpers for the editing-assistance tests: a `|` marks the cursor; fixes are applied and the result re-validated. */
import { readFileSync } from 'node:fs';
import { normalizeSettings } from '../../../../common/src/settings';
import type { Finding, Position } from '../../../../server/src/service/findings';
import { codeActions, complete, hover, type AssistInput, type CodeAction } from '../../../../server/src/service/assist';
import { applyEdits } from '../../../../server/src/service/assist/edits';
import { validateSource } from '../../../../server/src/service/languageService';
import { LineIndex } from '../../../../server/src/service/text/lineIndex';

export interface AssistOptions {
  /** Kubernetes minor, or 'auto' (the default). */
  version?: string;
  etcdVersion?: string;
  fileName?: string;
}

export function inputFor(text: string, options: AssistOptions = {}): AssistInput {
  const fileName = options.fileName ?? 'tracing-config.yaml';
  const path = fileName.startsWith('/') ? fileName : `/workspace/${fileName}`;
  const settings = normalizeSettings({ kubernetesVersion: options.version ?? 'auto', etcdVersion: options.etcdVersion ?? 'auto' });
  return { source: { uri: `file://${path}`, text }, options: { settings, workspaceFolders: ['/workspace'] } };
}

/** Splits `a: |b` into the text without the marker and the marker's position. */
export function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no | cursor marker in the text');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  return { text, position: new LineIndex(text).positionAt(at) };
}

export function hoverAt(marked: string, options: AssistOptions = {}): string | null {
  const { text, position } = cursor(marked);
  return hover(inputFor(text, options), position)?.contents ?? null;
}

export function completionLabels(marked: string, options: AssistOptions = {}): string[] {
  const { text, position } = cursor(marked);
  return complete(inputFor(text, options), position).map((item) => item.label);
}

export function completionsAt(marked: string, options: AssistOptions = {}) {
  const { text, position } = cursor(marked);
  return complete(inputFor(text, options), position);
}

export function validateText(text: string, options: AssistOptions = {}): Finding[] {
  const input = inputFor(text, options);
  return validateSource(input.source, input.options);
}

/** Every action offered for the findings with `code` (validating the file first, like the editor does). */
export function actionsFor(text: string, code: string, options: AssistOptions = {}): CodeAction[] {
  const input = inputFor(text, options);
  const findings = validateSource(input.source, input.options).filter((finding) => finding.code === code);
  if (findings.length === 0) throw new Error(`no ${code} finding in:\n${text}`);
  return codeActions(input, findings[0]!.range, findings);
}

/** The text after applying an action's edits. */
export function applyAction(text: string, action: CodeAction): string {
  const lines = new LineIndex(text);
  return applyEdits(text, action.edits, (position) => lines.offsetAt(position));
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

const FIXTURES = `${__dirname}/../../../fixtures`;

/** A fixture file's text (path relative to test/fixtures). */
export function fixture(path: string): string {
  return readFileSync(`${FIXTURES}/${path}`, 'utf8');
}

/** Puts the `|` cursor marker `into` characters into the first occurrence of `needle`. */
export function mark(text: string, needle: string, into = 2): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at + into) + '|' + text.slice(at + into);
}
