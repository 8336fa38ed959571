/**
 * A Collector config read from the YAML AST: the five component sections and `service`, with the nodes to
 * report on. Mirrors otelcol/unmarshaler.go configSettings (field order: receivers, processors, exporters,
 * connectors, extensions, service), the order in which the Collector meets problems.
 */
import { isSeq, type Document, type Scalar } from 'yaml';
import { lastEntry, mapEntries, deref, type AstNode, type MapEntry } from '../yaml/nodes';
import type { ComponentKind } from './catalog';

export const SECTIONS: ReadonlyArray<{ key: string; kind: ComponentKind }> = [
  { key: 'receivers', kind: 'receiver' },
  { key: 'processors', kind: 'processor' },
  { key: 'exporters', kind: 'exporter' },
  { key: 'connectors', kind: 'connector' },
  { key: 'extensions', kind: 'extension' },
];

export interface ConfiguredComponent {
  kind: ComponentKind;
  section: string;
  /** The id as written, e.g. `otlp/jaeger`. */
  id: string;
  /** The part before `/`, trimmed (component/identifiable.go). */
  type: string;
  entry: MapEntry;
}

export interface PipelineReference {
  /** `receivers`, `processors` or `exporters` of the pipeline. */
  role: 'receiver' | 'processor' | 'exporter';
  id: string;
  node: Scalar;
}

export interface Pipeline {
  id: string;
  entry: MapEntry;
  references: PipelineReference[];
  /** Whether the key `receivers:` / `exporters:` holds at least one item. */
  lists: Record<'receiver' | 'processor' | 'exporter', MapEntry | undefined>;
}

export interface CollectorConfigView {
  document: Document.Parsed;
  root: MapEntry[];
  components: ConfiguredComponent[];
  pipelines: Pipeline[];
  pipelinesEntry: MapEntry | undefined;
}

export function componentType(id: string): string {
  const slash = id.indexOf('/');
  return (slash < 0 ? id : id.slice(0, slash)).trim();
}

function sequenceItems(node: AstNode | null, document: Document.Parsed): Scalar[] {
  const seq = deref(node, document);
  if (!isSeq(seq)) return [];
  return seq.items
    .map((item) => deref(item, document))
    .filter((item): item is Scalar => item !== null && 'value' in item && !('items' in item)) as Scalar[];
}

/** The view of a config whose top-level mapping is `root` (a whole document, or a nested object such as a CR's spec.config). */
export function readConfig(rootNode: AstNode | null, document: Document.Parsed): CollectorConfigView {
  const root = mapEntries(rootNode, document);
  const components: ConfiguredComponent[] = [];
  for (const section of SECTIONS) {
    const sectionEntry = lastEntry(root, section.key);
    if (!sectionEntry) continue;
    for (const entry of mapEntries(sectionEntry.value, document)) {
      components.push({ kind: section.kind, section: section.key, id: entry.key, type: componentType(entry.key), entry });
    }
  }
  const service = lastEntry(root, 'service');
  const pipelinesEntry = service ? lastEntry(mapEntries(service.value, document), 'pipelines') : undefined;
  const pipelines: Pipeline[] = [];
  for (const entry of mapEntries(pipelinesEntry?.value ?? null, document)) {
    const fields = mapEntries(entry.value, document);
    const references: PipelineReference[] = [];
    const lists = { receiver: undefined, processor: undefined, exporter: undefined } as Pipeline['lists'];
    for (const role of ['receiver', 'processor', 'exporter'] as const) {
      const list = lastEntry(fields, `${role}s`);
      lists[role] = list;
      for (const node of sequenceItems(list?.value ?? null, document)) references.push({ role, id: String(node.value), node });
    }
    pipelines.push({ id: entry.key, entry, references, lists });
  }
  return { document, root, components, pipelines, pipelinesEntry };
}
