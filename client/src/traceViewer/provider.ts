/**
 * The read-only custom editor `kubeTracing.traceViewer`. The extension reads the file (not VS Code's text sync,
 * which stops at 50 MB) and streams its bytes to the webview; follow mode polls for appended bytes.
 */
import { notificationText } from '../../../common/src/displayText';
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { FileFeed } from './fileFeed';
import { makeNonce, renderViewerHtml } from './html';
import type { HostToViewerMessage, ViewerToHostMessage } from '../../../common/src/traceViewerProtocol';
import type { BadLine, DatasetCounts } from '../../../common/src/trace/types';
import { findRotationFamily } from './rotation';
import { errorMessage } from '../../../common/src/errors';

export const TRACE_VIEWER_TYPE = 'kubeTracing.traceViewer';
/**
 * The same viewer offered ("Reopen With…") for any .json/.jsonl. A second view type because VS Code keeps one
 * priority per view type (a second `customEditors` entry with the same viewType is rejected).
 */
export const TRACE_VIEWER_ANY_JSON_TYPE = 'kubeTracing.traceViewer.anyJson';

/** The Collector's file exporter flushes every second; polling at the same pace keeps the view at most ~1 s behind. */
const FOLLOW_POLL_MS = 1000;

class TraceDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {}
}

/** What a viewer reported once its files' initial reads were parsed (the extension API passes it on). */
export interface TraceLoaded {
  uri: vscode.Uri;
  counts: DatasetCounts;
  firstBadLines: readonly BadLine[];
}

export class TraceViewerProvider implements vscode.CustomReadonlyEditorProvider<TraceDocument> {
  private readonly loadedEmitter = new vscode.EventEmitter<TraceLoaded>();
  readonly onDidLoad = this.loadedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
  ) {}

  openCustomDocument(uri: vscode.Uri): TraceDocument {
    return new TraceDocument(uri);
  }

  resolveCustomEditor(document: TraceDocument, panel: vscode.WebviewPanel): void {
    const session = new ViewerSession(document.uri, panel, this.extensionUri, this.log, (loaded) => this.loadedEmitter.fire(loaded));
    panel.onDidDispose(() => session.dispose());
  }
}

/** One open viewer: its webview, its files and its follow timer. */
class ViewerSession {
  private readonly feeds: FileFeed[] = [];
  private nextSourceId = 1;
  private followTimer: ReturnType<typeof setInterval> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private started = false;
  /** Rotated files the user chose to open with this one (read again if the webview reloads). */
  private siblings: readonly string[] = [];
  /** Follow mode is on by default: polling a file that does not change costs one stat per second. */
  private following = true;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
    private readonly loaded: (report: TraceLoaded) => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.webview.html = renderViewerHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'viewer.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'viewer.css')).toString(),
      nonce: makeNonce(),
      title: basename(uri.fsPath),
    });
    this.subscriptions.push(panel.webview.onDidReceiveMessage((message: ViewerToHostMessage) => this.onMessage(message)));
  }

  private post = (message: HostToViewerMessage): Promise<boolean> => Promise.resolve(this.panel.webview.postMessage(message));

  private onMessage(message: ViewerToHostMessage): void {
    switch (message.type) {
      case 'ready':
        // A reloaded webview (e.g. after VS Code restored it) says ready again: send everything again.
        this.restart();
        break;
      case 'loaded': {
        const { counts, firstBadLines } = message;
        const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
        this.log(
          `Trace viewer: ${this.uri.fsPath}: ${plural(counts.traces, 'trace')}, ${plural(counts.spans, 'span')}, ` +
            `${plural(counts.services, 'service')}, ${plural(counts.errorSpans, 'error span')}, ${plural(counts.badLines, 'unreadable line')}` +
            firstBadLines.map((bad) => `\n  ${bad.file}:${bad.line}: ${bad.reason}`).join(''),
        );
        this.loaded({ uri: this.uri, counts, firstBadLines });
        break;
      }
      case 'setFollow':
        this.setFollow(message.enabled);
        break;
      case 'exportTrace':
        void this.exportTrace(message.fileName, message.text);
        break;
      case 'addFile':
        void this.addFile();
        break;
      case 'showMessage': {
        const show =
          message.severity === 'error'
            ? vscode.window.showErrorMessage
            : message.severity === 'warning'
              ? vscode.window.showWarningMessage
              : vscode.window.showInformationMessage;
        // The webview's message can carry text from the trace file.
        void show(notificationText(message.message));
        break;
      }
    }
  }

  private restart(): void {
    for (const feed of this.feeds) feed.dispose();
    this.feeds.length = 0;
    const main = this.addFeed(this.uri.fsPath);
    void main.readInitial().then(async () => {
      this.setFollow(this.following);
      if (!this.started) {
        this.started = true;
        await this.offerRotatedSiblings();
      } else {
        for (const path of this.siblings) await this.addFeed(path).readInitial();
      }
    });
  }

  private addFeed(path: string): FileFeed {
    // A remote window (code-server, SSH, a dev container) carries every post over a compressing web socket.
    const remote = vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
    const feed = new FileFeed(path, this.post, () => this.nextSourceId++, { compress: remote });
    this.feeds.push(feed);
    return feed;
  }

  /** Rotated files (`name-<timestamp>.ext`) next to this one can be read together as one data set. */
  private async offerRotatedSiblings(): Promise<void> {
    const family = await findRotationFamily(this.uri.fsPath);
    const others = [...family.rotated, ...(family.current ? [family.current] : [])].filter((path) => path !== this.uri.fsPath);
    if (others.length === 0) return;
    const openAll = `Open all ${others.length + 1} together`;
    const choice = await vscode.window.showInformationMessage(
      `${basename(this.uri.fsPath)} has ${others.length} rotated sibling file${others.length === 1 ? '' : 's'} from the same exporter.`,
      openAll,
    );
    if (choice !== openAll) return;
    this.siblings = others;
    for (const path of others) await this.addFeed(path).readInitial();
    this.log(`Trace viewer: added ${others.length} rotated files to ${this.uri.fsPath}.`);
  }

  /**
   * Reads another trace file into this viewer, as one more source of its data set (a webview reload reads it
   * again, like rotated siblings): its traces join the list, so a trace can be compared with one of another file.
   */
  private async addFile(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      defaultUri: vscode.Uri.joinPath(this.uri, '..'),
      canSelectMany: false,
      filters: { 'Trace files (OTLP, Jaeger, Zipkin)': ['json', 'jsonl', 'pb', 'binpb', 'proto', 'otlp'] },
      title: 'Add a trace file to this viewer',
      openLabel: 'Add',
    });
    const path = picked?.[0]?.fsPath;
    if (!path) return;
    if (path === this.uri.fsPath || this.siblings.includes(path)) {
      void vscode.window.showInformationMessage(`kube-tracing: ${basename(path)} is already in this viewer.`);
      return;
    }
    this.siblings = [...this.siblings, path];
    await this.addFeed(path).readInitial();
    this.log(`Trace viewer: added ${path} to ${this.uri.fsPath}.`);
  }

  /** Asks where to save an exported trace (beside the trace file by default) and writes it there. */
  private async exportTrace(fileName: string, text: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.uri, '..', fileName),
      filters: { 'OTLP/JSON traces': ['jsonl', 'json'] },
      title: 'Export trace as OTLP/JSON',
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      void vscode.window.showInformationMessage(`Trace exported to ${vscode.workspace.asRelativePath(target)}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not export the trace to ${target.fsPath}: ${errorMessage(error)}`);
    }
  }

  private setFollow(enabled: boolean): void {
    this.following = enabled;
    if (this.followTimer) clearInterval(this.followTimer);
    this.followTimer = enabled ? setInterval(() => this.feeds.forEach((feed) => void feed.poll()), FOLLOW_POLL_MS) : undefined;
    void this.post({ type: 'follow', enabled });
  }

  dispose(): void {
    if (this.followTimer) clearInterval(this.followTimer);
    for (const feed of this.feeds) feed.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
