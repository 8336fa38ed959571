/**
 * The lines between a connector's two nodes: from the exporter side of one pipeline to the receiver side of another.
 * Drawn in an SVG laid over each config's grid once the browser has placed the nodes, and again when the page is
 * resized. A line leaves the exporter to the right, runs down (or up) the right-hand gutter, along the gap above
 * the receiving pipeline's row and into the receiver from the left, so it crosses no node. Each link gets its own
 * lane (a few pixels apart) so two connectors stay apart. Nothing from the file is used but node keys, compared.
 */
import type { CollectorPipelineGraph } from '../../../common/src/protocolPipelines';

const SVG = 'http://www.w3.org/2000/svg';
const LANE = 5;

export function drawLinks(section: HTMLElement, config: CollectorPipelineGraph): void {
  const grid = section.querySelector<HTMLElement>('.grid');
  if (!grid) return;
  grid.querySelector(':scope > svg.links')?.remove();
  if (config.links.length === 0) return;
  const svg = document.createElementNS(SVG, 'svg');
  svg.classList.add('links');
  svg.setAttribute('aria-hidden', 'true');
  const box = grid.getBoundingClientRect();
  svg.setAttribute('width', String(grid.scrollWidth));
  svg.setAttribute('height', String(grid.scrollHeight));
  const nodes = new Map([...grid.querySelectorAll<HTMLElement>('.node')].map((node) => [node.dataset['key'], node]));
  const columnRight = Math.max(...[...grid.querySelectorAll('.column.exporters')].map((c) => c.getBoundingClientRect().right)) - box.left;
  for (const [lane, link] of config.links.entries()) {
    const fromNode = nodes.get(link.from);
    const toNode = nodes.get(link.to);
    const row = toNode?.closest('.pipeline')?.getBoundingClientRect();
    if (!fromNode || !toNode || !row) continue;
    const from = fromNode.getBoundingClientRect();
    const to = toNode.getBoundingClientRect();
    const x1 = from.right - box.left;
    const y1 = from.top + from.height / 2 - box.top;
    const x2 = to.left - box.left;
    const y2 = to.top + to.height / 2 - box.top;
    const gutter = columnRight + 10 + lane * LANE;
    const above = row.top - box.top + 3 + lane * LANE;
    const entry = x2 - 12 - lane * LANE;
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', `M ${x1} ${y1} H ${gutter} V ${above} H ${entry} V ${y2} H ${x2}`);
    path.setAttribute('data-connector', link.connector);
    path.setAttribute('data-from', link.from);
    path.setAttribute('data-to', link.to);
    path.classList.add('link');
    svg.append(path);
    for (const [x, y] of [
      [x1, y1],
      [x2, y2],
    ] as const) {
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('cx', String(x));
      dot.setAttribute('cy', String(y));
      dot.setAttribute('r', '3');
      dot.classList.add('link-end');
      svg.append(dot);
    }
  }
  grid.append(svg);
}
