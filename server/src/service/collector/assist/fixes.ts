/**
 * Quick fixes for Collector configs, each moving the config to what the Collector in force accepts:
 * - a component another distribution has (`tail_sampling` on core): the image in this file → that distribution's, or
 *   the image of the workload in another file that runs this config (the DaemonSet mounting the ConfigMap);
 * - the `jaeger` exporter (removed in v0.85.0, contrib PR #26546): an OTLP gRPC exporter to Jaeger's OTLP port 4317
 *   (Jaeger receives OTLP since 1.35), renamed in every pipeline; `otlp_grpc` where the release has that name
 *   (v0.144.0 rename), else `otlp`;
 * - the `logging` exporter (removed in v0.111.0): `debug`, its `loglevel` as `verbosity` (the logging exporter's own
 *   mapping, exporter/loggingexporter/config.go: debug → detailed, info → normal, warn/error → basic);
 * - `:latest`: pin the release it was checked against;
 * - `service::telemetry::metrics::address`: the Prometheus reader that replaced it (telemetryFix.ts).
 * Edits are on the config's own file, whose offsets map into a ConfigMap block (embedded.ts): only in-line
 * replacements, so a block's indentation never needs rewriting.
 */
import { isScalar } from 'yaml';
import type { Finding } from '../../findings';
import type { CodeAction, TextEdit } from '../../assist/types';
import { insertAt, lineStart, nextLineStart, replaceOffsets } from '../../assist/edits';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import type { ParsedFile } from '../../yaml/parse';
import { findComponent } from '../catalog';
import { findCollectorImage, type CollectorInForce } from '../collectorInForce';
import { LineIndex } from '../../text/lineIndex';
import type { ConfiguredComponent } from '../configView';
import type { CollectorTarget } from '../target';
import { fromChartDefaults } from '../helmMerge';
import { telemetryReadersFix } from './telemetryFix';

const LOGLEVEL_TO_VERBOSITY: Record<string, string> = { debug: 'detailed', info: 'normal', warn: 'basic', error: 'basic' };
const JAEGER_GRPC_PORT = '14250';
const OTLP_GRPC_PORT = '4317';

type Ranged = { range?: [number, number, number] | null } | null | undefined;

function replaceNode(file: ParsedFile, node: Ranged, text: string): TextEdit | null {
  const range = node?.range;
  return range ? replaceOffsets(file, range[0], range[1], text) : null;
}

const samePosition = (a: Finding['range']['start'], b: Finding['range']['start']) => a.line === b.line && a.character === b.character;

/** The component whose key the finding is on (not one from a Helm chart's defaults: it has no text in the file). */
function componentAt(target: CollectorTarget, finding: Finding): ConfiguredComponent | undefined {
  return target.view.components.find((c) => {
    if (fromChartDefaults(c.entry.keyNode)) return false;
    const range = c.entry.keyNode?.range;
    return range !== undefined && range !== null && samePosition(target.file.lines.range(range[0], range[1]).start, finding.range.start);
  });
}

/** The component's key and every pipeline reference to it, renamed. */
function renameEverywhere(target: CollectorTarget, component: ConfiguredComponent, newId: string): TextEdit[] {
  const edits = [replaceNode(target.file, component.entry.keyNode, newId)];
  for (const pipeline of target.view.pipelines) {
    for (const reference of pipeline.references) {
      const isUse = component.kind === 'connector' ? reference.role !== 'processor' : reference.role === component.kind;
      if (isUse && reference.id === component.id) edits.push(replaceNode(target.file, reference.node, newId));
    }
  }
  return edits.filter((e): e is TextEdit => e !== null);
}

function renamedId(component: ConfiguredComponent, type: string): string {
  const slash = component.id.indexOf('/');
  return slash < 0 ? type : `${type}${component.id.slice(slash)}`;
}

function jaegerToOtlp(target: CollectorTarget, component: ConfiguredComponent, finding: Finding): CodeAction[] {
  const type = target.catalog && findComponent(target.catalog, 'exporter', 'otlp_grpc', target.collector.version) ? 'otlp_grpc' : 'otlp';
  const newId = component.id === 'jaeger' ? `${type}/jaeger` : renamedId(component, type);
  if (target.view.components.some((c) => c.kind === 'exporter' && c.id === newId)) return [];
  const edits = renameEverywhere(target, component, newId);
  const endpoint = lastEntry(mapEntries(component.entry.value, target.view.document), 'endpoint')?.value;
  if (isScalar(endpoint) && typeof endpoint.value === 'string' && endpoint.value.endsWith(`:${JAEGER_GRPC_PORT}`)) {
    const edit = replaceNode(target.file, endpoint, `${endpoint.value.slice(0, -JAEGER_GRPC_PORT.length)}${OTLP_GRPC_PORT}`);
    if (edit) edits.push(edit);
  }
  return [
    {
      title: `Send to Jaeger over OTLP: exporter "${newId}" to port ${OTLP_GRPC_PORT}`,
      kind: 'quickfix',
      fixes: [finding],
      edits,
      isPreferred: true,
    },
  ];
}

function loggingToDebug(target: CollectorTarget, component: ConfiguredComponent, finding: Finding): CodeAction[] {
  const newId = renamedId(component, 'debug');
  if (target.view.components.some((c) => c.kind === component.kind && c.id === newId)) return [];
  const edits = renameEverywhere(target, component, newId);
  const loglevel = mapEntries(component.entry.value, target.view.document).find((e) => e.key === 'loglevel');
  if (loglevel && isScalar(loglevel.value)) {
    const verbosity = LOGLEVEL_TO_VERBOSITY[String(loglevel.value.value).toLowerCase()];
    const key = replaceNode(target.file, loglevel.keyNode, 'verbosity');
    const value = verbosity ? replaceNode(target.file, loglevel.value, verbosity) : null;
    if (key && value) edits.push(key, value);
  }
  return [
    {
      title: `Use the debug exporter ("${newId}")${loglevel ? ' with verbosity' : ''}`,
      kind: 'quickfix',
      fixes: [finding],
      edits,
      isPreferred: true,
    },
  ];
}

/** The image in this file, rewritten to another distribution (same registry, same tag). */
function imageToDistribution(file: ParsedFile, distribution: string, finding: Finding): CodeAction[] {
  const image = findCollectorImage(file.text);
  if (!image) return [];
  const text = image.text.replace(/opentelemetry-collector(?:-contrib|-k8s|-otlp)?(?=:|$)/, `opentelemetry-collector-${distribution}`);
  return [
    {
      title: `Use the ${distribution} image: ${text}`,
      kind: 'quickfix',
      fixes: [finding],
      edits: [replaceOffsets(file, image.offset, image.offset + image.length, text)],
      isPreferred: true,
    },
  ];
}

/**
 * The image of the workload in another workspace file that runs this config (collectorInForce.ts workloadRunning),
 * rewritten to another distribution: an edit of that file, at the image's offsets in the text the rules read.
 */
function workloadImageToDistribution(
  collector: CollectorInForce,
  target: CollectorTarget,
  distribution: string,
  finding: Finding,
): CodeAction[] {
  const workload = collector.workload;
  const image = workload?.image;
  const text = workload && target.options?.workspace?.read(workload.path);
  if (!workload || !image || text === undefined || text.slice(image.offset, image.offset + image.length) !== image.text) return [];
  const replacement = image.text.replace(
    /opentelemetry-collector(?:-contrib|-k8s|-otlp)?(?=:|$)/,
    `opentelemetry-collector-${distribution}`,
  );
  const range = new LineIndex(text).range(image.offset, image.offset + image.length);
  return [
    {
      title: `Use the ${distribution} image in ${collector.detail ?? workload.path}: ${replacement}`,
      kind: 'quickfix',
      fixes: [finding],
      edits: [],
      otherFileEdits: [{ uri: pathToFileUri(workload.path), edits: [{ range, newText: replacement }] }],
      isPreferred: true,
    },
  ];
}

/** A workspace path as a `file:` URI (the inverse of context.ts uriToPath; the service does not import node:url). */
function pathToFileUri(path: string): string {
  return `file://${path.split('/').map(encodeURIComponent).join('/')}`;
}

function pinImage(file: ParsedFile, version: string, finding: Finding): CodeAction[] {
  const image = findCollectorImage(file.text);
  if (!image) return [];
  const text = `${image.text.replace(/:[\w.-]+$/, '')}:${version}`;
  return [
    {
      title: `Pin the Collector image to ${version}`,
      kind: 'quickfix',
      fixes: [finding],
      edits: [replaceOffsets(file, image.offset, image.offset + image.length, text)],
      isPreferred: true,
    },
  ];
}

/**
 * `spanmetrics` written as an exporter (there never was one; the processor it imitates, removed in v0.96.0, had
 * `metrics_exporter` and `latency_histogram_buckets`): the block moves under `connectors:` with the connector's
 * keys (connector/spanmetricsconnector/config.go: `histogram.explicit.buckets`), named as the release names it
 * (`span_metrics` from its rename, else `spanmetrics`), renamed in every pipeline; the old `metrics_exporter`
 * becomes a metrics pipeline receiving from the connector when none does. Block style only (the lines move).
 */
function spanMetricsToConnector(
  outer: ParsedFile,
  target: CollectorTarget,
  component: ConfiguredComponent,
  finding: Finding,
): CodeAction[] {
  const { view, catalog, collector } = target;
  const keyRange = component.entry.keyNode?.range;
  const sectionKey = lastEntry(view.root, component.section)?.keyNode?.range;
  if (!keyRange || !sectionKey) return [];
  const toOuter = (offset: number) => outer.lines.offsetAt(target.file.lines.positionAt(offset));
  const keyStart = toOuter(keyRange[0]);
  const startOfLine = lineStart(outer, keyStart);
  if (outer.text.slice(startOfLine, keyStart).trim() !== '') return [];
  const valueEnd = (component.entry.value as { range?: [number, number, number] } | null)?.range?.[1] ?? keyRange[1];
  const endOfBlock = nextLineStart(outer, toOuter(Math.max(keyRange[1], valueEnd - 1)));
  const type =
    catalog &&
    findComponent(catalog, 'connector', 'span_metrics', collector.version) &&
    !findComponent(catalog, 'connector', 'span_metrics', collector.version)?.entry.aliasOf
      ? 'span_metrics'
      : 'spanmetrics';
  const newId = component.id === component.type ? type : renamedId(component, type);
  let metricsExporter: string | undefined;
  const lines = outer.text
    .slice(startOfLine, endOfBlock)
    .split('\n')
    .filter((line) => {
      const old = /^\s*metrics_exporter:\s*(\S+)\s*$/.exec(line);
      if (old) metricsExporter = old[1];
      return !old;
    })
    .map((line, i) =>
      i === 0
        ? line.replace(component.id, newId)
        : line.replace(/^(\s*)latency_histogram_buckets:\s*(\[.*\])\s*$/, '$1histogram: {explicit: {buckets: $2}}'),
    )
    .join('\n');
  const sectionStart = toOuter(sectionKey[0]);
  const indent = outer.text.slice(lineStart(outer, sectionStart), sectionStart);
  const connectors = lastEntry(view.root, 'connectors');
  const connectorsKey = connectors?.keyNode?.range;
  const edits: TextEdit[] = [replaceOffsets(outer, startOfLine, endOfBlock, '')];
  if (connectorsKey && isMapBlock(connectors?.value)) edits.push(insertAt(outer, nextLineStart(outer, toOuter(connectorsKey[0])), lines));
  else if (!connectors) edits.push(insertAt(outer, lineStart(outer, sectionStart), `${indent}connectors:\n${lines}`));
  else return [];
  for (const pipeline of view.pipelines) {
    for (const reference of pipeline.references) {
      if (reference.role !== 'processor' && reference.id === component.id && newId !== component.id) {
        const edit = replaceNode(target.file, reference.node, newId);
        if (edit) edits.push(edit);
      }
    }
  }
  const received = view.pipelines.some((p) => p.references.some((r) => r.role === 'receiver' && r.id === component.id));
  const firstPipelineKey = view.pipelines[0]?.entry.keyNode?.range;
  if (!received && metricsExporter && firstPipelineKey) {
    const at = toOuter(firstPipelineKey[0]);
    const pipelineIndent = outer.text.slice(lineStart(outer, at), at);
    edits.push(
      insertAt(outer, lineStart(outer, at), `${pipelineIndent}metrics/${type}: {receivers: [${newId}], exporters: [${metricsExporter}]}\n`),
    );
  }
  return [
    {
      title: `Make ${component.id} a connector ("${newId}"): the exporter of the traces pipeline, the receiver of a metrics pipeline`,
      kind: 'quickfix',
      fixes: [finding],
      edits,
      isPreferred: true,
    },
  ];
}

function isMapBlock(node: unknown): boolean {
  return node !== null && typeof node === 'object' && 'items' in node && !(node as { flow?: boolean }).flow;
}

/**
 * The fixes for one finding. `outer` is the file the editor has open (the image lives there, not in a ConfigMap's
 * block); `targets` are the document's configs.
 */
export function collectorFixes(outer: ParsedFile, targets: readonly CollectorTarget[], finding: Finding): CodeAction[] {
  if (finding.code === 'collector/image-not-pinned') {
    const version = (finding.data as { version?: unknown } | undefined)?.version;
    return typeof version === 'string' ? pinImage(outer, version, finding) : [];
  }
  if (finding.code === 'collector/telemetry-metrics-address') return telemetryReadersFix(targets, finding);
  if (finding.code !== 'collector/unknown-type') return [];
  for (const target of targets) {
    const component = componentAt(target, finding);
    if (!component) continue;
    const actions: CodeAction[] = [];
    if (component.kind === 'exporter' && component.type === 'jaeger') actions.push(...jaegerToOtlp(target, component, finding));
    if (component.type === 'logging') actions.push(...loggingToDebug(target, component, finding));
    if (component.kind === 'exporter' && (component.type === 'spanmetrics' || component.type === 'span_metrics'))
      actions.push(...spanMetricsToConnector(outer, target, component, finding));
    const { collector, catalog } = target;
    const availableIn = catalog
      ? (findComponent(catalog, component.kind, component.type, collector.version)?.range.distributions ?? [])
      : [];
    const other = availableIn.includes('contrib') ? 'contrib' : availableIn.find((d) => d !== collector.distribution);
    if (other && other !== collector.distribution && (collector.origin === 'image' || collector.origin === 'helm-values'))
      actions.push(...imageToDistribution(outer, other, finding));
    if (other && other !== collector.distribution && collector.origin === 'workspace-image')
      actions.push(...workloadImageToDistribution(collector, target, other, finding));
    return actions;
  }
  return [];
}
