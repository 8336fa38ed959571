/**
 * One row of the waterfall: the name cell (indent, twisty, service mark, name, error mark) and the timeline
 * cell (bar, duration, critical-path segments, event ticks of the selected span). Rows are reused by the
 * virtual list, so `fillWaterfallRow` sets everything a row shows, and sets only text (never markup).
 *
 * Scrolling fast (dragging the scrollbar) refills every visible row each frame. Each row remembers what it last
 * wrote to the DOM (`RowView`) and writes only what differs: neighbouring spans mostly share service, colour,
 * depth and duration text, and every write skipped is style recalculation, layout and paint not done. The
 * indent is the name cell's padding (one element fewer per row than an indent spacer).
 */
import { displayed } from '../../common/src/displayText';
import type { CriticalPathSegment, SpanDetails, TraceTree, ViewerData } from './data';
import type { ServiceColors } from './colors';
import { el } from './dom';
import { formatDuration } from './format';

/** The synthetic root (spans whose parent never arrived) has no span index; it is keyed by this. */
export const SYNTHETIC_ROOT = -1;
const INDENT_PX = 14;
const MAX_EVENT_MARKS = 24;
const MAX_CRITICAL_MARKS = 16;
/** Children of the timeline cell before the marks (bar, duration label). */
const FIXED_TIMELINE_CHILDREN = 2;

/** What a row needs to know about the waterfall it is in. */
export interface RowContext {
  readonly tree: TraceTree;
  readonly data: ViewerData;
  readonly colors: ServiceColors;
  readonly selectedRow: number;
  readonly collapsed: ReadonlySet<number>;
  /** Per tree row: 1 = matches the search, 2 = only leads to a match; undefined without search. */
  readonly searchState: Uint8Array | undefined;
  readonly critical: ReadonlyMap<number, readonly CriticalPathSegment[]>;
  /** The selected span's events (ticks on its bar), decoded once per selection, not once per row filled. */
  readonly selectedEvents: SpanDetails['events'];
  /** Visible time window in ns from the trace's start. */
  readonly fromNs: number;
  readonly widthNs: number;
}

interface Mark {
  readonly className: string;
  readonly left: number;
  readonly width: number;
  readonly title: string;
}

/** A row's elements and the last value written to each DOM property (undefined: never written). */
class RowView {
  readonly values = new Map<string, string | boolean>();
  constructor(
    readonly row: HTMLElement,
    readonly nameCell: HTMLElement,
    readonly twisty: HTMLElement,
    readonly mark: HTMLElement,
    readonly label: HTMLElement,
    readonly errorMark: HTMLElement,
    readonly timeline: HTMLElement,
    readonly bar: HTMLElement,
    readonly duration: HTMLElement,
  ) {}

  /** True (and remembered) when `value` differs from what was last written under `key`. */
  changed(key: string, value: string | boolean): boolean {
    if (this.values.get(key) === value) return false;
    this.values.set(key, value);
    return true;
  }

  attr(element: HTMLElement, key: string, name: string, value: string | undefined): void {
    if (!this.changed(key, value ?? '\u0000none')) return;
    if (value === undefined) element.removeAttribute(name);
    else element.setAttribute(name, displayed(value));
  }

  text(element: HTMLElement, key: string, value: string): void {
    if (this.changed(key, value)) element.textContent = displayed(value);
  }

  style(
    element: HTMLElement,
    key: string,
    property: 'left' | 'right' | 'width' | 'background' | 'color' | 'paddingLeft',
    value: string,
  ): void {
    if (this.changed(key, value)) element.style[property] = value;
  }

  title(element: HTMLElement, key: string, value: string): void {
    if (this.changed(key, value)) element.title = displayed(value);
  }

  toggle(element: HTMLElement, key: string, className: string, on: boolean): void {
    if (this.changed(key, on)) element.classList.toggle(className, on);
  }
}

const views = new WeakMap<HTMLElement, RowView>();

export function createWaterfallRow(onToggle: (treeRow: number) => void, onSelect: (treeRow: number) => void): HTMLElement {
  const twisty = el('span', { className: 'twisty', attrs: { 'aria-hidden': 'true' } });
  const mark = el('span', { className: 'svc-mark' });
  const label = el('span', { className: 'label' });
  const errorMark = el('span', { className: 'error-mark' });
  const name = el('span', { className: 'wf-name', attrs: { role: 'gridcell' } }, [twisty, mark, label, errorMark]);
  const bar = el('span', { className: 'wf-bar' });
  const duration = el('span', { className: 'wf-duration' });
  const timeline = el('span', { className: 'wf-timeline', attrs: { role: 'gridcell' } }, [bar, duration]);
  const row = el('div', { className: 'row wf-row' }, [name, timeline]);
  views.set(row, new RowView(row, name, twisty, mark, label, errorMark, timeline, bar, duration));
  const treeRow = () => Number(row.dataset['row']);
  twisty.addEventListener('click', (event) => {
    event.stopPropagation();
    onToggle(treeRow());
  });
  row.addEventListener('click', () => onSelect(treeRow()));
  row.addEventListener('dblclick', () => onToggle(treeRow()));
  return row;
}

export function fillWaterfallRow(row: HTMLElement, r: number, context: RowContext): void {
  const view = views.get(row);
  if (!view) throw new Error('fillWaterfallRow: the row was not made by createWaterfallRow');
  const { tree, data, colors, critical } = context;
  const span = tree.spans[r]!;
  const depth = tree.depths[r]!;
  view.attr(row, 'row', 'data-row', String(r));
  view.attr(row, 'selected', 'aria-selected', String(r === context.selectedRow));
  view.attr(row, 'level', 'aria-level', String(depth + 1));
  const hasChildren = tree.subtreeSizes[r]! > 0;
  const collapsed = context.collapsed.has(span);
  view.attr(row, 'expanded', 'aria-expanded', hasChildren ? String(!collapsed) : undefined);
  view.toggle(row, 'context', 'context', context.searchState !== undefined && context.searchState[r] === 2);

  const synthetic = span === SYNTHETIC_ROOT;
  const name = synthetic ? 'missing parent span (synthetic root)' : data.spanName(span) || '(no name)';
  const service = synthetic ? '' : data.spanService(span);
  const error = !synthetic && data.spanIsError(span);
  const start = tree.startOffsets[r]!;
  const end = tree.endOffsets[r]!;
  const durationText = formatDuration(end - start);
  const serviceColor = synthetic ? '' : colors.colorOf(service);
  view.style(view.nameCell, 'indent', 'paddingLeft', `${depth * INDENT_PX}px`);
  view.text(view.twisty, 'twisty', hasChildren ? (collapsed ? '\u25B8' : '\u25BE') : '');
  view.style(view.mark, 'markColor', 'background', synthetic ? 'transparent' : serviceColor);
  view.text(view.label, 'name', name);
  view.title(view.label, 'labelTitle', synthetic ? 'These spans name a parent span that is not in the file.' : `${service}: ${name}`);
  view.toggle(view.label, 'muted', 'muted', synthetic || name === '(no name)');
  view.text(view.errorMark, 'error', error ? '!' : '');
  view.title(view.errorMark, 'errorTitle', error ? 'status: error' : '');
  const segments = critical.get(span);
  view.toggle(row, 'critical', 'on-critical-path', segments !== undefined);
  view.attr(
    row,
    'ariaLabel',
    'aria-label',
    `${name}${service ? `, ${service}` : ''}${error ? ', error' : ''}, ${durationText}${segments ? ', on the critical path' : ''}`,
  );

  // Timeline: positions in % of the visible window.
  const from = context.fromNs;
  const width = context.widthNs;
  const left = ((start - from) / width) * 100;
  const right = ((end - from) / width) * 100;
  view.style(view.bar, 'barLeft', 'left', `${clampPercent(left)}%`);
  view.style(view.bar, 'barWidth', 'width', `${Math.max(0, clampPercent(right) - clampPercent(left))}%`);
  view.style(view.bar, 'barColor', 'background', synthetic ? 'var(--muted)' : serviceColor);
  view.toggle(view.bar, 'barError', 'error', error);
  view.text(view.duration, 'duration', durationText);
  // Right of the bar; left of it when the bar reaches the right edge; inside it when it spans nearly all.
  const placement = right <= 80 ? 'right' : left >= 15 ? 'left' : 'inside';
  view.toggle(view.duration, 'inside', 'inside', placement === 'inside');
  view.style(view.duration, 'durationColor', 'color', placement === 'inside' && !synthetic ? colors.textColorOn(service) : '');
  view.style(
    view.duration,
    'durationLeft',
    'left',
    placement === 'right'
      ? `calc(${clampPercent(right)}% + 4px)`
      : placement === 'inside'
        ? `calc(${Math.max(0, clampPercent(left))}% + 4px)`
        : '',
  );
  view.style(view.duration, 'durationRight', 'right', placement === 'left' ? `calc(${100 - clampPercent(left)}% + 4px)` : '');

  const marks: Mark[] = [];
  for (const segment of (segments ?? []).slice(0, MAX_CRITICAL_MARKS)) {
    const a = ((segment.startOffsetNs - from) / width) * 100;
    const b = ((segment.endOffsetNs - from) / width) * 100;
    marks.push({
      className: 'wf-crit',
      left: clampPercent(a),
      width: Math.max(0.1, clampPercent(b) - clampPercent(a)),
      title: `critical path: ${formatDuration(segment.endOffsetNs - segment.startOffsetNs)}`,
    });
  }
  // Event ticks on the selected span's bar (decoding every row's events would cost on each scroll frame).
  if (r === context.selectedRow && !synthetic) {
    const events = context.selectedEvents;
    for (let i = 0; i < events.length && i < MAX_EVENT_MARKS; i++) {
      const event = events[i]!;
      marks.push({
        className: 'wf-event',
        left: clampPercent(((start + event.offsetNs - from) / width) * 100),
        width: 0,
        title: `${formatDuration(event.offsetNs)}: ${event.name}`,
      });
    }
  }
  fillMarks(view, marks);
}

/** Critical segments and event ticks live after the timeline's fixed children; reused, surplus ones hidden. */
function fillMarks(view: RowView, marks: readonly Mark[]): void {
  const extra = view.timeline.children;
  // Most rows have no marks and had none: nothing to do.
  if (marks.length === 0 && extra.length === FIXED_TIMELINE_CHILDREN) return;
  for (let i = 0; i < marks.length; i++) {
    let element = extra[i + FIXED_TIMELINE_CHILDREN] as HTMLElement | undefined;
    if (!element) {
      element = el('span');
      view.timeline.append(element);
    }
    const m = marks[i]!;
    element.hidden = false;
    element.className = m.className;
    element.style.left = `${m.left}%`;
    element.style.width = m.className === 'wf-event' ? '' : `${m.width}%`;
    element.title = m.title;
  }
  for (let i = marks.length + FIXED_TIMELINE_CHILDREN; i < extra.length; i++) {
    const element = extra[i] as HTMLElement;
    if (!element.hidden) element.hidden = true;
  }
}

function clampPercent(value: number): number {
  return value < -1 ? -1 : value > 101 ? 101 : value;
}
