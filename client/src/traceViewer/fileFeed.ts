/**
 * Reads one trace file's bytes and posts them to the viewer in chunks; in follow mode, posts only what was
 * appended since the last read. No `vscode` import: the host adapter passes `post`, so this is testable in Node.
 *
 * Why bytes and not text: VS Code does not sync documents over 50 MB to extensions, and decoding in the webview
 * lets the trace model parse UTF-8 straight from the buffer. Why positional reads: the Collector's file exporter
 * appends (and flushes every second) while we read; a stat-then-read of [offset, size) never re-reads bytes.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { constants, deflateRaw } from 'node:zlib';
import { CHUNK_BYTES, FIRST_CHUNK_BYTES, type ChunkEncoding, type HostToViewerMessage } from '../../../common/src/traceViewerProtocol';
import { errorMessage } from '../../../common/src/errors';

export type PostToViewer = (message: HostToViewerMessage) => Promise<unknown>;

/** Chunks posted but not yet delivered, at most (see readRange). */
const MAX_POSTS_IN_FLIGHT = 3;

/** zlib's async deflate runs on libuv's thread pool, not on the extension host's event loop. */
const deflateRawAsync = promisify(deflateRaw);

export interface FileFeedOptions {
  /**
   * Post chunks compressed (`deflate-raw`, level 1). For remote windows: see `ChunkEncoding`. A local window
   * carries bytes through a pipe without compressing them, where this would only cost time.
   */
  readonly compress?: boolean;
}

export class FileFeed {
  private sourceId: number;
  /** Bytes of the current source already posted. */
  private offset = 0;
  /** Identity of the file we read (a rotated or re-created file has another inode). */
  private inode: number | bigint = -1;
  /** Reads run one after another: a poll that fires during a read waits for it. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    readonly path: string,
    private readonly post: PostToViewer,
    private readonly allocateSourceId: () => number,
    private readonly options: FileFeedOptions = {},
  ) {
    this.sourceId = allocateSourceId();
  }

  /** Posts the whole file as a new source. */
  readInitial(): Promise<void> {
    return this.enqueue(() => this.startSource());
  }

  /** Follow mode: posts bytes appended since the last read; a shrunk or replaced file restarts as a new source. */
  poll(): Promise<void> {
    return this.enqueue(async () => {
      let info;
      try {
        info = await stat(this.path, { bigint: false });
      } catch {
        return; // Between the exporter's rename and its re-create the path is briefly missing: try next poll.
      }
      if (info.ino !== this.inode || info.size < this.offset) {
        await this.post({
          type: 'sourceReplaced',
          oldSourceId: this.sourceId,
          reason: info.size < this.offset ? 'the file shrank (truncated or rotated)' : 'the file was replaced (rotated)',
        });
        this.sourceId = this.allocateSourceId();
        await this.startSource();
        return;
      }
      if (info.size > this.offset) await this.readRange(this.offset, info.size, 'append');
    });
  }

  dispose(): void {
    this.disposed = true;
  }

  private async startSource(): Promise<void> {
    this.offset = 0;
    let info;
    try {
      info = await stat(this.path);
    } catch (error) {
      await this.post({ type: 'readError', label: basename(this.path), message: errorMessage(error) });
      return;
    }
    this.inode = info.ino;
    await this.post({ type: 'sourceStart', source: { id: this.sourceId, label: basename(this.path), size: info.size } });
    await this.readRange(0, info.size, 'chunk');
  }

  /** Posts [from, to) in chunks. For the initial read the last chunk carries `final` (also when empty). */
  private async readRange(from: number, to: number, kind: 'chunk' | 'append'): Promise<void> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      await this.post({ type: 'readError', label: basename(this.path), message: errorMessage(error) });
      return;
    }
    // Posts are pipelined: the next chunk is read while the previous one travels to the webview (in a remote
    // window such as code-server each post is a round trip to the browser). At most MAX_POSTS_IN_FLIGHT chunks are
    // in the air, so a 150 MB file is never all in memory at once; VS Code delivers posts in order.
    const inFlight: Promise<unknown>[] = [];
    const send = async (message: HostToViewerMessage) => {
      if (inFlight.length >= MAX_POSTS_IN_FLIGHT) await inFlight.shift();
      inFlight.push(this.post(message));
    };
    try {
      let position = from;
      do {
        if (this.disposed) return;
        const length = Math.min(position === 0 ? FIRST_CHUNK_BYTES : CHUNK_BYTES, to - position);
        const bytes = new Uint8Array(length);
        const { bytesRead } = length > 0 ? await handle.read(bytes, 0, length, position) : { bytesRead: 0 };
        position += bytesRead;
        // A file truncated under us reads short: stop here; the next poll sees the shrink.
        const short = bytesRead < length;
        const chunk = bytesRead === length ? bytes : bytes.subarray(0, bytesRead);
        this.offset = position;
        const { bytes: posted, encoding } = await this.encode(chunk);
        if (kind === 'chunk') {
          await send({ type: 'chunk', sourceId: this.sourceId, bytes: posted, final: position >= to || short, ...encoding });
        } else if (chunk.length > 0) {
          await send({ type: 'append', sourceId: this.sourceId, bytes: posted, ...encoding });
        }
        if (short) return;
      } while (position < to);
    } finally {
      await Promise.all(inFlight);
      await handle.close();
    }
  }

  private async encode(bytes: Uint8Array): Promise<{ bytes: Uint8Array; encoding?: { encoding: ChunkEncoding } }> {
    if (!this.options.compress || bytes.length === 0) return { bytes };
    const compressed = await deflateRawAsync(bytes, { level: constants.Z_BEST_SPEED });
    // Copied into a buffer of its own: a small Buffer may be a view of Node's shared pool, and VS Code posts a
    // view's whole underlying buffer.
    return { bytes: new Uint8Array(compressed), encoding: { encoding: 'deflate-raw' } };
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.disposed ? undefined : task()));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
