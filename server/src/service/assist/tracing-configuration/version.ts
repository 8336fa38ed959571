/**
 * The version a TracingConfiguration document is checked against, decided as validation decides it: a file
 * some kube-apiserver manifest of the workspace mounts (rules/kube-apiserver referencedTracingConfigType) takes
 * that manifest's version; any other takes the setting or the default (tracingTargetFor).
 */
import type { DocumentType } from '../../documentType';
import { referencedTracingConfigType, referencesTo, versionForReferencedFile } from '../../rules/kube-apiserver';
import { tracingTargetFor } from '../../rules/tracing-configuration';
import type { KubernetesVersionInForce } from '../../versions';
import type { ParsedDocument } from '../../yaml/parse';
import type { PreparedFile } from '../prepare';

export function tracingConfigVersion(prepared: PreparedFile, document: ParsedDocument, type: DocumentType): KubernetesVersionInForce {
  const { context } = prepared;
  if (type === referencedTracingConfigType) {
    return versionForReferencedFile(context.options.settings.kubernetesVersion, referencesTo(context.path, context.options));
  }
  return tracingTargetFor(document, context).version;
}
