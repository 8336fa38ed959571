/**
 * The webview side of VS Code's messaging: `acquireVsCodeApi()` may be called once per page. Typed with the
 * host protocol; the tests provide a stub of it (test/webview/harness.ts).
 */
import type { ViewerToHostMessage } from '../../common/src/traceViewerProtocol';

interface VsCodeApi<State> {
  postMessage(message: ViewerToHostMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export function connectToHost<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
