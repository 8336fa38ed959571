/**
 * The operations table: spans aggregated by service and span name across the whole data set (count, errors,
 * p50, p95, max). Answers "which requests are slow"; choosing a row filters the trace list to that operation.
 */
import { displayed } from '../../common/src/displayText';
import type { OperationStats } from './data';
import { el, setText } from './dom';
import { formatCount, formatDuration } from './format';
import { VirtualList } from './virtualList';

type OperationKey = 'service' | 'name' | 'count' | 'errorCount' | 'p50Ns' | 'p95Ns' | 'maxNs';

const COLUMNS: readonly { key: OperationKey; label: string; numeric: boolean }[] = [
  { key: 'service', label: 'Service', numeric: false },
  { key: 'name', label: 'Operation', numeric: false },
  { key: 'count', label: 'Count', numeric: true },
  { key: 'errorCount', label: 'Errors', numeric: true },
  { key: 'p50Ns', label: 'p50', numeric: true },
  { key: 'p95Ns', label: 'p95', numeric: true },
  { key: 'maxNs', label: 'Max', numeric: true },
];

export class OperationsTable {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly list: VirtualList;
  private rows: OperationStats[] = [];
  private sortKey: OperationKey = 'p95Ns';
  private descending = true;
  private selected = -1;

  constructor(private readonly onChoose: (operation: OperationStats) => void) {
    this.header = el('div', { className: 'table-header ops-grid', attrs: { role: 'row' } });
    for (const column of COLUMNS) {
      const cell = el('span', {
        className: column.numeric ? 'num' : '',
        text: column.label,
        attrs: { role: 'columnheader', 'data-key': column.key },
      });
      cell.addEventListener('click', () => {
        if (this.sortKey === column.key) this.descending = !this.descending;
        else {
          this.sortKey = column.key;
          this.descending = column.numeric;
        }
        this.sort();
      });
      this.header.append(cell);
    }
    this.list = new VirtualList({
      rowHeight: 22,
      className: 'operations',
      ariaLabel: 'Operations by service and span name',
      createRow: () => {
        const row = el('div', { className: 'row table-row ops-grid' });
        for (const column of COLUMNS) row.append(el('span', { className: column.numeric ? 'num' : '', attrs: { role: 'gridcell' } }));
        row.addEventListener('click', () => this.choose(Number(row.dataset['index'])));
        return row;
      },
      renderRow: (row, index) => this.renderRow(row, index),
    });
    this.list.viewport.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.selected = Math.min(this.rows.length - 1, Math.max(0, this.selected + (event.key === 'ArrowDown' ? 1 : -1)));
        this.list.scrollToRow(this.selected);
        this.list.refresh();
      } else if (event.key === 'Enter' && this.selected >= 0) this.choose(this.selected);
    });
    this.element = el('div', { className: 'table' }, [this.header, this.list.viewport]);
  }

  update(operations: readonly OperationStats[]): void {
    this.rows = [...operations];
    this.sort();
  }

  focus(): void {
    this.list.viewport.focus();
  }

  private sort(): void {
    const key = this.sortKey;
    const sign = this.descending ? -1 : 1;
    this.rows.sort((a, b) => {
      const x = a[key],
        y = b[key];
      return sign * (typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number));
    });
    for (const cell of this.header.children) {
      const cellKey = (cell as HTMLElement).dataset['key'];
      cell.setAttribute('aria-sort', cellKey === key ? (this.descending ? 'descending' : 'ascending') : 'none');
    }
    this.list.setRowCount(this.rows.length);
  }

  private choose(index: number): void {
    const operation = this.rows[index];
    if (!operation) return;
    this.selected = index;
    this.list.refresh();
    this.onChoose(operation);
  }

  private renderRow(row: HTMLElement, index: number): void {
    const op = this.rows[index];
    if (!op) return;
    row.dataset['index'] = String(index);
    row.setAttribute('aria-selected', String(index === this.selected));
    const cells = row.children;
    setText(cells[0]!, op.service);
    setText(cells[1]!, op.name);
    (cells[1] as HTMLElement).title = displayed(`${op.service}: ${op.name}`);
    setText(cells[2]!, formatCount(op.count));
    setText(cells[3]!, op.errorCount ? formatCount(op.errorCount) : '');
    cells[3]!.className = op.errorCount ? 'num errors' : 'num';
    setText(cells[4]!, formatDuration(op.p50Ns));
    setText(cells[5]!, formatDuration(op.p95Ns));
    setText(cells[6]!, formatDuration(op.maxNs));
  }
}
