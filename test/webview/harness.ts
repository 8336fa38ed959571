/**
 * Runs the built trace viewer webview (media/dist/viewer.js) in headless Debian Chromium, outside VS Code:
 * a local HTTP server serves the exact page the extension serves (client/src/traceViewer/html.ts) and the
 * media folder; a stub `acquireVsCodeApi` (injected before any page script) records what the viewer posts,
 * and the test plays the extension host by posting the protocol's messages (sourceStart, chunk, append…).
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { contentSecurityPolicy, renderViewerHtml } from '../../client/src/traceViewer/html';
import { CHUNK_BYTES, FIRST_CHUNK_BYTES, type HostToViewerMessage } from '../../common/src/traceViewerProtocol';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');
export const VIEWER_BUNDLE = join(ROOT, 'media', 'dist', 'viewer.js');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.json': 'application/json',
  '.jsonl': 'application/json',
};

export interface HarnessOptions {
  /**
   * Benchmarks only: let the page fetch files from this server (adds `connect-src` to the CSP) so 150 MB is
   * not pushed through the DevTools protocol. Tests keep the production CSP untouched.
   */
  readonly allowFetch?: boolean;
  /** Extra files served under /files/<name> (e.g. generated trace data). */
  readonly files?: ReadonlyMap<string, string>;
}

export class ViewerHarness {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly browser: Browser,
    private readonly options: HarnessOptions,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<ViewerHarness> {
    if (!existsSync(VIEWER_BUNDLE)) throw new Error(`${VIEWER_BUNDLE} is missing: run npm run build first`);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const harness = new ViewerHarness(server, origin, browser, options);
    server.on('request', (request, response) => harness.serve(request.url ?? '/', response));
    return harness;
  }

  /** The page exactly as the extension renders it (same CSP), with a fixed nonce the harness knows. */
  pageHtml(): string {
    const nonce = 'testnonce0123456789abcdefABCDEF0';
    let html = renderViewerHtml({
      cspSource: this.origin,
      scriptUri: `${this.origin}/media/dist/viewer.js`,
      styleUri: `${this.origin}/media/viewer.css`,
      nonce,
      title: 'test',
    });
    if (this.options.allowFetch) {
      const csp = contentSecurityPolicy(this.origin, nonce).replace(/'/g, '&#39;'); // as escaped in the attribute
      if (!html.includes(csp)) throw new Error('the page does not carry the expected CSP');
      html = html.replace(csp, `${csp}; connect-src ${this.origin}`);
    }
    return html;
  }

  private serve(url: string, response: import('node:http').ServerResponse): void {
    const path = decodeURIComponent(url.split('?')[0]!);
    if (path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(this.pageHtml());
      return;
    }
    let file: string | undefined;
    if (path.startsWith('/media/')) file = safeJoin(join(ROOT, 'media'), path.slice('/media/'.length));
    else if (path.startsWith('/samples/')) file = safeJoin(SAMPLES, path.slice('/samples/'.length));
    else if (path.startsWith('/files/')) file = this.options.files?.get(path.slice('/files/'.length));
    if (!file || !existsSync(file)) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  }

  /** A fresh page with the viewer loaded and the host stub installed. `theme` sets VS Code-like theme variables. */
  async open(options: { theme?: Theme; width?: number; height?: number; savedState?: unknown } = {}): Promise<ViewerPage> {
    const context = await this.browser.newContext({ viewport: { width: options.width ?? 1400, height: options.height ?? 900 } });
    const page = await context.newPage();
    await page.addInitScript({ content: hostStubScript(options.savedState) });
    const violations: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => {
      errors.push(error.message);
      if (process.env['VIEWER_DEBUG']) console.log('pageerror', error.message);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${this.origin}/`);
    await page.waitForFunction(() => (window as unknown as HostStubWindow).__host.posted.some((m) => m.type === 'ready'));
    const viewer = new ViewerPage(page, context, violations, dialogs, errors);
    if (options.theme) await viewer.setTheme(options.theme);
    return viewer;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface HostStubWindow {
  __host: { posted: { type: string; [key: string]: unknown }[]; state: unknown; violations: string[] };
}

/**
 * Runs in the page before its scripts: what VS Code's webview host provides. A string, not a function: tsx
 * (esbuild keepNames) would wrap a function's inner names in `__name(...)` calls the page does not have.
 */
function hostStubScript(savedState: unknown): string {
  return `(() => {
  const host = { posted: [], state: ${JSON.stringify(savedState ?? null)}, violations: [] };
  window.__host = host;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message) => host.posted.push(message),
      getState: () => host.state ?? undefined,
      setState: (state) => { host.state = state; },
    };
  };
  document.addEventListener('securitypolicyviolation', (event) => host.violations.push(event.violatedDirective + ' ' + event.blockedURI));
})();`;
}

let nextSourceId = 1;

export class ViewerPage {
  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly violations: string[],
    readonly dialogs: string[],
    readonly errors: string[],
  ) {}

  /** Posts a file's bytes as the extension host does: sourceStart, then chunks (a smaller first one; the last one `final`). */
  async feed(label: string, bytes: Uint8Array, chunkBytes = CHUNK_BYTES): Promise<number> {
    const sourceId = nextSourceId++;
    await this.post({ type: 'sourceStart', source: { id: sourceId, label, size: bytes.length } });
    let offset = 0;
    do {
      const chunk = bytes.subarray(offset, offset + (offset === 0 ? Math.min(chunkBytes, FIRST_CHUNK_BYTES) : chunkBytes));
      offset += chunk.length;
      await this.postBytes({ type: 'chunk', sourceId, final: offset >= bytes.length }, chunk);
    } while (offset < bytes.length);
    return sourceId;
  }

  async feedSample(relativePath: string): Promise<number> {
    return this.feed(relativePath.split('/').pop()!, readFileSync(join(SAMPLES, relativePath)));
  }

  /** Follow mode: bytes appended to an already fed source. */
  async append(sourceId: number, bytes: Uint8Array): Promise<void> {
    await this.postBytes({ type: 'append', sourceId }, bytes);
  }

  /** Delivers a host message as the extension would (bytes included): lets a real FileFeed drive the page. */
  async deliver(message: HostToViewerMessage): Promise<void> {
    if (message.type === 'chunk' || message.type === 'append') {
      const { bytes, ...rest } = message;
      await this.postBytes(rest, bytes);
    } else {
      await this.post(message);
    }
  }

  async post(message: unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Bytes cross the DevTools protocol as base64 and become a Uint8Array in the page, as VS Code delivers them. */
  private async postBytes(message: Record<string, unknown>, bytes: Uint8Array): Promise<void> {
    await this.page.evaluate(
      ({ m, base64 }) => {
        const binary = atob(base64);
        const array = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) array[i] = binary.charCodeAt(i);
        window.postMessage({ ...m, bytes: array }, '*');
      },
      { m: message, base64: Buffer.from(bytes).toString('base64') },
    );
  }

  /** Waits until the viewer is idle: every posted message handled and the status line reflects it. */
  async settle(): Promise<void> {
    // window.postMessage delivers on a later task: let those run before looking at the busy flag.
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await this.page.waitForFunction(() => document.querySelector('.app')?.getAttribute('aria-busy') === 'false');
    await this.page.evaluate(
      () => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(resolve)), 0)),
    );
  }

  async statusText(): Promise<string> {
    return (await this.page.textContent('.status')) ?? '';
  }

  /** Sets the theme variables VS Code would (a subset of Light+ / Dark+), through the CSSOM (the CSP forbids inline styles). */
  async setTheme(theme: Theme): Promise<void> {
    await this.page.evaluate(
      ({ theme, variables }) => {
        document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
        document.body.classList.add(`vscode-${theme}`);
        for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
      },
      { theme, variables: THEMES[theme] },
    );
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export type Theme = 'light' | 'dark' | 'high-contrast';

/** Values from VS Code's Light Modern, Dark Modern and Dark High Contrast themes for the variables the viewer uses. */
const THEMES: Record<Theme, Record<string, string>> = {
  'high-contrast': {
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"Droid Sans Mono", monospace',
    '--vscode-foreground': '#ffffff',
    '--vscode-editor-background': '#000000',
    '--vscode-descriptionForeground': '#ffffff',
    '--vscode-errorForeground': '#f48771',
    '--vscode-focusBorder': '#f38518',
    '--vscode-contrastBorder': '#6fc3df',
    '--vscode-contrastActiveBorder': '#f38518',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-input-background': '#000000',
    '--vscode-input-foreground': '#ffffff',
    '--vscode-input-border': '#6fc3df',
    '--vscode-button-background': '#000000',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-border': '#6fc3df',
    '--vscode-button-secondaryBackground': '#000000',
    '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-list-activeSelectionBackground': '#000000',
    '--vscode-list-activeSelectionForeground': '#ffffff',
    '--vscode-list-hoverBackground': '#000000',
    '--vscode-editorGroupHeader-tabsBackground': '#000000',
    '--vscode-textLink-foreground': '#21a6ff',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-progressBar-background': '#6fc3df',
  },
  light: {
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"Droid Sans Mono", monospace',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-errorForeground': '#f85149',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-input-background': '#ffffff',
    '--vscode-input-foreground': '#3b3b3b',
    '--vscode-input-border': '#cecece',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-list-activeSelectionBackground': '#e8e8e8',
    '--vscode-list-activeSelectionForeground': '#000000',
    '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-editorGroupHeader-tabsBackground': '#f8f8f8',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-red': '#e51400',
    '--vscode-progressBar-background': '#005fb8',
  },
  dark: {
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"Droid Sans Mono", monospace',
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-errorForeground': '#f85149',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-input-background': '#313131',
    '--vscode-input-foreground': '#cccccc',
    '--vscode-input-border': '#3c3c3c',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-list-activeSelectionBackground': '#04395e',
    '--vscode-list-activeSelectionForeground': '#ffffff',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-editorGroupHeader-tabsBackground': '#181818',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-progressBar-background': '#0078d4',
  },
};

function safeJoin(base: string, relative: string): string | undefined {
  const full = normalize(join(base, relative));
  return full.startsWith(base + sep) ? full : undefined;
}
