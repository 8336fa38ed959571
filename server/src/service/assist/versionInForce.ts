/**
 * The Kubernetes (and etcd) version a file is checked against, and where it came from, for the status bar and
 * the `kubeTracing/versionInForce` request: the first document kube-tracing recognizes decides, read with the
 * same functions the rules use (the referencing manifest or the setting for TracingConfiguration, the pod model for manifests).
 */
import { podOf } from './pod/locate';
import { resolveEtcdVersion, type EtcdVersionInForce } from '../rules/etcd/version';
import type { KubernetesVersionInForce } from '../versions';
import { collectorsOf } from '../collector';
import type { CollectorInForce } from '../collector/collectorInForce';
import { documentTypeOf, prepare } from './prepare';
import type { AssistInput } from './types';

export interface DocumentVersions {
  /** The recognized document's type id, e.g. `tracing-config` or `control-plane-pod`. */
  documentType: string;
  kubernetes: KubernetesVersionInForce;
  /** For an etcd pod: the etcd release its rules use (image tag, setting, or kubeadm's pairing). */
  etcd?: EtcdVersionInForce;
  /** For a Collector config: the release and distribution its rules use (the first config of the document). */
  collector?: CollectorInForce;
}

export function versionInForce(input: AssistInput): DocumentVersions | null {
  const prepared = prepare(input);
  if (!prepared) return null;
  const { context } = prepared;
  for (const document of context.file.documents) {
    const type = documentTypeOf(prepared, document);
    if (!type) continue;
    if (type.id === 'control-plane-pod') {
      const pod = podOf(document, context.file, input.options.settings);
      const container = pod?.containers.find((c) => c.component === 'kube-apiserver') ?? pod?.containers[0];
      if (container?.component === 'etcd') {
        const etcd = resolveEtcdVersion(container.image, input.options.settings.etcdVersion, container.kubernetesVersion);
        return { documentType: type.id, kubernetes: container.kubernetesVersion, etcd };
      }
      if (container) return { documentType: type.id, kubernetes: container.kubernetesVersion };
    }
    if (type.id === 'collector') {
      const [collector] = collectorsOf(document.document, context);
      if (collector) return { documentType: type.id, kubernetes: context.defaultKubernetesVersion, collector };
    }
    // Every other type, TracingConfiguration included, is checked against the context's version
    // (for a file a kube-apiserver manifest mounts, that manifest's: languageService.ts baseFileContext).
    // Cluster configs and kubeadm's KubeletConfiguration: the version their type judges them at.
    const assisted = type.assistAs?.(document, context);
    return { documentType: assisted?.typeId ?? type.id, kubernetes: (assisted?.context ?? context).defaultKubernetesVersion };
  }
  return null;
}
