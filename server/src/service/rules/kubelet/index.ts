/**
 * The kubelet's configuration file (`KubeletConfiguration`, kubelet.config.k8s.io/v1beta1; kubeadm writes it to
 * /var/lib/kubelet/config.yaml, and kubeadm's own config may embed it as one of its documents). Only what bears on
 * tracing is checked: the `tracing:` block by version and KubeletTracing gate, the `featureGates:` map, and the
 * strict-decoding failures that make the kubelet fall back to lenient decoding. Other fields are not checked:
 * kube-tracing has no KubeletConfiguration schema, so it says nothing rather than guess.
 * Mirrors kubelet config/v1beta1 types.go and k/k pkg/kubelet/apis/config/validation/validation.go.
 */
import { isMap, isScalar } from 'yaml';
import type { DocumentType } from '../../documentType';
import type { Finding } from '../../findings';
import { resolveKubernetesVersion } from '../../versions';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { checkDuplicateKeys } from './duplicateKeys';
import { checkFeatureGates } from './featureGates';
import { nodeManifestEvidence } from './nodeVersion';
import type { KubeletTarget } from './target';
import { checkKubeletTracing } from './tracing';

const KIND = 'KubeletConfiguration';
const GROUP = 'kubelet.config.k8s.io/';

/** In the order the kubelet hits them: decoding (duplicates), feature gates, then validation of tracing. */
const RULES: ReadonlyArray<(target: KubeletTarget) => Finding[]> = [checkDuplicateKeys, checkFeatureGates, checkKubeletTracing];

export const kubeletConfigurationType: DocumentType = {
  id: 'kubelet',
  mightContain: (text) => text.includes(KIND),
  recognize(document) {
    const root = document.document.contents;
    if (!isMap(root)) return false;
    const entries = mapEntries(root, document.document);
    const kind = lastEntry(entries, 'kind')?.value;
    const apiVersion = lastEntry(entries, 'apiVersion')?.value;
    const apiVersionText = isScalar(apiVersion) ? String(apiVersion.value ?? '') : '';
    return isScalar(kind) && kind.value === KIND && (apiVersionText === '' || apiVersionText.startsWith(GROUP));
  },
  validate(document, context) {
    const target: KubeletTarget = {
      file: context.file,
      document: document.document,
      context,
      entries: mapEntries(document.document.contents, document.document),
      // A config that names no version (no setting, no referencing manifest) runs on its node's kube-apiserver version.
      version:
        context.defaultKubernetesVersion.source === 'default'
          ? resolveKubernetesVersion(context.options.settings.kubernetesVersion, {
              nodeManifest: nodeManifestEvidence(context.path, context.options),
            })
          : context.defaultKubernetesVersion,
    };
    return RULES.flatMap((rule) => rule(target));
  },
};
