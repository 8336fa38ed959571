/**
 * The control-plane pod document type: a Pod, or the pod template of a Deployment/DaemonSet/StatefulSet, with a
 * kube-apiserver or etcd container (see pod.ts for how they are recognized). It reads the pod once and hands each
 * recognized container to that component's rules.
 *
 * Contract with the component rule modules (agreed with the etcd owner; documentTypes.ts wires them):
 *
 *   export function checkEtcdContainer(pod: ControlPlanePod, container: ControlPlaneContainer, context: FileContext): Finding[]
 *   export function checkKubeApiserverContainer(…same signature…): Finding[]
 *
 * - `pod` gives the volumes, hostNetwork, the file and the document; `container.flags` are the flags in argv order
 *   (`--name=value`, `--name value`, bare `--name`), each with file offsets of its name and value, extracted with
 *   pod.ts isBooleanFlag (etcd's: the data list isEtcdBoolFlag reads) (re-extract with `extractFlags(file, items, isBoolean)` for other needs).
 * - `container.kubernetesVersion` is the Kubernetes minor in force for that container (setting, else image tag for
 *   kube-apiserver, else the latest released); the etcd version is the etcd module's own business.
 * - A component with no rules registered (`undefined`) is recognized but gets no findings.
 * Mirrors k8s.io/api core/v1 PodSpec/Container and apps/v1 PodTemplateSpec.
 */
import type { FileContext } from '../../context';
import type { DocumentType } from '../../documentType';
import type { Finding } from '../../findings';
import type { ParsedDocument } from '../../yaml/parse';
import { readControlPlanePod, type ControlPlaneComponent, type ControlPlaneContainer, type ControlPlanePod } from './pod';
import { checkVariableReferences } from './variableReferences';

export type ContainerRules = (pod: ControlPlanePod, container: ControlPlaneContainer, context: FileContext) => Finding[];

export type ContainerRulesByComponent = Partial<Record<ControlPlaneComponent, ContainerRules>>;

export function controlPlanePodType(rulesByComponent: ContainerRulesByComponent): DocumentType {
  // readControlPlanePod memoizes per parsed document, so recognize() then validate() read the pod once.
  const podOf = (document: ParsedDocument, context: FileContext): ControlPlanePod | null =>
    readControlPlanePod(document, context.file, context.options.settings);
  return {
    id: 'control-plane-pod',
    mightContain: (text) => /kube-apiserver|etcd/.test(text),
    recognize: (document, context) => podOf(document, context) !== null,
    validate(document, context) {
      const pod = podOf(document, context);
      if (!pod) return [];
      // `$(VAR)` expansion is the kubelet's, the same for every component: checked here, once per container.
      return pod.containers.flatMap((container) => [
        ...checkVariableReferences(pod, container),
        ...(rulesByComponent[container.component]?.(pod, container, context) ?? []),
      ]);
    },
  };
}

export { readControlPlanePod, podSpecOf, componentOfImage, isBooleanFlag } from './pod';
export type {
  ClusterForm,
  ControlPlaneComponent,
  ControlPlaneContainer,
  ControlPlanePod,
  PodVolume,
  VolumeMount,
  VolumeSourceType,
} from './pod';
export { extractFlags, lastFlag, argvItems, itemOffsets } from './flags';
export { UNDEFINED_VARIABLE_CODE } from './variableReferences';
export type { Flag, ArgvItem, IsBooleanFlag } from './flags';
