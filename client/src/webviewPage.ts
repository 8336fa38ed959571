/**
 * The HTML page of every webview this extension opens (the trace viewer, the Collector pipeline view). Pure (no
 * `vscode` import), so the webview tests serve exactly this page.
 *
 * Content Security Policy: nothing is allowed by default; the one script runs by nonce, styles and images come
 * only from the extension's media folder (`cspSource`). The page has no inline script, no inline handler and no
 * inline style attribute: every value from a user's file is put into the DOM as text by media/src.
 */

export interface WebviewPageOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  /** URI of the page's bundle in media/dist as the webview sees it. */
  readonly scriptUri: string;
  /** URI of the page's stylesheet in media/ as the webview sees it. */
  readonly styleUri: string;
  /** A fresh random nonce per page load. */
  readonly nonce: string;
  /** The page title (the file name). */
  readonly title: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The page: one `#app` root (with `appClass` when the stylesheet wants one) and the one script. */
export function renderWebviewPage(options: WebviewPageOptions, appClass?: string): string {
  const attr = escapeHtml;
  const classAttribute = appClass === undefined ? '' : ` class="${attr(appClass)}"`;
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
<div id="app"${classAttribute} aria-busy="true"></div>
<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}

/** 32 random alphanumerics from the platform's CSPRNG (a file's content cannot guess it). */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  let nonce = '';
  for (const byte of bytes) nonce += alphabet.charAt(byte % alphabet.length);
  return nonce;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
