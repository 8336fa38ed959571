/**
 * The minimap above the waterfall: every shown span of the trace drawn on a canvas (one pass, rows bucketed to
 * pixel lines and touching rectangles merged, so 100,000 spans cost a few thousand draw calls), with a window for
 * the zoomed time range.
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

  constructor(
    private readonly colors: ServiceColors,
    private readonly onChange: (start: number, end: number) => void,
  ) {
    this.canvas = el('canvas', { attrs: { 'aria-hidden': 'true' } });
    this.window = el('div', { className: 'window whole' });
    this.element = el(
      'div',
      {
        className: 'minimap',
        title: 'Minimap: drag to zoom into a time range, drag the window to pan, double-click to reset',
        attrs: { role: 'slider', 'aria-label': 'Visible time range', tabindex: '0', 'aria-valuemin': '0', 'aria-valuemax': '100' },
      },
      [this.canvas, this.window],
    );
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
    const rowHeight = Math.max(1, Math.floor(height / count));
    const errorColor = getErrorColor();
    // Many rows share a pixel line (100,000 rows on 44 lines): rectangles of one colour that touch on a line are
    // merged into one, and a rectangle a pixel or two wide whose pixels already have its colour is skipped. So
    // the canvas gets a few thousand fillRect calls at most, whatever the span count (was one per span).
    // Colour id per pixel of the current line (bytes: filling a line's range is a memset); 255 = unknown.
    const painted = new Uint8Array(width).fill(255);
    const colorIds = new Map<string, number>();
    let line = -1;
    let runColor = '';
    let runX0 = 0;
    let runX1 = 0;
    const flush = () => {
      if (runX1 <= runX0) return;
      context.fillStyle = runColor;
      context.fillRect(runX0, line, runX1 - runX0, rowHeight);
      runX1 = runX0;
    };
    for (let i = 0; i < count; i++) {
      const r = rows[i]!;
      const span = tree.spans[r]!;
      const color = span < 0 ? 'gray' : data.spanIsError(span) ? errorColor : this.colors.canvasColorOf(data.spanService(span));
      let id = colorIds.get(color);
      if (id === undefined) colorIds.set(color, (id = Math.min(254, colorIds.size)));
      const y = Math.floor((i / count) * height);
      if (y !== line) {
        flush();
        line = y;
        painted.fill(255);
      }
      const x0 = Math.max(0, Math.min(width - 1, Math.floor((tree.startOffsets[r]! / traceEndNs) * width)));
      const x1 = Math.max(x0 + 1, Math.min(width, Math.ceil((tree.endOffsets[r]! / traceEndNs) * width)));
      if (x1 - x0 <= 2 && id < 254 && painted[x0] === id && painted[x1 - 1] === id) continue; // 254: colours past the 254th
      if (color === runColor && x0 <= runX1 && runX1 > runX0) runX1 = Math.max(runX1, x1);
      else {
        flush();
        runColor = color;
        runX0 = x0;
        runX1 = x1;
      }
      painted.fill(id, x0, x1);
    }
    flush();
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
      case '+':
      case '=':
        next = width / 2;
        start = centre - next / 2;
        break;
      case '-':
        next = Math.min(1, width * 2);
        start = centre - next / 2;
        break;
      case 'ArrowLeft':
        start = this.start - width / 4;
        break;
      case 'ArrowRight':
        start = this.start + width / 4;
        break;
      case '0':
        start = 0;
        next = 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    start = Math.min(1 - next, Math.max(0, start));
    this.onChange(start, start + next);
  }
}

function getErrorColor(): string {
  return getComputedStyle(document.body).getPropertyValue('--vscode-errorForeground').trim() || '#e51400';
}
