/**
 * YAML written inside a YAML string (kind's `kubeadmConfigPatches: [ "|\n  kind: ClusterConfiguration…" ]`):
 * the string is parsed as documents of its own, and offsets in it map back to the file line by line. A literal
 * block scalar (`|`, `|-`, `|+`, with or without an indentation indicator) copies each content line after its
 * indentation, so a line maps one to one; any other scalar maps one to one only when the file holds the value
 * verbatim (a one-line plain or quoted string without escapes), else every offset maps to the whole scalar.
 */
import type { Scalar } from 'yaml';
import { MappedLineIndex, type Segment } from '../text/sourceMap';
import { parseFile, type ParsedDocument, type ParsedFile } from './parse';
import type { DocumentView, ToSource } from './sourced';

function blockLiteralSegments(fileText: string, scalar: Scalar, value: string): Segment[] | undefined {
  const [start, end] = scalar.range!;
  const source = fileText.slice(start, end);
  const headerEnd = source.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const header = source
    .slice(0, headerEnd)
    .replace(/\s+#.*$/, '')
    .trim();
  const explicit = /\d/.exec(header);
  let offset = start + headerEnd + 1;
  const lines = fileText.slice(offset, end).split('\n');
  const firstContent = lines.find((line) => line.trim() !== '');
  const indent = explicit
    ? Number(explicit[0]) + (/^\s*/.exec(fileText.slice(fileText.lastIndexOf('\n', start) + 1, start))?.[0].length ?? 0)
    : (/^ */.exec(firstContent ?? '')?.[0].length ?? 0);
  const segments: Segment[] = [];
  let written = '';
  for (const line of lines) {
    const content = line.length > indent ? line.slice(indent) : '';
    if (content)
      segments.push({
        from: written.length,
        to: written.length + content.length,
        sourceFrom: offset + indent,
        sourceTo: offset + indent + content.length,
        exact: true,
      });
    written += `${content}\n`;
    offset += line.length + 1;
  }
  // Chomping only changes trailing newlines: the lines themselves must be the value's.
  return written.replace(/\n+$/, '') === value.replace(/\n+$/, '') ? segments : undefined;
}

/** Segments mapping `value` (the scalar's string) into the file, or a single span over the whole scalar. */
function segmentsOf(fileText: string, scalar: Scalar, value: string): Segment[] {
  const [start, end] = scalar.range!;
  const whole: Segment[] = [{ from: 0, to: value.length, sourceFrom: start, sourceTo: end, exact: false }];
  if (scalar.type === 'BLOCK_LITERAL') return blockLiteralSegments(fileText, scalar, value) ?? whole;
  const written = fileText.slice(start, end);
  if (written === value) return [{ from: 0, to: value.length, sourceFrom: start, sourceTo: end, exact: true }];
  if (/^["']/.test(written) && written.slice(1, -1) === value)
    return [{ from: 0, to: value.length, sourceFrom: start + 1, sourceTo: end - 1, exact: true }];
  return whole;
}

/**
 * The documents a string scalar holds, each with a view whose offsets map into the file, and the string as a
 * parsed file whose positions are the file's (for rules that report on a ParsedFile); undefined when it is no string.
 */
export function embeddedDocuments(
  outer: ParsedFile,
  scalar: Scalar,
): { file: ParsedFile; documents: Array<{ parsed: ParsedDocument; view: DocumentView }> } | undefined {
  if (typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const value = scalar.value;
  const [start, end] = scalar.range;
  const index = new MappedLineIndex(value, segmentsOf(outer.text, scalar, value), outer.lines, [start, end]);
  const toSource: ToSource = (from, to) => [
    index.sourceOffset(from, 'start') ?? index.sourceOffset(from, 'end') ?? start,
    index.sourceOffset(to, 'end') ?? index.sourceOffset(to, 'start') ?? end,
  ];
  const parsed = parseFile(outer.uri, value);
  const documents = parsed.documents
    .filter((document) => document.syntaxProblems.length === 0)
    .map((document) => ({ parsed: document, view: { document: document.document, text: value, toSource } }));
  return { file: { ...parsed, lines: index }, documents };
}
