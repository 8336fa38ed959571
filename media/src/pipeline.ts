/**
 * The Collector pipeline view's webview entry (bundled to media/dist/pipeline.js). The extension posts the graph of
 * the file (common/src/protocolPipelines.ts) on open and after each edit; a click on a node asks the extension to
 * reveal its range in the editor.
 */
import type { HostToPipelineMessage, PipelineToHostMessage } from '../../common/src/protocolPipelines';
import { el } from './dom';
import { drawLinks } from './pipeline/links';
import { renderResult } from './pipeline/render';

interface PipelineHost {
  postMessage(message: PipelineToHostMessage): void;
}
declare function acquireVsCodeApi(): PipelineHost;

const host = acquireVsCodeApi();
const app = document.getElementById('app')!;
let redraw: () => void = () => undefined;

window.addEventListener('message', (event: MessageEvent<HostToPipelineMessage>) => {
  const message = event.data;
  if (message.type === 'error') {
    app.replaceChildren(el('p', { className: 'error', text: `${message.fileName}: ${message.message}` }));
    redraw = () => undefined;
  } else if (message.type === 'graph') {
    const { result } = message;
    app.replaceChildren(renderResult(message.fileName, result, { reveal: (range) => host.postMessage({ type: 'reveal', range }) }));
    redraw = () =>
      app.querySelectorAll<HTMLElement>('section.config').forEach((section) => {
        const config = result.configs[Number(section.dataset['config'])];
        if (config) drawLinks(section, config);
      });
    redraw();
  }
  app.setAttribute('aria-busy', 'false');
});
window.addEventListener('resize', () => redraw());
host.postMessage({ type: 'ready' });
