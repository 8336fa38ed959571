/**
 * kubeadm configuration files (`kubeadm init --config`, `kubeadm join --config`): ClusterConfiguration,
 * InitConfiguration and JoinConfiguration of kubeadm.k8s.io v1beta2, v1beta3, v1beta4 and v1, and the
 * KubeletConfiguration document kubeadm carries in the same file. A ClusterConfiguration is judged through the
 * static pods kubeadm writes from it (rules/control-plane-pod/synthesized.ts), with `kubernetesVersion` as the
 * version; the KubeletConfiguration by the kubelet rules at that version. Init/JoinConfiguration hold node
 * settings and no tracing flag: recognized, nothing to say. Recognized by apiVersion and kind only.
 */
import { isMap, isScalar } from 'yaml';
import type { FileContext } from '../../context';
import type { DocumentType } from '../../documentType';
import { kubeletFacts, resolveKubernetesVersion, type KubernetesVersionInForce } from '../../versions';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { parseFileMentioning, type ParsedDocument, type ParsedFile } from '../../yaml/parse';
import type { SourcedText } from '../../text/sourceMap';
import { sameFile, type DocumentView } from '../../yaml/sourced';
import type { ClusterForm, ContainerRulesByComponent } from '../control-plane-pod';
import { checkSynthesizedComponents, type SynthesisInput } from '../control-plane-pod/synthesized';
import { kubeletConfigurationType } from '../kubelet';
import {
  kubeadmApiVersion,
  kubeadmComponents,
  listArgs,
  minorOfKubernetesVersion,
  readClusterConfiguration,
  type ClusterConfiguration,
} from './read';
import { checkKubeletFeatureGateArgs, commandLineGate, kubeletFeatureGateArgs } from './kubeletArgs';
import type { AstNode } from '../../yaml/nodes';

const KUBEADM_KINDS = new Set(['ClusterConfiguration', 'InitConfiguration', 'JoinConfiguration']);

function typeMeta(document: ParsedDocument): { apiVersion: string | undefined; kind: string | undefined } {
  const root = document.document.contents;
  if (!isMap(root)) return { apiVersion: undefined, kind: undefined };
  const entries = mapEntries(root, document.document);
  const text = (key: string) => {
    const value = lastEntry(entries, key)?.value;
    return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
  };
  return { apiVersion: text('apiVersion'), kind: text('kind') };
}

/** Per parsed document: recognize, validate and the file-wide scans each ask for every document of a file. */
const documentVersions = new WeakMap<ParsedDocument, { version: string; kind: string } | undefined>();

/** The kubeadm API version of a ClusterConfiguration/InitConfiguration/JoinConfiguration document, else undefined. */
export function kubeadmDocumentVersion(document: ParsedDocument): { version: string; kind: string } | undefined {
  if (documentVersions.has(document)) return documentVersions.get(document);
  const { apiVersion, kind } = typeMeta(document);
  const version = kubeadmApiVersion(apiVersion);
  const found = version && kind && KUBEADM_KINDS.has(kind) ? { version, kind } : undefined;
  documentVersions.set(document, found);
  return found;
}

export const kubeadmForm: ClusterForm = {
  name: 'kubeadm ClusterConfiguration',
  mountAdvice: (component, directory) =>
    `Add an ${component === 'etcd' ? 'etcd.local' : 'apiServer'}.extraVolumes entry with mountPath ${directory} and, as hostPath, the node's folder that holds the file (kubeadm mounts only its certificates and CA folders by default).`,
};

/** The version a cluster config declares (`kubernetesVersion`, Cluster API's `spec.version`), as evidence; the setting still wins. */
export function kubeadmVersionInForce(
  declared: SourcedText | undefined,
  context: FileContext,
  where = 'kubernetesVersion',
): KubernetesVersionInForce {
  const minor = declared ? minorOfKubernetesVersion(declared.text) : undefined;
  if (!minor) return context.defaultKubernetesVersion;
  return resolveKubernetesVersion(context.options.settings.kubernetesVersion, {
    clusterConfig: { version: minor, detail: `${where} ${declared!.text}` },
  });
}

function clusterConfigurationOf(document: ParsedDocument, context: FileContext, version: string): ClusterConfiguration {
  const view: DocumentView = { document: document.document, text: context.file.text, toSource: sameFile };
  return readClusterConfiguration(view, version);
}

/**
 * The file's kubeadm documents. Editing assistance parses only the document under the cursor (assist/prepare.ts
 * prepareAround): then the others are parsed here, once per parse of the file.
 */
const kubeadmDocumentsOf = new WeakMap<ParsedFile, ParsedDocument[]>();

function kubeadmDocuments(file: ParsedFile): ParsedDocument[] {
  // Once per parsed file: every document's recognize and validate asks, so a scan per call was quadratic in the
  // documents of a file (1,000-document manifests: half of all validation time).
  let found = kubeadmDocumentsOf.get(file);
  if (!found) {
    const own = file.documents.filter((document) => document.syntaxProblems.length === 0 && kubeadmDocumentVersion(document));
    found =
      own.length > 0 || !file.text.includes(KUBEADM_HINT)
        ? own
        : parseFileMentioning(file.uri, file.text, KUBEADM_HINT).documents.filter(
            (document) => document.syntaxProblems.length === 0 && kubeadmDocumentVersion(document),
          );
    kubeadmDocumentsOf.set(file, found);
  }
  return found;
}

const KUBEADM_HINT = 'kubeadm.k8s.io/';

/** Per parsed file, the answers of fileKubeletGateArgs and fileClusterConfiguration: each KubeletConfiguration asks. */
const fileAnswers = new WeakMap<
  ParsedFile,
  { gateArgs?: ReturnType<typeof kubeletFeatureGateArgs>; clusterConfiguration?: { value: ClusterConfiguration | undefined } }
>();

function answersOf(file: ParsedFile) {
  let answers = fileAnswers.get(file);
  if (!answers) fileAnswers.set(file, (answers = {}));
  return answers;
}

/** The kubelet --feature-gates of every Init/JoinConfiguration of the file, in order. */
function fileKubeletGateArgs(context: FileContext): ReturnType<typeof kubeletFeatureGateArgs> {
  const answers = answersOf(context.file);
  return (answers.gateArgs ??= readFileKubeletGateArgs(context));
}

function readFileKubeletGateArgs(context: FileContext): ReturnType<typeof kubeletFeatureGateArgs> {
  return kubeadmDocuments(context.file).flatMap((document) => {
    const meta = kubeadmDocumentVersion(document);
    if (!meta || meta.kind === 'ClusterConfiguration') return [];
    const view: DocumentView = { document: document.document, text: context.file.text, toSource: sameFile };
    return kubeletFeatureGateArgs(view, document.document.contents as AstNode | null, listArgs(meta.version));
  });
}

/** The file's first ClusterConfiguration, for the version of its KubeletConfiguration. */
function fileClusterConfiguration(context: FileContext): ClusterConfiguration | undefined {
  const answers = answersOf(context.file);
  return (answers.clusterConfiguration ??= { value: readFileClusterConfiguration(context) }).value;
}

function readFileClusterConfiguration(context: FileContext): ClusterConfiguration | undefined {
  for (const document of kubeadmDocuments(context.file)) {
    const meta = document.syntaxProblems.length === 0 ? kubeadmDocumentVersion(document) : undefined;
    if (meta?.kind === 'ClusterConfiguration') return clusterConfigurationOf(document, context, meta.version);
  }
  return undefined;
}

/** The static pods kubeadm writes from a ClusterConfiguration document; undefined for any other document. */
export function kubeadmSynthesis(document: ParsedDocument, context: FileContext): SynthesisInput | undefined {
  const meta = kubeadmDocumentVersion(document);
  if (meta?.kind !== 'ClusterConfiguration') return undefined;
  const config = clusterConfigurationOf(document, context, meta.version);
  const version = kubeadmVersionInForce(config.kubernetesVersion, context);
  return { context, components: kubeadmComponents(config, version.version), version, form: kubeadmForm };
}

export function kubeadmConfigType(rules: ContainerRulesByComponent): DocumentType {
  return {
    id: 'kubeadm',
    mightContain: (text) => text.includes(KUBEADM_HINT),
    recognize(document, context) {
      if (kubeadmDocumentVersion(document)) return true;
      // A KubeletConfiguration next to a kubeadm document is the one kubeadm hands the kubelet.
      return kubeletConfigurationType.recognize(document, context) && kubeadmDocuments(context.file).length > 0;
    },
    assistAs(document, context) {
      if (kubeadmDocumentVersion(document))
        return {
          typeId: 'kubeadm',
          context: {
            ...context,
            defaultKubernetesVersion:
              kubeadmSynthesis(document, context)?.version ??
              kubeadmVersionInForce(fileClusterConfiguration(context)?.kubernetesVersion, context),
          },
        };
      return {
        typeId: 'kubelet',
        context: {
          ...context,
          defaultKubernetesVersion: kubeadmVersionInForce(fileClusterConfiguration(context)?.kubernetesVersion, context),
        },
      };
    },
    validate(document, context) {
      const meta = kubeadmDocumentVersion(document);
      const fileVersion = () => kubeadmVersionInForce(fileClusterConfiguration(context)?.kubernetesVersion, context);
      if (!meta) {
        const findings = kubeletConfigurationType.validate(document, { ...context, defaultKubernetesVersion: fileVersion() });
        // kubeletExtraArgs' --feature-gates win over the config's featureGates: KubeletTracing=true there turns it on.
        const onByFlag = commandLineGate(fileKubeletGateArgs(context), kubeletFacts.tracingGate) === true;
        return onByFlag ? findings.filter((finding) => finding.code !== 'kubelet/tracing-gate-disabled') : findings;
      }
      if (meta.kind !== 'ClusterConfiguration') {
        const view: DocumentView = { document: document.document, text: context.file.text, toSource: sameFile };
        return checkKubeletFeatureGateArgs(
          kubeletFeatureGateArgs(view, document.document.contents as AstNode | null, listArgs(meta.version)),
          context,
          fileVersion(),
        );
      }
      const input = kubeadmSynthesis(document, context);
      return input ? checkSynthesizedComponents(input, rules) : [];
    },
  };
}
