/**
 * The tracing config file must reach the container: the flag's path lies inside a `volumeMounts[].mountPath`
 * whose `name` is a volume of the pod that brings files (hostPath, configMap, secret, projected).
 * Mirrors:
 * - apiserver pkg/server/options/tracing.go TracingOptions.Validate: `tracing-config-file %s does not exist`
 *   when nothing is mounted there (the container image has no such file);
 * - k8s.io/kubernetes pkg/apis/core/validation/validation.go validateVolumeMounts: a mount naming no volume is
 *   `<path>.volumeMounts[i].name: Not found: "<name>"`, which the API server (and the kubelet, for static pods,
 *   through pkg/kubelet/config/common.go) refuses, so the pod never runs.
 * The mistake of published guides (mount `tracing-config`, volume `tracing`) gets one error on each line.
 */
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { findingAt, findingAtOffsets, Severity } from '../../report';
import { atLeast, kubeApiserverFacts } from '../../versions';
import type { PodVolume, VolumeMount } from '../control-plane-pod';
import { flag, type ApiserverTarget } from './target';

/** POSIX path normalisation (what the runtime does with mount paths): `//`, `.`, `..` and a trailing `/`. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The path relative to `mountPath` when it lies inside it ('' for the mount path itself), else undefined. */
export function pathInside(path: string, mountPath: string): string | undefined {
  const file = normalizePath(path);
  const mount = normalizePath(mountPath);
  if (file === mount) return '';
  const prefix = mount === '/' ? '/' : `${mount}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}

/** The mount holding `path`: the deepest mount path wins, as with overlapping mounts in the container. */
export function mountHolding(path: string, mounts: readonly VolumeMount[]): VolumeMount | undefined {
  let best: VolumeMount | undefined;
  for (const mount of mounts) {
    if (!mount.mountPath || pathInside(path, mount.mountPath) === undefined) continue;
    if (!best || normalizePath(mount.mountPath).length > normalizePath(best.mountPath).length) best = mount;
  }
  return best;
}

const FILE_SOURCES = new Set(['hostPath', 'configMap', 'secret', 'projected']);

export function checkMountChain(target: ApiserverTarget): Finding[] {
  const configFlag = flag(target, kubeApiserverFacts.tracingConfigFileFlag.name);
  const path = configFlag?.value;
  // Relative paths depend on the image's working directory: nothing to say about mounts.
  if (!configFlag || configFlag.dashes !== '--' || !path || !path.startsWith('/')) return [];
  if (!atLeast(target.version.version, kubeApiserverFacts.tracingConfigFileFlag.from)) return []; // an unknown flag: nothing gets that far
  const { container, pod } = target;
  const missing = kubeApiserverFacts.configFileMissingMessage.replace('%s', path);
  const mount = mountHolding(path, container.volumeMounts);

  if (!mount) {
    const directory = normalizePath(`${path}/..`);
    return [
      findingAtOffsets(target.file, configFlag.valueStart, configFlag.valueEnd, {
        severity: Severity.Error,
        code: 'kube-apiserver/tracing-config-not-mounted',
        message: missing,
        explanation: pod.form
          ? `kube-apiserver exits at start-up: nothing the ${pod.form.name} mounts into kube-apiserver covers ${path}, so the file is not in the container. ${pod.form.mountAdvice('kube-apiserver', directory)}`
          : `kube-apiserver exits at start-up: no volumeMount of container "${container.name}" covers ${path}, so the file is not in the container. Mount that one file read-only (a volumeMounts entry with mountPath ${path} and readOnly: true, and a hostPath volume of type File); mounting its whole directory would also expose whatever else is there (in /etc/kubernetes, admin.conf).`,
        // filePath: the quick fix mounts the one file; mountPath (its directory) is what the cluster forms' advice names.
        data: { mountPath: directory, filePath: path },
      }),
    ];
  }

  const volume = mount.name ? pod.volumes.find((v) => v.name === mount.name) : undefined;
  if (!volume) {
    const field = `${pod.specPath}.containers[${container.index}].volumeMounts[${mount.index}].name`;
    // validateVolumeMounts: an empty name is field.Required, an unknown one field.NotFound.
    const message = mount.name ? `${field}: Not found: ${goQuote(mount.name)}` : `${field}: Required value`;
    const findings: Finding[] = [
      findingAt(
        target.file,
        mount.nameNode,
        {
          severity: Severity.Error,
          code: 'kube-apiserver/volume-mount-without-volume',
          message,
          explanation: `The pod is invalid, so ${pod.isPod ? 'the kubelet does not run this static pod' : 'the API server rejects it'}: the volumeMount at ${mount.mountPath} (which holds the tracing config file) names "${mount.name}", but the pod has no volume of that name.`,
        },
        mount.node,
      ),
    ];
    const intended = intendedVolume(target, mount);
    if (intended) {
      findings.push(
        findingAt(
          target.file,
          intended.nameNode,
          {
            severity: Severity.Error,
            code: 'kube-apiserver/volume-name-mismatch',
            message: `volume ${goQuote(intended.name)} is not mounted: the volumeMount for ${mount.mountPath} names ${goQuote(mount.name)}`,
            explanation: `The names differ, so the tracing config file never reaches kube-apiserver. Use the same name in the volume and in the volumeMount (rename one of "${intended.name}" and "${mount.name}").`,
            data: { rename: { from: mount.name, to: intended.name } },
          },
          intended.node,
        ),
      );
    }
    return findings;
  }

  if (volume.source === 'emptyDir') {
    return [
      findingAtOffsets(target.file, configFlag.valueStart, configFlag.valueEnd, {
        severity: Severity.Error,
        code: 'kube-apiserver/tracing-config-volume-empty',
        message: missing,
        explanation: `kube-apiserver exits at start-up: ${path} is inside the volume "${volume.name}", an emptyDir, which starts empty. Use a hostPath, configMap, secret or projected volume to bring the file.`,
      }),
    ];
  }
  return [];
}

/**
 * The volume the author most likely meant: not mounted by any container of the pod, and either its hostPath is
 * the mount path (kubeadm's extraVolumes pattern) or only one such unmounted volume exists.
 */
function intendedVolume(target: ApiserverTarget, mount: VolumeMount): PodVolume | undefined {
  const unmounted = target.pod.volumes.filter((v) => v.name && !target.pod.mountedVolumeNames.has(v.name) && FILE_SOURCES.has(v.source));
  const samePath = unmounted.find((v) => v.hostPath !== undefined && normalizePath(v.hostPath) === normalizePath(mount.mountPath));
  return samePath ?? (unmounted.length === 1 ? unmounted[0] : undefined);
}
