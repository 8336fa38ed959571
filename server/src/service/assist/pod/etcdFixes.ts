/**
 * Quick fixes for the etcd rules (rules/etcd/), using the `data` each finding carries: the replacement flag
 * name (3.6 names for the deprecated experimental flags, and the fix-all that renames them all at once), the
 * flag to remove on a conflict, the enable flag to add, a bare host:port for an address written as a URL, and a
 * node-resolvable address for a cluster DNS name in a host-network pod.
 */
import type { Finding } from '../../findings';
import type { ControlPlaneContainer } from '../../rules/control-plane-pod';
import { clusterDnsFixes } from '../clusterDnsFixes';
import { replaceOffsets } from '../edits';
import type { CodeAction, TextEdit } from '../types';
import { insertItemAfter, removeItem } from './edits';
import type { PodFixContext } from './fixes';

const contains = (start: number, end: number, offset: number) => start <= offset && offset <= end;

export function etcdFixes(fix: PodFixContext, container: ControlPlaneContainer, finding: Finding): CodeAction[] {
  const { file } = fix;
  const start = file.lines.offsetAt(finding.range.start);
  const end = file.lines.offsetAt(finding.range.end);
  const data = (finding.data ?? {}) as Record<string, unknown>;
  const one = (title: string, edits: Array<TextEdit | null>, isPreferred = true): CodeAction[] =>
    edits.length > 0 && edits.every((edit) => edit !== null)
      ? [{ title, kind: 'quickfix', fixes: [finding], edits: edits as TextEdit[], isPreferred }]
      : [];
  const flag = container.flags.find((candidate) => contains(candidate.nameStart, candidate.valueEnd, start));
  switch (finding.code) {
    case 'etcd/flag-deprecated':
    case 'etcd/flag-removed':
    case 'etcd/flag-not-available':
    case 'etcd/unknown-flag': {
      const replacement = data.replacement;
      // The finding sits on `--name`; the replacement is `--other-name`.
      if (typeof replacement !== 'string' || !file.text.slice(start, end).startsWith('-')) return [];
      return one(`Rename to ${replacement}`, [replaceOffsets(file, start, end, replacement)]);
    }
    case 'etcd/flag-conflict':
      return flag && typeof data.remove === 'string'
        ? one(`Remove ${data.remove} (keep the 3.6 name)`, [removeItem(file, flag.item.node)])
        : [];
    case 'etcd/tracing-not-enabled':
      return flag && typeof data.add === 'string' ? one(`Add ${data.add}`, [insertItemAfter(file, flag.item.node, data.add)]) : [];
    case 'etcd/address-has-scheme':
      return typeof data.replacement === 'string'
        ? one(`Use ${data.replacement}`, [replaceOffsets(file, start, end, data.replacement)])
        : [];
    case 'etcd/invalid-bool': {
      const replacements = Array.isArray(data.replacements) ? data.replacements.filter((r): r is string => typeof r === 'string') : [];
      return replacements.flatMap((value, index) => one(`Set to ${value}`, [replaceOffsets(file, start, end, value)], index === 0));
    }
    case 'etcd/sampling-rate-negative':
    case 'etcd/sampling-rate-too-large': {
      const bound = finding.code.endsWith('negative') ? data.min : data.max;
      return typeof bound === 'number' ? one(`Set the sampling rate to ${bound}`, [replaceOffsets(file, start, end, String(bound))]) : [];
    }
    case 'etcd/sampling-rate-zero': {
      if (typeof data.flag !== 'string' || typeof data.suggestion !== 'number') return [];
      const rateFlag = container.flags.find((candidate) => `--${candidate.name}` === data.flag);
      if (rateFlag)
        return one(`Sample ${data.suggestion} per million`, [
          replaceOffsets(file, rateFlag.valueStart, rateFlag.valueEnd, String(data.suggestion)),
        ]);
      return flag
        ? one(`Add ${data.flag}=${data.suggestion}`, [insertItemAfter(file, flag.item.node, `${data.flag}=${data.suggestion}`)])
        : [];
    }
    case 'etcd/cluster-dns-address':
      return etcdClusterDnsFixes(fix, finding, start, end, flag);
    default:
      return [];
  }
}

/** The cluster-DNS fixes on the flag's value; the comment line goes above a block-sequence item (`- --flag=…`). */
function etcdClusterDnsFixes(
  fix: PodFixContext,
  finding: Finding,
  start: number,
  end: number,
  flag: ControlPlaneContainer['flags'][number] | undefined,
): CodeAction[] {
  const { file } = fix;
  const itemStart = flag?.item.node.range?.[0];
  const prefix =
    itemStart !== undefined
      ? file.text.slice(file.lines.offsetAt({ line: file.lines.positionAt(itemStart).line, character: 0 }), itemStart)
      : '';
  const commentLine =
    itemStart !== undefined && /^[ \t]*-[ \t]+$/.test(prefix)
      ? { start: itemStart - prefix.length, indent: prefix.replace(/-[ \t]*$/, '') }
      : undefined;
  return clusterDnsFixes({ file, finding, start, end, write: (address) => address, commentLine });
}

/** Every `etcd/flag-deprecated` and `etcd/flag-removed` rename in the file, as one edit. */
export function renameAllExperimentalFlags(file: PodFixContext['file'], findings: readonly Finding[]): CodeAction | null {
  const renames = findings.filter(
    (f) =>
      (f.code === 'etcd/flag-deprecated' || f.code === 'etcd/flag-removed') &&
      typeof (f.data as { replacement?: unknown } | undefined)?.replacement === 'string',
  );
  if (renames.length < 1) return null;
  const edits = renames.map((f) =>
    replaceOffsets(
      file,
      file.lines.offsetAt(f.range.start),
      file.lines.offsetAt(f.range.end),
      (f.data as { replacement: string }).replacement,
    ),
  );
  return {
    title: `Rename all ${renames.length} experimental etcd tracing flags to their 3.6 names`,
    kind: 'quickfix',
    fixes: renames,
    edits,
  };
}
