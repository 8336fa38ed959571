/**
 * The viewer's layout and state: toolbar (tabs, search, filters, follow, counts), the trace list or operations
 * table on top, the waterfall and span details below. State the user made (selection, sort, filters, search,
 * collapsed spans, zoom) survives new data arriving in follow mode and is saved with the webview state.
 */
import { displayed } from '../../common/src/displayText';
import { ServiceColors } from './colors';
import type { OperationStats, TraceSummary, ViewerData } from './data';
import { CompareView } from './compareView';
import { DetailsPane } from './details';
import { el } from './dom';
import { counted } from './format';
import { OperationsTable } from './operations';
import { NO_TRACE_FILTER, TraceList, type TraceFilter, type TraceSortKey } from './traceList';
import { SYNTHETIC_ROOT, Waterfall } from './waterfall';

/** What is saved with `vscode.setState` and restored when VS Code re-creates the webview. */
export interface SavedViewState {
  readonly tab: 'traces' | 'operations';
  readonly sortKey: TraceSortKey;
  readonly descending: boolean;
  readonly filter: TraceFilter;
  readonly search: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly topPanePercent?: number;
}

export interface AppHost {
  setFollow(enabled: boolean): void;
  exportTrace(fileName: string, text: string): void;
  /** Ask the host for another trace file to read into this data set. */
  addFile(): void;
  saveState(state: SavedViewState): void;
}

/** Search runs after the user stops typing for this long (filtering 200,000 spans takes well under it). */
const SEARCH_DEBOUNCE_MS = 120;
/** From this many spans a trace's tree is built in a task before the one that draws it (see bigTreeToDraw). */
const BIG_TREE_SPANS = 20_000;

export class App {
  readonly root: HTMLElement;
  readonly traceList: TraceList;
  readonly waterfall: Waterfall;
  readonly details: DetailsPane;
  readonly operations: OperationsTable;
  readonly compare: CompareView;
  private readonly bottomPane = el('div', { className: 'bottom-pane' });
  private readonly colors = new ServiceColors();
  private readonly status = el('span', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly progress = el('div', { className: 'progress' });
  private readonly problemsButton = el('button', { className: 'problems', attrs: { 'aria-expanded': 'false' } });
  private readonly problemsList = el('ul', { className: 'plain problems' });
  private readonly problemsPanel = el(
    'div',
    { className: 'empty', attrs: { role: 'region', 'aria-label': 'Unreadable lines and files' } },
    [this.problemsList],
  );
  private readonly searchInput = el('input', {
    attrs: { type: 'search', placeholder: 'Search spans ( / )', 'aria-label': 'Search span names, services, IDs and attribute values' },
  });
  private readonly serviceSelect = el('select', { attrs: { 'aria-label': 'Filter traces by service' } });
  private readonly nameInput = el('input', {
    attrs: { type: 'search', placeholder: 'root name', 'aria-label': 'Filter traces by root span name' },
  });
  private readonly minDurationInput = el('input', {
    attrs: { type: 'number', min: '0', step: 'any', placeholder: '0', 'aria-label': 'Minimum trace duration in milliseconds' },
  });
  private readonly errorsOnly = el('input', { attrs: { type: 'checkbox', 'aria-label': 'Only traces with errors' } });
  private readonly addFileButton = el('button', {
    text: 'Add file…',
    title: 'Read another trace file into this viewer: its traces join the list (to compare a trace with one from another file)',
  });
  private readonly followButton = el('button', {
    text: 'Follow',
    className: 'follow',
    title: 'Follow the file: read what the exporter appends',
    attrs: { 'aria-pressed': 'false' },
  });
  private readonly tabTraces = el('button', { text: 'Traces', attrs: { role: 'tab', 'aria-selected': 'true', id: 'tab-traces' } });
  private readonly tabOperations = el('button', {
    text: 'Operations',
    attrs: { role: 'tab', 'aria-selected': 'false', id: 'tab-operations' },
  });
  private readonly topPane: HTMLElement;
  private readonly tracesPanel: HTMLElement;
  private data: ViewerData | undefined;
  private state: SavedViewState;
  private spanMatches: Uint8Array | undefined;
  private traceMatches: Uint32Array | undefined;
  /** Spans and traces the search box matches, shown in the status line while a search filters. */
  private searchCounts: { spans: number; traces: number } | undefined;
  private knownServices = '';
  private operationsVersion = -1;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private loading = new Map<number, { label: string; size: number; received: number }>();
  /** The trace and span saved with the webview state, until their spans arrive or the user picks another. */
  private pendingRestore: { traceId: string; spanId: string | undefined } | undefined;
  /** Span count of the trace drawn in the waterfall: follow mode re-draws it only when it grew. */
  private shownSpanCount = -1;
  /** Files the host could not read, and messages the viewer could not handle. */
  private readonly readErrors: string[] = [];

  constructor(
    private readonly host: AppHost,
    saved: SavedViewState | undefined,
  ) {
    this.state = saved ?? { tab: 'traces', sortKey: 'startNs', descending: false, filter: NO_TRACE_FILTER, search: '' };
    if (saved?.traceId) this.pendingRestore = { traceId: saved.traceId, spanId: saved.spanId };
    this.traceList = new TraceList({
      onSelect: (trace) => this.selectTrace(trace),
      onOpen: (trace) => {
        this.selectTrace(trace);
        this.waterfall.focus();
      },
      onSortChange: (sortKey, descending) => {
        this.save({ sortKey, descending });
        this.refreshList();
      },
    });
    this.traceList.setSort(this.state.sortKey, this.state.descending);
    this.waterfall = new Waterfall(this.colors, {
      onSelectSpan: (span) => this.showSpan(span),
      onExport: () => this.exportShownTrace(),
      onCompare: () => this.startComparison(),
    });
    this.compare = new CompareView(this.colors, { onClose: () => this.endComparison() });
    this.details = new DetailsPane({ onNavigate: (span) => this.navigateToSpan(span) });
    this.operations = new OperationsTable((op) => this.chooseOperation(op));

    this.tracesPanel = el('div', { className: 'table' }, [this.filterBar(), this.traceList.element]);
    this.topPane = el('div', { className: 'top-pane', attrs: { role: 'tabpanel' } }, [this.tracesPanel]);
    const splitter = el('div', {
      className: 'splitter',
      attrs: { role: 'separator', 'aria-orientation': 'horizontal', 'aria-label': 'Resize the trace list' },
    });
    this.enableSplitter(splitter);
    this.root = el('div', { className: 'app' }, [
      this.toolbar(),
      this.progress,
      el('div', { className: 'main' }, [this.topPane, splitter, this.bottomPane]),
    ]);
    this.bottomPane.append(this.waterfall.element, this.details.element);
    this.problemsPanel.hidden = true;
    this.problemsButton.hidden = true;
    this.root.insertBefore(this.problemsPanel, this.root.children[2]!);
    this.fillServiceOptions([]);
    this.restoreControls();
    document.addEventListener('keydown', (event) => this.onGlobalKey(event));
    new MutationObserver(() => {
      this.colors.themeChanged();
      this.redraw();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  /** A file starts (or restarts after rotation): shown in the progress line. */
  sourceStarted(id: number, label: string, size: number): void {
    this.loading.set(id, { label, size, received: 0 });
    this.renderStatus();
  }

  sourceProgress(id: number, received: number, done: boolean): void {
    const source = this.loading.get(id);
    if (!source) return;
    source.received = received;
    if (done) this.loading.delete(id);
    // Called for every slice of a big file: the status line (counts formatted for the locale) is redrawn a few
    // times a second, not hundreds of times.
    const now = performance.now();
    if (done || now - this.statusRenderedAt > 200) this.renderStatus();
  }
  private statusRenderedAt = -Infinity;

  setFollowing(enabled: boolean): void {
    this.followButton.setAttribute('aria-pressed', String(enabled));
  }

  /** Bytes were appended to a file (or it was rotated): following it matters now, so Follow stops being quiet. */
  fileGrew(): void {
    this.followButton.classList.add('live');
  }

  /** A file (or a message) could not be read: listed with the unreadable lines; everything else stays. */
  showReadError(label: string, message: string): void {
    this.readErrors.push(`${label}: ${message}`);
    this.renderProblems();
    if (this.problemsPanel.hidden) {
      this.problemsPanel.hidden = false;
      this.problemsButton.setAttribute('aria-expanded', 'true');
    }
  }

  /** New spans arrived (initial read or follow mode). Cheap enough to call once per animation frame. */
  dataChanged(data: ViewerData): void {
    this.data = data;
    // The data set works the sorted service names out once per snapshot (no set rebuilt over every trace here).
    const services = data.services();
    const serviceKey = services.join('\n');
    if (serviceKey !== this.knownServices) {
      this.knownServices = serviceKey;
      this.fillServiceOptions(services);
    }
    if (this.state.search) this.computeSearch(this.state.search);
    this.refreshList();
    if (this.compare.isOpen) this.compare.refresh(data);
    else this.restoreSelection();
    if (this.state.tab === 'operations') this.refreshOperations();
    this.renderStatus();
    this.renderProblems();
    this.explainEmptyFile();
  }

  /** A file read to its end without a single span: say so, and show why (the unreadable lines). */
  private explainEmptyFile(): void {
    const data = this.data;
    if (!data || this.loading.size > 0 || data.traces().length > 0) return;
    const bad = data.badLines().length;
    this.waterfall.clear(bad ? 'No traces could be read from this file: the unreadable lines above say why.' : 'This file holds no spans.');
    this.details.clear('No trace is shown.');
    if (bad && this.problemsPanel.hidden) {
      this.problemsPanel.hidden = false;
      this.problemsButton.setAttribute('aria-expanded', 'true');
    }
  }

  /** Runs the search box's text over every span now (the benchmark measures this). */
  runSearch(text: string): void {
    this.save({ search: text });
    this.computeSearch(text);
    this.refreshList();
    if (this.waterfall.traceIndex >= 0) this.waterfall.setSearch(this.spanMatches);
    this.showListedTrace();
  }

  /** After the user filtered or searched: if the shown trace left the list, show the first one listed. */
  private showListedTrace(): void {
    if (this.compare.isOpen) return; // the list picks trace B; a filter must not pick it instead
    const listed = this.traceList.displayed;
    if (this.waterfall.traceIndex >= 0 && listed.includes(this.waterfall.traceIndex)) return;
    if (listed.length > 0) this.selectTrace(listed[0]!);
    else if (this.data) {
      this.waterfall.clear('No trace matches the search and filters.');
      this.details.clear('No trace is shown.');
    }
  }

  /** Hands the shown trace (only what the search shows, while one filters) to the host to save. */
  private exportShownTrace(): void {
    const trace = this.waterfall.traceIndex;
    if (!this.data || trace < 0) return;
    const traceId = this.data.traces()[trace]?.traceId ?? 'trace';
    const filtered = this.spanMatches !== undefined;
    this.host.exportTrace(`${traceId}${filtered ? '-search' : ''}.otlp.jsonl`, `${this.data.exportTrace(trace, this.spanMatches)}\n`);
  }

  /** Compare: the shown trace becomes A, the bottom pane shows the comparison; the next trace picked is B. */
  private startComparison(): void {
    const data = this.data;
    const summary = data?.traces()[this.waterfall.traceIndex];
    if (!data || !summary) return;
    this.compare.open(data, summary);
    this.traceList.markComparedTrace(summary.index);
    this.bottomPane.replaceChildren(this.compare.element);
    this.traceList.focus();
  }

  /** Back to the waterfall, showing the trace picked last (B, or A when none was). */
  private endComparison(): void {
    this.compare.close();
    this.traceList.markComparedTrace(-1);
    this.bottomPane.replaceChildren(this.waterfall.element, this.details.element);
    const picked = this.traceList.selectedTrace;
    if (picked >= 0) this.selectTrace(picked);
  }

  private computeSearch(text: string): void {
    const data = this.data;
    if (!data || !text.trim()) {
      this.spanMatches = undefined;
      this.traceMatches = undefined;
      this.searchCounts = undefined;
      this.renderStatus();
      return;
    }
    const result = data.search(text.trim());
    this.spanMatches = result.spanFlags;
    this.traceMatches = result.matchesPerTrace;
    let traces = 0;
    for (const matches of result.matchesPerTrace) if (matches) traces++;
    this.searchCounts = { spans: result.matchCount, traces };
    this.renderStatus();
  }

  private refreshList(): void {
    if (!this.data) return;
    this.traceList.setLoading(this.loading.size > 0);
    this.traceList.update(this.data.traces(), this.state.filter, this.traceMatches);
  }

  /**
   * After new data: keep the shown trace (re-drawn only when it grew). A trace saved in the webview state is
   * restored as soon as its spans arrive (it may be in the last chunk of a big file), unless the user chose
   * another trace meanwhile; until then the first trace shown is displayed.
   */
  private restoreSelection(): void {
    const data = this.data!;
    const traces = data.traces();
    if (this.pendingRestore) {
      const saved = traces.findIndex((t) => t.traceId === this.pendingRestore!.traceId);
      if (saved >= 0) {
        const { spanId } = this.pendingRestore;
        this.pendingRestore = undefined;
        this.selectTrace(saved);
        const span = spanId ? data.findSpan(traces[saved]!.traceId, spanId) : -1;
        if (span >= 0) this.waterfall.selectSpan(span, true);
        return;
      }
    }
    let traceIndex = this.waterfall.traceIndex;
    if (traceIndex < 0 && this.traceList.displayed.length > 0) traceIndex = this.traceList.displayed[0]!;
    const summary = traces[traceIndex];
    if (!summary) return;
    this.traceList.select(traceIndex, false);
    // While the initial read goes on, the shown trace is drawn again only when it has doubled (and once more at
    // the end): drawing a trace costs its size, so redrawing a growing 100,000-span trace after every 4 MB chunk
    // made the load quadratic. Doubling keeps the total work within twice one drawing. Follow mode (appends
    // after the initial read) redraws whenever the trace grew, as before.
    const grew = this.shownSpanCount !== summary.spanCount;
    if (this.redrawDue(traceIndex, summary)) {
      this.shownSpanCount = summary.spanCount;
      this.waterfall.show(data, summary, this.spanMatches, this.loading.size > 0);
      // Details are never empty while a trace is shown: the root (often the Kubernetes request) to start with.
      if (!this.pendingRestore) this.waterfall.selectFirstRowIfNone(true);
    } else if (grew) {
      this.waterfall.showReadSoFar(summary.spanCount);
    }
  }

  /** Whether the shown trace is drawn again for this snapshot (see restoreSelection). */
  private redrawDue(traceIndex: number, summary: TraceSummary): boolean {
    const grew = this.shownSpanCount !== summary.spanCount;
    const readDone = this.loading.size === 0;
    return (
      this.waterfall.traceIndex !== traceIndex ||
      (readDone && this.waterfall.drawnWhileLoading) ||
      (grew && (readDone || summary.spanCount >= 2 * this.shownSpanCount))
    );
  }

  /**
   * The trace whose tree the next `dataChanged(data)` would build to draw the shown trace again, when that tree is
   * big (-1 otherwise): the page builds it in a task of its own first, so that building and drawing a 100,000-span
   * trace are two tasks (each under 100 ms) instead of one.
   */
  bigTreeToDraw(data: ViewerData): number {
    const traceIndex = this.waterfall.traceIndex;
    if (this.pendingRestore || this.compare.isOpen || traceIndex < 0) return -1;
    const summary = data.traces()[traceIndex];
    if (!summary || summary.spanCount < BIG_TREE_SPANS || !this.redrawDue(traceIndex, summary)) return -1;
    return traceIndex;
  }

  private selectTrace(traceIndex: number): void {
    const data = this.data;
    const summary = data?.traces()[traceIndex];
    if (!data || !summary) return;
    this.pendingRestore = undefined;
    this.traceList.select(traceIndex, false);
    if (this.compare.isOpen) {
      this.compare.compareWith(data, traceIndex);
      return;
    }
    if (this.waterfall.traceIndex !== traceIndex) {
      this.shownSpanCount = summary.spanCount;
      this.waterfall.show(data, summary, this.spanMatches, this.loading.size > 0);
      this.details.clear();
      this.save({ traceId: summary.traceId, spanId: undefined });
      this.waterfall.selectFirstRowIfNone(true);
    }
  }

  private showSpan(spanIndex: number): void {
    const data = this.data;
    if (!data) return;
    if (spanIndex === SYNTHETIC_ROOT) {
      this.details.showSyntheticRoot();
      return;
    }
    this.details.show(data, spanIndex);
    // The span the details pane just decoded: the data set keeps it, so this is not a second decode.
    const details = data.details(spanIndex);
    this.save({ spanId: details.spanId });
  }

  /** A same-file link: select its trace, then the span. */
  private navigateToSpan(spanIndex: number): void {
    const data = this.data;
    if (!data) return;
    const trace = data.traceOfSpan(spanIndex);
    if (this.traceMatches && !this.traceMatches[trace]) {
      this.searchInput.value = '';
      this.runSearch('');
    }
    this.selectTrace(trace);
    this.waterfall.selectSpan(spanIndex, true);
    this.waterfall.focus();
  }

  private chooseOperation(op: OperationStats): void {
    this.serviceSelect.value = op.service;
    this.setFilter({ service: op.service, name: '' });
    this.searchInput.value = op.name;
    this.runSearch(op.name);
    this.switchTab('traces');
  }

  private refreshOperations(): void {
    if (!this.data || this.operationsVersion === this.data.version) return;
    this.operationsVersion = this.data.version;
    this.operations.update(this.data.operations());
  }

  private redraw(): void {
    const data = this.data;
    const summary = data?.traces()[this.waterfall.traceIndex];
    if (data && summary) this.waterfall.show(data, summary, this.spanMatches, this.loading.size > 0);
  }

  private switchTab(tab: 'traces' | 'operations'): void {
    this.save({ tab });
    this.tabTraces.setAttribute('aria-selected', String(tab === 'traces'));
    this.tabOperations.setAttribute('aria-selected', String(tab === 'operations'));
    // Roving tabindex (WAI-ARIA tabs): Tab reaches the selected tab, arrows move between tabs.
    this.tabTraces.tabIndex = tab === 'traces' ? 0 : -1;
    this.tabOperations.tabIndex = tab === 'operations' ? 0 : -1;
    this.topPane.replaceChildren(tab === 'traces' ? this.tracesPanel : this.operations.element);
    this.topPane.setAttribute('aria-labelledby', tab === 'traces' ? 'tab-traces' : 'tab-operations');
    if (tab === 'operations') this.refreshOperations();
  }

  private toolbar(): HTMLElement {
    this.tabTraces.addEventListener('click', () => this.switchTab('traces'));
    this.tabOperations.addEventListener('click', () => this.switchTab('operations'));
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.runSearch(this.searchInput.value), SEARCH_DEBOUNCE_MS);
    });
    this.searchInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.searchTimer);
        this.runSearch(this.searchInput.value);
      }
      if (event.key === 'Escape') {
        this.searchInput.value = '';
        this.runSearch('');
        this.traceList.focus();
      }
    });
    this.serviceSelect.addEventListener('change', () => this.setFilter({ service: this.serviceSelect.value }));
    this.nameInput.addEventListener('input', () => this.setFilter({ name: this.nameInput.value }));
    this.minDurationInput.addEventListener('input', () =>
      this.setFilter({ minDurationMs: Math.max(0, Number(this.minDurationInput.value) || 0) }),
    );
    this.errorsOnly.addEventListener('change', () => this.setFilter({ errorsOnly: this.errorsOnly.checked }));
    this.addFileButton.addEventListener('click', () => this.host.addFile());
    this.followButton.addEventListener('click', () => this.host.setFollow(this.followButton.getAttribute('aria-pressed') !== 'true'));
    this.problemsButton.addEventListener('click', () => {
      this.problemsPanel.hidden = !this.problemsPanel.hidden;
      this.problemsButton.setAttribute('aria-expanded', String(!this.problemsPanel.hidden));
    });
    return el('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Trace viewer' } }, [
      this.tabList(),
      this.searchInput,
      el('span', { className: 'spacer' }),
      this.status,
      this.problemsButton,
      this.addFileButton,
      this.followButton,
    ]);
  }

  private tabList(): HTMLElement {
    const list = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Views' } }, [this.tabTraces, this.tabOperations]);
    list.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      const next = this.state.tab === 'traces' ? 'operations' : 'traces';
      this.switchTab(next);
      (next === 'traces' ? this.tabTraces : this.tabOperations).focus();
    });
    return list;
  }

  /** Filters of the trace list, shown above it. */
  private filterBar(): HTMLElement {
    return el('div', { className: 'toolbar filters', attrs: { role: 'group', 'aria-label': 'Filter traces' } }, [
      el('label', {}, ['service', this.serviceSelect]),
      el('label', {}, ['name', this.nameInput]),
      el('label', {}, ['min ms', this.minDurationInput]),
      el('label', {}, [this.errorsOnly, 'errors only']),
    ]);
  }

  private setFilter(change: Partial<TraceFilter>): void {
    this.save({ filter: { ...this.state.filter, ...change } });
    this.refreshList();
    this.showListedTrace();
  }

  private fillServiceOptions(services: readonly string[]): void {
    const options = [
      el('option', { text: 'all services', attrs: { value: '' } }),
      ...services.map((s) => el('option', { text: s, attrs: { value: s } })),
    ];
    this.serviceSelect.replaceChildren(...options);
    this.serviceSelect.value = this.state.filter.service;
  }

  private restoreControls(): void {
    const f = this.state.filter;
    this.nameInput.value = f.name;
    this.minDurationInput.value = f.minDurationMs ? String(f.minDurationMs) : '';
    this.errorsOnly.checked = f.errorsOnly;
    this.searchInput.value = this.state.search;
    if (this.state.topPanePercent) this.topPane.style.flexBasis = `${this.state.topPanePercent}%`;
    this.switchTab(this.state.tab);
  }

  private renderStatus(): void {
    this.statusRenderedAt = performance.now();
    const counts = this.data?.counts();
    const parts = counts
      ? [
          counted(counts.traces, 'trace'),
          counted(counts.spans, 'span'),
          counted(counts.services, 'service'),
          counted(counts.errorSpans, 'error span'),
        ]
      : [];
    if (this.searchCounts)
      parts.unshift(`search: ${counted(this.searchCounts.spans, 'matching span')} in ${counted(this.searchCounts.traces, 'trace')}`);
    let received = 0,
      size = 0;
    for (const source of this.loading.values()) {
      received += source.received;
      size += source.size;
    }
    if (this.loading.size) parts.push(`reading ${Math.floor((received / Math.max(1, size)) * 100)}%`);
    this.status.textContent = displayed(parts.join(' · ')) || 'Waiting for data…';
    this.progress.style.width = this.loading.size ? `${(received / Math.max(1, size)) * 100}%` : '0';
  }

  private renderProblems(): void {
    const bad = this.data?.badLines() ?? [];
    const errors = this.readErrors;
    this.problemsButton.hidden = bad.length === 0 && errors.length === 0;
    this.problemsButton.textContent = [
      bad.length ? counted(bad.length, 'unreadable line') : '',
      errors.length ? `${counted(errors.length, 'file')} not read` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const shown = Math.min(bad.length, 200) + errors.length;
    if (this.problemsList.childElementCount !== shown) {
      this.problemsList.replaceChildren(
        ...errors.map((text) => el('li', { text })),
        ...bad.slice(0, 200).map((b) => el('li', { text: `${b.file}:${b.line}: ${b.reason}` })),
      );
    }
  }

  private onGlobalKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (event.key === '/' && !typing) {
      event.preventDefault();
      this.searchInput.focus();
      this.searchInput.select();
    }
  }

  private enableSplitter(splitter: HTMLElement): void {
    splitter.addEventListener('pointerdown', (down) => {
      splitter.setPointerCapture(down.pointerId);
      const main = splitter.parentElement!;
      const move = (event: PointerEvent) => {
        const box = main.getBoundingClientRect();
        const percent = Math.min(85, Math.max(10, ((event.clientY - box.top) / box.height) * 100));
        this.topPane.style.flexBasis = `${percent}%`;
        this.save({ topPanePercent: Math.round(percent) });
      };
      const up = () => {
        splitter.removeEventListener('pointermove', move);
        splitter.removeEventListener('pointerup', up);
      };
      splitter.addEventListener('pointermove', move);
      splitter.addEventListener('pointerup', up);
    });
  }

  private save(change: Partial<SavedViewState>): void {
    this.state = { ...this.state, ...change };
    this.host.saveState(this.state);
  }
}
