/**
 * Completions in a TracingConfiguration and in the kubelet's `tracing:` block: the fields not yet set, the
 * apiVersions the version in force serves (newest first), the kind, and value hints for the endpoint and the
 * sampling rate that the validator (component-base tracing/api/v1/config.go) accepts.
 */
import { isMap, isPair, isScalar, type Pair } from 'yaml';
import { describeVersionSource, type KubernetesVersionInForce } from '../../versions';
import type { Cursor } from '../cursor';
import type { CompletionItem, Range } from '../types';
import { fieldFact, servedApiVersions, TRACING_FIELDS, TRACING_KIND } from './facts';

export interface TracingCompletionInput {
  cursor: Cursor;
  version: KubernetesVersionInForce;
  component: 'kube-apiserver' | 'kubelet';
  /** The range the completion replaces (the cursor's `replace` offsets, as a Range). */
  range: Range;
  /** A JSON file: keys and string values are written with double quotes. */
  json?: boolean;
}

/** Field names at `new-key`/`key`, value hints at `value`; empty when the cursor is elsewhere. */
export function tracingCompletions(input: TracingCompletionInput): CompletionItem[] {
  const { cursor } = input;
  const items =
    cursor.place === 'new-key' || cursor.place === 'key'
      ? fieldItems(input)
      : cursor.place === 'value'
        ? valueItems(String(cursor.path.at(-1) ?? ''), input)
        : [];
  return items.map((item) => quoted(item, input));
}

/**
 * The replaced scalar's quotes are part of the range: a quoted (or JSON) string value or key is inserted quoted
 * again, so completing inside `"apiVersion": "|"` keeps valid JSON. Numbers stay bare.
 */
function quoted(item: CompletionItem, { cursor, json }: TracingCompletionInput): CompletionItem {
  const style = cursor.scalar?.type;
  const quote = style === 'QUOTE_DOUBLE' || (json && style !== 'QUOTE_SINGLE') ? '"' : style === 'QUOTE_SINGLE' ? "'" : '';
  if (!quote) return item;
  if (item.kind === 'field') {
    // `"name": value` with the value quoted when it is a string placeholder.
    const [name, ...rest] = item.insertText.split(': ');
    const value = rest.join(': ');
    const jsonValue = value === '' || /^\$\{1:-?\d+\}$/.test(value) ? value : `"${value}"`;
    return { ...item, insertText: `${quote}${name}${quote}${value === '' ? '' : `: ${jsonValue}`}` };
  }
  if (item.kind === 'value' && /^-?\d+$/.test(item.insertText)) return item;
  return { ...item, insertText: `${quote}${item.insertText}${quote}` };
}

function presentKeys(cursor: Cursor): Set<string> {
  const keys = new Set<string>();
  if (!isMap(cursor.map)) return keys;
  for (const item of cursor.map.items) {
    if (!isPair(item) || !isScalar((item as Pair).key)) continue;
    const key = (item as Pair<{ value: unknown }>).key;
    if (key !== cursor.scalar) keys.add(String(key.value));
  }
  return keys;
}

function fieldItems({ cursor, version, component, range }: TracingCompletionInput): CompletionItem[] {
  const present = presentKeys(cursor);
  // On a key that already has a value (`samp|: 5`), only the name is replaced.
  const keyHasValue =
    cursor.place === 'key' &&
    cursor.map?.items.some(
      (item) => isPair(item) && item.key === cursor.scalar && item.value !== null && !(isScalar(item.value) && item.value.value === null),
    );
  const fields = TRACING_FIELDS.filter(
    (field) => !present.has(field.name) && (component === 'kube-apiserver' || (field.name !== 'apiVersion' && field.name !== 'kind')),
  );
  return fields.map((field, index) => {
    const valueSnippet = keyHasValue ? '' : `: ${defaultValueSnippet(field.name, version)}`;
    return {
      label: field.name,
      kind: 'field',
      detail: field.goType,
      documentation: field.description,
      insertText: `${field.name}${valueSnippet}`,
      isSnippet: !keyHasValue,
      range,
      sortText: String(index).padStart(2, '0'),
    };
  });
}

/** The value inserted with a field name: the newest served apiVersion, the kind, or a placeholder. */
function defaultValueSnippet(field: string, version: KubernetesVersionInForce): string {
  switch (field) {
    case 'apiVersion':
      return `\${1:${servedApiVersions(version.version)[0]?.apiVersion ?? ''}}`;
    case 'kind':
      return TRACING_KIND;
    case 'endpoint':
      return '${1:localhost:4317}';
    case 'samplingRatePerMillion':
      return '${1:100}';
    default:
      return '$1';
  }
}

function valueItems(field: string, { version, component, range }: TracingCompletionInput): CompletionItem[] {
  if (field === 'apiVersion' && component === 'kube-apiserver') {
    return servedApiVersions(version.version).map((fact, index) => ({
      label: fact.apiVersion,
      kind: 'api-version',
      detail: `served from Kubernetes ${fact.servedFrom}`,
      documentation: `Served by ${describeVersionSource(version, 'markdown')}. Source: ${fact.source}.`,
      insertText: fact.apiVersion,
      range,
      sortText: String(index).padStart(2, '0'),
    }));
  }
  if (field === 'kind' && component === 'kube-apiserver') {
    return [{ label: TRACING_KIND, kind: 'kind', detail: 'the only kind the file accepts', insertText: TRACING_KIND, range }];
  }
  if (field === 'endpoint') {
    return [
      {
        label: 'localhost:4317',
        detail: 'the OTLP gRPC default',
        documentation: fieldFact('endpoint')?.description,
        insertText: 'localhost:4317',
        isSnippet: false,
      },
      {
        label: 'dns:///host:4317',
        detail: 'a gRPC DNS target',
        documentation: 'The validator accepts the schemes dns, unix and unix-abstract; a value without `//` is read as a DNS host:port.',
        insertText: 'dns:///${1:otel-collector}:${2:4317}',
        isSnippet: true,
      },
      {
        label: 'unix:///path',
        detail: 'a Unix socket (absolute path)',
        documentation:
          'A collector listening on a Unix socket on the node. Use `unix://` with an absolute path: `unix:relative` has no `//` and is read as a DNS name.',
        insertText: 'unix://${1:/var/run/otel-collector.sock}',
        isSnippet: true,
      },
    ].map((item, index) => ({ ...item, kind: 'value' as const, range, sortText: String(index).padStart(2, '0') }));
  }
  if (field === 'samplingRatePerMillion') {
    const hints: Array<[number, string]> = [
      [100, '1 in 10,000 new traces'],
      [10000, '1% of new traces'],
      [1000000, 'every trace'],
      [0, 'no new traces; sampled parents are still followed'],
    ];
    return hints.map(([rate, meaning], index) => ({
      label: String(rate),
      kind: 'value',
      detail: meaning,
      insertText: String(rate),
      range,
      sortText: String(index).padStart(2, '0'),
    }));
  }
  return [];
}
