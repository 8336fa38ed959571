/**
 * The snippets of snippets/*.json, offered by the language server only where they fit: the TracingConfiguration
 * skeletons in an empty YAML document, and the etcd tracing flags (the set for the etcd release in force) at a new
 * item of an etcd container's command list. VS Code no longer gets them from package.json, where they showed in
 * every YAML file's completions, even as the value of `endpoint:`.
 */
import etcdSnippets from '../../../../snippets/etcd-tracing.json';
import tracingSnippets from '../../../../snippets/tracing-configuration.json';
import type { EtcdVersion } from '../rules/etcd/facts';
import { tracingNameRegistered } from '../rules/etcd/facts';
import { isJsonText } from '../yaml/parse';
import { TRACING_FLAGS } from './pod/facts';
import type { CompletionItem } from './types';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

const TRACING: ReadonlyArray<[string, Snippet]> = Object.entries(tracingSnippets as Record<string, Snippet>);
const ETCD = etcdSnippets as Record<string, Snippet>;

/** The word being typed at `offset` when it is the only content of its YAML document (comments aside), else undefined. */
export function emptyDocumentWord(text: string, offset: number): { start: number; end: number } | undefined {
  if (isJsonText(text)) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  if (!/^[A-Za-z0-9_-]*$/.test(line.trimEnd())) return undefined;
  const blank = (other: string) => /^\s*(#.*)?$/.test(other);
  const separator = (other: string) => /^(---|\.\.\.)(\s|$)/.test(other);
  for (const other of text.slice(0, lineStart).split('\n').reverse().slice(1)) {
    if (separator(other)) break;
    if (!blank(other)) return undefined;
  }
  for (const other of text.slice(lineEnd + 1).split('\n')) {
    if (separator(other)) break;
    if (!blank(other)) return undefined;
  }
  return { start: lineStart, end: lineStart + line.trimEnd().length };
}

/** The TracingConfiguration skeletons, newest apiVersion first. */
export function tracingConfigurationSnippets(): Array<Omit<CompletionItem, 'range'>> {
  return TRACING.map(([title, snippet], index) => ({
    label: title,
    kind: 'snippet' as const,
    detail: 'TracingConfiguration (kube-apiserver --tracing-config-file)',
    documentation: snippet.description,
    insertText: snippet.body.join('\n'),
    isSnippet: true,
    sortText: `snippet-${index}`,
  }));
}

/** The etcd flag set for this release (3.6+, 3.5.11+, 3.5.0–3.5.10), or undefined before 3.5 or when unsure. */
export function etcdSnippetFor(version: EtcdVersion): [string, Snippet] | undefined {
  const enable = TRACING_FLAGS.find((facts) => facts.name === 'enable-distributed-tracing')!;
  const rate = TRACING_FLAGS.find((facts) => facts.name === 'distributed-tracing-sampling-rate')!;
  const title =
    tracingNameRegistered(enable, false, version) === true
      ? 'etcd 3.6+ tracing flags'
      : tracingNameRegistered(rate, true, version) === true
        ? 'etcd 3.5.11+ tracing flags'
        : tracingNameRegistered(enable, true, version) === true && tracingNameRegistered(rate, true, version) === false
          ? 'etcd 3.5.0-3.5.10 tracing flags'
          : undefined;
  const snippet = title ? ETCD[title] : undefined;
  return title && snippet ? [title, snippet] : undefined;
}

/** The etcd flag set as one item replacing the typed item; `dashPrefix` (`    - `) starts each following line. */
export function etcdFlagsSnippet(version: EtcdVersion, dashPrefix: string): Omit<CompletionItem, 'range'> | undefined {
  const found = etcdSnippetFor(version);
  if (!found) return undefined;
  const [title, snippet] = found;
  const lines = snippet.body.map((line) => line.replace(/^- /, ''));
  return {
    label: title,
    kind: 'snippet',
    detail: 'every distributed-tracing flag of this etcd release',
    documentation: snippet.description,
    insertText: lines.map((line, index) => (index === 0 ? line : `${dashPrefix}${line}`)).join('\n'),
    isSnippet: true,
    sortText: 'snippet',
  };
}
