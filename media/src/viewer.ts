/**
 * The trace viewer webview's entry point (bundled to media/dist/viewer.js). Receives the file's bytes from the
 * extension host in chunks (common/src/traceViewerProtocol.ts), feeds them to the trace model, and repaints at
 * most once per animation frame, so the list shows after the first chunk while the rest is still parsing.
 */
import type { HostToViewerMessage } from '../../common/src/traceViewerProtocol';
import { App, type SavedViewState } from './app';
import { LoadingDataset } from './model';
import { connectToHost } from './vscodeApi';
import { errorMessage } from '../../common/src/errors';

const vscode = connectToHost<SavedViewState>();
const dataset = new LoadingDataset();
const app = new App(
  {
    setFollow: (enabled) => vscode.postMessage({ type: 'setFollow', enabled }),
    exportTrace: (fileName, text) => vscode.postMessage({ type: 'exportTrace', fileName, text }),
    addFile: () => vscode.postMessage({ type: 'addFile' }),
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

/**
 * A posted chunk is parsed in slices of this size, one slice per task: a 4 MB chunk of OTLP/JSON takes well over
 * 100 ms to parse on a busy 2-core machine, and a task that long freezes scrolling and typing while a file loads.
 */
const SLICE_BYTES = 512 * 1024;
/** While files are read, the UI is brought up to date at most this often (the first paint is not delayed). */
const PAINT_INTERVAL_WHILE_READING_MS = 250;
let lastPaint = -Infinity;

/**
 * Messages are taken in the order posted. A compressed chunk (a remote window, see `ChunkEncoding`) starts
 * inflating as soon as it arrives, on the browser's native DecompressionStream (in small steps, no long task),
 * and joins the queue when inflated, after the messages posted before it.
 */
let inbox: Promise<void> = Promise.resolve();
let inflating = 0;

window.addEventListener('message', (event: MessageEvent<HostToViewerMessage>) => {
  const message = event.data;
  app.root.setAttribute('aria-busy', 'true');
  if ((message.type === 'chunk' || message.type === 'append') && message.encoding === 'deflate-raw') {
    inflating++;
    const inflated = inflate(message.bytes).catch((error: unknown) => {
      app.showReadError('viewer', `a chunk of the file could not be inflated: ${errorMessage(error)}`);
      return new Uint8Array(0);
    });
    inbox = inbox.then(async () => {
      const bytes = await inflated;
      inflating--;
      enqueue({ ...message, bytes, encoding: undefined });
    });
  } else if (inflating > 0) {
    inbox = inbox.then(() => enqueue(message));
  } else {
    enqueue(message);
  }
});

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function enqueue(message: HostToViewerMessage): void {
  if ((message.type === 'chunk' || message.type === 'append') && message.bytes.length > SLICE_BYTES) {
    for (let from = 0; from < message.bytes.length; from += SLICE_BYTES) {
      const bytes = message.bytes.subarray(from, from + SLICE_BYTES);
      const last = from + SLICE_BYTES >= message.bytes.length;
      queue.push(message.type === 'chunk' ? { ...message, bytes, final: message.final && last } : { ...message, bytes });
    }
  } else queue.push(message);
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
}

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
    app.showReadError('viewer', errorMessage(error));
  }
  schedulePaint();
  // When a paint is due, let the browser paint what the slices brought before parsing the next one (without it the
  // first paint would wait for the whole file). Between paints the next slice follows at once, in a message-channel
  // task (no timer clamping; input events still run in between). A hidden webview gets no animation frames: keep
  // reading then, and paint when it is shown.
  if (document.visibilityState === 'hidden' || performance.now() - lastPaint < PAINT_INTERVAL_WHILE_READING_MS)
    nextTask.port2.postMessage(undefined);
  else requestAnimationFrame(() => setTimeout(drain, 0));
}

const nextTask = new MessageChannel();
nextTask.port1.addEventListener('message', () => drain());
nextTask.port1.start();

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
      if (message.bytes.length > 0) app.fileGrew();
      break;
    case 'sourceReplaced':
      dataset.endSource(message.oldSourceId);
      app.fileGrew();
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
  // Each paint takes a snapshot (re-assembling the traces that grew) and refreshes the list: per slice that would
  // cost more than the parsing. While reading, paint a few times a second; once everything is read, at once.
  const reading = draining || queue.length > 0 || inflating > 0;
  const wait = reading ? lastPaint + PAINT_INTERVAL_WHILE_READING_MS - performance.now() : 0;
  if (wait > 0) setTimeout(paintOnNextFrame, wait);
  else paintOnNextFrame();
}

/**
 * Taking a snapshot assembles what the traces received; showing it redraws the list and the shown trace. For a
 * trace of 100,000 spans each costs tens of milliseconds, so the UI is updated in a task of its own when the
 * snapshot alone took long, and a big tree about to be drawn again is built before the drawing, a few milliseconds
 * per task: short tasks instead of one long one (input and scrolling run between).
 */
const SPLIT_PAINT_AFTER_MS = 20;
/** Time a task building a big tree runs before input and drawing get their turn. */
const TREE_SLICE_MS = 12;
let showing = false;

function paintOnNextFrame(): void {
  requestAnimationFrame(() => {
    paintScheduled = false;
    lastPaint = performance.now();
    if (!dataset.changed()) return markBusy();
    const view = dataset.view();
    const bigTree = app.bigTreeToDraw(view);
    if (bigTree < 0 && performance.now() - lastPaint < SPLIT_PAINT_AFTER_MS) {
      app.dataChanged(view);
      return markBusy();
    }
    showing = true;
    if (bigTree < 0) {
      setTimeout(showLatest, 0);
      return;
    }
    // The tree is kept by the snapshot for the drawing (if no newer snapshot came meanwhile).
    const steps = view.treeInSlices(bigTree);
    const slice = () => {
      const until = performance.now() + TREE_SLICE_MS;
      while (!steps.next().done) if (performance.now() >= until) return void setTimeout(slice, 0);
      setTimeout(showLatest, 0);
    };
    setTimeout(slice, 0);
  });
}

function showLatest(): void {
  showing = false;
  app.dataChanged(dataset.view()); // the latest snapshot taken (another paint may have come first)
  markBusy();
}

/** Busy until every queued message is handled and shown (screen readers, and the tests, wait for this). */
function markBusy(): void {
  app.root.setAttribute('aria-busy', String(draining || queue.length > 0 || inflating > 0 || showing));
}

vscode.postMessage({ type: 'ready' });
