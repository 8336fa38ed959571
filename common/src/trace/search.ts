/**
 * Text search that filters: a span matches when its name, service, span ID (all 16 digits), or one of its attribute keys
 * or string values (events' included) contains the query, case-insensitively; a trace ID (32 hex digits, or the 16 of a
 * 64-bit Jaeger/Zipkin ID) matches every span of that trace, so the ID printed in the waterfall's header finds it. Ancestors of matches are kept
 * visible so the tree still reads. One pass over the span and attribute columns, no allocation per span.
 */
import type { SpanStore } from './spanStore';
import { normalizeId, parsedId, parseHexId } from './values';

/** `flags[span]`: 0 hidden, 1 matches, 2 shown only as an ancestor of a match. */
export interface SearchResult {
  readonly query: string;
  readonly flags: Uint8Array;
  readonly matchCount: number;
  /** Matching spans per trace index. */
  readonly matchesPerTrace: Uint32Array;
}

export const SEARCH_MATCH = 1;
export const SEARCH_ANCESTOR = 2;

export function searchSpans(store: SpanStore, spanCount: number, traceCount: number, query: string): SearchResult {
  const flags = new Uint8Array(spanCount);
  const matchesPerTrace = new Uint32Array(traceCount);
  const needle = query.trim();
  if (!needle) return { query, flags, matchCount: 0, matchesPerTrace };
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  // Names, services and keys are interned: test each distinct string once.
  const table = store.strings.strings;
  const stringMatches = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) if (pattern.test(table[i]!)) stringMatches[i] = 1;

  const nameId = store.nameId;
  const service = store.service;
  const attrStart = store.attrStart;
  const attrs = store.attrs;
  // Attributes whose key or string value matches, then each span that owns one (attributes are in span order).
  const attributeHit = new Uint8Array(attrs.count);
  for (let a = 0; a < attrs.count; a++) if (stringMatches[attrs.key[a]!] === 1) attributeHit[a] = 1;
  attrs.searchStrings(new RegExp(pattern.source, 'gi'), (a) => (attributeHit[a] = 1));
  // A 16-hex-digit query also finds the span with that ID (compared as numbers: IDs are not kept as text).
  const idQuery = parseHexId(needle) ? { hi: parsedId.hi, lo: parsedId.lo } : undefined;
  const traceQuery = traceIndexOfQuery(store, needle);
  let matchCount = 0;
  for (let span = 0; span < spanCount; span++) {
    let hit =
      store.trace[span] === traceQuery ||
      stringMatches[nameId[span]!] === 1 ||
      stringMatches[service[span]!] === 1 ||
      (idQuery !== undefined && store.spanIdLo[span] === idQuery.lo && store.spanIdHi[span] === idQuery.hi);
    if (!hit) {
      const end = span + 1 < store.spanCount ? attrStart[span + 1]! : attrs.count;
      for (let a = attrStart[span]!; a < end; a++) {
        if (attributeHit[a] === 1) {
          hit = true;
          break;
        }
      }
    }
    if (hit) {
      flags[span] = SEARCH_MATCH;
      matchCount++;
      matchesPerTrace[store.trace[span]!]!++;
    }
  }
  // Ancestors: walk up until a span already shown (each span is visited at most once more).
  const parent = store.parent;
  for (let span = 0; span < spanCount; span++) {
    if (flags[span] !== SEARCH_MATCH) continue;
    for (let p = parent[span]!; p >= 0 && flags[p] === 0; p = parent[p]!) flags[p] = SEARCH_ANCESTOR;
  }
  return { query, flags, matchCount, matchesPerTrace };
}

/** The trace whose ID the query is (32 hex digits, or 16 for a 64-bit ID, any case), else -1. */
function traceIndexOfQuery(store: SpanStore, needle: string): number {
  if ((needle.length !== 32 && needle.length !== 16) || !/^[0-9a-f]+$/i.test(needle)) return -1;
  const traceId = normalizeId(needle, 16);
  return traceId ? store.findTrace(traceId) : -1;
}
