/**
 * The Collector pipeline view's DOM: per config a heading, per pipeline a row of three columns (receivers |
 * processors in order | exporters), each entry a button that asks the editor to reveal its line. Problems (the
 * file's findings on that entry) mark the node and are its tooltip. Connector nodes name the pipelines they join;
 * the lines between them are drawn by links.ts once the layout is known. Everything from the file is text (dom.ts).
 */
import type {
  CollectorPipelineGraph,
  CollectorPipelinesResult,
  PipelineDrawing,
  PipelineNode,
  PipelineProblem,
  PipelineRange,
} from '../../../common/src/protocolPipelines';
import { el } from '../dom';

export interface PipelineViewActions {
  reveal(range: PipelineRange): void;
}

const SEVERITY_NAME = { 1: 'error', 2: 'warning', 3: 'information' } as const;

/** The most severe of the problems (1 is the most severe), or undefined when there are none. */
function worst(problems: readonly PipelineProblem[]): PipelineProblem['severity'] | undefined {
  return problems.reduce<PipelineProblem['severity'] | undefined>(
    (acc, p) => (acc === undefined || p.severity < acc ? p.severity : acc),
    undefined,
  );
}

function problemText(problems: readonly PipelineProblem[]): string {
  return problems.map((p) => `${SEVERITY_NAME[p.severity]}: ${p.message}`).join('\n');
}

export function renderResult(fileName: string, result: CollectorPipelinesResult, actions: PipelineViewActions): HTMLElement {
  const root = el('main', { className: 'pipelines' });
  root.append(el('h1', { text: `Collector pipelines · ${fileName}` }));
  if (result.configs.length === 0) {
    root.append(el('p', { className: 'empty', text: 'No OpenTelemetry Collector config in this file.' }));
    return root;
  }
  for (const [index, config] of result.configs.entries()) root.append(renderConfig(config, index, actions));
  return root;
}

function renderConfig(config: CollectorPipelineGraph, index: number, actions: PipelineViewActions): HTMLElement {
  const section = el('section', { className: 'config', attrs: { 'data-config': String(index) } });
  const heading = el('button', {
    className: 'config-title',
    text: config.label,
    title: 'Go to service::pipelines',
  });
  heading.addEventListener('click', () => actions.reveal(config.range));
  section.append(
    el('h2', {}, [
      heading,
      el('span', { className: 'collector', text: `Collector ${config.collector.version} ${config.collector.distribution}` }),
    ]),
  );
  if (config.pipelines.length === 0) {
    section.append(el('p', { className: 'empty', text: 'No pipelines under service::pipelines.' }));
    section.append(...otherProblems(config, actions));
    return section;
  }
  const joins = connectorJoins(config);
  const grid = el('div', { className: 'grid', attrs: { role: 'table', 'aria-label': `pipelines of ${config.label}` } });
  grid.append(
    el('div', { className: 'head', attrs: { role: 'row' } }, [
      el('span', { text: 'pipeline', attrs: { role: 'columnheader' } }),
      el('span', { text: 'receivers', attrs: { role: 'columnheader' } }),
      el('span', { text: 'processors', attrs: { role: 'columnheader' } }),
      el('span', { text: 'exporters', attrs: { role: 'columnheader' } }),
    ]),
  );
  for (const pipeline of config.pipelines) grid.append(renderPipeline(pipeline, joins, actions));
  section.append(grid, ...otherProblems(config, actions));
  return section;
}

/** The config's findings on no pipeline entry (an unused component, service::telemetry): a list, each going to its line. */
function otherProblems(config: CollectorPipelineGraph, actions: PipelineViewActions): HTMLElement[] {
  if (config.problems.length === 0) return [];
  const items = config.problems.map((problem) => {
    const button = el('button', {
      className: `other-problem problem ${SEVERITY_NAME[problem.severity]}`,
      text: `line ${problem.range.start.line + 1}: ${problem.message.split('\n').filter(Boolean).join(' ')}`,
      title: `${SEVERITY_NAME[problem.severity]}: ${problem.message}`,
      attrs: { 'data-code': problem.code },
    });
    button.addEventListener('click', () => actions.reveal(problem.range));
    return el('li', {}, [button]);
  });
  return [el('h3', { text: 'Not on a pipeline' }), el('ul', { className: 'other-problems' }, items)];
}

/** For each connector node, the pipelines at the other end of its links (for its caption). */
function connectorJoins(config: CollectorPipelineGraph): Map<string, string[]> {
  const pipelineOf = new Map<string, string>();
  for (const pipeline of config.pipelines) {
    for (const node of [...pipeline.receivers, ...pipeline.exporters]) pipelineOf.set(node.key, pipeline.id);
  }
  const joins = new Map<string, string[]>();
  const add = (key: string, other: string | undefined) => {
    if (other !== undefined) joins.set(key, [...(joins.get(key) ?? []), other]);
  };
  for (const link of config.links) {
    add(link.from, pipelineOf.get(link.to));
    add(link.to, pipelineOf.get(link.from));
  }
  return joins;
}

function renderPipeline(pipeline: PipelineDrawing, joins: Map<string, string[]>, actions: PipelineViewActions): HTMLElement {
  const severity = worst(pipeline.problems);
  const name = el('button', {
    className: `pipeline-name${severity ? ` problem ${SEVERITY_NAME[severity]}` : ''}`,
    text: pipeline.id,
    title: severity ? problemText(pipeline.problems) : `Go to pipeline ${pipeline.id}`,
    attrs: { 'data-signal': pipeline.signal },
  });
  name.addEventListener('click', () => actions.reveal(pipeline.range));
  const column = (nodes: PipelineNode[], role: string) =>
    el(
      'div',
      { className: `column ${role}`, attrs: { role: 'cell' } },
      nodes.length > 0
        ? nodes.map((node) => renderNode(node, joins.get(node.key) ?? [], actions))
        : [el('span', { className: 'none', text: '—' })],
    );
  return el('div', { className: 'pipeline', attrs: { role: 'row', 'data-pipeline': pipeline.id } }, [
    el('div', { className: 'column name', attrs: { role: 'rowheader' } }, [name]),
    column(pipeline.receivers, 'receivers'),
    column(pipeline.processors, 'processors'),
    column(pipeline.exporters, 'exporters'),
  ]);
}

function renderNode(node: PipelineNode, joined: string[], actions: PipelineViewActions): HTMLElement {
  const severity = worst(node.problems);
  const classes = ['node', node.role];
  if (node.connector) classes.push('connector');
  if (!node.configured) classes.push('unconfigured');
  if (severity) classes.push('problem', SEVERITY_NAME[severity]);
  const target = node.definition ?? node.reference;
  const where = node.definition ? 'its definition' : 'where the pipeline names it';
  const caption = node.connector
    ? joined.length > 0
      ? `connector ${node.role === 'exporter' ? '→' : '←'} ${joined.join(', ')}`
      : `connector, joins nothing`
    : node.configured
      ? node.role
      : `${node.role}, not configured`;
  const button = el(
    'button',
    {
      className: classes.join(' '),
      title: severity ? `${problemText(node.problems)}\n(click: ${where})` : `${node.role} ${node.id} (click: ${where})`,
      attrs: { 'data-key': node.key, 'data-id': node.id },
    },
    [el('span', { className: 'id', text: node.id }), el('span', { className: 'caption', text: caption })],
  );
  button.addEventListener('click', () => actions.reveal(target));
  return button;
}
