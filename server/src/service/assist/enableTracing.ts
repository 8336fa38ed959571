/**
 * "Enable Tracing in This Manifest": the Kubernetes docs' manual procedure (system-traces.md) done in one edit.
 * For a kube-apiserver static pod: `--tracing-config-file`, `--feature-gates=APIServerTracing=true` where the
 * version needs it (1.22–1.26, or a gate turned off), a read-only volumeMount and a hostPath volume for the
 * directory, and a TracingConfiguration where that mount says (configFileLocation) with the newest apiVersion
 * that version serves.
 * For an etcd static pod: the tracing flags this etcd release spells (3.5 experimental-, 3.6 plain), the sampling
 * rate where it exists (3.5.11+). Every addition is checked by the same rules before it is offered.
 */
import { isMap, type Scalar } from 'yaml';
import { validateSource } from '../languageService';
import type { ControlPlaneContainer } from '../rules/control-plane-pod';
import { podOf } from './pod/locate';
import { etcdAtLeast, formatEtcdVersion, tracingNameRegistered } from '../rules/etcd/facts';
import { describeEtcdVersion, resolveEtcdVersion } from '../rules/etcd/version';
import { gateSpecAt, parseFeatureGates } from '../rules/feature-gates';
import { mountHolding, normalizePath, pathInside } from '../rules/kube-apiserver/mountChain';
import { nodeLayoutOf } from '../rules/kube-apiserver/references';
import type { VolumeMount } from '../rules/control-plane-pod';
import { shownPath, uriToPath } from '../context';
import { Severity } from '../findings';
import { atLeast, describeVersionSource, formatMinor } from '../versions';
import { DEFAULT_TRACING_CONFIG_PATH } from './pod/completion';
import { insertItemAfter } from './pod/edits';
import { TRACING_CONFIG_FILE_FLAG, TRACING_FLAGS, TRACING_GATE } from './pod/facts';
import { mountHostDirectory, setGate, type PodFixContext } from './pod/fixes';
import { prepare } from './prepare';
import { servedApiVersions, TRACING_KIND } from './tracing-configuration/facts';
import type { AssistInput, FileCreation, TextEdit } from './types';

export interface EnableTracingOptions {
  /** The OTLP gRPC collector endpoint. */
  endpoint: string;
  samplingRatePerMillion: number;
  /** Whether a file exists already (the server asks the disk): an existing TracingConfiguration is kept, never overwritten. */
  exists?: (uri: string) => boolean;
}

export type EnableTracingPlan = { edits: TextEdit[]; createFiles: FileCreation[]; summary: string } | { error: string };

export function planEnableTracing(input: AssistInput, options: EnableTracingOptions): EnableTracingPlan {
  if (!Number.isInteger(options.samplingRatePerMillion) || options.samplingRatePerMillion < 0 || options.samplingRatePerMillion > 1000000) {
    return { error: `The sampling rate must be a whole number from 0 to 1000000 per million, not ${options.samplingRatePerMillion}.` };
  }
  const prepared = prepare(input);
  if (prepared) {
    for (const document of prepared.context.file.documents) {
      const pod = podOf(document, prepared.context.file, input.options.settings);
      const container = pod?.containers.find((c) => c.component === 'kube-apiserver') ?? pod?.containers[0];
      if (!pod || !container) continue;
      if (!container.flagsReadable)
        return {
          error: `The ${container.component} command runs through a shell; kube-tracing does not edit flags inside a shell string.`,
        };
      const fix: PodFixContext = { context: prepared.context, file: prepared.context.file, pod, document: document.document };
      return container.component === 'kube-apiserver'
        ? planApiserver(fix, container, input, options)
        : planEtcd(fix, container, input, options);
    }
  }
  return {
    error: 'This file has no kube-apiserver or etcd pod: open a static-pod manifest such as /etc/kubernetes/manifests/kube-apiserver.yaml.',
  };
}

/** The item after which `--name=…` goes to keep kubeadm's alphabetical flag order (else after the last flag). */
function sortedAnchor(container: ControlPlaneContainer, flagText: string) {
  const items = container.flags.map((flag) => flag.item).filter((item, index, all) => all.indexOf(item) === index);
  const before = items.filter((item) => item.text < flagText);
  return (before.at(-1) ?? container.binaryItem ?? items.at(-1))?.node;
}

/** New command items grouped by the item they follow, so two additions after the same item keep their order. */
function insertFlags(fix: PodFixContext, container: ControlPlaneContainer, texts: string[]): Array<TextEdit | null> {
  const byAnchor = new Map<Scalar | undefined, string[]>();
  for (const text of [...texts].sort()) {
    const anchor = sortedAnchor(container, text);
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), text]);
  }
  return [...byAnchor].map(([anchor, group]) => {
    const first = insertItemAfter(fix.file, anchor, group[0]!);
    if (!first) return null;
    const prefix = /^([ \t]*-[ \t]+)/.exec(first.newText.replace(/^\n/, ''))?.[1] ?? '- ';
    return {
      ...first,
      newText:
        first.newText +
        group
          .slice(1)
          .map((text) => `${prefix}${text}\n`)
          .join(''),
    };
  });
}

function planApiserver(
  fix: PodFixContext,
  container: ControlPlaneContainer,
  input: AssistInput,
  options: EnableTracingOptions,
): EnableTracingPlan {
  const version = container.kubernetesVersion;
  const k8s = formatMinor(version.version);
  if (!atLeast(version.version, TRACING_CONFIG_FILE_FLAG.from))
    return { error: `Kubernetes ${k8s} has no API server tracing: it starts in ${TRACING_CONFIG_FILE_FLAG.from}.` };
  const existing = container.flags.find((flag) => flag.name === TRACING_CONFIG_FILE_FLAG.name);
  if (existing)
    return {
      error: `This kube-apiserver already has --${TRACING_CONFIG_FILE_FLAG.name}=${existing.value ?? ''}; its quick fixes cover what is missing.`,
    };

  const apiVersion = servedApiVersions(version.version)[0]!.apiVersion;
  const configText = `apiVersion: ${apiVersion}\nkind: ${TRACING_KIND}\nendpoint: ${options.endpoint}\nsamplingRatePerMillion: ${options.samplingRatePerMillion}\n`;
  const refused = validateSource(
    { uri: 'file:///tracing-config.yaml', text: configText },
    { settings: { ...input.options.settings, kubernetesVersion: k8s as `${number}.${number}` } },
  ).find((f) => f.severity === Severity.Error);
  if (refused) return { error: `kube-apiserver ${k8s} would refuse this configuration: ${refused.message}` };

  const edits: Array<TextEdit | null> = [];
  const added: string[] = [`--${TRACING_CONFIG_FILE_FLAG.name}=${DEFAULT_TRACING_CONFIG_PATH}`];
  const gate = gateSpecAt(TRACING_GATE, version.version);
  const explicitOff = container.flags.some(
    (flag) =>
      flag.name === 'feature-gates' && parseFeatureGates(flag.value ?? '').assignments.some((a) => a.name === TRACING_GATE && !a.value),
  );
  const needsGate = !!gate && !gate.locked && (!gate.default || explicitOff);
  const hasGatesFlag = container.flags.some((flag) => flag.name === 'feature-gates' && flag.value !== undefined);
  if (needsGate && hasGatesFlag) edits.push(...setGate(fix.file, container, TRACING_GATE, true));
  const newItems = [...added, ...(needsGate && !hasGatesFlag ? [`--feature-gates=${TRACING_GATE}=true`] : [])];
  edits.push(...insertFlags(fix, container, newItems));

  const directory = DEFAULT_TRACING_CONFIG_PATH.slice(0, DEFAULT_TRACING_CONFIG_PATH.lastIndexOf('/'));
  const mounted = mountHolding(DEFAULT_TRACING_CONFIG_PATH, container.volumeMounts);
  if (!mounted) edits.push(...mountHostDirectory(fix, container, directory));
  if (edits.some((edit) => edit === null))
    return { error: 'kube-tracing cannot edit this manifest safely (flow-style YAML or an unusual layout); add the flags by hand.' };

  // The file goes where the mount says, in the workspace's copy of the node (never into the static-pod folder).
  const nodePath = mounted ? nodePathThrough(fix, mounted, DEFAULT_TRACING_CONFIG_PATH) : DEFAULT_TRACING_CONFIG_PATH;
  const target = configFileLocation(input.source.uri, nodePath ?? DEFAULT_TRACING_CONFIG_PATH);
  const name = target.slice(target.lastIndexOf('/') + 1);
  const kept = options.exists?.(target) === true; // the node tree already has its file: keep it, its own diagnostics judge it
  const shown = shownPath(uriToPath(target), input.options.workspaceFolders);
  const gateWords = needsGate
    ? `, --feature-gates=${TRACING_GATE}=true`
    : gate?.locked
      ? ` (${TRACING_GATE} is locked on in ${k8s})`
      : !gate
        ? ` (${k8s} has no ${TRACING_GATE} gate: tracing is always on)`
        : ` (${TRACING_GATE} is on by default in ${k8s})`;
  const fileWords = kept ? `, and kept the existing ${shown}` : `, and created ${shown} (${apiVersion})`;
  const copyWords =
    nodePath === undefined
      ? ` The mount at ${mounted?.mountPath ?? directory} is not a hostPath volume: put the file's content where that volume comes from.`
      : ` Copy ${name} to ${nodePath} on each control-plane node (never into /etc/kubernetes/manifests: the kubelet reads every file there as a pod).`;
  return {
    edits: edits as TextEdit[],
    createFiles: kept ? [] : [{ uri: target, text: configText }],
    summary: `Added --${TRACING_CONFIG_FILE_FLAG.name}${gateWords}${mounted ? '' : `, a read-only volumeMount and a hostPath volume for ${directory}`}${fileWords} for ${describeVersionSource(version, 'markdown').replace(/`/g, '')}.${copyWords}`,
  };
}

/** The node path a container path comes from through its mount's hostPath volume, or undefined for other volume types. */
function nodePathThrough(fix: PodFixContext, mount: VolumeMount, containerPath: string): string | undefined {
  const volume = fix.pod.volumes.find((v) => v.name === mount.name);
  if (!volume?.hostPath) return undefined;
  const below = pathInside(containerPath, mount.mountPath) ?? '';
  const base = mount.subPath ? `${volume.hostPath}/${mount.subPath}` : volume.hostPath;
  return normalizePath(below ? `${base}/${below}` : base);
}

/**
 * Where the new TracingConfiguration goes in the workspace: at its node path in the folder that mirrors the node
 * around the manifest (references.ts nodeLayoutOf: `<node>/etc/kubernetes/manifests/x.yaml` →
 * `<node>/etc/kubernetes/tracing/tracing-config.yaml`; `<dir>/manifests/x.yaml` → `<dir>/tracing/tracing-config.yaml`),
 * as the CLI and the editor resolve it back; else beside the manifest (beside its `manifests` folder, never in it).
 */
export function configFileLocation(manifestUri: string, nodePath: string): string {
  const name = nodePath.slice(nodePath.lastIndexOf('/') + 1) || 'tracing-config.yaml';
  const folder = manifestUri.slice(0, manifestUri.lastIndexOf('/'));
  // Never inside a static-pod folder: the kubelet would read the file as a pod.
  const beside = `${folder.endsWith('/manifests') ? folder.slice(0, folder.lastIndexOf('/')) : folder}/${name}`;
  if (!manifestUri.startsWith('file:')) return beside;
  const mirrored = nodeLayoutOf(uriToPath(manifestUri))?.toWorkspace(nodePath);
  return mirrored === undefined ? beside : `file://${mirrored.split('/').map(encodeURIComponent).join('/')}`;
}

function planEtcd(
  fix: PodFixContext,
  container: ControlPlaneContainer,
  input: AssistInput,
  options: EnableTracingOptions,
): EnableTracingPlan {
  const etcd = resolveEtcdVersion(container.image, input.options.settings.etcdVersion, container.kubernetesVersion);
  const where = describeEtcdVersion(etcd);
  if (container.flags.some((flag) => TRACING_FLAGS.some((facts) => flag.name === facts.name || flag.name === facts.experimentalName))) {
    return { error: `This etcd already has distributed-tracing flags; their quick fixes cover what is wrong or missing (${where}).` };
  }
  const address = options.endpoint.replace(/^dns:\/\/[^/]*\//, '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (/^unix(-abstract)?:/.test(options.endpoint))
    return { error: `etcd's exporter takes host:port, not a Unix socket (${options.endpoint}).` };
  const texts: string[] = [];
  const skipped: string[] = [];
  for (const facts of TRACING_FLAGS) {
    const plain = tracingNameRegistered(facts, false, etcd.version);
    const experimental = tracingNameRegistered(facts, true, etcd.version);
    const name = plain === true ? facts.name : experimental === true ? facts.experimentalName : undefined;
    const value =
      facts.name === 'enable-distributed-tracing'
        ? 'true'
        : facts.name === 'distributed-tracing-address'
          ? address
          : facts.name === 'distributed-tracing-sampling-rate'
            ? String(options.samplingRatePerMillion)
            : undefined;
    if (value === undefined) continue; // service name and instance id keep etcd's defaults
    if (!name) {
      if (facts.name === 'enable-distributed-tracing')
        return { error: `${where} has no distributed tracing: it starts in etcd ${facts.experimentalFrom}.` };
      // Surely absent: say so; unsure (a patch we do not know decides): the summary says why it was left out.
      if (experimental === false && plain === false) skipped.push(`--${facts.experimentalName} (from etcd ${facts.experimentalFrom})`);
      continue;
    }
    texts.push(`--${name}=${value}`);
  }
  const edits = insertFlags(fix, container, texts);
  if (edits.some((edit) => edit === null) || !isMap(container.node))
    return { error: 'kube-tracing cannot edit this manifest safely (flow-style YAML or an unusual layout); add the flags by hand.' };
  // The sampling rate's experimental name came in a patch release (its experimentalFrom, 3.5.11 in the data).
  const rateFrom = TRACING_FLAGS.find((facts) => facts.name === 'distributed-tracing-sampling-rate')!.experimentalFrom;
  const unsure =
    etcdAtLeast(etcd.version, rateFrom) === undefined
      ? ` The patch release of etcd ${formatEtcdVersion(etcd.version)} is unknown, so the sampling-rate flag (${rateFrom}+) was left out; pin the image tag to add it.`
      : '';
  return {
    edits: edits as TextEdit[],
    createFiles: [],
    summary: `Added ${texts.map((text) => text.split('=')[0]).join(', ')} for ${where}.${skipped.length ? ` Left out ${skipped.join(', ')}.` : ''}${unsure}`,
  };
}
