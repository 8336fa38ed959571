/**
 * The trace list: every trace with root name, services, span count, duration, errors and start; sortable by
 * any column, filtered by service, name, minimum duration, errors only and the search box. Virtualized.
 */
import { displayed } from '../../common/src/displayText';
import type { TraceSummary } from './data';
import { el, setText } from './dom';
import { formatCount, formatDuration, formatTimestamp } from './format';
import { VirtualList } from './virtualList';

export type TraceSortKey = 'rootName' | 'services' | 'spanCount' | 'durationNs' | 'errorCount' | 'startNs';

export interface TraceFilter {
  readonly service: string;
  readonly name: string;
  readonly minDurationMs: number;
  readonly errorsOnly: boolean;
}

export const NO_TRACE_FILTER: TraceFilter = { service: '', name: '', minDurationMs: 0, errorsOnly: false };

interface Column {
  readonly key: TraceSortKey;
  readonly label: string;
  readonly numeric: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'rootName', label: 'Root span', numeric: false },
  { key: 'services', label: 'Services', numeric: false },
  { key: 'spanCount', label: 'Spans', numeric: true },
  { key: 'durationNs', label: 'Duration', numeric: true },
  { key: 'errorCount', label: 'Errors', numeric: true },
  { key: 'startNs', label: 'Start (UTC)', numeric: false },
];

export interface TraceListCallbacks {
  /** The selected trace changed (keyboard or mouse). */
  readonly onSelect: (traceIndex: number) => void;
  /** Enter on a trace: move focus to its waterfall. */
  readonly onOpen: (traceIndex: number) => void;
  /** Sort changed by a header click (persisted by the caller). */
  readonly onSortChange: (key: TraceSortKey, descending: boolean) => void;
}

export class TraceList {
  readonly element: HTMLElement;
  private readonly list: VirtualList;
  private readonly header: HTMLElement;
  private traces: readonly TraceSummary[] = [];
  /** Trace indexes in display order, after filtering and sorting. */
  private order = new Int32Array(0);
  private selected = -1;
  /** The initial read goes on: a trace without its root yet is marked partial, not as missing parents. */
  private loading = false;
  /** Trace A of an open comparison (marked in its row), or -1. */
  private comparedA = -1;
  private sortKey: TraceSortKey = 'startNs';
  private descending = false;

  constructor(private readonly callbacks: TraceListCallbacks) {
    this.header = el('div', { className: 'table-header trace-grid', attrs: { role: 'row' } });
    for (const column of COLUMNS) {
      const cell = el('span', {
        className: column.numeric ? 'num' : '',
        text: column.label,
        attrs: { role: 'columnheader', tabindex: '-1', 'data-key': column.key },
      });
      cell.addEventListener('click', () => this.sortBy(column.key));
      this.header.append(cell);
    }
    this.list = new VirtualList({
      rowHeight: 22,
      className: 'trace-list',
      ariaLabel: 'Traces',
      createRow: () => {
        const row = el('div', { className: 'row table-row trace-grid' });
        for (const column of COLUMNS) row.append(el('span', { className: column.numeric ? 'num' : '', attrs: { role: 'gridcell' } }));
        row.addEventListener('click', () => this.select(Number(row.dataset['trace']), true));
        row.addEventListener('dblclick', () => this.callbacks.onOpen(Number(row.dataset['trace'])));
        return row;
      },
      renderRow: (row, index) => this.renderRow(row, index),
    });
    this.list.viewport.addEventListener('keydown', (event) => this.onKey(event));
    this.element = el('div', { className: 'table' }, [this.header, this.list.viewport]);
    this.updateHeader();
  }

  /** The visible trace indexes in display order (for tests and keyboard navigation). */
  get displayed(): Int32Array {
    return this.order;
  }

  get selectedTrace(): number {
    return this.selected;
  }

  focus(): void {
    this.list.viewport.focus();
  }

  setSort(key: TraceSortKey, descending: boolean): void {
    this.sortKey = key;
    this.descending = descending;
    this.updateHeader();
  }

  /**
   * Recomputes the rows. `traceMatches` (matching spans per trace) comes from the search box; undefined = no search.
   * Keeps the selected trace and the scroll position: follow mode calls this every second.
   */
  update(traces: readonly TraceSummary[], filter: TraceFilter, traceMatches: Uint32Array | undefined): void {
    this.traces = traces;
    const name = filter.name.trim().toLowerCase();
    const minNs = filter.minDurationMs * 1e6;
    const kept: number[] = [];
    for (const trace of traces) {
      if (filter.errorsOnly && trace.errorCount === 0) continue;
      if (minNs > 0 && trace.durationNs < minNs) continue;
      if (filter.service && !trace.services.includes(filter.service)) continue;
      if (name && !trace.rootName.toLowerCase().includes(name)) continue;
      if (traceMatches && !traceMatches[trace.index]) continue;
      kept.push(trace.index);
    }
    const compare = comparator(this.sortKey, traces);
    kept.sort(this.descending ? (a, b) => compare(b, a) : compare);
    this.order = Int32Array.from(kept);
    this.list.setRowCount(this.order.length);
  }

  /** Selects a trace by index (from restored state, a link, or the user). */
  select(traceIndex: number, notify: boolean): void {
    if (!Number.isInteger(traceIndex) || traceIndex < 0) return;
    this.selected = traceIndex;
    const position = this.order.indexOf(traceIndex);
    if (position >= 0) this.list.scrollToRow(position);
    this.list.refresh();
    if (notify) this.callbacks.onSelect(traceIndex);
  }

  setLoading(loading: boolean): void {
    this.loading = loading;
  }

  /** Marks trace A of a comparison (-1: none). */
  markComparedTrace(traceIndex: number): void {
    this.comparedA = traceIndex;
    this.list.refresh();
  }

  private sortBy(key: TraceSortKey): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      this.descending = key === 'durationNs' || key === 'errorCount' || key === 'spanCount';
    }
    this.updateHeader();
    this.callbacks.onSortChange(this.sortKey, this.descending);
  }

  private updateHeader(): void {
    for (const cell of this.header.children) {
      const key = (cell as HTMLElement).dataset['key'];
      cell.setAttribute('aria-sort', key === this.sortKey ? (this.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  private renderRow(row: HTMLElement, position: number): void {
    const traceIndex = this.order[position]!;
    const trace = this.traces[traceIndex];
    if (!trace) return;
    row.dataset['trace'] = String(traceIndex);
    row.setAttribute('aria-selected', String(traceIndex === this.selected));
    row.classList.toggle('compared-a', traceIndex === this.comparedA);
    const cells = row.children;
    const warnings = [
      trace.hasOrphans ? 'missing parent spans' : '',
      trace.duplicateSpanIds ? `${trace.duplicateSpanIds} duplicate span IDs` : '',
      trace.skewedSpans ? `${trace.skewedSpans} spans with clock skew` : '',
    ]
      .filter(Boolean)
      .join(', ');
    // While the file is still read, a trace without its root is partial: its root name and duration are those of
    // the spans read so far. Marked (and dimmed) until the read ends; then a missing root is a ⚠ like the rest.
    const partial = this.loading && trace.hasOrphans;
    row.classList.toggle('partial', partial);
    const mark = partial ? ' \u2026 partial' : warnings ? ' \u26A0' : '';
    setText(cells[0]!, `${trace.rootName || '(no name)'}${mark}`);
    (cells[0] as HTMLElement).title = displayed(
      `${trace.rootService}: ${trace.rootName}\ntrace ${trace.traceId}${
        partial
          ? '\npartial: still reading the file, the root span of this trace has not been read yet'
          : warnings
            ? `\n\u26A0 how the trace was assembled, not span errors: ${warnings}`
            : ''
      }`,
    );
    setText(cells[1]!, trace.services.join(', '));
    setText(cells[2]!, formatCount(trace.spanCount));
    setText(cells[3]!, formatDuration(trace.durationNs));
    setText(cells[4]!, trace.errorCount ? formatCount(trace.errorCount) : '');
    cells[4]!.className = trace.errorCount ? 'num errors' : 'num';
    const start = formatTimestamp(trace.startNs);
    setText(cells[5]!, start.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1'));
    (cells[5] as HTMLElement).title = start;
    cells[5]!.className = 'muted';
  }

  private onKey(event: KeyboardEvent): void {
    if (this.order.length === 0) return;
    const current = Math.max(0, this.order.indexOf(this.selected));
    let next = current;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(this.order.length - 1, current + (this.selected < 0 ? 0 : 1));
        break;
      case 'ArrowUp':
        next = Math.max(0, current - 1);
        break;
      case 'PageDown':
        next = Math.min(this.order.length - 1, current + this.list.pageRows);
        break;
      case 'PageUp':
        next = Math.max(0, current - this.list.pageRows);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.order.length - 1;
        break;
      case 'Enter':
        if (this.selected >= 0) this.callbacks.onOpen(this.selected);
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.select(this.order[next]!, true);
  }
}

function comparator(key: TraceSortKey, traces: readonly TraceSummary[]): (a: number, b: number) => number {
  const text = (get: (t: TraceSummary) => string) => (a: number, b: number) => get(traces[a]!).localeCompare(get(traces[b]!)) || a - b;
  const number = (get: (t: TraceSummary) => number) => (a: number, b: number) => get(traces[a]!) - get(traces[b]!) || a - b;
  switch (key) {
    case 'rootName':
      return text((t) => t.rootName);
    case 'services':
      return text((t) => t.services.join(','));
    case 'spanCount':
      return number((t) => t.spanCount);
    case 'durationNs':
      return number((t) => t.durationNs);
    case 'errorCount':
      return number((t) => t.errorCount);
    // Exact: same-length decimal strings compare as numbers; shorter strings are earlier times.
    case 'startNs':
      return (a, b) => {
        const x = traces[a]!.startNs,
          y = traces[b]!.startNs;
        return x.length - y.length || (x < y ? -1 : x > y ? 1 : a - b);
      };
  }
}
