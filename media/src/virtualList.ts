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
  /** Called once before a render fills rows (to compute what every row shares once per frame). */
  readonly beforeFill?: () => void;
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
  /** First row in view at the last render (to tell a scroll step from a jump). */
  private firstInView = -1;
  /** Which row index each pool slot shows (-1: none). */
  private slotIndex = new Int32Array(0);

  constructor(private readonly options: VirtualListOptions) {
    this.spacer = el('div', { className: 'spacer' });
    this.rowsLayer = el('div', { className: 'rows', attrs: { role: 'presentation' } });
    this.viewport = el(
      'div',
      { className: `viewport ${options.className}`, attrs: { role: 'grid', 'aria-label': options.ariaLabel, tabindex: '0' } },
      [this.spacer, this.rowsLayer],
    );
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
    if (this.frame === 0)
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
  }

  /**
   * Row `index` always lives in pool slot `index % pool.length` and is placed at its own offset, so while the
   * user scrolls only the rows that come into view are filled; the others keep their content and move with the
   * scrolled content (no DOM writes). `refresh()` (data changed) fills every slot again.
   *
   * A jump further than the overscan (dragging the scrollbar, Page Down held) would refill the whole pool, half
   * of it out of view: such a frame fills only the rows in view and leaves the pool's other rows alone (each
   * still shows its own row at its own offset, out of view, so nothing visible or announced is wrong). The
   * overscan is filled on the next frame the view holds still, where it serves slow scrolling again.
   */
  private render(): void {
    const { rowHeight } = this.options;
    const height = this.viewport.clientHeight || 600;
    const top = this.viewport.scrollTop;
    const firstInView = Math.floor(top / rowHeight);
    const lastInView = Math.min(this.count, Math.ceil((top + height) / rowHeight));
    const needed = Math.ceil(height / rowHeight) + 2 * OVERSCAN_ROWS + 1;
    if (this.pool.length < needed) {
      while (this.pool.length < needed) {
        const row = this.options.createRow();
        row.setAttribute('role', 'row');
        row.hidden = true;
        this.pool.push(row);
        this.rowsLayer.append(row);
      }
      this.slotIndex = new Int32Array(this.pool.length).fill(-1);
      this.firstRendered = -1;
    }
    const refill = this.firstRendered < 0;
    if (refill) this.slotIndex.fill(-1);
    const jumped = !refill && Math.abs(firstInView - this.firstInView) > OVERSCAN_ROWS;
    this.firstInView = firstInView;
    const first = jumped ? firstInView : Math.max(0, firstInView - OVERSCAN_ROWS);
    const last = jumped ? lastInView : Math.min(this.count, lastInView + OVERSCAN_ROWS);
    this.options.beforeFill?.();
    const size = this.pool.length;
    for (let index = first; index < last; index++) {
      const slot = index % size;
      const row = this.pool[slot]!;
      if (this.slotIndex[slot] === index) continue;
      this.slotIndex[slot] = index;
      row.style.transform = `translateY(${index * rowHeight}px)`;
      row.setAttribute('aria-rowindex', String(index + 1));
      this.options.renderRow(row, index);
      if (row.hidden) row.hidden = false;
    }
    if (jumped) {
      this.schedule(); // the overscan, once the view holds still
    } else {
      for (let slot = 0; slot < size; slot++) {
        const index = this.slotIndex[slot]!;
        if ((index < first || index >= last) && !this.pool[slot]!.hidden) {
          this.pool[slot]!.hidden = true;
          this.slotIndex[slot] = -1;
        } else if (index < 0 && !this.pool[slot]!.hidden) {
          this.pool[slot]!.hidden = true;
        }
      }
    }
    this.firstRendered = first;
  }

  /** Index of the first rendered row (for tests); -1 before the first render. */
  get firstRenderedRow(): number {
    return this.firstRendered;
  }
}
