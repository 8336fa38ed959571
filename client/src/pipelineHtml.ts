/**
 * The Collector pipeline view's HTML page. Pure (no `vscode` import), so the webview tests serve exactly this page.
 * The trace viewer's Content Security Policy (client/src/traceViewer/html.ts): nothing by default, the one script
 * by nonce, styles only from the extension's media folder; no inline script, handler or style attribute.
 */
import { contentSecurityPolicy } from './traceViewer/html';

export interface PipelinePageOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** media/dist/pipeline.js as the webview sees it. */
  readonly scriptUri: string;
  /** media/pipeline.css as the webview sees it. */
  readonly styleUri: string;
  /** A fresh random nonce per page load. */
  readonly nonce: string;
  /** The file name. */
  readonly title: string;
}

export function renderPipelineHtml(options: PipelinePageOptions): string {
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>${attr(options.title)}</title>
</head>
<body>
<div id="app" aria-busy="true"></div>
<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
