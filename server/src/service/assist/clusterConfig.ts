/**
 * Hovers in cluster configs (kubeadm, kind, Cluster API, k3s/RKE2): the same hovers as in a static pod manifest,
 * asked of the pod the config stands for (rules/cluster-configs) at the place the cursor's text was copied to, and
 * shown on the config's own text. Where the config spells nothing of the pod (a key kubeadm has no flag for),
 * nothing is shown.
 */
import type { FileContext } from '../context';
import { clusterConfigSyntheses } from '../rules/cluster-configs';
import { MappedLineIndex } from '../text/sourceMap';
import type { ParsedDocument } from '../yaml/parse';
import { cursorAt } from './cursor';
import { podHover } from './pod/hover';
import { podCursor } from './pod/locate';
import type { Hover } from './types';

export const CLUSTER_CONFIG_TYPES: ReadonlySet<string> = new Set(['kubeadm', 'kind', 'cluster-api', 'k3s']);

export function clusterConfigHover(document: ParsedDocument, context: FileContext, offset: number): Hover | null {
  for (const { pod, context: podContext } of clusterConfigSyntheses(document, context)) {
    const lines = podContext.file.lines;
    const written = lines instanceof MappedLineIndex ? lines.writtenOffset(offset) : undefined;
    if (written === undefined) continue;
    const cursor = cursorAt(podContext.file, pod.document.document, written);
    const at = cursor ? podCursor(pod, cursor, written) : null;
    const result = at ? podHover(at, written, podContext) : null;
    if (result) return { contents: result.contents, range: lines.range(result.start, result.end) };
  }
  return null;
}
