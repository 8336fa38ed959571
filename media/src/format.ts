/** Human-readable numbers for the viewer. Durations arrive in nanoseconds (the trace model keeps them exact). */

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '?';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  if (abs === 0) return '0';
  if (abs < 1_000) return `${sign}${abs.toFixed(0)} ns`;
  if (abs < 1_000_000) return `${sign}${trim(abs / 1_000)} µs`;
  if (abs < 1_000_000_000) return `${sign}${trim(abs / 1_000_000)} ms`;
  if (abs < 60_000_000_000) return `${sign}${trim(abs / 1_000_000_000)} s`;
  const minutes = Math.floor(abs / 60_000_000_000);
  const seconds = (abs - minutes * 60_000_000_000) / 1_000_000_000;
  return `${sign}${minutes} min ${seconds.toFixed(0)} s`;
}

/** Three significant digits at most: 1.23, 12.3, 123. */
function trim(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, '');
  return value.toFixed(2).replace(/\.?0+$/, '');
}

/** One formatter for the page: `toLocaleString` builds one per call, the most of a trace-list row's cost. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/** `1 trace`, `2,009 spans`: a count with its noun (plural by adding `s`, true of every noun the viewer counts). */
export function counted(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Nanoseconds since the epoch (decimal string, exact) as an ISO time with nanoseconds. */
export function formatTimestamp(ns: string): string {
  if (!/^\d+$/.test(ns)) return ns;
  const padded = ns.padStart(10, '0');
  const seconds = Number(padded.slice(0, -9));
  const fraction = padded.slice(-9);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return ns;
  return `${date.toISOString().slice(0, 19)}.${fraction}Z`;
}

/** Round tick steps (1, 2, 5 × 10^n ns) giving about `targetTicks` ticks over `spanNs`. */
export function tickStep(spanNs: number, targetTicks: number): number {
  if (spanNs <= 0) return 1;
  const raw = spanNs / Math.max(1, targetTicks);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}
