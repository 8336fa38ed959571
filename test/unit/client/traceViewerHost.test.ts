/**
 * The extension-host half of the trace viewer, in Node: the CodeLens sniff on the real sample files, the
 * rotation naming of the Collector's file exporter, and the byte feed with follow mode on a real file that
 * grows, shrinks and is replaced the way the exporter does it.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { FileFeed } from '../../../client/src/traceViewer/fileFeed';
import type { HostToViewerMessage } from '../../../common/src/traceViewerProtocol';
import { familyOf, findRotationFamily, parseRotatedName } from '../../../client/src/traceViewer/rotation';
import { sniffTraceFormat } from '../../../client/src/traceViewer/sniff';
const ROOT = join(__dirname, '..', '..', '..');
const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');

describe('trace viewer host: CodeLens sniff', () => {
  const jsonSamples = ['otlp-json', 'jaeger-json', 'zipkin-v2', 'generated'].flatMap((folder) =>
    readdirSync(join(SAMPLES, folder))
      .filter((name) => /\.jsonl?$/.test(name))
      .map((name) => `${folder}/${name}`),
  );

  it('recognizes every JSON sample file from its first 64 KB, with the right format', () => {
    assert.ok(jsonSamples.length >= 15);
    for (const sample of jsonSamples) {
      const prefix = readFileSync(join(SAMPLES, sample), 'utf8').slice(0, 64 * 1024);
      const expected = sample.startsWith('jaeger-json') ? 'jaeger' : sample.startsWith('zipkin') ? 'zipkin' : 'otlp';
      assert.equal(sniffTraceFormat(prefix), expected, sample);
    }
  });

  it('leaves ordinary JSON alone (package.json, tsconfig.json, the Kubernetes versions table)', () => {
    for (const file of ['package.json', 'tsconfig.json', 'schemas/kubernetes-versions.json', '.vscode/launch.json']) {
      assert.equal(sniffTraceFormat(readFileSync(join(ROOT, file), 'utf8')), undefined, file);
    }
  });
});

describe('trace viewer host: rotated files', () => {
  it('parses the exporter rotation name (timestamp before the last extension)', () => {
    // The name seen in the real .NET sample's source repository (test/fixtures/samples/README.md).
    assert.deepEqual(parseRotatedName('traces-2025-05-17T12-27-08.769.json'), {
      stem: 'traces',
      ext: '.json',
      timestamp: '2025-05-17T12-27-08.769',
    });
    assert.deepEqual(parseRotatedName('traces.json'), { stem: 'traces', ext: '.json', timestamp: undefined });
    assert.deepEqual(parseRotatedName('my-app-traces.json'), { stem: 'my-app-traces', ext: '.json', timestamp: undefined });
    // timberjack's form (fileexporter since it moved off lumberjack): the rotation reason after the timestamp.
    assert.deepEqual(parseRotatedName('traces-2026-12-02T14-52-06.158-size.jsonl'), {
      stem: 'traces',
      ext: '.jsonl',
      timestamp: '2026-12-02T14-52-06.158',
    });
    assert.deepEqual(parseRotatedName('traces-2026-12-02T14-52-06.158-time.jsonl').timestamp, '2026-12-02T14-52-06.158');
  });

  it('groups a folder into the current file and its rotated siblings, oldest first', () => {
    const family = familyOf('traces.json', [
      'traces-2025-05-17T12-27-08.769.json',
      'traces.json',
      'other.json',
      'traces-2025-05-16T09-00-00.001.json',
      'traces-2025-05-17T12-27-08.769.jsonl',
    ]);
    assert.deepEqual(family, {
      current: 'traces.json',
      rotated: ['traces-2025-05-16T09-00-00.001.json', 'traces-2025-05-17T12-27-08.769.json'],
    });
    assert.deepEqual(
      familyOf('traces-2025-05-16T09-00-00.001.json', ['traces.json', 'traces-2025-05-16T09-00-00.001.json']).current,
      'traces.json',
    );
  });

  it('finds the family on disk', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kt-rotation-'));
    try {
      for (const name of ['data.json', 'data-2022-09-14T05-02-14.173.json', 'unrelated.json']) writeFileSync(join(folder, name), '{}');
      const family = await findRotationFamily(join(folder, 'data.json'));
      assert.equal(family.current, join(folder, 'data.json'));
      assert.deepEqual(family.rotated, [join(folder, 'data-2022-09-14T05-02-14.173.json')]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('trace viewer host: byte feed and follow mode', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kt-feed-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function recorder(compress = false): { messages: HostToViewerMessage[]; feed: (path: string) => FileFeed } {
    const messages: HostToViewerMessage[] = [];
    let next = 1;
    return {
      messages,
      feed: (path) =>
        new FileFeed(
          path,
          async (m) => {
            messages.push(m);
          },
          () => next++,
          { compress },
        ),
    };
  }
  const bytesOf = (messages: HostToViewerMessage[]) =>
    Buffer.concat(messages.flatMap((m) => (m.type === 'chunk' || m.type === 'append' ? [m.bytes] : []))).toString('utf8');

  it('posts the whole sample file in order, the last chunk final', async () => {
    const path = join(SAMPLES, 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    const { messages, feed } = recorder();
    await feed(path).readInitial();
    assert.equal(messages[0]!.type, 'sourceStart');
    const chunks = messages.filter((m) => m.type === 'chunk');
    assert.ok(chunks.length >= 1);
    assert.deepEqual(
      chunks.map((c) => c.type === 'chunk' && c.final),
      [...chunks.map(() => false).slice(1), true],
    );
    assert.equal(bytesOf(messages), readFileSync(path, 'utf8'));
    assert.equal(messages[0]!.type === 'sourceStart' && messages[0]!.source.size, statSync(path).size);
  });

  it('compressing (remote windows): every chunk is raw DEFLATE of the next bytes, in order, the last final', async () => {
    const path = join(SAMPLES, 'generated/k8s-apiserver-etcd-like.jsonsdk.otlp.jsonl');
    const { messages, feed } = recorder(true);
    await feed(path).readInitial();
    const chunks = messages.filter((m) => m.type === 'chunk');
    assert.ok(chunks.every((c) => c.encoding === 'deflate-raw'));
    assert.equal(chunks.at(-1)!.final, true);
    const inflated = Buffer.concat(chunks.map((c) => inflateRawSync(c.bytes)));
    assert.ok(inflated.equals(readFileSync(path)), 'the inflated chunks are the file');
    const posted = chunks.reduce((sum, c) => sum + c.bytes.byteLength, 0);
    assert.ok(posted < statSync(path).size / 4, `posted ${posted} bytes for ${statSync(path).size}`);
    for (const chunk of chunks) assert.equal(chunk.bytes.byteLength, chunk.bytes.buffer.byteLength, 'a buffer of its own');
  });

  it('an empty file still ends its initial read', async () => {
    const path = join(folder, 'empty.otlp.jsonl');
    writeFileSync(path, '');
    const { messages, feed } = recorder();
    await feed(path).readInitial();
    assert.deepEqual(
      messages.map((m) => m.type),
      ['sourceStart', 'chunk'],
    );
    assert.equal(messages[1]!.type === 'chunk' && messages[1]!.final, true);
  });

  it('follow: posts only appended bytes; a rotation (rename + new file) restarts as a new source, old data kept', async () => {
    const path = join(folder, 'traces.json');
    writeFileSync(path, 'line 1\n');
    const { messages, feed } = recorder();
    const follow = feed(path);
    await follow.readInitial();
    await follow.poll();
    assert.equal(messages.length, 2, 'nothing new, nothing posted');
    appendFileSync(path, 'line 2\n');
    await follow.poll();
    const appended = messages.at(-1)!;
    assert.ok(appended.type === 'append');
    assert.equal(Buffer.from(appended.bytes).toString(), 'line 2\n');
    renameSync(path, join(folder, 'traces-2025-05-17T12-27-08.769.json'));
    await follow.poll(); // between the rename and the new file: nothing, no error
    writeFileSync(path, 'fresh\n');
    await follow.poll();
    const tail = messages.slice(-3).map((m) => m.type);
    assert.deepEqual(tail, ['sourceReplaced', 'sourceStart', 'chunk']);
    const replaced = messages.at(-3)!;
    const started = messages.at(-2)!;
    assert.ok(replaced.type === 'sourceReplaced' && started.type === 'sourceStart' && started.source.id !== replaced.oldSourceId);
    assert.equal(Buffer.from((messages.at(-1) as { bytes: Uint8Array }).bytes).toString(), 'fresh\n');
  });

  it('follow: a truncated file restarts from its first byte', async () => {
    const path = join(folder, 'traces.json');
    writeFileSync(path, 'a long first line\n');
    const { messages, feed } = recorder();
    const follow = feed(path);
    await follow.readInitial();
    writeFileSync(path, 'new\n');
    await follow.poll();
    assert.deepEqual(
      messages.slice(-3).map((m) => m.type),
      ['sourceReplaced', 'sourceStart', 'chunk'],
    );
    assert.match((messages.at(-3) as { reason: string }).reason, /shrank/);
  });

  it('a missing file is a read error naming the file', async () => {
    const { messages, feed } = recorder();
    await feed(join(folder, 'gone.json')).readInitial();
    assert.equal(messages.length, 1);
    assert.ok(messages[0]!.type === 'readError' && messages[0]!.label === 'gone.json' && /ENOENT/.test(messages[0]!.message));
  });
});
