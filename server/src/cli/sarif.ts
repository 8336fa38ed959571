/**
 * `kube-tracing check --format sarif`: the findings as a SARIF 2.1.0 log (OASIS Static Analysis Results
 * Interchange Format), which CI systems (GitHub code scanning, Azure DevOps, GitLab) show as annotations.
 * One run; one rule per diagnostic code, whose help text is the plain-language explanation; regions are 1-based
 * lines and columns counted in UTF-16 code units (the service's own convention), end column exclusive.
 * Paths are relative to the working directory under the `%SRCROOT%` base, as code scanning expects.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { Severity, uriToPath, type Finding, type Range } from '../service';

export interface SarifInput {
  results: ReadonlyArray<{ file: string; findings: readonly Finding[] }>;
  /** How a file is shown: relative to the working directory when inside it. */
  shown: (file: string) => string;
  /** Absolute working directory, the `%SRCROOT%` base. */
  root: string;
  toolVersion: string;
  /** Inputs that could not be read: the run is then not fully successful. */
  problems: readonly string[];
}

const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'note',
};

export function toSarif(input: SarifInput): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Sarif.Result[] = [];
  for (const { file, findings } of input.results) {
    for (const finding of findings) {
      let index = ruleIndex.get(finding.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(finding.code, index);
        rules.push(ruleFor(finding));
      }
      results.push({
        ruleId: finding.code,
        ruleIndex: index,
        level: LEVEL[finding.severity],
        message: { text: finding.explanation ? `${finding.message}\n${finding.explanation}` : finding.message },
        locations: [location(input, file, finding.range)],
        ...(finding.related?.length
          ? {
              relatedLocations: finding.related.map((related, id) => ({
                id,
                ...location(input, uriToPath(related.uri), related.range),
                message: { text: related.message },
              })),
            }
          : {}),
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kube-tracing', version: input.toolVersion, semanticVersion: semver(input.toolVersion), rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(input.root.endsWith('/') ? input.root : `${input.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: input.problems.length === 0,
            toolExecutionNotifications: input.problems.map((text) => ({ level: 'error' as const, message: { text } })),
          },
        ],
        results,
      },
    ],
  };
}

/** The rule of a code, described by its first finding (the code names the rule; the explanation is the help). */
function ruleFor(finding: Finding): Sarif.ReportingDescriptor {
  return {
    id: finding.code,
    name: finding.code.replace(/(^|[/-])(\w)/g, (_, _sep: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: finding.message.split('\n')[0]! },
    help: { text: finding.explanation || finding.message },
    defaultConfiguration: { level: LEVEL[finding.severity] },
  };
}

function location(input: SarifInput, file: string, range: Range): Sarif.Location {
  const shown = input.shown(file).replace(/\\/g, '/');
  const inside = !shown.startsWith('../') && !shown.startsWith('/');
  return {
    physicalLocation: {
      artifactLocation: inside ? { uri: encodeURI(shown), uriBaseId: SRCROOT } : { uri: pathToFileURL(file).href },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}

/** SARIF's semanticVersion must be SemVer; `dev` builds have none. */
function semver(version: string): string | undefined {
  return /^\d+\.\d+\.\d+/.test(version) ? version : undefined;
}

declare const CLI_VERSION: string | undefined;

/** The version esbuild writes into dist/cli.js (scripts/build.mjs), or `dev` when run from sources. */
export function cliVersion(): string {
  return typeof CLI_VERSION === 'string' ? CLI_VERSION : 'dev';
}
