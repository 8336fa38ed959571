/**
 * Reading values out of a YAML document as text with source offsets, for documents that are a whole file or a
 * string inside another file (kind's kubeadmConfigPatches): `toSource` maps the document's own offsets to the
 * file's. Used by the cluster-config forms (rules/kubeadm, rules/kind, …) to feed the synthesized pod.
 */
import { isScalar, isSeq, type Document } from 'yaml';
import type { SourcedText } from '../text/sourceMap';
import { deref, lastEntry, mapEntries, type AstNode, type MapEntry } from './nodes';

/** Maps `[start, end)` of the document's text to the file's. */
export type ToSource = (start: number, end: number) => [number, number];

export const sameFile: ToSource = (start, end) => [start, end];

/** A document and the text it was parsed from (the file, or an embedded string). */
export interface DocumentView {
  document: Document.Parsed;
  text: string;
  toSource: ToSource;
}

/** The scalar's text as Go would receive it as a string (non-strings as written), with its span in the file. */
export function sourcedScalar(view: DocumentView, node: AstNode | null | undefined): SourcedText | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const written = view.text.slice(start, end);
  const text = typeof node.value === 'string' ? node.value : node.value === null ? '' : written;
  let [from, to] = [start, end];
  if (written !== text && (written.startsWith('"') || written.startsWith("'")) && written.slice(1, -1) === text)
    [from, to] = [start + 1, end - 1];
  const [fileFrom, fileTo] = view.toSource(from, to);
  return { text, start: fileFrom, end: fileTo };
}

/** The file span of a node (its whole range), for anchors. */
export function sourceSpan(
  view: DocumentView,
  node: { range?: [number, number, number] | null } | null | undefined,
): [number, number] | undefined {
  const range = node?.range;
  return range ? view.toSource(range[0], range[1]) : undefined;
}

export function entriesOf(view: DocumentView, node: AstNode | null | undefined): MapEntry[] {
  return mapEntries(node ?? null, view.document);
}

/** Follows `path` through mappings; undefined when a step is missing. */
export function valueAt(view: DocumentView, node: AstNode | null | undefined, ...path: string[]): MapEntry | undefined {
  let entry: MapEntry | undefined;
  let current: AstNode | null = node ?? null;
  for (const key of path) {
    entry = lastEntry(mapEntries(current, view.document), key);
    if (!entry) return undefined;
    current = entry.value;
  }
  return entry;
}

export function stringAt(view: DocumentView, node: AstNode | null | undefined, ...path: string[]): string | undefined {
  const value = valueAt(view, node, ...path)?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

export function itemsOf(view: DocumentView, node: AstNode | null | undefined): AstNode[] {
  return isSeq(node) ? node.items.map((item) => deref(item, view.document)).filter((item): item is AstNode => item !== null) : [];
}
