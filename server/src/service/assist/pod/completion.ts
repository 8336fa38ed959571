/**
 * Completions in kube-apiserver and etcd container command lines: the tracing flags the version in force has
 * (with `=` and a placeholder value), and inside `--feature-gates=` the gates that Kubernetes minor registers
 * (with their stage there), then `true`/`false` (only the locked value for a locked gate).
 */
import type { FileContext } from '../../context';
import { argvItems } from '../../rules/control-plane-pod';
import { lastEntry } from '../../yaml/nodes';
import { tracingFlagNamed, tracingNameRegistered } from '../../rules/etcd/facts';
import { resolveEtcdVersion } from '../../rules/etcd/version';
import { gateSpecAt, gatesAt, parseFeatureGates } from '../../rules/feature-gates';
import { atLeast, describeVersionSource } from '../../versions';
import { describeGateAt, describePeriod } from '../feature-gates/history';
import type { CompletionItem } from '../types';
import { etcdFlagDefault, etcdFlagPlaceholder, TRACING_CONFIG_FILE_FLAG, TRACING_FLAGS, TRACING_GATE } from './facts';
import type { PodCursor } from './locate';
import { etcdFlagsSnippet } from '../snippets';

/** Where kubeadm-style manifests keep the file (the volume the enable-tracing command adds mounts this directory). */
export const DEFAULT_TRACING_CONFIG_PATH = '/etc/kubernetes/tracing/tracing-config.yaml';

type Item = Omit<CompletionItem, 'range'> & { start: number; end: number };

export function podCompletions(at: PodCursor, offset: number, context: FileContext): Item[] {
  const item = at.item;
  if (!item?.range) return [];
  const source = context.file.text.slice(item.range[0], item.range[1]);
  const text = typeof item.value === 'string' ? item.value : '';
  // Offsets inside the item are only exact for a plain scalar whose source is its value.
  if (source !== text) return [];
  const start = item.range[0];
  const inItem = offset - start;
  const equals = text.indexOf('=');
  if (at.container.component === 'kube-apiserver' && equals >= 0 && inItem > equals && text.startsWith('--feature-gates=')) {
    return gateCompletions(at, text, equals + 1, start, inItem);
  }
  if (equals >= 0 && inItem > equals) {
    return at.container.component === 'etcd' ? etcdValueCompletions(text.slice(0, equals), start + equals + 1, item.range[1]) : [];
  }
  if (text !== '' && !text.startsWith('-')) return [];
  const flags =
    at.container.component === 'kube-apiserver' ? apiserverFlags(at) : [...etcdFlags(at, context), ...etcdSnippet(at, context, start)];
  return flags.map((flag) => ({ ...flag, start, end: item.range![1] }));
}

/** The container's argv has `--name` elsewhere than the item being typed (read raw: a half-typed `--` would end flag parsing). */
function present(at: PodCursor, name: string): boolean {
  const items = [
    ...argvItems(lastEntry(at.container.entries, 'command')?.value, 'command'),
    ...argvItems(lastEntry(at.container.entries, 'args')?.value, 'args'),
  ];
  return items.some((item) => item.node !== at.item && (item.text === `--${name}` || item.text.startsWith(`--${name}=`)));
}

function apiserverFlags(at: PodCursor): Array<Omit<Item, 'start' | 'end'>> {
  const version = at.container.kubernetesVersion;
  const items: Array<Omit<Item, 'start' | 'end'>> = [];
  if (atLeast(version.version, TRACING_CONFIG_FILE_FLAG.from) && !present(at, TRACING_CONFIG_FILE_FLAG.name)) {
    items.push({
      label: `--${TRACING_CONFIG_FILE_FLAG.name}`,
      kind: 'flag',
      detail: 'File with apiserver tracing configuration',
      documentation: `A TracingConfiguration file inside the container (mount its directory). Applied only while ${TRACING_GATE} is on: ${describeGateAt(TRACING_GATE, version.version)} in ${describeVersionSource(version, 'markdown')}.`,
      insertText: `--${TRACING_CONFIG_FILE_FLAG.name}=\${1:${DEFAULT_TRACING_CONFIG_PATH}}`,
      isSnippet: true,
      sortText: '0',
    });
  }
  if (!present(at, 'feature-gates')) {
    const tracingGate = gateSpecAt(TRACING_GATE, version.version);
    items.push({
      label: '--feature-gates',
      kind: 'flag',
      detail: 'Name=bool,…',
      documentation: tracingGate
        ? `${TRACING_GATE} is ${describePeriod(tracingGate)} in ${describeVersionSource(version, 'markdown')}.`
        : `Gates are judged against ${describeVersionSource(version, 'markdown')}.`,
      insertText: '--feature-gates=',
      retrigger: true,
      sortText: '1',
    });
  }
  return items;
}

function etcdFlags(at: PodCursor, context: FileContext): Array<Omit<Item, 'start' | 'end'>> {
  const etcd = resolveEtcdVersion(at.container.image, context.options.settings.etcdVersion, at.container.kubernetesVersion);
  const items: Array<Omit<Item, 'start' | 'end'>> = [];
  TRACING_FLAGS.forEach((facts, index) => {
    for (const experimental of [false, true]) {
      const registered = tracingNameRegistered(facts, experimental, etcd.version);
      if (registered === false) continue;
      const name = experimental ? facts.experimentalName : facts.name;
      if (present(at, facts.name) || present(at, facts.experimentalName)) continue;
      // 3.6 has both spellings: offer the one that survives 3.7.
      if (experimental && tracingNameRegistered(facts, false, etcd.version) === true) continue;
      items.push({
        label: `--${name}`,
        kind: 'flag',
        detail: `${facts.type}, default ${JSON.stringify(etcdFlagDefault(facts))}${registered === undefined ? ` · needs etcd ${experimental ? facts.experimentalFrom : facts.from}+` : ''}`,
        documentation: experimental
          ? `Renamed --${facts.name} in etcd ${facts.from}.`
          : `Before etcd ${facts.from}: --${facts.experimentalName}.`,
        insertText: `--${name}=\${1:${etcdFlagPlaceholder(facts)}}`,
        isSnippet: true,
        sortText: String(index),
      });
    }
  });
  return items;
}

/** Every tracing flag of this etcd release at once, where the container has none yet and the item is a block list's. */
function etcdSnippet(at: PodCursor, context: FileContext, itemStart: number): Array<Omit<Item, 'start' | 'end'>> {
  if (TRACING_FLAGS.some((facts) => present(at, facts.name) || present(at, facts.experimentalName))) return [];
  const dashPrefix = context.file.text.slice(context.file.text.lastIndexOf('\n', itemStart - 1) + 1, itemStart);
  if (!/^[ \t]*-[ \t]+$/.test(dashPrefix)) return [];
  const etcd = resolveEtcdVersion(at.container.image, context.options.settings.etcdVersion, at.container.kubernetesVersion);
  const snippet = etcdFlagsSnippet(etcd.version, dashPrefix);
  return snippet ? [snippet] : [];
}

/** Inside `--feature-gates=…`: the gate names at the cursor's item, or `true`/`false` after its `=`. */
function gateCompletions(at: PodCursor, text: string, valueFrom: number, itemStart: number, inItem: number): Item[] {
  const version = at.container.kubernetesVersion;
  const value = text.slice(valueFrom);
  const cursor = inItem - valueFrom;
  const segmentStart = value.lastIndexOf(',', cursor - 1) + 1;
  const nextComma = value.indexOf(',', cursor);
  const segmentEnd = nextComma < 0 ? value.length : nextComma;
  const segment = value.slice(segmentStart, segmentEnd);
  const equals = segment.indexOf('=');
  const toFile = (relative: number) => itemStart + valueFrom + relative;

  if (equals >= 0 && cursor > segmentStart + equals) {
    const name = segment.slice(0, equals).trim();
    const spec = gateSpecAt(name, version.version);
    const values = spec?.locked ? [spec.default] : [true, false];
    return values.map((choice, index) => ({
      label: String(choice),
      kind: 'value' as const,
      detail: spec ? `${name}: ${describePeriod(spec)}` : undefined,
      insertText: String(choice),
      start: toFile(segmentStart + equals + 1),
      end: toFile(segmentEnd),
      sortText: String(index),
    }));
  }
  const already = new Set(parseFeatureGates(value).assignments.map((assignment) => assignment.name));
  const typed = segment.slice(0, equals >= 0 ? equals : undefined).trim();
  return gatesAt(version.version)
    .filter((spec) => !already.has(spec.name) || spec.name === typed)
    .map((spec) => ({
      label: spec.name,
      kind: 'feature-gate' as const,
      detail: describePeriod(spec),
      documentation: `${spec.name} in ${describeVersionSource(version, 'markdown')}: ${describePeriod(spec)}.`,
      insertText: equals >= 0 ? spec.name : `${spec.name}=`,
      retrigger: equals < 0,
      start: toFile(segmentStart),
      end: toFile(equals >= 0 ? segmentStart + equals : segmentEnd),
      // The tracing gate first; then the rest by name.
      sortText: spec.name === TRACING_GATE ? '0' : `1${spec.name}`,
    }));
}

/** After `--<etcd tracing flag>=`: `true`/`false` for the enable flag, the default address, sampling-rate hints. */
function etcdValueCompletions(written: string, start: number, end: number): Item[] {
  const named = tracingFlagNamed(written.replace(/^--?/, ''));
  if (!named) return [];
  const { facts } = named;
  const values: Array<[string, string]> =
    facts.type === 'bool'
      ? [
          ['true', 'export spans'],
          ['false', 'no tracing (the default)'],
        ]
      : facts.name.endsWith('sampling-rate')
        ? [
            ['10000', "1% of etcd's own requests"],
            ['1000000', 'every request'],
            ['0', 'only requests whose parent span was sampled'],
          ]
        : facts.name.endsWith('address')
          ? [[etcdFlagDefault(facts), 'the default: a collector on the node (host:port, no scheme)']]
          : [];
  return values.map(([value, detail], index) => ({
    label: value,
    kind: 'value' as const,
    detail,
    insertText: value,
    start,
    end,
    sortText: String(index),
  }));
}
