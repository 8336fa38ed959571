/**
 * The span details pane: name, service, kind, status, duration, start offset, Kubernetes at a glance (verb,
 * resource, namespace, audit ID and the request's time breakdown), attributes, events on a time track and in a
 * list, links (same-file links navigate), resource and scope attributes, and where the span came from.
 */
import type { Attribute, AttributeValue } from '../../common/src/trace/types';
import { SpanKind, StatusCode } from '../../common/src/trace/types';
import type { KubernetesRequestInfo, RequestBreakdown, SpanDetails, ViewerData } from './data';
import { el } from './dom';
import { formatDuration, formatTimestamp } from './format';

const KIND_NAMES: Record<number, string> = {
  [SpanKind.Unspecified]: 'internal (unspecified)',
  [SpanKind.Internal]: 'internal',
  [SpanKind.Server]: 'server',
  [SpanKind.Client]: 'client',
  [SpanKind.Producer]: 'producer',
  [SpanKind.Consumer]: 'consumer',
};
const STATUS_NAMES: Record<number, string> = { [StatusCode.Unset]: 'unset', [StatusCode.Ok]: 'ok', [StatusCode.Error]: 'error' };

/** Breakdown parts in display order, with the theme colour each is drawn in. */
const BREAKDOWN_PARTS: readonly { key: keyof RequestBreakdown; label: string; color: string }[] = [
  { key: 'authenticationNs', label: 'authentication', color: 'var(--vscode-charts-blue, #1a85ff)' },
  { key: 'authorizationNs', label: 'authorization', color: 'var(--vscode-charts-purple, #652d90)' },
  { key: 'admissionWebhooksNs', label: 'admission webhooks', color: 'var(--vscode-charts-orange, #d18616)' },
  { key: 'storageNs', label: 'storage and etcd', color: 'var(--vscode-charts-green, #388a34)' },
  { key: 'serializationNs', label: 'serialization', color: 'var(--vscode-terminal-ansiCyan, #0598bc)' },
  { key: 'watchNs', label: 'serving a watch', color: 'var(--vscode-charts-yellow, #b89500)' },
  { key: 'otherNs', label: 'other', color: 'var(--vscode-descriptionForeground, #717171)' },
];

export interface DetailsCallbacks {
  /** A link to a span of the same data set was followed. */
  readonly onNavigate: (spanIndex: number) => void;
}

export class DetailsPane {
  readonly element: HTMLElement;

  constructor(private readonly callbacks: DetailsCallbacks) {
    this.element = el('aside', { className: 'details', attrs: { 'aria-label': 'Span details', tabindex: '-1' } });
    this.clear();
  }

  clear(message = 'Select a span to see its details.'): void {
    this.element.replaceChildren(el('p', { className: 'empty', text: message }));
  }

  showSyntheticRoot(): void {
    this.clear(
      'This row is not a span: it holds the spans whose parent span is not in the file (the parent was not exported, or is in a file not opened).',
    );
  }

  show(data: ViewerData, spanIndex: number): void {
    const span = data.details(spanIndex);
    const sections: HTMLElement[] = [
      el('h2', { text: span.name || '(no name)' }),
      keyValues([
        ['service', span.service],
        ['kind', KIND_NAMES[span.kind] ?? String(span.kind)],
        ['status', `${STATUS_NAMES[span.status.code] ?? span.status.code}${span.status.message ? `: ${span.status.message}` : ''}`],
        ['duration', formatDuration(span.durationNs)],
        ['start offset', formatDuration(span.startOffsetNs)],
        ['start', formatTimestamp(span.startNs)],
        ['span ID', span.spanId || '(empty)'],
        ['parent span ID', span.parentSpanId || '(root)'],
        ['trace ID', span.traceId || '(empty)'],
        ...(span.traceState ? [['trace state', span.traceState] as [string, string]] : []),
        ...(span.flags ? [['flags', `${span.flags} (0x${span.flags.toString(16)})`] as [string, string]] : []),
      ]),
    ];
    if (span.status.code === StatusCode.Error) sections[1]!.querySelector('dd[data-key="status"]')?.classList.add('errors');
    const kubernetes = data.kubernetesInfo(spanIndex);
    if (kubernetes) sections.push(kubernetesSection(kubernetes, data.requestBreakdown(spanIndex)));
    if (span.problems.length)
      sections.push(
        el('h3', { text: 'Problems' }),
        el(
          'ul',
          { className: 'plain problems' },
          span.problems.map((p) => el('li', { text: p })),
        ),
      );
    sections.push(
      el('h3', { text: `Attributes (${span.attributes.length}${dropped(span.droppedAttributesCount)})` }),
      attributeList(span.attributes),
    );
    sections.push(...this.eventsSection(span));
    sections.push(...this.linksSection(span));
    sections.push(
      el('h3', { text: `Resource (${span.resource.attributes.length}${dropped(span.resource.droppedAttributesCount)})` }),
      attributeList(span.resource.attributes),
      el('h3', { text: 'Instrumentation scope' }),
      keyValues([
        ['name', span.scope.name || '(none)'],
        ...(span.scope.version ? [['version', span.scope.version] as [string, string]] : []),
        ...(span.scope.schemaUrl ? [['schema URL', span.scope.schemaUrl] as [string, string]] : []),
      ]),
      attributeList(span.scope.attributes),
      el('h3', { text: 'Source' }),
      keyValues([['file', `${span.source.file}:${span.source.line}`]]),
    );
    this.element.replaceChildren(...sections);
    this.element.scrollTop = 0;
  }

  private eventsSection(span: SpanDetails): HTMLElement[] {
    const title = el('h3', { text: `Events (${span.events.length}${dropped(span.droppedEventsCount)})` });
    if (span.events.length === 0) return [title];
    const track = el('div', {
      className: 'event-track',
      attrs: { role: 'img', 'aria-label': `${span.events.length} events on the span's time axis` },
    });
    const duration = Math.max(1, span.durationNs);
    for (const event of span.events) {
      const mark = el('span', { className: 'tick-mark', title: `${formatDuration(event.offsetNs)}: ${event.name}` });
      mark.style.left = `${Math.min(100, Math.max(0, (event.offsetNs / duration) * 100))}%`;
      track.append(mark);
    }
    const list = el(
      'ul',
      { className: 'plain' },
      span.events.map((event) =>
        el('li', {}, [
          el('span', { className: 'muted', text: `+${formatDuration(event.offsetNs)} ` }),
          el('span', { text: event.name }),
          ...(event.attributes.length ? [attributeList(event.attributes)] : []),
        ]),
      ),
    );
    return [title, track, list];
  }

  private linksSection(span: SpanDetails): HTMLElement[] {
    const title = el('h3', { text: `Links (${span.links.length}${dropped(span.droppedLinksCount)})` });
    if (span.links.length === 0) return [title];
    const items = span.links.map((link) => {
      const target = el('button', {
        className: 'link-button',
        text: `${link.crossTrace ? 'other trace' : 'this trace'}: span ${link.spanId}`,
        title:
          link.linkedSpanIndex >= 0 ? 'Go to the linked span' : `Span ${link.spanId} of trace ${link.traceId} is not in the opened files`,
      });
      if (link.linkedSpanIndex >= 0) target.addEventListener('click', () => this.callbacks.onNavigate(link.linkedSpanIndex));
      else target.disabled = true;
      return el('li', {}, [
        target,
        el('div', {
          className: 'muted',
          text: `trace ${link.traceId}${link.type ? ` (${link.type})` : ''}${link.linkedSpanIndex < 0 ? ' · not in this file' : ''}`,
        }),
        ...(link.attributes.length ? [attributeList(link.attributes)] : []),
      ]);
    });
    return [title, el('ul', { className: 'plain' }, items)];
  }
}

function kubernetesSection(info: KubernetesRequestInfo, breakdown: RequestBreakdown | undefined): HTMLElement {
  const rows: [string, string][] = [['component', info.component]];
  const add = (label: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') rows.push([label, String(value)]);
  };
  add('verb', info.verb);
  add('resource', info.resource && info.subresource ? `${info.resource}/${info.subresource}` : info.resource);
  add('namespace', info.namespace);
  add('name', info.name);
  add('audit ID', info.auditId);
  add('HTTP', info.httpMethod && info.path ? `${info.httpMethod} ${info.path}` : (info.httpMethod ?? info.path));
  add('status code', info.statusCode);
  add('etcd key', info.etcdKey);
  add('RPC', info.rpcMethod && info.rpcStatus ? `${info.rpcMethod} → ${info.rpcStatus}` : info.rpcMethod);
  const children: HTMLElement[] = [el('h3', { text: 'Kubernetes' }), keyValues(rows)];
  if (breakdown && breakdown.totalNs > 0) {
    const bar = el('div', { className: 'breakdown', attrs: { role: 'img', 'aria-label': 'Where the request spent its time' } });
    const legend = el('dl', { className: 'kv' });
    for (const part of BREAKDOWN_PARTS) {
      const ns = breakdown[part.key];
      if (ns <= 0) continue;
      const piece = el('span', { title: `${part.label}: ${formatDuration(ns)}` });
      piece.style.width = `${(ns / breakdown.totalNs) * 100}%`;
      piece.style.background = part.color;
      bar.append(piece);
      const swatch = el('span', { className: 'swatch' });
      swatch.style.background = part.color;
      legend.append(
        el('dt', {}, [swatch, ` ${part.label}`]),
        el('dd', { text: `${formatDuration(ns)} (${((ns / breakdown.totalNs) * 100).toFixed(1)}%)` }),
      );
    }
    children.push(el('div', { className: 'muted', text: `Where the ${formatDuration(breakdown.totalNs)} went:` }), bar, legend);
  }
  return el('section', { className: 'k8s', attrs: { 'aria-label': 'Kubernetes request' } }, children);
}

function keyValues(rows: readonly (readonly [string, string])[]): HTMLElement {
  const list = el('dl', { className: 'kv' });
  for (const [key, value] of rows) list.append(el('dt', { text: key }), el('dd', { text: value, attrs: { 'data-key': key } }));
  return list;
}

function attributeList(attributes: readonly Attribute[]): HTMLElement {
  if (attributes.length === 0) return el('p', { className: 'muted', text: 'none' });
  return keyValues(attributes.map((a) => [a.key, formatValue(a.value)] as const));
}

/** Any AnyValue shape as text (arrays and kvlists as JSON-like text; big ints exact; bytes as base64). */
export function formatValue(value: AttributeValue): string {
  if (value === null) return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v)).join(', ')}]`;
  const record = value as { int?: string; bytes?: string; kvlist?: readonly Attribute[] };
  if (record.int !== undefined) return record.int;
  if (record.bytes !== undefined) return `base64:${record.bytes}`;
  if (record.kvlist) return `{${record.kvlist.map((kv) => `${kv.key}: ${formatValue(kv.value)}`).join(', ')}}`;
  return JSON.stringify(value);
}

function dropped(count: number): string {
  return count ? `, ${count} dropped` : '';
}
