/**
 * The operations table: spans grouped by service and span name, with count, errors and duration
 * percentiles (nearest-rank), sorted slowest first by p95. Answers "which requests are slow" for a whole file.
 */
import type { SpanStore } from './spanStore';
import { StatusCode, type OperationStats } from './types';

export function operationsTable(store: SpanStore, spanCount: number): OperationStats[] {
  const groups = new Map<number, { service: number; name: number; durations: number[]; errors: number }>();
  const nameId = store.nameId;
  const service = store.service;
  const status = store.status;
  const stride = store.strings.size + 1;
  for (let span = 0; span < spanCount; span++) {
    const key = service[span]! * stride + nameId[span]!;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { service: service[span]!, name: nameId[span]!, durations: [], errors: 0 }));
    group.durations.push(store.durationNs(span));
    if (status[span] === StatusCode.Error) group.errors++;
  }
  const rows: OperationStats[] = [];
  for (const group of groups.values()) {
    const sorted = Float64Array.from(group.durations).sort();
    rows.push({
      service: store.strings.get(group.service),
      name: store.strings.get(group.name),
      count: sorted.length,
      errorCount: group.errors,
      p50Ns: percentile(sorted, 0.5),
      p95Ns: percentile(sorted, 0.95),
      maxNs: sorted[sorted.length - 1]!,
    });
  }
  return rows.sort((a, b) => b.p95Ns - a.p95Ns || b.maxNs - a.maxNs || a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
