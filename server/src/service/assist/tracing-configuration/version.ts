/**
 * The version a TracingConfiguration document is checked against is the context's own:
 * languageService.ts baseFileContext already applies versionForReferencedFile (the referencing manifest's version,
 * setting first), and tracingTargetFor takes context.defaultKubernetesVersion.
 * Kept only for assist/index.ts's two calls, which another change is editing at the same time; delete this file
 * with them and use `prepared.context.defaultKubernetesVersion` there.
 */
import type { DocumentType } from '../../documentType';
import type { KubernetesVersionInForce } from '../../versions';
import type { ParsedDocument } from '../../yaml/parse';
import type { PreparedFile } from '../prepare';

export function tracingConfigVersion(prepared: PreparedFile, _document: ParsedDocument, _type: DocumentType): KubernetesVersionInForce {
  return prepared.context.defaultKubernetesVersion;
}
