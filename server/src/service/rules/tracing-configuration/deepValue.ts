/**
 * A --tracing-config-file whose one top-level value nests deeper than the service reads (yaml/nesting.ts stops at
 * MAX_NESTING_DEPTH so that no parser or rule overflows the stack). kube-apiserver reads it: go-yaml v2 has no
 * depth limit and encoding/json's scanner stops only at 10,000 levels. When that value belongs to a key
 * TracingConfiguration does not have, the decoder never looks inside it (an unknown field: ignored before 1.32, a
 * strict decoding error from 1.32), so the file is judged with that value read as null: the same verdict and
 * words, without parsing the nesting. Anything the value could change is left alone (undefined): a known field's
 * key, anchors, aliases, tags, quotes, comments, null or infinite scalars, repeated keys, other documents.
 */
import type { FileContext } from '../../context';
import { excessiveNesting, nestingMessage } from '../../yaml/nesting';
import { parseFile, type ParsedDocument, type ParsedFile } from '../../yaml/parse';

export interface ShallowReading {
  document: ParsedDocument;
  context: FileContext;
  /** Lines of the file past the deep value are this many further down than in the shallow text. */
  lineDelta: number;
  /** 0-based line of the deep value's key. */
  keyLine: number;
}

/** The key at column 0 whose value holds offset `at`, if the document is a plain block mapping at that point. */
function topLevelKey(text: string, at: number): { key: string; lineStart: number; valueStart: number } | undefined {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  for (;;) {
    const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart));
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*):(?=[ \n]|$)/.exec(line);
    if (match) return { key: match[1]!, lineStart, valueStart: lineStart + match[0].length };
    if (/^[^ \n]/.test(line) || lineStart === 0) return undefined;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
}

export function shallowReading(document: ParsedDocument, context: FileContext, knownFields: readonly string[]): ShallowReading | undefined {
  const { file } = context;
  const [problem] = document.syntaxProblems;
  if (document.index !== 0 || file.documents.length !== 1 || !problem || problem.message !== nestingMessage() || file.isJson)
    return undefined;
  const text = file.text;
  if (excessiveNesting(text, 0, text.length, 10000) !== undefined) return undefined;
  const found = topLevelKey(text, problem.startOffset);
  if (!found || knownFields.includes(found.key)) return undefined;
  // The value runs to the next line that starts at column 0 (or the end).
  const next = /\n[^ \n]/.exec(text.slice(problem.startOffset));
  const valueEnd = next ? problem.startOffset + next.index + 1 : text.length;
  const value = text.slice(found.valueStart, valueEnd);
  if (/[*&!~"'#|>%@`?\t]|<<|\.(inf|Inf|INF|nan|NaN|NAN)\b|\b(null|Null|NULL)\b/.test(value)) return undefined;
  const keys = value.match(/[A-Za-z0-9_.-]+(?=:)/g) ?? [];
  if (new Set(keys).size !== keys.length) return undefined;
  const shallowText = `${text.slice(0, found.valueStart)} null${value.endsWith('\n') ? '\n' : ''}${text.slice(valueEnd)}`;
  let shallow: ParsedFile;
  try {
    shallow = parseFile(file.uri, shallowText);
  } catch {
    return undefined;
  }
  const [shallowDocument] = shallow.documents;
  if (!shallowDocument || shallowDocument.syntaxProblems.length > 0 || shallow.documents.length !== 1) return undefined;
  const newlines = (s: string) => (s.match(/\n/g) ?? []).length;
  return {
    document: shallowDocument,
    context: { ...context, file: shallow },
    lineDelta: newlines(value) - (value.endsWith('\n') ? 1 : 0),
    keyLine: newlines(text.slice(0, found.lineStart)),
  };
}
