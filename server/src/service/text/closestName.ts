/**
 * The known name closest to a misspelt one, for "did you mean" in explanations: the smallest Levenshtein distance,
 * within max(2, length/4) edits, the first candidate winning ties. Shared by the etcd flag rules and the feature-gate
 * rules so both suggest by the same measure and threshold.
 */
export function closestName(name: string, candidates: Iterable<string>, options: { ignoreCase?: boolean } = {}): string | undefined {
  const wanted = options.ignoreCase ? name.toLowerCase() : name;
  const threshold = Math.max(2, Math.floor(name.length / 4));
  // Start just over the threshold: a candidate farther than that is never suggested, so its distance need not be finished.
  let bestDistance = threshold + 1;
  let best: string | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, options.ignoreCase ? candidate.toLowerCase() : candidate, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
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
