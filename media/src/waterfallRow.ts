/**
 * One row of the waterfall: the name cell (indent, twisty, service mark, name, error mark) and the timeline
 * cell (bar, duration, critical-path segments, event ticks of the selected span). Rows are reused by the
 * virtual list, so `fillWaterfallRow` overwrites everything it sets, and sets only text (never markup).
 */
import type { CriticalPathSegment, TraceTree, ViewerData } from './data';
import type { ServiceColors } from './colors';
import { el, setText } from './dom';
import { formatDuration } from './format';

/** The synthetic root (spans whose parent never arrived) has no span index; it is keyed by this. */
export const SYNTHETIC_ROOT = -1;
const INDENT_PX = 14;
const MAX_EVENT_MARKS = 24;
const MAX_CRITICAL_MARKS = 16;

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
  /** Visible time window in ns from the trace's start. */
  readonly fromNs: number;
  readonly widthNs: number;
}

export function createWaterfallRow(onToggle: (treeRow: number) => void, onSelect: (treeRow: number) => void): HTMLElement {
  const twisty = el('span', { className: 'twisty', attrs: { 'aria-hidden': 'true' } });
  const indent = el('span', { attrs: { 'aria-hidden': 'true' } });
  const name = el('span', { className: 'wf-name', attrs: { role: 'gridcell' } }, [
    indent,
    twisty,
    el('span', { className: 'svc-mark' }),
    el('span', { className: 'label' }),
    el('span', { className: 'error-mark' }),
  ]);
  const timeline = el('span', { className: 'wf-timeline', attrs: { role: 'gridcell' } }, [
    el('span', { className: 'wf-bar' }),
    el('span', { className: 'wf-duration' }),
  ]);
  const row = el('div', { className: 'row wf-row' }, [name, timeline]);
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
  const { tree, data, colors, critical } = context;
  const span = tree.spans[r]!;
  row.dataset['row'] = String(r);
  row.setAttribute('aria-selected', String(r === context.selectedRow));
  row.setAttribute('aria-level', String(tree.depths[r]! + 1));
  const hasChildren = tree.subtreeSizes[r]! > 0;
  const collapsed = context.collapsed.has(span);
  if (hasChildren) row.setAttribute('aria-expanded', String(!collapsed));
  else row.removeAttribute('aria-expanded');
  row.classList.toggle('context', context.searchState !== undefined && context.searchState[r] === 2);

  const synthetic = span === SYNTHETIC_ROOT;
  const name = synthetic ? 'missing parent span (synthetic root)' : data.spanName(span) || '(no name)';
  const service = synthetic ? '' : data.spanService(span);
  const error = !synthetic && data.spanIsError(span);
  const [nameCell, timelineCell] = row.children as unknown as [HTMLElement, HTMLElement];
  const [indent, twisty, mark, label, errorMark] = nameCell.children as unknown as HTMLElement[];
  indent!.style.width = `${tree.depths[r]! * INDENT_PX}px`;
  indent!.style.flex = `0 0 ${tree.depths[r]! * INDENT_PX}px`;
  setText(twisty!, hasChildren ? (collapsed ? '\u25B8' : '\u25BE') : '');
  mark!.style.background = synthetic ? 'transparent' : colors.colorOf(service);
  setText(label!, name);
  label!.title = synthetic ? 'These spans name a parent span that is not in the file.' : `${service}: ${name}`;
  label!.classList.toggle('muted', synthetic || name === '(no name)');
  setText(errorMark!, error ? '!' : '');
  errorMark!.title = error ? 'status: error' : '';
  row.setAttribute('aria-label', `${name}${service ? `, ${service}` : ''}${error ? ', error' : ''}, ${formatDuration(tree.endOffsets[r]! - tree.startOffsets[r]!)}${critical.has(span) ? ', on the critical path' : ''}`);

  // Timeline: positions in % of the visible window.
  const from = context.fromNs;
  const width = context.widthNs;
  const start = tree.startOffsets[r]!;
  const end = tree.endOffsets[r]!;
  const left = ((start - from) / width) * 100;
  const right = ((end - from) / width) * 100;
  const bar = timelineCell.children[0] as HTMLElement;
  const durationLabel = timelineCell.children[1] as HTMLElement;
  bar.style.left = `${clampPercent(left)}%`;
  bar.style.width = `${Math.max(0, clampPercent(right) - clampPercent(left))}%`;
  bar.style.background = synthetic ? 'var(--muted)' : colors.colorOf(service);
  bar.classList.toggle('error', error);
  const segments = critical.get(span);
  setText(durationLabel, formatDuration(end - start));
  // Right of the bar; left of it when the bar reaches the right edge; inside it when it spans nearly all.
  const placement = right <= 80 ? 'right' : left >= 15 ? 'left' : 'inside';
  durationLabel.classList.toggle('inside', placement === 'inside');
  durationLabel.style.left = placement === 'right' ? `calc(${clampPercent(right)}% + 4px)` : placement === 'inside' ? `calc(${Math.max(0, clampPercent(left))}% + 4px)` : '';
  durationLabel.style.right = placement === 'left' ? `calc(${100 - clampPercent(left)}% + 4px)` : '';

  // Extra marks (critical segments, events) live after the two fixed children; reuse them.
  const marks: { className: string; left: number; width: number; title: string }[] = [];
  for (const segment of (segments ?? []).slice(0, MAX_CRITICAL_MARKS)) {
    const a = ((segment.startOffsetNs - from) / width) * 100;
    const b = ((segment.endOffsetNs - from) / width) * 100;
    marks.push({ className: 'wf-crit', left: clampPercent(a), width: Math.max(0.1, clampPercent(b) - clampPercent(a)), title: `critical path: ${formatDuration(segment.endOffsetNs - segment.startOffsetNs)}` });
  }
  // Event ticks on the selected span's bar (decoding every row's events would cost on each scroll frame).
  if (r === context.selectedRow && !synthetic) {
    const events = data.details(span).events;
    for (let i = 0; i < events.length && i < MAX_EVENT_MARKS; i++) {
      const event = events[i]!;
      marks.push({ className: 'wf-event', left: clampPercent(((start + event.offsetNs - from) / width) * 100), width: 0, title: `${formatDuration(event.offsetNs)}: ${event.name}` });
    }
  }
  const extra = timelineCell.children;
  for (let i = 0; i < marks.length; i++) {
    let element = extra[i + 2] as HTMLElement | undefined;
    if (!element) {
      element = el('span');
      timelineCell.append(element);
    }
    const m = marks[i]!;
    element.hidden = false;
    element.className = m.className;
    element.style.left = `${m.left}%`;
    element.style.width = m.className === 'wf-event' ? '' : `${m.width}%`;
    element.title = m.title;
  }
  for (let i = marks.length + 2; i < extra.length; i++) (extra[i] as HTMLElement).hidden = true;
}

function clampPercent(value: number): number {
  return value < -1 ? -1 : value > 101 ? 101 : value;
}
