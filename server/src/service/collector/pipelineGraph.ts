/**
 * The pipelines of one Collector config as a graph to draw: per pipeline its receivers, processors (in order) and
 * exporters, connectors joining the exporter side of one pipeline to the receiver side of another, each node with
 * where the pipeline names it, where it is defined, and the findings on it. Pure: the config view (configView.ts)
 * and the file's findings in, plain data out (common/src/protocolPipelines.ts), for the pipeline webview.
 *
 * What the Collector builds (service/internal/graph/graph.go createNodes): one node per receiver and exporter
 * per signal, one per processor per pipeline, and a connector node per (exporter pipeline, receiver pipeline) pair
 * whose signals it supports. The drawing keeps the config's own order and draws a connector link for every pair
 * of pipelines that name it on both sides; a pair the connector does not support is already a finding on the node.
 */
import type {
  CollectorPipelineGraph,
  ConnectorLink,
  PipelineDrawing,
  PipelineNode,
  PipelineProblem,
  PipelineRange,
  PipelineRole,
} from '../../../../common/src/protocolPipelines';
import type { Finding, Position, Range } from '../findings';
import type { MapEntry } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';
import { componentType, type CollectorConfigView, type ConfiguredComponent, type Pipeline } from './configView';

export interface PipelineGraphInput {
  /** The file the view's nodes live in (a ConfigMap block's answers in the outer file's positions). */
  file: ParsedFile;
  view: CollectorConfigView;
  /** Every finding of the file: those inside this config's nodes are attached, the others ignored. */
  findings: readonly Finding[];
  label: string;
  collector: { version: string; distribution: string };
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

const ROLE_KIND: Record<PipelineRole, ReadonlyArray<ConfiguredComponent['kind']>> = {
  receiver: ['receiver', 'connector'],
  processor: ['processor'],
  exporter: ['exporter', 'connector'],
};

export function pipelineGraph(input: PipelineGraphInput): CollectorPipelineGraph {
  const { file, view } = input;
  const rangeOf = (node: Ranged, end: Ranged = node): Range | undefined =>
    node?.range ? file.lines.range(node.range[0], Math.max(end?.range?.[1] ?? node.range[1], node.range[0])) : undefined;
  const entryRange = (entry: MapEntry): Range | undefined => rangeOf(entry.keyNode, entry.value ?? entry.keyNode);
  const problems = input.findings.map((finding) => ({ finding, problem: toProblem(finding) }));
  const within = (outer: Range | undefined) =>
    outer ? problems.filter(({ finding }) => contains(outer, finding.range)).map(({ problem }) => problem) : [];

  // The last definition wins, as in Go's decoding of a mapping with a duplicate key.
  const definitions = new Map<string, ConfiguredComponent>();
  for (const component of view.components) definitions.set(`${component.kind}|${component.id}`, component);
  const definitionOf = (role: PipelineRole, id: string) =>
    ROLE_KIND[role].map((kind) => definitions.get(`${kind}|${id}`)).find((c) => c !== undefined);
  const componentProblems = new Map<ConfiguredComponent, PipelineProblem[]>();
  const problemsOfComponent = (component: ConfiguredComponent) => {
    let found = componentProblems.get(component);
    if (!found) componentProblems.set(component, (found = within(entryRange(component.entry))));
    return found;
  };

  const shown = new Set<PipelineProblem>();
  const pipelines = view.pipelines.map((pipeline) => drawPipeline(pipeline));
  function drawPipeline(pipeline: Pipeline): PipelineDrawing {
    const lists: Record<PipelineRole, PipelineNode[]> = { receiver: [], processor: [], exporter: [] };
    const onNodes = new Set<PipelineProblem>();
    for (const reference of pipeline.references) {
      const component = definitionOf(reference.role, reference.id);
      const referenceRange = rangeOf(reference.node) ?? ZERO;
      const definition = component ? rangeOf(component.entry.keyNode) : undefined;
      const ownProblems = [...within(referenceRange), ...(component ? problemsOfComponent(component) : [])];
      for (const problem of ownProblems) {
        onNodes.add(problem);
        shown.add(problem);
      }
      const list = lists[reference.role];
      list.push({
        key: `${pipeline.id}|${reference.role}|${list.length}`,
        role: reference.role,
        id: reference.id,
        type: componentType(reference.id),
        connector: component?.kind === 'connector',
        configured: component !== undefined,
        reference: referenceRange,
        ...(definition ? { definition } : {}),
        problems: dedupe(ownProblems),
      });
    }
    const range = rangeOf(pipeline.entry.keyNode) ?? ZERO;
    const ownProblems = within(entryRange(pipeline.entry)).filter((problem) => !onNodes.has(problem));
    for (const problem of ownProblems) shown.add(problem);
    return {
      id: pipeline.id,
      signal: componentType(pipeline.id),
      range,
      receivers: lists.receiver,
      processors: lists.processor,
      exporters: lists.exporter,
      problems: ownProblems,
    };
  }

  const links: ConnectorLink[] = [];
  for (const from of pipelines) {
    for (const exporter of from.exporters.filter((node) => node.connector)) {
      for (const to of pipelines) {
        for (const receiver of to.receivers.filter((node) => node.connector && node.id === exporter.id)) {
          links.push({ connector: exporter.id, from: exporter.key, to: receiver.key });
        }
      }
    }
  }
  const firstLine = view.root[0] ? rangeOf(view.root[0].keyNode) : undefined;
  const first = view.root[0];
  const last = view.root[view.root.length - 1];
  const configRange = first && last ? rangeOf(first.keyNode, last.value ?? last.keyNode) : undefined;
  return {
    label: input.label,
    range: (view.pipelinesEntry ? rangeOf(view.pipelinesEntry.keyNode) : undefined) ?? firstLine ?? ZERO,
    collector: input.collector,
    pipelines,
    links,
    problems: within(configRange).filter((problem) => !shown.has(problem)),
  };
}

const ZERO: PipelineRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function toProblem(finding: Finding): PipelineProblem {
  return { code: finding.code, severity: finding.severity, message: finding.message, range: finding.range };
}

/** A finding attached twice (on the reference and in the definition) is listed once. */
function dedupe(problems: PipelineProblem[]): PipelineProblem[] {
  return [...new Set(problems)];
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Whether `inner` lies within `outer` (a zero-width finding at the outer start counts). */
function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
