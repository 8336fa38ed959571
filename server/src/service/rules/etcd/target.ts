/** What every etcd rule reads: the pod, the etcd container, its command line as etcd parses it, and the etcd version. */
import type { FileContext } from '../../context';
import type { ControlPlaneContainer, ControlPlanePod } from '../control-plane-pod';
import type { EtcdCommandLine } from './argv';
import { describeEtcdVersion, type EtcdVersionInForce } from './version';

export interface EtcdTarget {
  pod: ControlPlanePod;
  container: ControlPlaneContainer;
  context: FileContext;
  commandLine: EtcdCommandLine;
  etcd: EtcdVersionInForce;
}

/** `etcd 3.5.9 (image registry.k8s.io/etcd:3.5.9-0)` and the like. */
export function versionPhrase(target: EtcdTarget): string {
  return describeEtcdVersion(target.etcd);
}

export const ETCD_EXITS = 'etcd prints this and exits, so the static pod crash-loops and kube-apiserver loses its storage';
