/**
 * A nesting-depth limit checked on the text before any parser sees it.
 *
 * The `yaml` library composes nodes recursively, and so do the rules that walk a document: 5,000 nested `[` in a
 * 10 KB file overflowed Node's native stack (a fatal abort, not an exception) in the CLI and the language server.
 * No Kubernetes manifest, kubelet or Collector configuration comes near MAX_NESTING_DEPTH levels (a deep
 * control-plane Pod is about 12), so a text nested deeper is not parsed: the caller reports it once, where the
 * limit is crossed. The same limit applies to trace files (common/src/trace/nesting.ts).
 *
 * The scan is one pass over the characters, without recursion. It counts what can open a collection: flow
 * brackets at the start of a node or inside a flow, block collections by indentation, and compact entries
 * (`- - a`, `? - a`) on one line. It over-counts rather than under-counts (a multi-line plain scalar indented
 * further on each line counts as nesting), so walkers over a document that passes never go deeper than the limit
 * plus the few levels a line can add.
 */
export const MAX_NESTING_DEPTH = 256;

export function nestingMessage(limit = MAX_NESTING_DEPTH): string {
  return `nesting deeper than ${limit} levels: kube-tracing does not read this document past here (no Kubernetes or Collector file is nested this deep)`;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

const isBlank = (c: number) => c === SPACE || c === TAB;
const isBreakOrEnd = (c: number) => Number.isNaN(c) || c === LF || c === CR;
const isSpaceOrBreak = (c: number) => isBlank(c) || isBreakOrEnd(c);

/**
 * The offset in `text.slice(start, end)` where nesting first goes past `limit`, or undefined when it never does.
 */
export function excessiveNesting(text: string, start = 0, end = text.length, limit = MAX_NESTING_DEPTH): number | undefined {
  // Columns of the block collections open at the current line, innermost last.
  const blockColumns: number[] = [];
  let flowDepth = 0;
  // Inside a quoted scalar that may span lines: its quote character, else 0.
  let quote = 0;
  // A block scalar (`|`, `>`) is open: its lines are the ones more indented than this (−1: none).
  let blockScalarParentIndent = -1;

  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    let at = lineStart;
    while (at < lineEnd && isBlank(text.charCodeAt(at))) at++;
    const indent = at - lineStart;
    const empty = at >= lineEnd || text.charCodeAt(at) === CR || (text.charCodeAt(at) === 35 /* # */ && quote === 0 && flowDepth === 0);

    if (blockScalarParentIndent >= 0) {
      if (empty || indent > blockScalarParentIndent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarParentIndent = -1;
    }
    if (empty && quote === 0) {
      lineStart = lineEnd + 1;
      continue;
    }

    // Outside flows and quotes, the line's indentation closes and opens block collections.
    let atNodeStart = quote === 0 && flowDepth === 0;
    if (atNodeStart) {
      if (text.startsWith('---', at) && isSpaceOrBreak(text.charCodeAt(at + 3))) {
        blockColumns.length = 0;
        at += 3;
      } else {
        while (blockColumns.length > 0 && blockColumns[blockColumns.length - 1]! > indent) blockColumns.pop();
        if (blockColumns[blockColumns.length - 1] !== indent) blockColumns.push(indent);
      }
      if (blockColumns.length > limit) return at;
    }

    while (at < lineEnd) {
      const c = text.charCodeAt(at);
      if (quote !== 0) {
        if (quote === 34 && c === 92 /* \ */) at += 2;
        else if (c === quote) {
          if (quote === 39 && text.charCodeAt(at + 1) === 39) at += 2;
          else {
            quote = 0;
            at++;
          }
        } else at++;
        continue;
      }
      if (c === 35 /* # */ && (at === lineStart || isBlank(text.charCodeAt(at - 1)))) break; // a comment
      if (c === 34 /* " */ || c === 39 /* ' */) {
        if (flowDepth > 0 || atNodeStart) quote = c;
        at++;
        continue;
      }
      if (flowDepth > 0) {
        if (c === 91 /* [ */ || c === 123 /* { */) {
          flowDepth++;
          if (blockColumns.length + flowDepth > limit) return at;
        } else if (c === 93 /* ] */ || c === 125 /* } */) flowDepth--;
        at++;
        continue;
      }
      if (atNodeStart) {
        if (c === 91 || c === 123) {
          flowDepth = 1;
          if (blockColumns.length + flowDepth > limit) return at;
          at++;
          continue;
        }
        if ((c === 45 /* - */ || c === 63 /* ? */ || c === 58) /* : */ && isSpaceOrBreak(text.charCodeAt(at + 1))) {
          // A compact entry: what follows on the line is a node one level deeper.
          at++;
          while (at < lineEnd && isBlank(text.charCodeAt(at))) at++;
          if (at < lineEnd && !isBreakOrEnd(text.charCodeAt(at)) && text.charCodeAt(at) !== 35) {
            blockColumns.push(at - lineStart);
            if (blockColumns.length > limit) return at;
          }
          continue;
        }
        if (c === 124 /* | */ || c === 62 /* > */) {
          blockScalarParentIndent = indent;
          break;
        }
        if (c === 38 /* & */ || c === 33 /* ! */) {
          // An anchor or a tag: the node starts after it.
          while (at < lineEnd && !isSpaceOrBreak(text.charCodeAt(at))) at++;
          while (at < lineEnd && isBlank(text.charCodeAt(at))) at++;
          continue;
        }
        if (isBlank(c)) {
          at++;
          continue;
        }
        atNodeStart = false;
      }
      // A plain scalar (or a key): `: ` ends a key, and the value after it is a node of its own.
      if (c === 58 /* : */ && isSpaceOrBreak(text.charCodeAt(at + 1))) {
        atNodeStart = true;
        at++;
        while (at < lineEnd && isBlank(text.charCodeAt(at))) at++;
        continue;
      }
      at++;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}
