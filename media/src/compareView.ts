/**
 * Compare two traces (Jaeger UI's trace diff): trace A is the one shown when the user pressed Compare, trace B
 * the next one chosen in the list. Spans are matched by service and name along their path from the root
 * (common/src/trace/compare.ts); each row says how often the path occurs and how long it took in A and in B,
 * and marks paths found in one trace only and paths that got clearly slower or faster in B. Virtualized: a
 * 10,000-span trace compares in one pass and scrolls like the waterfall.
 */
import { displayed } from '../../common/src/displayText';
import { compareTraces, type ComparedPath, type TraceComparison } from '../../common/src/trace/compare';
import type { ServiceColors } from './colors';
import type { TraceSummary, ViewerData } from './data';
import { el, setText } from './dom';
import { counted, formatDuration } from './format';
import { VirtualList } from './virtualList';

const CHANGE_TEXT: Record<ComparedPath['change'], string> = {
  onlyA: 'only in A',
  onlyB: 'only in B',
  slower: 'slower in B',
  faster: 'faster in B',
  same: '',
};

export interface CompareCallbacks {
  /** Close: back to the waterfall of the trace shown last. */
  readonly onClose: () => void;
}

export class CompareView {
  readonly element: HTMLElement;
  private readonly header = el('div', { className: 'trace-header compare-header', attrs: { 'aria-live': 'polite' } });
  private readonly onlyChanges = el('input', { attrs: { type: 'checkbox', 'aria-label': 'Show only the differences' } });
  private readonly list: VirtualList;
  private comparison: TraceComparison | undefined;
  /** Paths shown (all, or only the differences with their ancestors). */
  private shown: ComparedPath[] = [];
  private traceA = -1;
  private traceB = -1;

  constructor(
    private readonly colors: ServiceColors,
    private readonly callbacks: CompareCallbacks,
  ) {
    this.list = new VirtualList({
      rowHeight: 22,
      className: 'compare-rows',
      ariaLabel: 'Spans of trace A and trace B matched by path',
      createRow: () => {
        const row = el('div', { className: 'row table-row compare-grid' });
        const name = el('span', { className: 'cmp-name', attrs: { role: 'gridcell' } }, [
          el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'label' }),
        ]);
        row.append(name);
        for (let i = 0; i < 4; i++) row.append(el('span', { className: i < 3 ? 'num' : 'cmp-change', attrs: { role: 'gridcell' } }));
        return row;
      },
      renderRow: (row, index) => this.renderRow(row, index),
    });
    this.onlyChanges.addEventListener('change', () => this.filter());
    const columns = el('div', { className: 'table-header compare-grid', attrs: { role: 'row' } }, [
      el('span', { text: 'Span (service: name, by path from the root)', attrs: { role: 'columnheader' } }),
      el('span', { className: 'num', text: 'A', attrs: { role: 'columnheader', title: 'Count × total duration in trace A' } }),
      el('span', { className: 'num', text: 'B', attrs: { role: 'columnheader', title: 'Count × total duration in trace B' } }),
      el('span', { className: 'num', text: 'B − A', attrs: { role: 'columnheader' } }),
      el('span', { text: 'Change', attrs: { role: 'columnheader' } }),
    ]);
    this.element = el('section', { className: 'compare', attrs: { 'aria-label': 'Compare two traces' } }, [
      this.header,
      columns,
      this.list.viewport,
    ]);
  }

  get isOpen(): boolean {
    return this.traceA >= 0;
  }

  /** Trace A, the baseline. */
  get baseline(): number {
    return this.traceA;
  }

  /** Starts a comparison with `a` as trace A; B is chosen next. */
  open(data: ViewerData, a: TraceSummary): void {
    this.traceA = a.index;
    this.traceB = -1;
    this.comparison = undefined;
    this.shown = [];
    this.list.setRowCount(0);
    this.renderHeader(data);
  }

  close(): void {
    this.traceA = -1;
    this.traceB = -1;
    this.comparison = undefined;
  }

  /** Trace B chosen (or new spans arrived in follow mode): compare again. Choosing A itself does nothing. */
  compareWith(data: ViewerData, b: number): void {
    if (this.traceA < 0 || b === this.traceA) return;
    this.traceB = b;
    this.refresh(data);
  }

  refresh(data: ViewerData): void {
    if (this.traceA < 0) return;
    if (this.traceB >= 0) {
      const read = (trace: number) => ({
        tree: data.tree(trace),
        spanName: (s: number) => data.spanName(s),
        spanService: (s: number) => data.spanService(s),
      });
      this.comparison = compareTraces(read(this.traceA), read(this.traceB));
    }
    this.renderHeader(data);
    this.filter();
  }

  private filter(): void {
    const paths = this.comparison?.paths ?? [];
    if (!this.onlyChanges.checked) this.shown = paths.slice();
    else {
      // A difference keeps its ancestors, so every row still shows where in the tree it is.
      const keep = new Uint8Array(paths.length);
      const ancestors: number[] = [];
      for (let i = 0; i < paths.length; i++) {
        const p = paths[i]!;
        ancestors.length = p.depth;
        if (p.change !== 'same') {
          keep[i] = 1;
          for (const a of ancestors) keep[a] = 1;
        }
        ancestors.push(i);
      }
      this.shown = paths.filter((_, i) => keep[i]);
    }
    this.list.setRowCount(this.shown.length);
  }

  private renderHeader(data: ViewerData): void {
    const traces = data.traces();
    const describe = (label: string, trace: TraceSummary | undefined) =>
      el('span', { className: 'cmp-trace', title: trace ? `trace ${trace.traceId}` : '' }, [
        el('span', { className: 'badge', text: label }),
        ' ',
        trace
          ? `${trace.rootName || '(no name)'} · ${formatDuration(trace.durationNs)} · ${counted(trace.spanCount, 'span')}`
          : 'pick another trace in the list above',
      ]);
    const close = el('button', { text: 'Close comparison', title: 'Back to the waterfall' });
    close.addEventListener('click', () => this.callbacks.onClose());
    const c = this.comparison;
    const summary = c ? `${c.onlyA} only in A · ${c.onlyB} only in B · ${c.slower} slower · ${c.faster} faster` : '';
    this.header.replaceChildren(
      el('span', { className: 'title', text: 'Compare' }),
      describe('A', traces[this.traceA]),
      describe('B', this.traceB >= 0 ? traces[this.traceB] : undefined),
      ...(summary
        ? [
            el('span', {
              className: 'cmp-summary',
              text: summary,
              title: 'Paths (service and name from the root); a change counts from 10 % and 10 µs',
            }),
          ]
        : []),
      el('label', {}, [this.onlyChanges, 'only differences']),
      close,
    );
  }

  private renderRow(row: HTMLElement, index: number): void {
    const p = this.shown[index];
    if (!p) return;
    row.className = `row table-row compare-grid cmp-${p.change}`;
    const cells = row.children;
    const name = cells[0] as HTMLElement;
    name.style.paddingLeft = `${4 + p.depth * 12}px`;
    (name.firstElementChild as HTMLElement).style.background = p.service ? this.colors.colorOf(p.service) : 'transparent';
    setText(name.lastElementChild!, p.service ? `${p.service}: ${p.name}` : p.name);
    name.title = displayed(`${p.service}: ${p.name}`);
    setText(cells[1]!, countAndTotal(p.countA, p.totalA));
    setText(cells[2]!, countAndTotal(p.countB, p.totalB));
    setText(cells[3]!, p.countA && p.countB ? signed(p.totalB - p.totalA) : '');
    setText(cells[4]!, CHANGE_TEXT[p.change]);
  }
}

function countAndTotal(count: number, totalNs: number): string {
  if (count === 0) return '—';
  return count === 1 ? formatDuration(totalNs) : `${count} × ${formatDuration(totalNs)}`;
}

function signed(ns: number): string {
  return ns === 0 ? '0' : `${ns > 0 ? '+' : '−'}${formatDuration(Math.abs(ns))}`;
}
