/**
 * The language service: pure, synchronous functions from text and settings to findings. No LSP, no VS Code.
 * Used by the server (through handlers/), by the CLI, and directly by the unit tests.
 */
import { matchesGlobs, uriToPath, type FileContext, type SourceFile, type ValidationOptions } from './context';
import { DOCUMENT_TYPES } from './documentTypes';
import { Severity, type Finding } from './findings';
import { referencesTo, versionForReferencedFile } from './rules/kube-apiserver';
import { MAX_VALIDATED_BYTES, parseFile, type ParsedDocument, type ParsedFile } from './yaml/parse';
import { nestingMessage } from './yaml/nesting';
import { abbreviate } from './text/abbreviate';
import { scanTemplate, type TemplateScan } from './text/templates';
import type { DocumentType } from './documentType';
import { errorMessage } from '../../../common/src/errors';

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
    defaultKubernetesVersion: versionForReferencedFile(options.settings.kubernetesVersion, references, options.workspaceFolders),
  };
}

/**
 * `parse` is how this file is parsed: the server passes its per-document IncrementalParser
 * (yaml/incrementalParse.ts), which gives the same result as parseFile faster after an edit.
 */
export function validateSource(
  source: SourceFile,
  options: ValidationOptions,
  parse: (uri: string, text: string) => ParsedFile = parseFile,
): Finding[] {
  const baseContext = baseFileContext(source, options);
  const candidates = DOCUMENT_TYPES.filter((type) => type.mightContain(source.text, baseContext));
  if (candidates.length === 0) return [];

  const size = source.byteLength ?? source.text.length;
  if (size > MAX_VALIDATED_BYTES) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: Severity.Information,
        code: 'file-too-large',
        message: `kube-tracing did not check this file: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_VALIDATED_BYTES / 1048576} MB limit`,
        explanation: 'Control-plane manifests and tracing configuration files are small; split this file to have it checked.',
      },
    ];
  }

  // The OpenTelemetry Collector expands `${VAR}` itself: in a file that may be a Collector config it is no template tag.
  const template = scanTemplate(source.text, !candidates.some((type) => type.id === 'collector'));
  if (template) return templateFindings(source, template, baseContext, candidates);

  let file: ParsedFile;
  try {
    file = parse(source.uri, source.text);
  } catch (error) {
    return [parserFailure(error)];
  }
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
      findings.push(...capPerCode(runGuarded(type.id, () => type.validate(document, context), file, document.startOffset)));
      break;
    }
  }

  // Syntax errors are ours to report only in files we understand: no noise on unrelated YAML.
  if (broken.length > 0 && (recognizedAny || context.matchesTracingConfigGlob || looksRelevant(source.text))) {
    for (const index of broken) {
      const document = file.documents[index]!;
      const readers = candidates.map((type) =>
        runGuarded(type.id, () => type.brokenDocument?.(document, context) ?? [], file, document.startOffset),
      );
      const own = readers.find((words) => words.length > 0);
      findings.push(...(own ?? syntaxFindings(file, index)));
    }
  }
  return findings.sort(byPosition);
}

/**
 * The YAML parser itself failed on the file (the fuzzer found inputs whose nesting our depth scan does not count,
 * which overflow the yaml library's recursion, and merge keys it refuses): one finding on the first line, never an
 * exception out of the service (the other files and the server go on).
 */
function parserFailure(error: unknown): Finding {
  const overflow = error instanceof RangeError;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: overflow ? Severity.Warning : Severity.Information,
    code: overflow ? 'yaml/too-deep' : 'internal-error',
    message: overflow
      ? 'kube-tracing did not check this file: it nests deeper than the YAML parser can follow'
      : `kube-tracing did not check this file: the YAML parser failed (${abbreviate(errorMessage(error), 200)})`,
    explanation: overflow
      ? 'No Kubernetes or Collector file nests this deep; the rest of the workspace is still checked.'
      : 'This is a limit of kube-tracing, not a verdict on the file; the rest of the workspace is still checked.',
  };
}

/**
 * A template is not what Kubernetes reads: one Information on its first tag when it renders something we check
 * (its text with the tags blanked is recognized, or its name says so), nothing otherwise; no rule runs on it.
 */
function templateFindings(
  source: SourceFile,
  template: TemplateScan,
  baseContext: Omit<FileContext, 'file'>,
  candidates: readonly DocumentType[],
): Finding[] {
  let file: ParsedFile;
  try {
    file = parseFile(source.uri, template.blanked);
  } catch (error) {
    return [parserFailure(error)];
  }
  const context: FileContext = { ...baseContext, file };
  const renders = (document: ParsedDocument) =>
    document.syntaxProblems.length === 0 && candidates.some((type) => guardedRecognize(type, document, context));
  if (!context.matchesTracingConfigGlob && !KIND_WE_CHECK.test(source.text) && !file.documents.some(renders)) return [];
  const language = template.languages.join(' and ');
  const article = /^[AEIOU]/i.test(language) ? 'an' : 'a';
  const tag = source.text.slice(template.first.start, Math.min(template.first.end, template.first.start + 40));
  return [
    {
      range: file.lines.range(template.first.start, template.first.end),
      severity: Severity.Information,
      code: 'template/not-checked',
      message: `kube-tracing did not check this file: it is ${article} ${language} template (${tag}${tag.length < template.first.end - template.first.start ? '…' : ''})`,
      explanation:
        'Kubernetes reads what the template renders, not the template: render it (for example `helm template`, or your Ansible or ERB run) and check the output, e.g. `kube-tracing check <rendered files>`.',
    },
  ];
}

const KIND_WE_CHECK = /\bkind:\s*["']?(TracingConfiguration|KubeletConfiguration)\b/;

function guardedRecognize(type: DocumentType, document: ParsedDocument, context: FileContext): boolean {
  try {
    return type.recognize(document, context);
  } catch {
    return false;
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** A broken file that names a kind we handle still gets its syntax errors shown. */
function looksRelevant(text: string): boolean {
  return /\bkind:\s*["']?(TracingConfiguration|KubeletConfiguration)\b|kube-apiserver|\betcd\b/.test(text);
}

/**
 * The first syntax problem of a broken document, once: the parser's later problems mostly follow from the first
 * (one bad indent gives an error per following line), and the reader stops at the first anyway.
 */
function syntaxFindings(file: ParsedFile, index: number): Finding[] {
  const document = file.documents[index]!;
  const [first] = [...document.syntaxProblems].sort((a, b) => a.startOffset - b.startOffset);
  if (!first) return [];
  const more = document.syntaxProblems.length - 1;
  const format = file.isJson ? 'JSON' : 'YAML';
  const where = file.documents.length > 1 ? `Document ${index + 1} of this file is` : 'This file is';
  const others = file.documents.length > 1 ? ' The other documents are still checked.' : '';
  if (first.message === nestingMessage()) {
    return [
      {
        range: file.lines.range(first.startOffset, first.endOffset),
        severity: Severity.Warning,
        code: 'yaml/too-deep',
        message: first.message,
        explanation: `${where} nested deeper than any Kubernetes, kubelet or Collector file; kube-tracing stops reading it here rather than risk running out of stack, and checks nothing in it.${others}`,
      },
    ];
  }
  const after =
    more > 0
      ? ` The parser found ${more} more problem${more === 1 ? '' : 's'} after this one; fix this one first, the others usually follow from it.`
      : '';
  return [
    {
      range: file.lines.range(first.startOffset, first.endOffset),
      severity: Severity.Error,
      code: 'yaml/syntax-error',
      message: first.message,
      explanation: `${where} not valid ${format}: Kubernetes cannot read it.${others}${after}`,
    },
  ];
}

/** The longest message or explanation a finding keeps (the exact message of the real code is never this long). */
const MAX_FINDING_TEXT = 2000;

/** How many findings of one code a document shows; the rest are counted in one Information. */
export const MAX_FINDINGS_PER_CODE = 100;

/**
 * At most MAX_FINDINGS_PER_CODE findings of each code per document, then one Information saying how many there
 * were: 4,000 unknown gates are not 4,000 diagnostics (nobody reads them, and each costs the editor).
 */
function capPerCode(unbounded: Finding[]): Finding[] {
  // A message quoting a 3 MB value (an endpoint, a flag) would repeat it: messages and explanations are cut.
  const findings = unbounded.map((f) =>
    f.message.length > MAX_FINDING_TEXT || f.explanation.length > MAX_FINDING_TEXT
      ? { ...f, message: abbreviate(f.message, MAX_FINDING_TEXT), explanation: abbreviate(f.explanation, MAX_FINDING_TEXT) }
      : f,
  );
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
  if ([...counts.values()].every((count) => count <= MAX_FINDINGS_PER_CODE)) return findings;
  const shown = new Map<string, number>();
  const capped: Finding[] = [];
  for (const finding of findings) {
    const count = counts.get(finding.code)!;
    const index = shown.get(finding.code) ?? 0;
    shown.set(finding.code, index + 1);
    if (index < MAX_FINDINGS_PER_CODE) capped.push(finding);
    else if (index === MAX_FINDINGS_PER_CODE) {
      capped.push({
        range: finding.range,
        severity: Severity.Information,
        code: 'too-many-findings',
        message: `${count.toLocaleString('en-US')} ${finding.code} findings in this document: showing the first ${MAX_FINDINGS_PER_CODE}`,
        explanation: `kube-tracing shows at most ${MAX_FINDINGS_PER_CODE} findings of one kind per document; the others start here, and show as these are fixed.`,
      });
    }
  }
  return capped;
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
        message: `kube-tracing could not check this ${typeId} document: ${errorMessage(error)}`,
        explanation: 'This is a bug in kube-tracing; please report it with the file that triggers it.',
      },
    ];
  }
}
