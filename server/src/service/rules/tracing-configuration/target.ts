/**
 * The mapping that holds component-base's TracingConfiguration fields (`endpoint`, `samplingRatePerMillion`):
 * the whole document for kube-apiserver's --tracing-config-file, the `tracing:` block for the kubelet.
 * The field validators take this so both components share them, as they share ValidateTracingConfiguration.
 */
import type { Document } from 'yaml';
import type { ParsedFile } from '../../yaml/parse';
import type { AstNode, MapEntry } from '../../yaml/nodes';
import type { KubernetesVersionInForce } from '../../versions';

export interface TracingFieldsTarget {
  file: ParsedFile;
  document: Document.Parsed;
  /** The mapping node itself (for ranges), null when absent. */
  node: AstNode | null;
  entries: MapEntry[];
  /** Field path prefix in messages: `` for kube-apiserver (nil root), `tracing.` for the kubelet. */
  fieldPathPrefix: '' | 'tracing.';
  component: 'kube-apiserver' | 'kubelet';
  /** Rule code prefix, e.g. `tracing-config` or `kubelet`. */
  codePrefix: string;
  version: KubernetesVersionInForce;
}

/** How a component reacts when it refuses a value, for explanations. */
export function refusalPhrase(target: Pick<TracingFieldsTarget, 'component'>): string {
  return target.component === 'kube-apiserver'
    ? 'kube-apiserver refuses to start ("failed to validate tracing configuration")'
    : 'the kubelet refuses to start ("invalid configuration")';
}

export function componentName(target: Pick<TracingFieldsTarget, 'component'>): string {
  return target.component === 'kube-apiserver' ? 'kube-apiserver' : 'the kubelet';
}

/** The fields a decoder knows at this target: TypeMeta plus TracingConfiguration's at the root of the apiserver file. */
export function knownFields(target: Pick<TracingFieldsTarget, 'component'>): readonly string[] {
  return target.component === 'kube-apiserver' ? ['apiVersion', 'kind', 'endpoint', 'samplingRatePerMillion'] : ['endpoint', 'samplingRatePerMillion'];
}
