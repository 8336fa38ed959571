/**
 * A virtualized list: a tall spacer gives the scrollbar its size and only the rows in view (plus a small margin)
 * exist in the DOM, reused as the user scrolls. This is what lets a 100,000-span waterfall scroll at full frame
 * rate: each frame touches ~50 rows, whatever the row count.
 */
import { el } from './dom';

export interface VirtualListOptions {
  readonly rowHeight: number;
  readonly className: string;
  readonly ariaLabel: string;
  /** Fills a (reused) row element for row `index`. */
  readonly renderRow: (row: HTMLElement, index: number) => void;
  /** Creates an empty row element (called only when more rows are needed). */
  readonly createRow: () => HTMLElement;
}

const OVERSCAN_ROWS = 8;

export class VirtualList {
  readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rowsLayer: HTMLDivElement;
  private readonly pool: HTMLElement[] = [];
  private count = 0;
  private frame = 0;
  private firstRendered = -1;

  constructor(private readonly options: VirtualListOptions) {
    this.spacer = el('div', { className: 'spacer' });
    this.rowsLayer = el('div', { className: 'rows', attrs: { role: 'presentation' } });
    this.viewport = el('div', { className: `viewport ${options.className}`, attrs: { role: 'grid', 'aria-label': options.ariaLabel, tabindex: '0' } }, [this.spacer, this.rowsLayer]);
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  get rowCount(): number {
    return this.count;
  }

  setRowCount(count: number): void {
    this.count = count;
    this.viewport.setAttribute('aria-rowcount', String(count));
    this.spacer.style.height = `${count * this.options.rowHeight}px`;
    this.refresh();
  }

  /** Re-renders the visible rows (data changed, same count). */
  refresh(): void {
    this.firstRendered = -1;
    this.schedule();
  }

  /** Renders now (tests and benchmarks measure this path too). */
  renderNow(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render();
  }

  scrollToRow(index: number): void {
    const top = index * this.options.rowHeight;
    const bottom = top + this.options.rowHeight;
    const view = this.viewport;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (bottom > view.scrollTop + view.clientHeight) view.scrollTop = bottom - view.clientHeight;
    this.schedule();
  }

  /** Rows that fit in the viewport, for Page Up/Down. */
  get pageRows(): number {
    return Math.max(1, Math.floor(this.viewport.clientHeight / this.options.rowHeight) - 1);
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  private render(): void {
    const { rowHeight } = this.options;
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / rowHeight) - OVERSCAN_ROWS);
    const last = Math.min(this.count, Math.ceil((this.viewport.scrollTop + height) / rowHeight) + OVERSCAN_ROWS);
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) {
      const row = this.options.createRow();
      row.setAttribute('role', 'row');
      this.pool.push(row);
      this.rowsLayer.append(row);
    }
    for (let i = 0; i < this.pool.length; i++) {
      const row = this.pool[i]!;
      if (i < needed) {
        const index = first + i;
        if (row.hidden) row.hidden = false;
        row.setAttribute('aria-rowindex', String(index + 1));
        this.options.renderRow(row, index);
      } else if (!row.hidden) {
        row.hidden = true;
      }
    }
    this.rowsLayer.style.transform = `translateY(${first * rowHeight}px)`;
    this.firstRendered = first;
  }

  /** Index of the first rendered row (for tests); -1 before the first render. */
  get firstRenderedRow(): number {
    return this.firstRendered;
  }
}
