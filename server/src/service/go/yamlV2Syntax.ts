/**
 * go-yaml v2's words for a few YAML syntax errors, for files Kubernetes reads through sigs.k8s.io/yaml (gopkg.in/yaml.v2
 * v2.4.0 scannerc.go and parserc.go, the same in sigs.k8s.io/yaml's goyaml.v2 fork). Each case is one the yaml
 * library reports under its own code and go-yaml reports as below; anything else is left to the yaml library's
 * message (undefined), as the verdict is the same and only the words would differ.
 *
 * Line numbers as yaml.go parser.fail writes them: a scanner error gives the 1-based line of its mark, a parser
 * error the mark's 0-based line (no line at all when that is 0).
 */

export interface GoYamlSyntaxError {
  /** `yaml: line 3: mapping values are not allowed in this context` */
  message: string;
  /** Where go-yaml's mark is (UTF-16 offset). */
  offset: number;
}

interface LibraryError {
  code: string;
  pos: [number, number];
}

export function goYamlV2SyntaxError(text: string, error: LibraryError): GoYamlSyntaxError | undefined {
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return mappingValueNotAllowed(text, error.pos[0]);
    case 'BAD_INDENT':
      return unclosedFlowSequence(text, error.pos[0]);
    case 'TAB_AS_INDENT':
      return tabInPlainScalar(text, error.pos[0]);
    default:
      return undefined;
  }
}

const lineOf = (text: string, offset: number) => (text.slice(0, offset).match(/\n/g) ?? []).length;
const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** The text before `at` on its line is a plain simple key and its ':' (`  endpoint: `). */
const afterSimpleKey = (text: string, at: number) => /^ *[A-Za-z0-9_][^:#'"\t]*: +$/.test(text.slice(lineStart(text, at), at));

/**
 * `key: value: x` (or a plain value continued onto a more indented line that holds `: `): after a simple key's ':'
 * no other simple key may start on that line (scannerc.go fetch_value sets simple_key_allowed false), so the ':'
 * that ends the plain value is refused at its own position: "mapping values are not allowed in this context".
 * `at` is where the yaml library says the nested mapping's key starts: a plain scalar, read on to its ':'.
 */
function mappingValueNotAllowed(text: string, at: number): GoYamlSyntaxError | undefined {
  if (!afterSimpleKey(text, at) || !/^[A-Za-z0-9_./]/.test(text.slice(at, at + 1))) return undefined;
  const indent = /^ */.exec(text.slice(lineStart(text, at)))![0].length;
  for (let i = at; i < text.length; i++) {
    const c = text[i]!;
    // A comment ends the plain scalar; so does a blank line or one indented no deeper than its mapping (not modelled).
    if (c === '#' && /[ \t]/.test(text[i - 1] ?? '')) return undefined;
    if (c === '\n') {
      const next = text.slice(i + 1);
      if (/^ *(\n|\t|$)/.test(next) || /^ */.exec(next)![0].length <= indent) return undefined;
      continue;
    }
    if (c === ':' && /^([ \t\n]|$)/.test(text.slice(i + 1, i + 2)))
      return { message: `yaml: line ${lineOf(text, i) + 1}: mapping values are not allowed in this context`, offset: i };
  }
  return undefined;
}

/**
 * `key: [` with nothing after it but white space: the parser reaches the end of the stream where a flow node must
 * start (parserc.go parse_node: "did not find expected node content"), its mark on the line after the last one.
 */
function unclosedFlowSequence(text: string, at: number): GoYamlSyntaxError | undefined {
  const open = text.lastIndexOf('[', at);
  if (open < 0 || !afterSimpleKey(text, open) || !/^[ \t\n]*$/.test(text.slice(open + 1))) return undefined;
  // fetch_stream_end moves the mark to a new line unless it is at a line start already.
  const endLine = lineOf(text, text.length) + (text.endsWith('\n') ? 0 : 1);
  return { message: `yaml: ${endLine !== 0 ? `line ${endLine}: ` : ''}did not find expected node content`, offset: text.length };
}

/**
 * A tab at the start of the line after `key: plain value`: the scanner is still in the plain scalar, which may go
 * on over lines, and refuses a tab in the indentation before the scalar's column (scannerc.go scan_plain_scalar:
 * "found a tab character that violates indentation").
 */
function tabInPlainScalar(text: string, at: number): GoYamlSyntaxError | undefined {
  if (text[at] !== '\t' || lineStart(text, at) !== at || at === 0) return undefined;
  const previous = text.slice(lineStart(text, at - 1), at - 1);
  if (!/^ *[A-Za-z0-9_][^:#'"]*: +[A-Za-z0-9_./][^#:]*$/.test(previous)) return undefined;
  return { message: `yaml: line ${lineOf(text, at) + 1}: found a tab character that violates indentation`, offset: at };
}
