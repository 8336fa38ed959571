/**
 * The fixes for a collector address that only cluster DNS resolves (`*.svc`, `*.cluster.local`) where the node's
 * resolver is used instead: a hostNetwork kube-apiserver or etcd, and the kubelet. The same two fixes for the
 * etcd flag and the TracingConfiguration / kubelet `endpoint` field.
 */
import type { Finding } from '../findings';
import type { ParsedFile } from '../yaml/parse';
import { replaceOffsets } from './edits';
import type { CodeAction } from './types';

const NODE_LOCAL_TITLE = 'Use localhost:4317 (a collector on each node, e.g. a DaemonSet with hostPort 4317)';
const PLACEHOLDER_TITLE = 'Replace with a placeholder for an address the node can resolve';
const PLACEHOLDER_COMMENT =
  "# kube-tracing: hostNetwork pods resolve names with the node's resolver, not cluster DNS: put the collector's node IP or a name the node resolves here.";

export interface ClusterDnsValue {
  file: ParsedFile;
  finding: Finding;
  /** The offsets of the address text to replace. */
  start: number;
  end: number;
  /** Writes an address the way the original was written (quoted or not). */
  write: (address: string) => string;
  /** Where a comment line may go above the value's line, with that line's indentation; none in flow style. */
  commentLine?: { start: number; indent: string };
}

export function clusterDnsFixes(value: ClusterDnsValue): CodeAction[] {
  const { file, finding, start, end, write, commentLine } = value;
  const actions: CodeAction[] = [
    {
      title: NODE_LOCAL_TITLE,
      kind: 'quickfix',
      fixes: [finding],
      edits: [replaceOffsets(file, start, end, write('localhost:4317'))],
      isPreferred: true,
    },
  ];
  if (commentLine) {
    actions.push({
      title: PLACEHOLDER_TITLE,
      kind: 'quickfix',
      fixes: [finding],
      edits: [
        replaceOffsets(file, commentLine.start, commentLine.start, `${commentLine.indent}${PLACEHOLDER_COMMENT}\n`),
        replaceOffsets(file, start, end, write('COLLECTOR_NODE_ADDRESS:4317')),
      ],
    });
  }
  return actions;
}
