/**
 * The known name closest to a misspelt one, for "did you mean" in explanations: the smallest Levenshtein distance,
 * within max(2, length/4) edits, the first candidate winning ties. Shared by the etcd flag rules and the feature-gate
 * rules so both suggest by the same measure and threshold.
 *
 * A manifest can carry thousands of unknown names (20,000 `--feature-gates` flags took 69 s when each name was
 * compared with every gate), so candidates are indexed once by their character pairs (bigrams): two strings within
 * d edits share at least max(|a|, |b|) − 1 − 2d bigrams (each edit breaks at most two), and only candidates that
 * can be that close get the full distance.
 */
export interface ClosestNameOptions {
  ignoreCase?: boolean;
}

export function closestName(name: string, candidates: Iterable<string>, options: ClosestNameOptions = {}): string | undefined {
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  let byOptions = indexes.get(list);
  if (!byOptions) indexes.set(list, (byOptions = new Map()));
  const key = options.ignoreCase === true;
  let index = byOptions.get(key);
  if (!index) byOptions.set(key, (index = new ClosestNameIndex(list, options)));
  return index.closest(name);
}

/** Indexes by candidate list: callers pass the same (cached) array for the same names. */
const indexes = new WeakMap<readonly string[], Map<boolean, ClosestNameIndex>>();

export class ClosestNameIndex {
  private readonly keys: string[];
  /** Bigram → [candidate index, how often the bigram occurs in it] pairs, flattened. */
  private readonly postings = new Map<string, number[]>();

  constructor(
    private readonly candidates: readonly string[],
    private readonly options: ClosestNameOptions = {},
  ) {
    this.keys = candidates.map((c) => (options.ignoreCase ? c.toLowerCase() : c));
    this.keys.forEach((key, i) => {
      for (const [bigram, count] of bigrams(key)) {
        let list = this.postings.get(bigram);
        if (!list) this.postings.set(bigram, (list = []));
        list.push(i, count);
      }
    });
  }

  closest(name: string): string | undefined {
    const wanted = this.options.ignoreCase ? name.toLowerCase() : name;
    const threshold = Math.max(2, Math.floor(name.length / 4));
    const shared = new Map<number, number>();
    for (const [bigram, count] of bigrams(wanted)) {
      const list = this.postings.get(bigram);
      if (!list) continue;
      for (let p = 0; p < list.length; p += 2) shared.set(list[p]!, (shared.get(list[p]!) ?? 0) + Math.min(count, list[p + 1]!));
    }
    // Start just over the threshold: a candidate farther than that is never suggested, so its distance need not be finished.
    let bestDistance = threshold + 1;
    let best: string | undefined;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i]!;
      if (Math.abs(key.length - wanted.length) >= bestDistance) continue;
      // Within bestDistance − 1 edits the two share at least this many bigrams.
      if ((shared.get(i) ?? 0) < Math.max(key.length, wanted.length) - 1 - 2 * (bestDistance - 1)) continue;
      const distance = editDistance(wanted, key, bestDistance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = this.candidates[i];
      }
    }
    return best;
  }
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const bigram = text.slice(i, i + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return counts;
}

/** Levenshtein distance, giving up (returning `limit`) once every cell of a row reaches it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length]!;
}
