/**
 * Small, allocation-light helpers over the `yaml` AST, so rules read like the Go structs they mirror.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';

export type AstNode = Node;

/** Follows an alias one hop to the node it names (never expands anything). */
export function deref(node: unknown, document: Document.Parsed): AstNode | null {
  if (isAlias(node)) return aliasTargets(document).get(node) ?? null;
  return (node as AstNode | null) ?? null;
}

/**
 * Every alias of a document with the node it names, found in one walk. The library's Alias.resolve(doc) walks the
 * whole document for each alias it resolves: 3,000 aliases in a 48 KB file took 15 s to hover. Same rule as
 * resolve(): the last node with that anchor before the alias, in the library's visit order.
 */
function aliasTargets(document: Document.Parsed): Map<Alias, AstNode> {
  let targets = aliasTargetsByDocument.get(document);
  if (targets) return targets;
  targets = new Map();
  const anchors = new Map<string, AstNode>();
  const found = targets;
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) found.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  aliasTargetsByDocument.set(document, targets);
  return targets;
}

const aliasTargetsByDocument = new WeakMap<Document.Parsed, Map<Alias, AstNode>>();

export interface MapEntry {
  key: string;
  keyNode: Scalar | null;
  /** The pair's value (alias resolved), or null for `key:` with nothing after it. */
  value: AstNode | null;
  pair: Pair;
}

/** The entries of a mapping in source order, duplicates included (Go's lenient decode keeps the last one). */
export function mapEntries(node: AstNode | null, document: Document.Parsed): MapEntry[] {
  const map = deref(node, document);
  if (!isMap(map)) return [];
  const entries: MapEntry[] = [];
  for (const item of (map as YAMLMap).items) {
    if (!isPair(item)) continue;
    const keyNode = isScalar(item.key) ? (item.key as Scalar) : null;
    const key = keyNode ? String(keyNode.value) : String(item.key);
    entries.push({ key, keyNode, value: deref(item.value, document), pair: item as Pair });
  }
  return entries;
}

/** The last entry named `key` (Go's encoding/json lets the last duplicate win). */
export function lastEntry(entries: MapEntry[], key: string): MapEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === key) return entries[i];
  return undefined;
}

/** `[start, end]` offsets of a node's value in the source. */
export function nodeOffsets(node: { range?: [number, number, number] | null } | null | undefined): [number, number] | null {
  const range = node?.range;
  return range ? [range[0], range[1]] : null;
}

/** The JSON type a YAML 1.1 value becomes after sigs.k8s.io/yaml converts it, in encoding/json's words. */
export type JsonKind = 'null' | 'bool' | 'number' | 'string' | 'array' | 'object';

export function jsonKind(node: AstNode | null): JsonKind {
  if (node === null) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return 'bool';
    if (typeof value === 'number' || typeof value === 'bigint') return 'number';
    return 'string';
  }
  return 'null';
}

export function isScalarNode(node: unknown): node is Scalar {
  return isScalar(node);
}
