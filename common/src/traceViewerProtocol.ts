/**
 * Messages between the extension host and the trace viewer webview (media/src/viewer.ts).
 * Types only: the webview bundle imports this file too, so it must not import `vscode` or Node modules.
 *
 * The host reads the file's bytes itself (VS Code does not sync text documents over 50 MB to extensions) and
 * posts them in chunks, so the webview can paint the trace list after the first chunk and parse the rest while
 * the user already looks at it. In follow mode the host posts only the bytes appended since the last read.
 */
import type { BadLine, DatasetCounts } from './trace/types';

/** One file of the data set; rotated siblings opened together are several sources. */
export interface TraceSource {
  /** Unique within one viewer; a file that was truncated or replaced gets a new id (its old data is kept). */
  readonly id: number;
  /** What the user sees: the file name. */
  readonly label: string;
  /** Total bytes the host expects to post for the first read (for the progress bar). */
  readonly size: number;
}

export type HostToViewerMessage =
  /** A source starts; chunks follow in order. */
  | { readonly type: 'sourceStart'; readonly source: TraceSource }
  /** The next bytes of a source, in file order. `final` marks the end of the initial read. */
  | {
      readonly type: 'chunk';
      readonly sourceId: number;
      readonly bytes: Uint8Array;
      readonly final: boolean;
      readonly encoding?: ChunkEncoding;
    }
  /** Follow mode: bytes appended to the file after the initial read. */
  | { readonly type: 'append'; readonly sourceId: number; readonly bytes: Uint8Array; readonly encoding?: ChunkEncoding }
  /** The file shrank (rotated or truncated): what was read stays; the new contents come as a new source. */
  | { readonly type: 'sourceReplaced'; readonly oldSourceId: number; readonly reason: string }
  /** A file could not be read at all. */
  | { readonly type: 'readError'; readonly label: string; readonly message: string }
  /** Whether follow mode is on (the host watches the files). */
  | { readonly type: 'follow'; readonly enabled: boolean };

export type ViewerToHostMessage =
  /** The webview script runs and its message listener is installed: the host may start posting bytes. */
  | { readonly type: 'ready' }
  /** The user toggled follow mode in the viewer's toolbar. */
  | { readonly type: 'setFollow'; readonly enabled: boolean }
  /**
   * Every source's initial read is parsed: what the viewer holds now. The host logs it (with the first
   * unreadable lines, so a user can find them in the output) and tells the extension's API listeners.
   */
  | { readonly type: 'loaded'; readonly counts: DatasetCounts; readonly firstBadLines: readonly BadLine[] }
  /** Something the user should see as a VS Code notification (e.g. a broken link target). */
  | { readonly type: 'showMessage'; readonly severity: 'info' | 'warning' | 'error'; readonly message: string }
  /** The user asked to save the shown trace (or the spans a search kept) as OTLP/JSON: the host asks where. */
  | { readonly type: 'exportTrace'; readonly fileName: string; readonly text: string }
  /** The user asked to read another trace file into this viewer (to compare traces of two files): the host asks which. */
  | { readonly type: 'addFile' };

/**
 * How a chunk's bytes travel. Absent: the file's bytes as they are. `deflate-raw`: compressed by the host (raw
 * DEFLATE, RFC 1951), for remote windows (code-server, SSH, …): there every message crosses a web socket whose
 * permessage-deflate compresses it again at zlib's default level, in the extension host, and the workbench copies
 * it on the way. Compressing first (level 1, about 10× on OTLP/JSON) leaves every hop a tenth of the bytes; the
 * webview inflates with the browser's DecompressionStream.
 */
export type ChunkEncoding = 'deflate-raw';

/** Bytes per posted chunk: big enough to keep message overhead low, small enough to paint after the first one. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** The first chunk of a file is smaller: the trace list paints after parsing only this much. */
export const FIRST_CHUNK_BYTES = 1024 * 1024;
