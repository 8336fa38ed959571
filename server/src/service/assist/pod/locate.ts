/**
 * Where the cursor is in a control-plane pod: which kube-apiserver or etcd container, and which flag of its
 * command line, read with the control-plane-pod model the rules use (readControlPlanePod, flags with offsets).
 */
import { isScalar, type Scalar } from 'yaml';
import type { KubeTracingSettings } from '../../../../../common/src/settings';
import { readControlPlanePod, type ControlPlaneContainer, type ControlPlanePod, type Flag } from '../../rules/control-plane-pod';
import type { ParsedDocument, ParsedFile } from '../../yaml/parse';
import type { Cursor } from '../cursor';

export interface PodCursor {
  pod: ControlPlanePod;
  container: ControlPlaneContainer;
  /** The command/args item under the cursor, when the cursor is on one. */
  item?: Scalar;
  /** The flag that item holds (its name, or its value for `--name value`). */
  flag?: Flag;
  /** The cursor is on the flag's name (`--tracing-config-file`), not its value. */
  onName: boolean;
}

function contains(node: { range?: [number, number, number] | null } | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

/** The container holding `offset`, or null outside kube-apiserver/etcd containers. */
export function podCursor(pod: ControlPlanePod, cursor: Cursor, offset: number): PodCursor | null {
  const container = pod.containers.find((candidate) => contains(candidate.node, offset));
  if (!container) return null;
  const inArgv = cursor.place === 'item' && (cursor.path.at(-2) === 'command' || cursor.path.at(-2) === 'args');
  if (!inArgv || !isScalar(cursor.scalar)) return { pod, container, onName: false };
  const item = cursor.scalar;
  const flag = container.flags.find((candidate) => candidate.item.node === item || candidate.valueItem?.node === item);
  const onName = !!flag && flag.item.node === item && offset >= flag.nameStart && offset <= flag.nameEnd;
  return { pod, container, item, flag, onName };
}

/** The document's control-plane pod, read with the rules' model (readControlPlanePod memoizes it per parsed document,
 * so code actions asking once per finding, and validation of the same parse, read it once). */
export function podOf(
  document: ParsedDocument,
  file: ParsedFile,
  settings: Pick<KubeTracingSettings, 'kubernetesVersion'>,
): ControlPlanePod | null {
  return readControlPlanePod(document, file, settings);
}
