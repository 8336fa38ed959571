/**
 * The minimap above the waterfall: every shown span of the trace drawn on a canvas (one pass, rows bucketed to
 * pixel lines, so 100,000 spans draw in a few milliseconds), with a window for the zoomed time range.
 * Drag across it to zoom, drag the window to pan, double-click to see the whole trace again.
 */
import type { TraceTree, ViewerData } from './data';
import type { ServiceColors } from './colors';
import { el } from './dom';

/** Below this many pixels a drag is a click: the window moves to centre there instead. */
const DRAG_THRESHOLD_PX = 3;

export class Minimap {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly window: HTMLElement;
  private start = 0;
  private end = 1;

  constructor(private readonly colors: ServiceColors, private readonly onChange: (start: number, end: number) => void) {
    this.canvas = el('canvas', { attrs: { 'aria-hidden': 'true' } });
    this.window = el('div', { className: 'window whole' });
    this.element = el('div', {
      className: 'minimap',
      title: 'Minimap: drag to zoom into a time range, drag the window to pan, double-click to reset',
      attrs: { role: 'slider', 'aria-label': 'Visible time range', tabindex: '0', 'aria-valuemin': '0', 'aria-valuemax': '100' },
    }, [this.canvas, this.window]);
    this.element.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.element.addEventListener('dblclick', () => this.onChange(0, 1));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  clear(): void {
    const context = this.canvas.getContext('2d');
    context?.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.setWindow(0, 1);
  }

  draw(data: ViewerData, tree: TraceTree, rows: Int32Array, traceEndNs: number): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round((this.element.clientWidth || 800) * ratio));
    const height = Math.max(1, Math.round((this.element.clientHeight || 44) * ratio));
    this.canvas.width = width;
    this.canvas.height = height;
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, width, height);
    const count = rows.length;
    if (count === 0) return;
    const rowHeight = Math.max(1, height / count);
    const errorColor = getErrorColor();
    let lastColor = '';
    for (let i = 0; i < count; i++) {
      const r = rows[i]!;
      const span = tree.spans[r]!;
      const color = span < 0 ? 'gray' : data.spanIsError(span) ? errorColor : this.colors.canvasColorOf(data.spanService(span));
      if (color !== lastColor) {
        context.fillStyle = color;
        lastColor = color;
      }
      const x = (tree.startOffsets[r]! / traceEndNs) * width;
      const w = Math.max(1, ((tree.endOffsets[r]! - tree.startOffsets[r]!) / traceEndNs) * width);
      context.fillRect(x, Math.floor((i / count) * height), w, Math.max(1, Math.floor(rowHeight)));
    }
  }

  setWindow(start: number, end: number): void {
    this.start = start;
    this.end = end;
    this.window.style.left = `${start * 100}%`;
    this.window.style.width = `${(end - start) * 100}%`;
    this.window.classList.toggle('whole', start <= 0 && end >= 1);
    this.element.setAttribute('aria-valuenow', String(Math.round(start * 100)));
    this.element.setAttribute('aria-valuetext', `${Math.round(start * 100)}% to ${Math.round(end * 100)}% of the trace`);
  }

  private fractionAt(clientX: number): number {
    const box = this.element.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - box.left) / Math.max(1, box.width)));
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    this.element.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const origin = this.fractionAt(startX);
    const panning = event.target === this.window && !this.window.classList.contains('whole');
    const initial = { start: this.start, end: this.end };
    const move = (e: PointerEvent): void => {
      const here = this.fractionAt(e.clientX);
      if (panning) {
        const width = initial.end - initial.start;
        const start = Math.min(1 - width, Math.max(0, initial.start + here - origin));
        this.onChange(start, start + width);
      } else if (Math.abs(e.clientX - startX) >= DRAG_THRESHOLD_PX) {
        this.onChange(Math.min(origin, here), Math.max(origin, here));
      }
    };
    const up = (e: PointerEvent): void => {
      this.element.removeEventListener('pointermove', move);
      this.element.removeEventListener('pointerup', up);
      if (!panning && Math.abs(e.clientX - startX) < DRAG_THRESHOLD_PX && !(this.start <= 0 && this.end >= 1)) {
        const width = this.end - this.start;
        const start = Math.min(1 - width, Math.max(0, origin - width / 2));
        this.onChange(start, start + width);
      }
    };
    this.element.addEventListener('pointermove', move);
    this.element.addEventListener('pointerup', up);
  }

  /** Keyboard: +/- zoom around the centre, arrows pan, 0 resets. */
  private onKey(event: KeyboardEvent): void {
    const width = this.end - this.start;
    const centre = (this.start + this.end) / 2;
    let start = this.start;
    let next = width;
    switch (event.key) {
      case '+': case '=': next = width / 2; start = centre - next / 2; break;
      case '-': next = Math.min(1, width * 2); start = centre - next / 2; break;
      case 'ArrowLeft': start = this.start - width / 4; break;
      case 'ArrowRight': start = this.start + width / 4; break;
      case '0': start = 0; next = 1; break;
      default: return;
    }
    event.preventDefault();
    start = Math.min(1 - next, Math.max(0, start));
    this.onChange(start, start + next);
  }
}

function getErrorColor(): string {
  return getComputedStyle(document.body).getPropertyValue('--vscode-errorForeground').trim() || '#e51400';
}
