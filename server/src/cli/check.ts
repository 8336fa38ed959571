/**
 * `kube-tracing check <files or folders…>`: the language server's rules, outside the editor. Same service,
 * same findings; only the output differs. Exit code 1 when any error is found.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../common/src/settings';
import { MAX_VALIDATED_BYTES, parseMinor, Severity, validateSource, type Finding, type WorkspaceFiles } from '../service';
import { UsageError, type ParsedArgs } from './args';
import { errorMessage } from '../../../common/src/errors';
import { expandPaths } from './files';
import { cliVersion, toSarif } from './sarif';

export const CHECK_VALUE_OPTIONS = [
  'kubernetes-version',
  'etcd-version',
  'collector-version',
  'collector-distribution',
  'collector-helm-chart-version',
  'format',
  'tracing-config-files',
];

export interface FileResult {
  file: string;
  findings: Finding[];
}

const SEVERITY_WORD: Record<Severity, string> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'info',
};

/**
 * The files checked, as the workspace the cross-file rules see (a kube-apiserver manifest and the tracing config it
 * mounts). Each file is read once, for its own check and for the others'; the listing is one array for the run
 * (references.ts indexes files by name per listing array).
 */
class CheckedFiles implements WorkspaceFiles {
  private readonly readings = new Map<string, Reading>();
  constructor(private readonly files: readonly string[]) {}

  list(): readonly string[] {
    return this.files;
  }

  /** A file's text for the cross-file rules; nothing for a file too large to check (only its head was read). */
  read(path: string): string | undefined {
    const reading = this.reading(path);
    return 'text' in reading && reading.byteLength === undefined ? reading.text : undefined;
  }

  reading(path: string): Reading {
    let reading = this.readings.get(path);
    if (!reading) {
      try {
        reading = readBounded(path);
      } catch (error) {
        reading = { error };
      }
      this.readings.set(path, reading);
    }
    return reading;
  }
}

type Reading = { text: string; byteLength?: number } | { error: unknown };

/** What a file's head is read for when the file is over the limit: enough to recognise what it is. */
const HEAD_BYTES = 64 * 1024;

/**
 * A regular file's text, or only its first HEAD_BYTES when it is over MAX_VALIDATED_BYTES (with its size): a 1 GB
 * file is never read whole. The checks are on the open descriptor, so a file swapped for a FIFO is not read either.
 */
function readBounded(path: string): { text: string; byteLength?: number } {
  // Non-blocking: opening a FIFO for reading would wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file (a FIFO, device or socket is never read)');
    if (stat.size <= MAX_VALIDATED_BYTES) return { text: readFileSync(fd, 'utf8') };
    const head = new Uint8Array(HEAD_BYTES);
    const read = readSync(fd, head, 0, HEAD_BYTES, 0);
    return { text: new TextDecoder().decode(head.subarray(0, read)), byteLength: stat.size };
  } finally {
    closeSync(fd);
  }
}

export function runCheck(args: ParsedArgs, out: (text: string) => void, err: (text: string) => void): number {
  const format = String(args.options.get('format') ?? 'text');
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not ${format}`);
  const version = args.options.get('kubernetes-version');
  const collectorVersion = args.options.get('collector-version');
  if (collectorVersion !== undefined && (collectorVersion === true || !/^v?\d+\.\d+(\.\d+)?$/.test(collectorVersion))) {
    throw new UsageError(`--collector-version must be a Collector release such as 0.159.0, not ${String(collectorVersion)}`);
  }
  const distribution = args.options.get('collector-distribution');
  if (distribution !== undefined && (distribution === true || !['core', 'contrib', 'k8s', 'otlp'].includes(distribution))) {
    throw new UsageError(`--collector-distribution must be core, contrib, k8s or otlp, not ${String(distribution)}`);
  }
  const chartVersion = args.options.get('collector-helm-chart-version');
  if (chartVersion !== undefined && (chartVersion === true || !/^v?\d+\.\d+\.\d+$/.test(chartVersion))) {
    throw new UsageError(`--collector-helm-chart-version must be a chart version such as 0.170.0, not ${String(chartVersion)}`);
  }
  if (version !== undefined && (version === true || !parseMinor(version))) {
    throw new UsageError(`--kubernetes-version must be a minor version such as 1.31, not ${String(version)}`);
  }
  if (args.positionals.length === 0) throw new UsageError('check needs at least one file or folder');

  const globs = args.options.get('tracing-config-files');
  const settings = normalizeSettings({
    ...DEFAULT_SETTINGS,
    kubernetesVersion: typeof version === 'string' ? version.replace(/^v/, '').split('.').slice(0, 2).join('.') : 'auto',
    etcdVersion: args.options.get('etcd-version') ?? 'auto',
    collectorVersion: args.options.get('collector-version') ?? 'auto',
    collectorDistribution: args.options.get('collector-distribution') ?? 'auto',
    collectorHelmChartVersion: chartVersion ?? 'auto',
    tracingConfigFiles: typeof globs === 'string' ? globs.split(',') : DEFAULT_SETTINGS.tracingConfigFiles,
  });
  const roots = args.positionals.map((p) => resolve(p)).filter((p) => isFolder(p));
  const expanded = expandPaths(args.positionals, ['.yaml', '.yml', '.json']);
  const { files, missing } = expanded;
  const problems = [
    ...missing.map((path) => `kube-tracing: ${path}: no such file or folder`),
    ...expanded.problems.map(({ path, reason }) => `kube-tracing: ${path}: ${reason}`),
  ];
  for (const problem of problems) err(problem);

  // expandPaths gives absolute paths: the listing is the files themselves.
  const workspace = new CheckedFiles(files);
  // One options object for the whole run (files do not change during it): referencesTo (references.ts) answers per
  // options object, so which manifests mount a file is worked out once per file, not once per file per rule.
  const options = { settings, workspaceFolders: roots, workspace };

  const results: FileResult[] = [];
  for (const file of files) {
    const reading = workspace.reading(file);
    if ('error' in reading) {
      problems.push(`kube-tracing: ${file}: ${errorMessage(reading.error)}`);
      err(problems.at(-1)!);
      continue;
    }
    // One file that breaks the checker never stops the run: it is reported, and the others are checked.
    try {
      const findings = validateSource({ uri: pathToFileURL(file).href, text: reading.text, byteLength: reading.byteLength }, options).map(
        inCliTerms,
      );
      results.push({ file, findings });
    } catch (error) {
      problems.push(
        `kube-tracing: ${file}: not checked, kube-tracing failed on it (a bug; please report it with the file): ${errorMessage(error)}`,
      );
      err(problems.at(-1)!);
    }
  }

  const shown = (file: string) => relative(process.cwd(), file) || file;
  if (format === 'json') {
    out(JSON.stringify(toJson(results, shown), null, 2));
  } else if (format === 'sarif') {
    out(JSON.stringify(toSarif({ results, shown, root: process.cwd(), toolVersion: cliVersion(), problems }), null, 2));
  } else {
    for (const { file, findings } of results) {
      for (const f of findings) {
        // One line per finding, as the format promises: go-yaml's duplicate-key message has a line break of its own.
        out(
          `${shown(file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${SEVERITY_WORD[f.severity]} ${f.code} ${f.message.replace(/\n/g, '\\n')}`,
        );
        if (args.options.has('explain')) out(`    ${f.explanation}`);
      }
    }
    const counts = countBySeverity(results);
    const unread = problems.length > 0 ? `; ${problems.length} path(s) could not be read or checked` : '';
    out(`${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.infos} info in ${results.length} file(s) checked${unread}`);
  }
  // A file that could not be read or checked is a file whose errors we cannot vouch for: exit 1.
  return countBySeverity(results).errors > 0 || problems.length > 0 ? 1 : 0;
}

/**
 * The service names the editor's settings; on the command line their equivalents are options. A version that came
 * from --kubernetes-version is reported as the service's 'setting' source: say which option it was.
 */
const SETTING_TO_OPTION: ReadonlyArray<[RegExp, string]> = [
  [/setting `?kubeTracing\.kubernetesVersion`?/g, '--kubernetes-version'],
  [/\bset `?kubeTracing\.kubernetesVersion`?/g, 'pass --kubernetes-version'],
  [/`?kubeTracing\.kubernetesVersion`?/g, '--kubernetes-version'],
  [/setting `?kubeTracing\.etcdVersion`?/g, '--etcd-version'],
  [/\bset `?kubeTracing\.etcdVersion`?/g, 'pass --etcd-version'],
  [/`?kubeTracing\.etcdVersion`?/g, '--etcd-version'],
  [
    /the settings kubeTracing\.collectorVersion \/ kubeTracing\.collectorDistribution/g,
    'the options --collector-version / --collector-distribution',
  ],
  [/`?kubeTracing\.collectorVersion`?/g, '--collector-version'],
  [/`?kubeTracing\.collectorDistribution`?/g, '--collector-distribution'],
  [/`?kubeTracing\.collectorHelmChartVersion`?/g, '--collector-helm-chart-version'],
  [/`?kubeTracing\.tracingConfigFiles`?/g, '--tracing-config-files'],
];

export function inCliTerms(finding: Finding): Finding {
  const rewrite = (text: string) => SETTING_TO_OPTION.reduce((out, [pattern, option]) => out.replace(pattern, option), text);
  return { ...finding, message: rewrite(finding.message), explanation: rewrite(finding.explanation) };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function countBySeverity(results: FileResult[]) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const { findings } of results) {
    for (const f of findings) {
      if (f.severity === Severity.Error) errors++;
      else if (f.severity === Severity.Warning) warnings++;
      else infos++;
    }
  }
  return { errors, warnings, infos };
}

function toJson(results: FileResult[], shown: (file: string) => string) {
  return results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file: shown(file),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: SEVERITY_WORD[f.severity],
      code: f.code,
      message: f.message,
      explanation: f.explanation,
    })),
  );
}
