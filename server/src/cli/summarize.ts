/**
 * `kube-tracing summarize <trace files or folders…> [--format text|json] [--top N]`: reads the files as one
 * data set with the same trace model as the viewer (rotated files together), then prints the counts, the
 * records that could not be read, and the slowest operations. Exit code 1 when a file or record could not
 * be read, 0 otherwise.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { relative } from 'node:path';
import { TraceDatasetBuilder, type OperationStats, type TraceDataset } from '../../../common/src/trace/index';
import { UsageError, type ParsedArgs } from './args';
import { expandPaths } from './files';
import { errorMessage } from '../../../common/src/errors';

export const SUMMARIZE_VALUE_OPTIONS = ['format', 'top'];
// .zst: the file exporter's zstd output (traces.jsonl.zst, traces.binpb.zst); the reader tells the framing by content.
const TRACE_EXTENSIONS = ['.json', '.jsonl', '.pb', '.binpb', '.proto', '.otlp', '.zst'];
/** Files are fed in chunks, as the editor does, so a file never has to fit in one JS string. */
const CHUNK_BYTES = 4 << 20;

export interface SummaryJson {
  traces: number;
  spans: number;
  services: string[];
  errorSpans: number;
  badLines: { file: string; line: number; reason: string }[];
  operations: { service: string; name: string; count: number; errorCount: number; p50Ms: number; p95Ms: number; maxMs: number }[];
}

export function runSummarize(args: ParsedArgs, out: (text: string) => void, err: (text: string) => void): number {
  const format = String(args.options.get('format') ?? 'text');
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not ${format}`);
  const topOption = args.options.get('top') ?? '20';
  const top = typeof topOption === 'string' && /^\d+$/.test(topOption) ? Number(topOption) : NaN;
  if (!Number.isFinite(top)) throw new UsageError(`--top must be a whole number, not ${String(topOption)}`);
  if (args.positionals.length === 0) throw new UsageError('summarize needs at least one trace file or folder');

  const { files, missing, problems } = expandPaths(args.positionals, TRACE_EXTENSIONS);
  for (const path of missing) err(`kube-tracing: ${path}: no such file or folder`);
  for (const { path, reason } of problems) err(`kube-tracing: ${path}: ${reason}`);
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const builder = new TraceDatasetBuilder();
  let unreadable = missing.length + problems.length;
  for (const file of files) {
    try {
      feedFile(builder, shown(file), file);
    } catch (error) {
      err(`kube-tracing: ${shown(file)}: ${errorMessage(error)}`);
      unreadable++;
    }
  }
  const dataset = builder.snapshot();
  const summary = toJson(dataset, top);
  if (format === 'json') out(JSON.stringify(summary, null, 2));
  else for (const line of toText(summary, dataset.operations().length)) out(line);
  return unreadable > 0 || summary.badLines.length > 0 ? 1 : 0;
}

function feedFile(builder: TraceDatasetBuilder, name: string, path: string): void {
  // Non-blocking: opening a FIFO for reading would wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file (a FIFO, device or socket is never read)');
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      builder.append(name, buffer.subarray(0, read));
    }
    builder.end(name);
  } finally {
    closeSync(fd);
  }
}

const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;

export function toJson(dataset: TraceDataset, top: number): SummaryJson {
  // Totals straight from the data set (memoized there); services copied because the dataset's array is shared.
  return {
    traces: dataset.traceCount,
    spans: dataset.spanCount,
    services: [...dataset.services],
    errorSpans: dataset.errorSpans,
    badLines: dataset.badLines.map((b) => ({ file: b.file, line: b.line, reason: b.reason })),
    operations: dataset
      .operations()
      .slice(0, top)
      .map((o: OperationStats) => ({
        service: o.service,
        name: o.name,
        count: o.count,
        errorCount: o.errorCount,
        p50Ms: ms(o.p50Ns),
        p95Ms: ms(o.p95Ns),
        maxMs: ms(o.maxNs),
      })),
  };
}

function toText(summary: SummaryJson, operationCount: number): string[] {
  const lines = [
    `${summary.traces} trace(s), ${summary.spans} span(s), ${summary.errorSpans} error span(s), ${summary.services.length} service(s): ${summary.services.join(', ')}`,
  ];
  if (summary.badLines.length) {
    lines.push(`${summary.badLines.length} record(s) could not be read:`);
    for (const b of summary.badLines) lines.push(`  ${b.file}:${b.line}: ${b.reason}`);
  }
  if (summary.operations.length) {
    lines.push('', `Slowest operations (${summary.operations.length} of ${operationCount}, by p95):`);
    const header = ['service', 'operation', 'count', 'errors', 'p50 ms', 'p95 ms', 'max ms'];
    const rows = summary.operations.map((o) => [
      o.service,
      o.name,
      String(o.count),
      String(o.errorCount),
      o.p50Ms.toFixed(3),
      o.p95Ms.toFixed(3),
      o.maxMs.toFixed(3),
    ]);
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    const format = (cells: string[]) =>
      cells
        .map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    lines.push(format(header), ...rows.map(format));
  }
  return lines;
}
