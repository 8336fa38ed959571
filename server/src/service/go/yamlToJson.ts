/**
 * The JSON text sigs.k8s.io/yaml YAMLToJSON writes for a YAML document: go-yaml v2 resolves the values
 * (k8s/goJsonValue.ts), and encoding/json marshals the result compactly, object keys sorted byte-wise, strings
 * escaped as encode.go does with HTML escaping on (`<`, `>`, `&`, U+2028, U+2029 as \u escapes). A decoder's
 * byte offsets into the file (json-iterator's error excerpts) are offsets into this text.
 * Returns undefined for what is not modelled here (aliases, merge keys, keys that are not strings, ints or bools,
 * values JSON cannot hold): the caller then says less.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import { goJsonValue } from '../k8s/goJsonValue';
import type { AstNode } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);

class NotModelled extends Error {}

export function yamlToJsonText(node: AstNode | null, file: ParsedFile): string | undefined {
  try {
    return write(node, file, 0);
  } catch (error) {
    if (error instanceof NotModelled) return undefined;
    throw error;
  }
}

function write(node: AstNode | null, file: ParsedFile, depth: number): string {
  if (depth > 64 || isAlias(node)) throw new NotModelled();
  if (isMap(node)) {
    const byKey = new Map<string, string>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) throw new NotModelled();
      const key = pair.key.value;
      if (typeof key === 'symbol' || key === null || (typeof key === 'number' && !Number.isSafeInteger(key))) throw new NotModelled();
      // go-yaml decodes into a Go map: the last duplicate wins.
      byKey.set(String(key), write((pair.value as AstNode | null) ?? null, file, depth + 1));
    }
    const keys = [...byKey.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((key) => `${goJsonString(key)}:${byKey.get(key)!}`).join(',')}}`;
  }
  if (isSeq(node)) return `[${node.items.map((item) => write(item as AstNode | null, file, depth + 1)).join(',')}]`;
  const value = goJsonValue(node, file);
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return isTrue(node as Scalar) ? 'true' : 'false';
    case 'string':
      return goJsonString(value.value);
    case 'number':
      return value.literal;
    default:
      throw new NotModelled();
  }
}

function isTrue(node: Scalar): boolean {
  if (typeof node.value === 'boolean') return node.value;
  return TRUE_WORDS.has(String(node.source ?? node.value).trim());
}

/** encoding/json encode.go string, escapeHTML true. */
export function goJsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || char === '<' || char === '>' || char === '&' || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else out += char;
  }
  return `${out}"`;
}
