/**
 * Completions in a Collector config: component types the release and distribution in force have (a key under
 * a section), config keys from fields.json (inside a component with field data), and configured component ids in a
 * pipeline's receivers/processors/exporters.
 */
import type { CompletionItem } from '../../assist/types';
import { fieldsOf, findComponent, typesIn, type FieldNode } from '../catalog';
import { SECTIONS, componentType } from '../configView';
import type { ConfigCursor } from './locate';

export function collectorCompletions(at: ConfigCursor): CompletionItem[] {
  const { cursor, path, target } = at;
  const { catalog, collector, view } = target;
  const range = target.file.lines.range(cursor.replace[0], cursor.replace[1]);
  const isKeyPlace = cursor.place === 'key' || cursor.place === 'new-key';
  const depth = cursor.place === 'new-key' ? path.length + 1 : path.length;
  const section = SECTIONS.find((s) => s.key === path[0]);
  // A component id under a section: the types of this release and distribution.
  if (section && isKeyPlace && depth === 2 && catalog) {
    return typesIn(catalog, section.kind, collector.version, collector.distribution).map((type, i) => {
      const known = findComponent(catalog, section.kind, type, collector.version);
      const stability = Object.entries(known?.range.stability ?? {})
        .map(([s, l]) => `${s} ${l}`)
        .join(', ');
      return {
        label: type,
        kind: 'field',
        detail: `${known?.entry.aliasOf ? `deprecated alias of ${known.entry.aliasOf}; ` : ''}${stability}`,
        insertText: `${type}:`,
        range,
        sortText: `${known?.entry.aliasOf ? 'z' : 'a'}${String(i).padStart(4, '0')}`,
      };
    });
  }
  // A key inside a component with field data.
  if (section && isKeyPlace && depth >= 3 && catalog) {
    const fields = fieldsOf(catalog, section.kind, componentType(String(path[1])), collector.version);
    let keys: Record<string, FieldNode> | undefined = fields?.keys;
    const below = (cursor.place === 'new-key' ? path.slice(2) : path.slice(2, -1)).map(String);
    for (const key of below) {
      const node: FieldNode | undefined = keys?.[key];
      keys = node?.type === 'object' ? node.keys : undefined;
    }
    if (!keys) return [];
    const present = new Set(cursor.map?.items.map((item) => String((item.key as { value?: unknown } | null)?.value ?? '')) ?? []);
    return Object.entries(keys)
      .filter(([key]) => !present.has(key) || (cursor.place === 'key' && String(cursor.scalar?.value) === key))
      .map(([key, node]) => ({
        label: key,
        kind: 'field',
        detail: `${node.type}${node.enum ? `: ${node.enum.join(' | ')}` : ''}${node.deprecated ? ' (deprecated)' : ''}`,
        insertText: `${key}:${node.type === 'object' || node.type === 'map' || node.type === 'list' ? '' : ' '}`,
        range,
      }));
  }
  // A pipeline's list: the configured components of that role (connectors join receivers and exporters).
  if (path[0] === 'service' && path[1] === 'pipelines' && path.length >= 4 && (cursor.place === 'item' || cursor.place === 'value')) {
    const role = String(path[3]);
    const kind = role === 'receivers' ? 'receiver' : role === 'processors' ? 'processor' : role === 'exporters' ? 'exporter' : undefined;
    if (!kind) return [];
    return view.components
      .filter((c) => c.kind === kind || (kind !== 'processor' && c.kind === 'connector'))
      .map((c) => ({ label: c.id, kind: 'value', detail: c.kind, insertText: c.id, range }));
  }
  return [];
}
