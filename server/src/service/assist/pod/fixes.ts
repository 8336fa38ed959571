/**
 * Quick fixes in kube-apiserver and etcd pod manifests, from the findings of the kube-apiserver, feature-gates
 * and etcd rules and the `data` they carry: turning APIServerTracing on (merged into an existing
 * --feature-gates), removing a locked or removed gate, renaming etcd flags, mounting the tracing config file.
 */
import { isMap, type Document } from 'yaml';
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import {
  podSpecOf,
  UNDEFINED_VARIABLE_CODE,
  type ControlPlaneContainer,
  type ControlPlanePod,
  type Flag,
} from '../../rules/control-plane-pod';
import { gateSpecAt, parseFeatureGates } from '../../rules/feature-gates';
import type { ParsedFile } from '../../yaml/parse';
import { replaceOffsets } from '../edits';
import { ruleOf } from '../tracing-configuration/fixes';
import type { CodeAction, TextEdit } from '../types';
import { etcdFixes } from './etcdFixes';
import { TRACING_CONFIG_FILE_FLAG, TRACING_GATE } from './facts';
import { appendToSequence, freeName, insertItemAfter, removeItem } from './edits';

export interface PodFixContext {
  context: FileContext;
  file: ParsedFile;
  pod: ControlPlanePod;
  document: Document.Parsed;
}

const contains = (start: number, end: number, offset: number) => start <= offset && offset <= end;

export function containerAt(pod: ControlPlanePod, offset: number): ControlPlaneContainer | undefined {
  return pod.containers.find((container) => container.node.range && contains(container.node.range[0], container.node.range[1], offset));
}

export function podFixes(fix: PodFixContext, finding: Finding): CodeAction[] {
  const offset = fix.file.lines.offsetAt(finding.range.start);
  const container = containerAt(fix.pod, offset);
  if (finding.code.startsWith('etcd/')) return container ? etcdFixes(fix, container, finding) : [];
  const action = (title: string, edits: Array<TextEdit | null>, isPreferred = false): CodeAction[] =>
    edits.length > 0 && edits.every((edit) => edit !== null)
      ? [{ title, kind: 'quickfix', fixes: [finding], edits: edits as TextEdit[], isPreferred }]
      : [];
  const data = (finding.data ?? {}) as Record<string, unknown>;
  switch (finding.code) {
    case 'kube-apiserver/tracing-gate-off':
    case 'kube-apiserver/tracing-gate-disabled':
      return container
        ? action(`Turn on ${TRACING_GATE} (--feature-gates=${TRACING_GATE}=true)`, setGate(fix.file, container, TRACING_GATE, true), true)
        : [];
    case UNDEFINED_VARIABLE_CODE: {
      // Only where the name says what was meant (hostname → the node's name); otherwise the explanation says what to do.
      if (!container || !isMap(container.node) || typeof data.name !== 'string' || typeof data.fieldPath !== 'string') return [];
      const lines = [`name: ${data.name}`, 'valueFrom:', '  fieldRef:', `    fieldPath: ${data.fieldPath}`];
      return action(
        `Define ${data.name} from the Downward API (${data.fieldPath}) in the container's env`,
        [appendToSequence(fix.file, container.node, 'env', lines)],
        true,
      );
    }
    case 'kube-apiserver/tracing-config-not-mounted': {
      if (!container || typeof data.filePath !== 'string') return [];
      return action(
        `Mount the file ${data.filePath} from the node, read-only (volumeMount and hostPath volume of type File)`,
        mountHostFile(fix, container, data.filePath),
        true,
      );
    }
    case 'kube-apiserver/volume-name-mismatch': {
      const rename = data.rename as { from?: unknown; to?: unknown } | undefined;
      if (typeof rename?.from !== 'string' || typeof rename.to !== 'string') return [];
      const volume = fix.pod.volumes.find((v) => v.name === rename.to);
      const mounts = fix.pod.containers.flatMap((c) => c.volumeMounts).filter((m) => m.name === rename.from);
      const rangeOf = (node: { range?: [number, number, number] | null } | null | undefined) => node?.range ?? null;
      const volumeRange = rangeOf(volume?.nameNode);
      return [
        ...action(
          `Rename volume ${rename.to} to ${rename.from} (the name the volumeMount uses)`,
          [volumeRange ? replaceOffsets(fix.file, volumeRange[0], volumeRange[1], rename.from) : null],
          true,
        ),
        ...action(
          `Rename the volumeMount ${rename.from} to ${rename.to} (the volume's name)`,
          mounts
            .map((mount) => rangeOf(mount.nameNode))
            .map((range) => (range ? replaceOffsets(fix.file, range[0], range[1], rename.to as string) : null)),
        ),
      ];
    }
    default:
      break;
  }
  if (finding.code.startsWith('feature-gates/') && container) return gateFixes(fix, container, finding, offset);
  return [];
}

/** The `--feature-gates` flag whose value holds `offset`, and the gate assignment there. */
function gateAt(
  container: ControlPlaneContainer,
  file: ParsedFile,
  offset: number,
): { flag: Flag; name: string; value: boolean } | undefined {
  for (const flag of container.flags) {
    if (flag.name !== 'feature-gates' || flag.value === undefined || !contains(flag.valueStart, flag.valueEnd, offset)) continue;
    if (file.text.slice(flag.valueStart, flag.valueEnd) !== flag.value) return undefined; // quoted with escapes: offsets are not exact
    const assignment = parseFeatureGates(flag.value).assignments.find((a) =>
      contains(flag.valueStart + a.nameStart, flag.valueStart + a.valueEnd, offset),
    );
    return assignment ? { flag, name: assignment.name, value: assignment.value } : undefined;
  }
  return undefined;
}

function gateFixes(fix: PodFixContext, container: ControlPlaneContainer, finding: Finding, offset: number): CodeAction[] {
  const gate = gateAt(container, fix.file, offset);
  if (!gate) return [];
  const data = (finding.data ?? {}) as { replacement?: unknown };
  const actions: CodeAction[] = [];
  const push = (title: string, edits: Array<TextEdit | null>, isPreferred: boolean) => {
    if (edits.every((edit) => edit !== null))
      actions.push({ title, kind: 'quickfix', fixes: [finding], edits: edits as TextEdit[], isPreferred });
  };
  const rule = ruleOf(finding.code);
  if (rule === 'unrecognized' && typeof data.replacement === 'string') {
    push(
      `Change ${gate.name} to ${data.replacement}`,
      editGateList(fix.file, gate.flag, (name, item) => (name === gate.name ? item.replace(gate.name, data.replacement as string) : item)),
      true,
    );
  }
  if (rule === 'unrecognized' || rule === 'locked') {
    const why = rule === 'locked' ? 'locked in this version' : 'not registered in this version';
    push(
      `Remove ${gate.name}=${gate.value} (${why})`,
      editGateList(fix.file, gate.flag, (name, item) => (name === gate.name ? null : item)),
      actions.length === 0,
    );
  }
  if (rule === 'ga-or-deprecated') {
    const spec = gateSpecAt(gate.name, container.kubernetesVersion.version);
    if (spec && spec.default === gate.value) {
      push(
        `Remove ${gate.name}=${gate.value} (the default; the gate will be removed)`,
        editGateList(fix.file, gate.flag, (name, item) => (name === gate.name ? null : item)),
        false,
      );
    }
  }
  return actions;
}

/**
 * Rewrites a `--feature-gates` value item by item (split on `,` like featuregate.Set, so other items keep their
 * exact text); an emptied list removes the flag item. `change` returns the new item text or null to drop it.
 */
export function editGateList(file: ParsedFile, flag: Flag, change: (name: string, item: string) => string | null): Array<TextEdit | null> {
  if (flag.value === undefined || file.text.slice(flag.valueStart, flag.valueEnd) !== flag.value) return [null];
  const items = flag.value.split(',').flatMap((item) => {
    const name = item.split('=')[0]!.trim();
    const next = change(name, item);
    return next === null ? [] : [next];
  });
  if (items.length > 0) return [replaceOffsets(file, flag.valueStart, flag.valueEnd, items.join(','))];
  if (flag.form === 'equals') return [removeItem(file, flag.item.node)];
  return [removeItem(file, flag.item.node), removeItem(file, flag.valueItem?.node)];
}

/** `Gate=value` in the container's last `--feature-gates` (replacing the gate there, else appended), or a new flag after --tracing-config-file. */
export function setGate(file: ParsedFile, container: ControlPlaneContainer, gate: string, value: boolean): Array<TextEdit | null> {
  const flags = container.flags.filter((flag) => flag.name === 'feature-gates' && flag.value !== undefined);
  const holding = flags.filter((flag) => parseFeatureGates(flag.value!).assignments.some((a) => a.name === gate));
  if (holding.length > 0) {
    return holding.flatMap((flag) => editGateList(file, flag, (name, item) => (name === gate ? item.replace(/=.*$/, `=${value}`) : item)));
  }
  const last = flags.at(-1);
  if (last) {
    const separator = last.value!.trim() === '' ? '' : ',';
    return [replaceOffsets(file, last.valueEnd, last.valueEnd, `${separator}${gate}=${value}`)];
  }
  const anchor =
    container.flags.find((flag) => flag.name === TRACING_CONFIG_FILE_FLAG.name)?.item ??
    container.flags.at(-1)?.item ??
    container.binaryItem;
  return [anchor ? insertItemAfter(file, anchor.node, `--feature-gates=${gate}=${value}`) : null];
}

/** A read-only volumeMount of `mountPath` in the container and a hostPath volume (DirectoryOrCreate) of the same directory. */
/** Mounts a directory of the node at the same path, read-only (Enable Tracing: the dedicated /etc/kubernetes/tracing). */
export function mountHostDirectory(fix: PodFixContext, container: ControlPlaneContainer, mountPath: string): Array<TextEdit | null> {
  const spec = podSpecOf(fix.pod.document)?.spec;
  const name = freeName('tracing-config', [...fix.pod.volumes.map((v) => v.name), ...container.volumeMounts.map((m) => m.name)]);
  const mount = isMap(container.node)
    ? appendToSequence(fix.file, container.node, 'volumeMounts', [`mountPath: ${mountPath}`, `name: ${name}`, 'readOnly: true'])
    : null;
  const volume = isMap(spec)
    ? appendToSequence(fix.file, spec, 'volumes', ['hostPath:', `  path: ${mountPath}`, '  type: DirectoryOrCreate', `name: ${name}`])
    : null;
  return [mount, volume];
}

/**
 * Mounts one file of the node at the same path, read-only: `type: File` makes the kubelet refuse to start the pod
 * when the file is missing (rather than creating a directory there), and nothing else of its folder is exposed.
 */
export function mountHostFile(fix: PodFixContext, container: ControlPlaneContainer, filePath: string): Array<TextEdit | null> {
  const spec = podSpecOf(fix.pod.document)?.spec;
  const name = freeName('tracing-config', [...fix.pod.volumes.map((v) => v.name), ...container.volumeMounts.map((m) => m.name)]);
  const mount = isMap(container.node)
    ? appendToSequence(fix.file, container.node, 'volumeMounts', [`mountPath: ${filePath}`, `name: ${name}`, 'readOnly: true'])
    : null;
  const volume = isMap(spec)
    ? appendToSequence(fix.file, spec, 'volumes', ['hostPath:', `  path: ${filePath}`, '  type: File', `name: ${name}`])
    : null;
  return [mount, volume];
}
