/**
 * The trace viewer webview's entry point (bundled to media/dist/viewer.js). Receives the file's bytes from the
 * extension host in chunks (common/src/traceViewerProtocol.ts), feeds them to the trace model, and repaints at
 * most once per animation frame, so the list shows after the first chunk while the rest is still parsing.
 */
import type { HostToViewerMessage } from '../../common/src/traceViewerProtocol';
import { App, type SavedViewState } from './app';
import { LoadingDataset } from './model';
import { connectToHost } from './vscodeApi';

const vscode = connectToHost<SavedViewState>();
const dataset = new LoadingDataset();
const app = new App(
  {
    setFollow: (enabled) => vscode.postMessage({ type: 'setFollow', enabled }),
    exportTrace: (fileName, text) => vscode.postMessage({ type: 'exportTrace', fileName, text }),
    saveState: (state) => vscode.setState(state),
  },
  vscode.getState(),
);
document.getElementById('app')!.replaceWith(app.root);

/**
 * Messages are queued and handled one per macrotask: parsing a 4 MB chunk takes tens of milliseconds, and
 * yielding between chunks lets the browser paint the list (and the user scroll) while the file loads.
 */
const queue: HostToViewerMessage[] = [];
/** Initial reads finished, and how many of them the last 'loaded' report covered: follow-mode appends are not reported. */
let initialReadsFinished = 0;
let initialReadsReported = 0;
let draining = false;
let paintScheduled = false;

window.addEventListener('message', (event: MessageEvent<HostToViewerMessage>) => {
  queue.push(event.data);
  app.root.setAttribute('aria-busy', 'true');
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
});

function drain(): void {
  const message = queue.shift();
  if (!message) {
    draining = false;
    schedulePaint();
    reportLoaded();
    return;
  }
  try {
    handle(message);
  } catch (error) {
    app.showReadError('viewer', error instanceof Error ? error.message : String(error));
  }
  schedulePaint();
  // Let the browser paint what this message brought before parsing the next one (a chunk takes longer than a
  // frame anyway, so this costs nothing; without it the first paint would wait for the second chunk).
  // A hidden webview gets no animation frames: keep reading then, and paint when it is shown.
  if (document.visibilityState === 'hidden') setTimeout(drain, 0);
  else requestAnimationFrame(() => setTimeout(drain, 0));
}

function handle(message: HostToViewerMessage): void {
  switch (message.type) {
    case 'sourceStart':
      dataset.startSource(message.source.id, message.source.label);
      app.sourceStarted(message.source.id, message.source.label, message.source.size);
      break;
    case 'chunk': {
      const received = dataset.append(message.sourceId, message.bytes);
      if (message.final) {
        dataset.endSource(message.sourceId);
        initialReadsFinished++;
      }
      app.sourceProgress(message.sourceId, received, message.final);
      break;
    }
    case 'append':
      dataset.append(message.sourceId, message.bytes);
      break;
    case 'sourceReplaced':
      dataset.endSource(message.oldSourceId);
      break;
    case 'readError':
      app.showReadError(message.label, message.message);
      break;
    case 'follow':
      app.setFollowing(message.enabled);
      break;
  }
}

/**
 * Once every file's initial read is parsed, tell the host what was loaded (it logs it; tests read it): once per
 * completed set of initial reads (a file opened, rotated siblings added, a replaced file re-read), not for the
 * appends follow mode brings every second.
 */
function reportLoaded(): void {
  if (!dataset.initialReadsDone() || initialReadsReported === initialReadsFinished) return;
  initialReadsReported = initialReadsFinished;
  const report = dataset.takeLoadReport(5);
  if (report) vscode.postMessage({ type: 'loaded', ...report });
}

function schedulePaint(): void {
  if (paintScheduled) return;
  paintScheduled = true;
  requestAnimationFrame(() => {
    paintScheduled = false;
    if (dataset.changed()) app.dataChanged(dataset.view());
    // Busy until every queued message is handled and painted (screen readers, and the tests, wait for this).
    app.root.setAttribute('aria-busy', String(draining || queue.length > 0));
  });
}

vscode.postMessage({ type: 'ready' });
