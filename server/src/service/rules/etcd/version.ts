/**
 * The etcd version an etcd container runs, in this order: the image tag
 * (`registry.k8s.io/etcd:3.5.9-0` → 3.5.9), else the setting `kubeTracing.etcdVersion` (`auto` or a version),
 * else the etcd minor kubeadm pairs with the Kubernetes minor (k8s.io/kubernetes cmd/kubeadm/app/constants/constants.go
 * SupportedEtcdVersion of that minor's kubeadm, read by oracle/etcd/kubeadm.mjs: 3.5 for 1.22-1.33, 3.6 for
 * 1.34-1.36, 3.7 from 1.37), whose patch is unknown because kubeadm bumps it in patch releases.
 */
import {
  compareMinor,
  formatMinor,
  parseMinor,
  splitImageReference,
  type KubernetesVersionInForce,
  type MinorVersion,
} from '../../versions';
import { KUBEADM_PAIRING, formatEtcdVersion, parseEtcdVersion, type EtcdVersion, type KubeadmPairing } from './facts';

export type { EtcdVersionSource } from '../../../../../common/src/versionSources';
import type { EtcdVersionSource } from '../../../../../common/src/versionSources';

export interface EtcdVersionInForce {
  version: EtcdVersion;
  source: EtcdVersionSource;
  /** The image, the setting's value, or the Kubernetes version paired with. */
  detail: string;
}

/** The etcd version of an image tag: `3.5.9-0`, `v3.6.0`, `3.5.16-debian-12-r2`; null for `latest` or no tag. */
export function etcdVersionFromImage(image: string | undefined): EtcdVersion | null {
  if (!image) return null;
  const tag = splitImageReference(image).tag;
  if (!tag || !/^v?\d+\.\d+\.\d+/.test(tag)) return null;
  return parseEtcdVersion(tag);
}

export function resolveEtcdVersion(image: string | undefined, setting: string, kubernetes: KubernetesVersionInForce): EtcdVersionInForce {
  const fromImage = etcdVersionFromImage(image);
  if (fromImage) return { version: fromImage, source: 'image-tag', detail: image!.trim() };
  const fromSetting = setting === 'auto' ? null : parseEtcdVersion(setting);
  if (fromSetting) return { version: fromSetting, source: 'setting', detail: setting };
  const paired = kubeadmPairingFor(kubernetes.version);
  return { version: parseEtcdVersion(paired.etcd)!, source: 'kubeadm-pairing', detail: formatMinor(kubernetes.version) };
}

/**
 * The kubeadm pairing of a Kubernetes minor; a minor outside the releases read gets the nearest one's (as kubeadm's
 * EtcdSupportedVersion falls back to its nearest map key).
 */
export function kubeadmPairingFor(version: MinorVersion): KubeadmPairing {
  const minor = formatMinor(version);
  const exact = KUBEADM_PAIRING.find((entry) => entry.kubernetes === minor);
  if (exact) return exact;
  const first = KUBEADM_PAIRING[0]!;
  return compareMinor(version, parseMinor(first.kubernetes)!) < 0 ? first : KUBEADM_PAIRING.at(-1)!;
}

/** Where the version came from, in words, for explanations. */
export function describeEtcdVersion(inForce: EtcdVersionInForce): string {
  const version = formatEtcdVersion(inForce.version);
  switch (inForce.source) {
    case 'image-tag':
      return `etcd ${version} (image ${inForce.detail})`;
    case 'setting':
      return `etcd ${version} (setting kubeTracing.etcdVersion)`;
    case 'kubeadm-pairing':
      return `etcd ${version}.x (what kubeadm deploys with Kubernetes ${inForce.detail}; pin the image tag or set kubeTracing.etcdVersion to check a precise release)`;
  }
}
