/**
 * What the fuzzer runs each input through, and what counts as a failure: an exception escaping the language
 * service (validation, hover, completion, code actions, the incremental parser), the CLI (`check`, `summarize`), or
 * a trace reader (whole and in random chunks); or a finding whose message and explanation run past
 * MAX_FINDING_CHARACTERS (a message repeating a huge value). A native crash or a hang is caught by run.ts, which runs
 * these in a child process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSettings } from '../../common/src/settings';
import { readTraceFiles, TraceDatasetBuilder } from '../../common/src/trace/index';
import { main } from '../../server/src/cli/main';
import { codeActions, complete, hover } from '../../server/src/service/assist';
import { validateSource } from '../../server/src/service/languageService';
import { IncrementalParser } from '../../server/src/service/yaml/incrementalParse';
import type { Input, Random } from './mutate';

export const MAX_FINDING_CHARACTERS = 20_000;

export class FuzzFailure extends Error {}

const decoder = new TextDecoder();
const settings = normalizeSettings({});

export function languageService(input: Input, random: Random): void {
  const text = decoder.decode(input.bytes);
  const uri = `file:///ws/${input.name}`;
  const options = { settings, workspaceFolders: ['/ws'] };
  const findings = validateSource({ uri, text }, options);
  for (const finding of findings) {
    const size = finding.message.length + finding.explanation.length;
    if (size > MAX_FINDING_CHARACTERS) throw new FuzzFailure(`${finding.code}: a finding of ${size} characters`);
  }
  const lines = text.split('\n');
  const assist = { source: { uri, text }, options };
  for (let k = 0; k < 3; k++) {
    const line = random.int(lines.length);
    const position = { line, character: random.int((lines[line]?.length ?? 0) + 1) };
    hover(assist, position);
    complete(assist, position);
    codeActions(assist, { start: position, end: position }, findings);
  }
  // The server's incremental parser, before and after an edit somewhere in the text.
  const parser = new IncrementalParser();
  parser.parse(uri, text);
  const at = random.int(text.length + 1);
  const edited = text.slice(0, at) + random.pick(['x', '\n', '---\n', ': ', '[', '']) + text.slice(at + random.int(3));
  validateSource({ uri, text: edited }, options, (u, t) => parser.parse(u, t));
}

export function traceReader(input: Input, random: Random): void {
  const dataset = readTraceFiles([{ name: input.name, bytes: input.bytes }]);
  dataset.operations();
  const builder = new TraceDatasetBuilder();
  const size = 1 + random.int(Math.max(1, input.bytes.length));
  for (let i = 0; i < input.bytes.length; i += size) builder.append(input.name, input.bytes.subarray(i, i + size));
  builder.end(input.name);
  const chunked = builder.snapshot();
  if (chunked.spanCount !== dataset.spanCount)
    throw new FuzzFailure(`${dataset.spanCount} spans whole, ${chunked.spanCount} in chunks of ${size} bytes`);
}

/** The CLI in process on the input written to `dir`: it must return an exit code, never throw. */
export function cli(input: Input, dir: string, command: 'check' | 'summarize'): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, input.name);
  writeFileSync(path, input.bytes);
  const code = main(
    [command, path, '--format', 'json'],
    () => true,
    () => true,
  );
  if (code !== 0 && code !== 1) throw new FuzzFailure(`kube-tracing ${command} exited ${code}`);
}
