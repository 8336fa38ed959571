/** The trace viewer's HTML page: the extension's webview page (../webviewPage.ts) with the viewer's `app` class. */
import { renderWebviewPage, type WebviewPageOptions } from '../webviewPage';

export { contentSecurityPolicy, makeNonce } from '../webviewPage';

/** media/dist/viewer.js and media/viewer.css as the webview sees them. */
export type ViewerPageOptions = WebviewPageOptions;

export function renderViewerHtml(options: ViewerPageOptions): string {
  return renderWebviewPage(options, 'app');
}
