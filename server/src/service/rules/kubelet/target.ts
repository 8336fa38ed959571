/** What every kubelet rule reads: the KubeletConfiguration document's top-level entries and the Kubernetes version. */
import type { Document } from 'yaml';
import type { FileContext } from '../../context';
import type { KubernetesVersionInForce } from '../../versions';
import type { MapEntry } from '../../yaml/nodes';
import type { ParsedFile } from '../../yaml/parse';

export interface KubeletTarget {
  file: ParsedFile;
  document: Document.Parsed;
  context: FileContext;
  /** The document's top-level entries, duplicates included. */
  entries: MapEntry[];
  version: KubernetesVersionInForce;
}

/** The kubelet's log line when strict decoding fails and it decodes again leniently (pkg/kubelet/kubeletconfig/util/codec). */
