/**
 * The Collector config under the cursor: which config of the document (a plain file, a ConfigMap block, an
 * Operator resource's spec.config), the cursor inside it with its path from the config's root, and the Collector
 * it runs on. A ConfigMap block is read as its own text (embedded.ts); the cursor's offsets are the block's, and
 * `target.file.lines` turns them back into the file's positions.
 */
import type { Document } from 'yaml';
import { cursorAt, type Cursor, type PathSegment } from '../../assist/cursor';
import type { FileContext } from '../../context';
import { LineIndex } from '../../text/lineIndex';
import type { ParsedFile } from '../../yaml/parse';
import { configsInForce } from '..';
import { MappedLineIndex } from '../embedded';
import type { CollectorTarget } from '../target';
import type { CollectorCatalog } from '../catalog';

export interface ConfigCursor {
  target: CollectorTarget;
  cursor: Cursor;
  /** The cursor's path from the config's root (`exporters`, `otlp/jaeger`, …). */
  path: PathSegment[];
}

export function configCursor(
  document: Document.Parsed,
  context: FileContext,
  offset: number,
  catalog?: CollectorCatalog,
): ConfigCursor | null {
  for (const { target, holder, prefix: placed } of configsInForce(document, context, ...(catalog ? [catalog] : []))) {
    const lines = target.file.lines;
    const embedded = lines instanceof MappedLineIndex;
    const inner = embedded ? lines.innerOffset(offset) : offset;
    if (inner === undefined) continue;
    // The cursor module reads lines in the text it walks: the block's own text, with a plain index.
    const file: ParsedFile = embedded ? { ...target.file, lines: new LineIndex(target.file.text) } : target.file;
    const cursor = cursorAt(file, target.view.document, inner);
    if (!cursor) continue;
    // A v1beta1 resource holds the config as an object at spec.config.
    const prefix = placed ?? (!embedded && holder.kind === 'OpenTelemetryCollector' ? ['spec', 'config'] : []);
    if (!prefix.every((key, i) => cursor.path[i] === key)) continue;
    return { target, cursor, path: cursor.path.slice(prefix.length) };
  }
  return null;
}
