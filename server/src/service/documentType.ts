/**
 * A kind of file kube-tracing understands (TracingConfiguration, control-plane pod manifest, kubelet config).
 * Each is a module of its own under rules/; documentTypes.ts lists them. The language service asks each
 * in turn whether it recognizes a document and, if so, lets it validate the document.
 */
import type { FileContext } from './context';
import type { Finding } from './findings';
import type { ParsedDocument } from './yaml/parse';

export interface DocumentType {
  /** Stable id, also the prefix of this type's rule codes (e.g. `tracing-config`). */
  readonly id: string;
  /** A cheap test on the raw text: false means no document of the file can be of this type, so parsing is skipped. */
  mightContain(text: string, context: Omit<FileContext, 'file'>): boolean;
  recognize(document: ParsedDocument, context: FileContext): boolean;
  validate(document: ParsedDocument, context: FileContext): Finding[];
  /**
   * What this type's reader says about a document the YAML parser refused, where that is known (go-yaml's or Go's
   * JSON decoder's own words): it replaces the parser's message. undefined: the parser's message stands.
   */
  brokenDocument?(document: ParsedDocument, context: FileContext): Finding[] | undefined;
  /**
   * For editing assistance and the status bar, when this type judges a document at a version of its own or through
   * another type (a kubeadm file's KubeletConfiguration is the kubelet's, at `kubernetesVersion`): the type id the
   * assistance should act as and the context it runs with. Absent: this type's id and the file's context.
   */
  assistAs?(document: ParsedDocument, context: FileContext): { typeId: string; context: FileContext };
}
