/**
 * The waterfall of one trace: a time axis, nested collapsible spans (virtualized rows), a colour per service with
 * a legend, error marks, event ticks, the critical path, and a minimap of the whole trace to zoom and pan.
 * Search hides rows that neither match nor lead to a match (ancestors stay, dimmed, so the tree still reads).
 */
import type { CriticalPathSegment, SpanDetails, TraceSummary, TraceTree, ViewerData } from './data';
import { ServiceColors } from './colors';
import { el } from './dom';
import { counted, formatCount, formatDuration, tickStep } from './format';
import { Minimap } from './minimap';
import { VirtualList } from './virtualList';
import { createWaterfallRow, fillWaterfallRow, SYNTHETIC_ROOT, type RowContext } from './waterfallRow';

export { SYNTHETIC_ROOT };

const ROW_HEIGHT = 22;

export interface WaterfallCallbacks {
  readonly onSelectSpan: (spanIndex: number) => void;
  /** The header's Export button: save the shown trace as OTLP/JSON. */
  readonly onExport: () => void;
  /** The header's Compare button: compare the shown trace (as A) with one chosen next. */
  readonly onCompare: () => void;
}

/** From this many rows the critical path is computed in separate tasks (see show). */
const DEFER_CRITICAL_PATH_ROWS = 20_000;
/** Time a task of the deferred critical path runs before letting input and drawing in (Chrome's long task is 50 ms). */
const CRITICAL_PATH_SLICE_MS = 12;

export class Waterfall {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly axis: HTMLElement;
  private readonly list: VirtualList;
  private readonly minimap: Minimap;
  private data: ViewerData | undefined;
  private tree: TraceTree | undefined;
  private summary: TraceSummary | undefined;
  private criticalTimer: ReturnType<typeof setTimeout> | undefined;
  /** The file is still being read: the trace may grow (and, without its root, is partial). */
  private loading = false;
  /** Spans of the shown trace read so far (more than drawn while the read goes on). */
  private readSoFar = 0;
  private readonly loadingBadge = el('span', { className: 'badge warn loading' });
  /** Tree rows shown, in order (after collapsing and search). */
  private rows = new Int32Array(0);
  /** Per tree row: 1 = matches the search, 2 = only leads to a match, 0 = hidden. Undefined without search. */
  private searchState: Uint8Array | undefined;
  private spanMatches: Uint8Array | undefined;
  /** Collapsed spans by span index (stable while the file grows), SYNTHETIC_ROOT for the synthetic root. */
  readonly collapsed = new Set<number>();
  private critical = new Map<number, CriticalPathSegment[]>();
  private selectedRow = -1;
  private traceEndNs = 1;
  /** Visible time window as fractions of the trace's duration. */
  private viewStart = 0;
  private viewEnd = 1;
  /** Width of the span names column, in % of the rows (the CSS variable --name-width). */
  private namePercent = 34;
  private readonly resizer = this.createResizer();
  private readonly axisTicks = el('div');
  /** What every row filled in the current frame shares (computed once a frame, not once a row). */
  private frameContext: RowContext | undefined;
  /**
   * Events of the selected span for the data they were decoded from. Each refresh (a zoom drag's every
   * pointermove, a follow-mode update) builds a row context; decoding there would decode the span each time.
   */
  private selectedEvents: { readonly data: ViewerData; readonly span: number; readonly events: SpanDetails['events'] } | undefined;

  constructor(
    private readonly colors: ServiceColors,
    private readonly callbacks: WaterfallCallbacks,
  ) {
    this.header = el('div', { className: 'trace-header', attrs: { 'aria-live': 'polite' } });
    this.minimap = new Minimap(colors, (start, end) => this.setView(start, end));
    this.axis = el('div', { className: 'axis', attrs: { 'aria-hidden': 'true' } }, [this.axisTicks]);
    this.list = new VirtualList({
      rowHeight: ROW_HEIGHT,
      className: 'waterfall-rows',
      ariaLabel: 'Spans of the selected trace',
      createRow: () =>
        createWaterfallRow(
          (r) => this.toggleRow(r),
          (r) => this.selectRow(r, true),
        ),
      beforeFill: () => {
        this.frameContext = this.rowContext();
      },
      renderRow: (row, position) => {
        if (this.frameContext) fillWaterfallRow(row, this.rows[position]!, this.frameContext);
      },
    });
    this.list.viewport.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.renderAxis()).observe(this.axis);
    this.element = el('section', { className: 'waterfall', attrs: { 'aria-label': 'Waterfall' } }, [
      this.header,
      this.minimap.element,
      this.axis,
      this.list.viewport,
    ]);
    this.showEmpty('Select a trace to see its spans.');
  }

  get traceIndex(): number {
    return this.tree?.traceIndex ?? -1;
  }

  /** Span index of the selected row (SYNTHETIC_ROOT for the synthetic root), or undefined. */
  get selectedSpan(): number | undefined {
    return this.tree && this.selectedRow >= 0 ? this.tree.spans[this.selectedRow] : undefined;
  }

  /** Rows shown (tree row numbers), for tests and benchmarks. */
  get shownRows(): Int32Array {
    return this.rows;
  }

  get viewport(): HTMLElement {
    return this.list.viewport;
  }

  focus(): void {
    this.list.viewport.focus();
  }

  /** Shows a trace (or the same trace again after new spans arrived: selection, collapsing and zoom stay). */
  show(data: ViewerData, summary: TraceSummary, spanMatches: Uint8Array | undefined, loading = false): void {
    const sameTrace = this.tree?.traceIndex === summary.index;
    this.loading = loading;
    this.readSoFar = summary.spanCount;
    const previouslySelected = this.selectedSpan;
    this.data = data;
    this.summary = summary;
    this.tree = data.tree(summary.index);
    this.spanMatches = spanMatches;
    if (!sameTrace) {
      this.collapsed.clear();
      this.viewStart = 0;
      this.viewEnd = 1;
      this.list.viewport.scrollTop = 0;
    }
    // A big trace's critical path (a sort and a walk over every row) is worked out after the rows are drawn, a few
    // milliseconds per task (100-240 ms in one task at 100,000 spans on a busy machine); the path appears later.
    // While the file is read, a big trace is drawn again as it grows and its path would change with every part
    // read: it is worked out once, when the read ends.
    clearTimeout(this.criticalTimer);
    if (this.tree.spans.length < DEFER_CRITICAL_PATH_ROWS) this.critical = groupBySpan(data.criticalPath(summary.index));
    else if (loading) this.critical = new Map();
    else {
      if (!sameTrace) this.critical = new Map();
      const tree = this.tree;
      const steps = groupBySpanInSlices(data.criticalPathInSlices(summary.index));
      const slice = () => {
        if (this.tree !== tree) return;
        const until = performance.now() + CRITICAL_PATH_SLICE_MS;
        for (;;) {
          const step = steps.next();
          if (step.done) {
            this.critical = step.value;
            this.renderHeader();
            this.list.refresh();
            return;
          }
          if (performance.now() >= until) break;
        }
        this.criticalTimer = setTimeout(slice, 0);
      };
      this.criticalTimer = setTimeout(slice, 0);
    }
    let end = 0;
    for (let r = 0; r < this.tree.endOffsets.length; r++) end = Math.max(end, this.tree.endOffsets[r]!);
    this.traceEndNs = Math.max(1, end);
    this.rebuildRows();
    this.selectedRow = previouslySelected === undefined ? -1 : this.rowOfSpan(previouslySelected);
    this.renderHeader();
    this.minimap.draw(data, this.tree, this.rows, this.traceEndNs);
    this.minimap.setWindow(this.viewStart, this.viewEnd);
    this.renderAxis();
  }

  /** Drawn while the file was still being read (to draw again once it is read). */
  get drawnWhileLoading(): boolean {
    return this.loading;
  }

  /** The trace grew while the file is read, and is not drawn again yet: say how much is read. */
  showReadSoFar(spanCount: number): void {
    this.readSoFar = spanCount;
    this.updateLoadingBadge();
  }

  private updateLoadingBadge(): void {
    const summary = this.summary;
    this.loadingBadge.hidden = !this.loading || !summary;
    if (!summary || !this.loading) return;
    const drawn = summary.spanCount;
    this.loadingBadge.textContent = `${summary.hasOrphans ? 'partial: ' : ''}reading… ${counted(this.readSoFar, 'span')} so far${this.readSoFar > drawn ? `, ${formatCount(drawn)} drawn` : ''}`;
    this.loadingBadge.title = summary.hasOrphans
      ? 'The file is still being read and this trace\u2019s root span has not been read yet: the name and duration are those of the spans read so far.'
      : 'The file is still being read: this trace may still grow. It is drawn again as it doubles, and when the read ends.';
  }

  /** New search results: rows are filtered again, the trace stays. */
  setSearch(spanMatches: Uint8Array | undefined): void {
    this.spanMatches = spanMatches;
    if (!this.tree || !this.data) return;
    this.rebuildRows();
    this.minimap.draw(this.data, this.tree, this.rows, this.traceEndNs);
  }

  clear(message: string): void {
    this.tree = undefined;
    this.summary = undefined;
    this.rows = new Int32Array(0);
    this.selectedRow = -1;
    this.showEmpty(message);
  }

  /** Selects the row of a span (expanding its ancestors) and scrolls to it. */
  selectSpan(spanIndex: number, notify: boolean): void {
    if (!this.tree) return;
    let row = this.rowOfSpan(spanIndex);
    if (row < 0) return;
    let expanded = false;
    for (let parent = this.tree.parentRows[row]!; parent >= 0; parent = this.tree.parentRows[parent]!) {
      if (this.collapsed.delete(this.tree.spans[parent]!)) expanded = true;
    }
    if (expanded) this.rebuildRows();
    this.selectRow(row, notify);
  }

  /** Selects the first row (the root, or the synthetic root) when nothing is selected. */
  selectFirstRowIfNone(notify: boolean): void {
    if (this.tree && this.selectedRow < 0 && this.rows.length > 0) this.selectRow(this.rows[0]!, notify);
  }

  setView(start: number, end: number): void {
    const minimumWidth = Math.min(1, 1000 / this.traceEndNs); // at most 1 µs across the whole width
    if (end - start < minimumWidth) {
      const middle = (start + end) / 2;
      start = middle - minimumWidth / 2;
      end = middle + minimumWidth / 2;
    }
    this.viewStart = Math.max(0, start);
    this.viewEnd = Math.min(1, end);
    this.minimap.setWindow(this.viewStart, this.viewEnd);
    this.renderAxis();
    this.list.refresh();
  }

  get view(): { start: number; end: number } {
    return { start: this.viewStart, end: this.viewEnd };
  }

  toggleCollapsed(spanIndex: number): void {
    if (!this.collapsed.delete(spanIndex)) this.collapsed.add(spanIndex);
    const selected = this.selectedSpan;
    this.rebuildRows();
    if (selected !== undefined) this.selectedRow = this.rowOfSpan(selected);
    if (this.tree && this.data) this.minimap.draw(this.data, this.tree, this.rows, this.traceEndNs);
  }

  private showEmpty(message: string): void {
    this.header.replaceChildren(el('span', { className: 'empty', text: message }));
    this.minimap.clear();
    this.axisTicks.replaceChildren();
    this.list.setRowCount(0);
  }

  private rowOfSpan(spanIndex: number): number {
    if (!this.tree) return -1;
    return this.tree.spans.indexOf(spanIndex);
  }

  /** O(rows): collapsed subtrees are skipped whole; with a search, a reverse pass marks ancestors of matches. */
  private rebuildRows(): void {
    const tree = this.tree!;
    const count = tree.spans.length;
    let state: Uint8Array | undefined;
    if (this.spanMatches) {
      state = new Uint8Array(count);
      const matches = this.spanMatches;
      for (let r = count - 1; r >= 0; r--) {
        const span = tree.spans[r]!;
        if (span >= 0 && matches[span] === 1) state[r] = 1;
        if (state[r] !== 0) {
          const parent = tree.parentRows[r]!;
          if (parent >= 0 && state[parent] === 0) state[parent] = 2;
        }
      }
    }
    this.searchState = state;
    const rows = new Int32Array(count);
    let n = 0;
    for (let r = 0; r < count;) {
      if (state && state[r] === 0) {
        r += tree.subtreeSizes[r]! + 1;
        continue;
      }
      rows[n++] = r;
      r += this.collapsed.has(tree.spans[r]!) ? tree.subtreeSizes[r]! + 1 : 1;
    }
    this.rows = rows.subarray(0, n);
    this.list.setRowCount(n);
  }

  private renderHeader(): void {
    const summary = this.summary!;
    const legend = el('span', { className: 'legend', attrs: { 'aria-label': 'Services' } });
    for (const service of summary.services) {
      const swatch = el('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } });
      swatch.style.background = this.colors.colorOf(service);
      legend.append(el('span', { className: 'legend-item' }, [swatch, service]));
    }
    // show() grouped this trace's critical path just before: asking the model again would compute it twice.
    if (this.critical.size > 0) {
      legend.append(
        el('span', { className: 'legend-item', title: 'The spans the trace waited on: shortening them shortens the trace' }, [
          el('span', { className: 'crit-swatch' }),
          'critical path',
        ]),
      );
    }
    const badges: HTMLElement[] = [];
    this.updateLoadingBadge();
    badges.push(this.loadingBadge);
    if (summary.hasOrphans && !this.loading)
      badges.push(
        el('span', {
          className: 'badge warn',
          text: 'missing parents',
          title: 'Some spans name a parent that is not in the file; they hang under a synthetic root.',
        }),
      );
    if (summary.duplicateSpanIds)
      badges.push(
        el('span', {
          className: 'badge warn',
          text: `${summary.duplicateSpanIds} duplicate IDs`,
          title: 'Several spans of this trace share a span ID (e.g. Zipkin shared client/server spans).',
        }),
      );
    if (summary.skewedSpans)
      badges.push(
        el('span', {
          className: 'badge warn',
          text: `${summary.skewedSpans} skewed`,
          title: 'Spans that start before their parent or end after it: the hosts\u2019 clocks disagree. Times are shown as recorded.',
        }),
      );
    if (summary.crossTraceLinks)
      badges.push(
        el('span', {
          className: 'badge',
          text: `${summary.crossTraceLinks} link${summary.crossTraceLinks === 1 ? '' : 's'} to other traces`,
        }),
      );
    const kubernetes = this.kubernetesGlance();
    const reset = el('button', { text: 'Reset zoom', title: 'Show the whole trace (double-click the minimap does the same)' });
    reset.addEventListener('click', () => this.setView(0, 1));
    const exportButton = el('button', {
      text: 'Export',
      title: 'Save this trace as OTLP/JSON (while a search filters: only the spans it shows)',
    });
    exportButton.addEventListener('click', () => this.callbacks.onExport());
    const compareButton = el('button', {
      text: 'Compare…',
      title: 'Compare this trace (A) with another one you pick in the list (B): spans only in one, slower, faster',
    });
    compareButton.addEventListener('click', () => this.callbacks.onCompare());
    this.header.replaceChildren(
      el('span', { className: 'title', text: summary.rootName || '(no name)' }),
      el('span', {
        className: 'muted',
        text: `${formatDuration(summary.durationNs)} · ${counted(summary.spanCount, 'span')} · ${counted(summary.errorCount, 'error')}`,
      }),
      el('span', { className: 'muted', text: `trace ${summary.traceId}` }),
      ...(kubernetes ? [kubernetes] : []),
      ...badges,
      legend,
      reset,
      compareButton,
      exportButton,
    );
  }

  /** The root's Kubernetes request at a glance (verb, resource, namespace, audit ID), when it is one. */
  private kubernetesGlance(): HTMLElement | undefined {
    const root = this.tree?.spans[0];
    if (root === undefined || root < 0 || !this.data) return undefined;
    const info = this.data.kubernetesInfo(root);
    if (!info || (!info.verb && !info.resource)) return undefined;
    const resource = info.resource && info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
    const parts = [
      info.verb,
      resource,
      info.namespace ? `in ${info.namespace}` : undefined,
      info.statusCode ? `→ ${info.statusCode}` : undefined,
    ].filter(Boolean);
    return el('span', {
      className: 'badge k8s-glance',
      text: `${info.component}: ${parts.join(' ')}${info.auditId ? ` · audit ${info.auditId}` : ''}`,
      title: 'The Kubernetes request of the root span (details on the right)',
    });
  }

  private renderAxis(): void {
    if (!this.tree) return;
    // The rows' width, not the axis's: the rows have a vertical scrollbar the axis lacks.
    const width = this.list.viewport.clientWidth || this.axis.clientWidth || 800;
    const nameWidth = Math.round((width * this.namePercent) / 100);
    const timelineWidth = Math.max(1, width - nameWidth);
    const fromNs = this.viewStart * this.traceEndNs;
    const toNs = this.viewEnd * this.traceEndNs;
    const step = tickStep(toNs - fromNs, timelineWidth / 90);
    const ticks: HTMLElement[] = [];
    for (let t = Math.ceil(fromNs / step) * step; t <= toNs; t += step) {
      const tick = el('span', { className: 'tick', text: formatDuration(t) });
      tick.style.left = `${nameWidth + ((t - fromNs) / (toNs - fromNs)) * timelineWidth}px`;
      ticks.push(tick);
      if (ticks.length > 50) break;
    }
    this.resizer.style.left = `${nameWidth - 3}px`;
    // The handle stays in the DOM (re-inserting it would end a drag: pointer capture is lost on removal).
    this.axisTicks.replaceChildren(...ticks);
    if (this.resizer.parentElement !== this.axis) this.axis.append(this.resizer);
  }

  /** Drag the handle at the name column's edge (in the axis) to give names more or less room. */
  private createResizer(): HTMLElement {
    const handle = el('div', { className: 'name-resizer', title: 'Drag to resize the span names column' });
    handle.addEventListener('pointerdown', (down) => {
      down.preventDefault();
      handle.setPointerCapture(down.pointerId);
      const move = (event: PointerEvent) => {
        const box = this.list.viewport.getBoundingClientRect();
        this.setNamePercent(((event.clientX - box.left) / Math.max(1, box.width)) * 100);
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    return handle;
  }

  setNamePercent(percent: number): void {
    this.namePercent = Math.min(75, Math.max(12, percent));
    this.element.style.setProperty('--name-width', `${this.namePercent}%`);
    this.renderAxis();
  }

  private rowContext(): RowContext | undefined {
    if (!this.tree || !this.data) return undefined;
    return {
      tree: this.tree,
      data: this.data,
      colors: this.colors,
      selectedRow: this.selectedRow,
      collapsed: this.collapsed,
      searchState: this.searchState,
      critical: this.critical,
      selectedEvents: this.eventsOfSelectedSpan(this.data),
      fromNs: this.viewStart * this.traceEndNs,
      widthNs: (this.viewEnd - this.viewStart) * this.traceEndNs,
    };
  }

  /** Decoded when the selected span or the data changed since the last frame (selectRow, show), else reused. */
  private eventsOfSelectedSpan(data: ViewerData): SpanDetails['events'] {
    const span = this.selectedSpan;
    if (span === undefined || span === SYNTHETIC_ROOT) return [];
    const memo = this.selectedEvents;
    if (memo?.data === data && memo.span === span) return memo.events;
    const events = data.details(span).events;
    this.selectedEvents = { data, span, events };
    return events;
  }

  private toggleRow(row: number): void {
    if (this.tree && this.tree.subtreeSizes[row]! > 0) this.toggleCollapsed(this.tree.spans[row]!);
  }

  private selectRow(row: number, notify: boolean): void {
    if (!this.tree || row < 0) return;
    this.selectedRow = row;
    const position = this.rows.indexOf(row);
    if (position >= 0) this.list.scrollToRow(position);
    this.list.refresh();
    if (notify) this.callbacks.onSelectSpan(this.tree.spans[row]!);
  }

  private onKey(event: KeyboardEvent): void {
    const tree = this.tree;
    if (!tree || this.rows.length === 0) return;
    const position = Math.max(0, this.rows.indexOf(this.selectedRow));
    const row = this.rows[position]!;
    const span = tree.spans[row]!;
    let next = position;
    switch (event.key) {
      case 'ArrowDown':
        next = this.selectedRow < 0 ? 0 : Math.min(this.rows.length - 1, position + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, position - 1);
        break;
      case 'PageDown':
        next = Math.min(this.rows.length - 1, position + this.list.pageRows);
        break;
      case 'PageUp':
        next = Math.max(0, position - this.list.pageRows);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.rows.length - 1;
        break;
      case 'ArrowLeft':
        event.preventDefault();
        if (tree.subtreeSizes[row]! > 0 && !this.collapsed.has(span)) this.toggleCollapsed(span);
        else if (tree.parentRows[row]! >= 0) this.selectRow(tree.parentRows[row]!, true);
        return;
      case 'ArrowRight':
        event.preventDefault();
        if (this.collapsed.has(span)) this.toggleCollapsed(span);
        else if (tree.subtreeSizes[row]! > 0) this.selectRow(row + 1, true);
        return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (tree.subtreeSizes[row]! > 0) this.toggleCollapsed(span);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.selectRow(this.rows[next]!, true);
  }
}

/** `groupBySpan` after the path's own slices, pausing every few thousand segments too. */
function* groupBySpanInSlices(path: Generator<void, readonly CriticalPathSegment[]>): Generator<void, Map<number, CriticalPathSegment[]>> {
  const segments = yield* path;
  const bySpan = new Map<number, CriticalPathSegment[]>();
  for (let k = 0; k < segments.length; k++) {
    if ((k & 8191) === 8191) yield;
    const segment = segments[k]!;
    const list = bySpan.get(segment.spanIndex);
    if (list) list.push(segment);
    else bySpan.set(segment.spanIndex, [segment]);
  }
  return bySpan;
}

function groupBySpan(segments: readonly CriticalPathSegment[]): Map<number, CriticalPathSegment[]> {
  const bySpan = new Map<number, CriticalPathSegment[]>();
  for (const segment of segments) {
    const list = bySpan.get(segment.spanIndex);
    if (list) list.push(segment);
    else bySpan.set(segment.spanIndex, [segment]);
  }
  return bySpan;
}
