/** The Collector pipeline view's HTML page: the extension's webview page (webviewPage.ts), same policy as the viewer. */
import { renderWebviewPage, type WebviewPageOptions } from './webviewPage';

/** media/dist/pipeline.js and media/pipeline.css as the webview sees them. */
export type PipelinePageOptions = WebviewPageOptions;

export function renderPipelineHtml(options: PipelinePageOptions): string {
  return renderWebviewPage(options);
}
