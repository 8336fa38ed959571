/**
 * kube-apiserver's `--tracing-config-file` (TracingConfiguration), recognized by apiVersion/kind, or by file
 * name (`kubeTracing.tracingConfigFiles`) since Kubernetes treats apiVersion and kind as optional.
 * Each rule is a module of its own; this file only recognizes the document and runs them in order.
 */
import { isMap, isScalar } from 'yaml';
import type { FileContext } from '../../context';
import { Severity, type Finding } from '../../findings';
import type { DocumentType } from '../../documentType';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import type { ParsedDocument } from '../../yaml/parse';
import { checkRootType, isNonMappingRoot } from './rootType';
import { checkInDecodeOrder } from './decodeOrder';
import { readerSyntaxError } from './syntax';
import { shallowReading } from './deepValue';
import { nestingMessage } from '../../yaml/nesting';
import { atLeast, tracingConfigurationFacts, type MinorVersion } from '../../versions';
import { expandMergeKeys, type TracingFieldsTarget } from './target';
import { APISERVER_CONFIG_KINDS } from './otherKinds';

const TRACING_GROUPS = /^apiserver\.(config\.)?k8s\.io\//;

/** Strict decoding of --tracing-config-file from 1.32 (apiserver e6b7968, #128073): unknown and duplicate keys are errors; lenient before. */
export function decodesStrictly(version: MinorVersion): boolean {
  return atLeast(version, tracingConfigurationFacts.strictDecodingFrom);
}

export const tracingConfigurationType: DocumentType = {
  id: 'tracing-config',

  mightContain(text, context) {
    return context.matchesTracingConfigGlob || /Trac|apiserver\.(?:config\.)?k8s\.io/.test(text);
  },

  recognize: (document, context) => recognizeTracingConfiguration(document, context, 'by-name-needs-shape'),

  validate(document: ParsedDocument, context: FileContext) {
    // sigs.k8s.io/yaml reads one document: kube-apiserver never sees the ones after the first.
    if (document.index > 0 && context.matchesTracingConfigGlob) return [ignoredDocument(document, context)];
    const target = tracingTargetFor(document, context);
    if (isNonMappingRoot(target.node)) return checkRootType(target); // decoding stops there
    return checkInDecodeOrder(target, decodesStrictly(target.version.version) ? 'strict' : 'lenient');
  },

  brokenDocument(document, context) {
    if (!context.matchesTracingConfigGlob) return undefined;
    if (document.index === 0) {
      const shallow = shallowReading(document, context, [
        'apiVersion',
        'kind',
        'endpoint',
        'samplingRatePerMillion',
        'Endpoint',
        'SamplingRatePerMillion',
      ]);
      if (!shallow) return readerSyntaxError(tracingTargetFor(document, context));
      // Judged with the deep value read as null; ranges moved back to the file's lines.
      const moved = (line: number) => (line > shallow.keyLine ? line + shallow.lineDelta : line);
      const findings = tracingConfigurationType.validate(shallow.document, shallow.context).map((f) => ({
        ...f,
        range: {
          start: { ...f.range.start, line: moved(f.range.start.line) },
          end: { ...f.range.end, line: moved(f.range.end.line) },
        },
      }));
      const at = document.syntaxProblems[0]!.startOffset;
      return [
        ...findings,
        {
          range: context.file.lines.range(at, at + 1),
          severity: Severity.Warning,
          code: 'yaml/too-deep',
          message: nestingMessage(),
          explanation:
            'kube-tracing does not read a value nested this deep. kube-apiserver does; as this key is not a TracingConfiguration field, its decoder never looks inside the value, so the rest of the file is checked as if it were null.',
        },
      ];
    }
    // kube-apiserver reads the first document only: a broken later one is never parsed (go-yaml scans on demand).
    const first = context.file.documents[0];
    // (Past the nesting limit the document is not even read here: that Warning stands.)
    const tooDeep = document.syntaxProblems.some((problem) => problem.message === nestingMessage());
    if (!tooDeep && first && first.syntaxProblems.length === 0 && recognizeTracingConfiguration(first, context, 'by-name-needs-shape'))
      return [ignoredDocument(document, context)];
    return undefined;
  },
};

function ignoredDocument(document: ParsedDocument, context: FileContext): Finding {
  const start = document.document.contents?.range?.[0] ?? document.startOffset;
  return {
    range: context.file.lines.range(start, start),
    severity: Severity.Information,
    code: 'tracing-config/ignored-document',
    message: `kube-apiserver reads only the first document of --tracing-config-file; document ${document.index + 1} is ignored`,
    explanation:
      'The tracing config file is converted from YAML to JSON as one document (sigs.k8s.io/yaml), so everything after the first "---" separator is never read or checked by kube-apiserver.',
  };
}

/**
 * The fields a file recognized by name alone must show at its top level (any case, so `Endpoint` is still judged)
 * before it is judged: other tracing configs share the name (Thanos' `type:`/`config:`, jaeger-client's
 * `sampler:`/`reporter:`) and are none of kube-apiserver's business.
 */
const TRACING_SHAPE_KEYS = new Set(['endpoint', 'samplingratepermillion']);

/**
 * Whether a document is a TracingConfiguration. `mounted` is for a file a kube-apiserver manifest mounts as
 * --tracing-config-file: kube-apiserver reads it whatever it holds, so no shape is asked of it.
 */
export function recognizeTracingConfiguration(
  document: ParsedDocument,
  context: FileContext,
  byName: 'by-name-needs-shape' | 'mounted',
): boolean {
  const root = document.document.contents;
  // A list or a scalar is a broken tracing config only in a file named like one.
  if (isNonMappingRoot(root)) return context.matchesTracingConfigGlob;
  if (root !== null && !isMap(root)) return false;
  const entries = mapEntries(root, document.document);
  const kindValue = lastEntry(entries, 'kind')?.value;
  const apiVersionValue = lastEntry(entries, 'apiVersion')?.value;
  // Only a string names a kind: `kind: 5` is a TracingConfiguration with a bad kind, not another kind.
  const kind = isScalar(kindValue) && typeof kindValue.value === 'string' ? kindValue.value : '';
  const apiVersion = isScalar(apiVersionValue) ? String(apiVersionValue.value ?? '') : '';
  if (kind === 'TracingConfiguration') return true;
  // A misspelt kind in the apiserver groups (TracingConfig, tracingConfiguration) is a tracing config gone wrong.
  if (/trac/i.test(kind) && (apiVersion === '' || TRACING_GROUPS.test(apiVersion))) return true;
  if (!context.matchesTracingConfigGlob) return false;
  const showsTracingField = entries.some((entry) => TRACING_SHAPE_KEYS.has(entry.key.toLowerCase()));
  // kube-apiserver reads a mounted file whatever kind it names (otherKinds.ts says what it makes of it). By name
  // alone: another kind of kube-apiserver's config scheme, or a kind of no other group that shows a
  // TracingConfiguration field; any other kind is another tool's file.
  if (kind !== '' && !/trac/i.test(kind))
    return (
      byName === 'mounted' ||
      APISERVER_CONFIG_KINDS.has(kind) ||
      ((apiVersion === '' || TRACING_GROUPS.test(apiVersion)) && showsTracingField)
    );
  // By file name: unless mounted, a document must show a TracingConfiguration field.
  if (byName === 'mounted' || kind !== '' || entries.length === 0 || TRACING_GROUPS.test(apiVersion)) return true;
  // A kind or apiVersion that is not a string (kind: 5) is a TracingConfiguration's TypeMeta gone wrong.
  if (
    (kindValue && !(isScalar(kindValue) && typeof kindValue.value === 'string')) ||
    (apiVersionValue && !(isScalar(apiVersionValue) && typeof apiVersionValue.value === 'string'))
  ) {
    if (!(isScalar(kindValue) && kindValue.value === null) || !(isScalar(apiVersionValue) && apiVersionValue.value === null)) return true;
  }
  return showsTracingField;
}

export function tracingTargetFor(document: ParsedDocument, context: FileContext): TracingFieldsTarget {
  const root = document.document.contents;
  return {
    file: context.file,
    document: document.document,
    node: root,
    entries: expandMergeKeys(mapEntries(root, document.document), document.document),
    fieldPathPrefix: '',
    component: 'kube-apiserver',
    codePrefix: 'tracing-config',
    version: context.defaultKubernetesVersion,
  };
}
