/**
 * The extension's settings, shared by the client (which contributes them in package.json) and the server
 * (which reads them through `workspace/configuration`). Like vscode-eslint's shared settings module: one type,
 * one set of defaults, so the two sides cannot drift apart.
 */

/** The configuration section every setting lives under (`kubeTracing.*`). */
export const SETTINGS_SECTION = 'kubeTracing';

/** `"auto"` or a Kubernetes minor such as `"1.31"`. */
export type KubernetesVersionSetting = 'auto' | `${number}.${number}`;

export interface KubeTracingSettings {
  /** The Kubernetes minor the files will run on; `"auto"` infers it (image tags, referencing manifests) or uses the latest released minor. */
  kubernetesVersion: KubernetesVersionSetting;
  /** The etcd version for etcd manifests; `"auto"` infers it from the image tag or the Kubernetes minor. */
  etcdVersion: string;
  /** Globs of files treated as TracingConfiguration even without `apiVersion`/`kind`. */
  tracingConfigFiles: string[];
  /** Check the workspace's relevant files in the background, not only the open ones (server/src/handlers/workspaceDiagnostics.ts). */
  workspaceDiagnostics: boolean;
  /** The OpenTelemetry Collector release (`0.159.0`) for configs whose image is not found; `"auto"` = the newest known. */
  collectorVersion: string;
  /** The Collector distribution for configs whose image is not found; `"auto"` = unknown (contrib, the largest, is assumed). */
  collectorDistribution: CollectorDistributionSetting;
  /** The opentelemetry-collector Helm chart version (`0.170.0`) for values files without a Chart.yaml beside them; `"auto"` = the newest known. */
  collectorHelmChartVersion: string;
}

/** The distributions of open-telemetry/opentelemetry-collector-releases, or `"auto"`. */
export type CollectorDistributionSetting = 'auto' | 'core' | 'contrib' | 'k8s' | 'otlp';
const COLLECTOR_DISTRIBUTIONS: readonly string[] = ['auto', 'core', 'contrib', 'k8s', 'otlp'];

export const DEFAULT_TRACING_CONFIG_GLOB = '**/*tracing*config*.{yaml,yml,json}';

export const DEFAULT_SETTINGS: Readonly<KubeTracingSettings> = Object.freeze({
  kubernetesVersion: 'auto',
  etcdVersion: 'auto',
  tracingConfigFiles: [DEFAULT_TRACING_CONFIG_GLOB],
  workspaceDiagnostics: true,
  collectorVersion: 'auto',
  collectorDistribution: 'auto',
  collectorHelmChartVersion: 'auto',
});

/**
 * Turns whatever a client sent (possibly partial, possibly from an older or foreign client such as neovim)
 * into complete settings. Unknown or ill-typed values fall back to the default rather than failing.
 */
export function normalizeSettings(raw: unknown): KubeTracingSettings {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const version = input.kubernetesVersion;
  const etcd = input.etcdVersion;
  const globs = input.tracingConfigFiles;
  const collectorVersion = input.collectorVersion;
  const collectorDistribution = input.collectorDistribution;
  const chartVersion = input.collectorHelmChartVersion;
  return {
    kubernetesVersion:
      typeof version === 'string' && (version === 'auto' || /^\d+\.\d+$/.test(version.trim()))
        ? (version.trim() as KubernetesVersionSetting)
        : DEFAULT_SETTINGS.kubernetesVersion,
    etcdVersion: typeof etcd === 'string' && etcd.trim() !== '' ? etcd.trim() : DEFAULT_SETTINGS.etcdVersion,
    tracingConfigFiles:
      typeof globs === 'string'
        ? [globs]
        : Array.isArray(globs) && globs.every((g) => typeof g === 'string')
          ? (globs as string[])
          : [...DEFAULT_SETTINGS.tracingConfigFiles],
    workspaceDiagnostics:
      typeof input.workspaceDiagnostics === 'boolean' ? input.workspaceDiagnostics : DEFAULT_SETTINGS.workspaceDiagnostics,
    collectorVersion:
      typeof collectorVersion === 'string' && /^(auto|v?\d+\.\d+(\.\d+)?)$/.test(collectorVersion.trim())
        ? collectorVersion.trim().replace(/^v/, '')
        : DEFAULT_SETTINGS.collectorVersion,
    collectorDistribution:
      typeof collectorDistribution === 'string' && COLLECTOR_DISTRIBUTIONS.includes(collectorDistribution.trim())
        ? (collectorDistribution.trim() as CollectorDistributionSetting)
        : DEFAULT_SETTINGS.collectorDistribution,
    collectorHelmChartVersion:
      typeof chartVersion === 'string' && /^(auto|v?\d+\.\d+\.\d+)$/.test(chartVersion.trim())
        ? chartVersion.trim().replace(/^v/, '')
        : DEFAULT_SETTINGS.collectorHelmChartVersion,
  };
}
