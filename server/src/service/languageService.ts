/**
 * The language service: pure, synchronous functions from text and settings to findings. No LSP, no VS Code.
 * Used by the server (through handlers/), by the CLI, and directly by the unit tests.
 */
import { matchesGlobs, uriToPath, type FileContext, type SourceFile, type ValidationOptions } from './context';
import { DOCUMENT_TYPES } from './documentTypes';
import { Severity, type Finding } from './findings';
import { referencesTo, versionForReferencedFile } from './rules/kube-apiserver';
import { MAX_VALIDATED_BYTES, parseFile, type ParsedFile } from './yaml/parse';

/** The per-file context before parsing; exported so editing assistance (service/assist) sees what validation sees. */
export function baseFileContext(source: SourceFile, options: ValidationOptions): Omit<FileContext, 'file'> {
  const path = uriToPath(source.uri);
  // A file that a kube-apiserver manifest in the workspace mounts as --tracing-config-file is a TracingConfiguration
  // whatever its name, and runs on that apiserver's version (setting first): rules/kube-apiserver/references.ts.
  const references = referencesTo(path, options);
  return {
    path,
    options,
    matchesTracingConfigGlob: references.length > 0 || matchesGlobs(path, options.settings.tracingConfigFiles, options.workspaceFolders),
    defaultKubernetesVersion: versionForReferencedFile(options.settings.kubernetesVersion, references),
  };
}

/**
 * `parse` is how this file is parsed: the server passes its per-document IncrementalParser
 * (yaml/incrementalParse.ts), which gives the same result as parseFile faster after an edit.
 */
export function validateSource(source: SourceFile, options: ValidationOptions, parse: (uri: string, text: string) => ParsedFile = parseFile): Finding[] {
  const baseContext = baseFileContext(source, options);
  const candidates = DOCUMENT_TYPES.filter((type) => type.mightContain(source.text, baseContext));
  if (candidates.length === 0) return [];

  if (source.text.length > MAX_VALIDATED_BYTES) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: Severity.Information,
        code: 'file-too-large',
        message: `kube-tracing did not check this file: ${(source.text.length / 1048576).toFixed(1)} MB is over the ${MAX_VALIDATED_BYTES / 1048576} MB limit`,
        explanation: 'Control-plane manifests and tracing configuration files are small; split this file to have it checked.',
      },
    ];
  }

  const file = parse(source.uri, source.text);
  const context: FileContext = { ...baseContext, file };
  const findings: Finding[] = [];
  let recognizedAny = false;
  const broken: number[] = [];

  for (const document of file.documents) {
    if (document.syntaxProblems.length > 0) {
      broken.push(document.index);
      continue;
    }
    for (const type of candidates) {
      if (!type.recognize(document, context)) continue;
      recognizedAny = true;
      findings.push(...runGuarded(type.id, () => type.validate(document, context), file, document.startOffset));
      break;
    }
  }

  // Syntax errors are ours to report only in files we understand: no noise on unrelated YAML.
  if (broken.length > 0 && (recognizedAny || context.matchesTracingConfigGlob || looksRelevant(source.text))) {
    for (const index of broken) findings.push(...syntaxFindings(file, index));
  }
  return findings.sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** A broken file that names a kind we handle still gets its syntax errors shown. */
function looksRelevant(text: string): boolean {
  return /\bkind:\s*["']?(TracingConfiguration|KubeletConfiguration)\b|kube-apiserver|\betcd\b/.test(text);
}

function syntaxFindings(file: ParsedFile, index: number): Finding[] {
  const document = file.documents[index]!;
  return document.syntaxProblems.map((problem) => ({
    range: file.lines.range(problem.startOffset, problem.endOffset),
    severity: Severity.Error,
    code: 'yaml/syntax-error',
    message: problem.message,
    explanation:
      file.documents.length > 1
        ? `Document ${index + 1} of this file is not valid ${file.isJson ? 'JSON' : 'YAML'}: Kubernetes cannot read it. The other documents are still checked.`
        : `This file is not valid ${file.isJson ? 'JSON' : 'YAML'}: Kubernetes cannot read it.`,
  }));
}

/** A rule bug must not take the whole file (or the server) down: report it and go on. */
function runGuarded(typeId: string, run: () => Finding[], file: ParsedFile, offset: number): Finding[] {
  try {
    return run();
  } catch (error) {
    return [
      {
        range: file.lines.range(offset, offset),
        severity: Severity.Information,
        code: 'internal-error',
        message: `kube-tracing could not check this ${typeId} document: ${error instanceof Error ? error.message : String(error)}`,
        explanation: 'This is a bug in kube-tracing; please report it with the file that triggers it.',
      },
    ];
  }
}
