/**
 * `kubeadmConfigSpec.files` (Cluster API bootstrap File: `path`, `content`, `encoding`, `contentFrom`): cloud-init
 * or Ignition writes them onto each machine before kubeadm runs. The file kube-apiserver's --tracing-config-file
 * lands on (through the ClusterConfiguration's extraVolumes) is judged as that kube-apiserver's
 * TracingConfiguration, whatever it holds, as a mounted workspace file is; another file is judged only when it
 * says it is a TracingConfiguration. Positions map into the `content` block. Encoded content (base64,
 * gzip+base64) and `contentFrom` (a Secret) are not ours to read. When the APIServerTracing gate is off
 * kube-apiserver never reads the file (rules/kube-apiserver/tracingGate.ts already says so): nothing more is said.
 */
import { isScalar } from 'yaml';
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import type { KubernetesVersionInForce } from '../../versions';
import { embeddedDocuments } from '../../yaml/embedded';
import type { AstNode } from '../../yaml/nodes';
import { itemsOf, stringAt, valueAt, type DocumentView } from '../../yaml/sourced';
import { normalizePath } from '../kube-apiserver/mountChain';
import { kubeadmApiServerMounts, tracingConfigOnNode, type ClusterConfiguration } from '../kubeadm/read';
import { recognizeTracingConfiguration, tracingConfigurationType } from '../tracing-configuration';

const GATE_OFF = new Set(['kube-apiserver/tracing-gate-off', 'kube-apiserver/tracing-gate-disabled']);

export interface FilesInput {
  view: DocumentView;
  configSpec: AstNode | null;
  config: ClusterConfiguration;
  context: FileContext;
  version: KubernetesVersionInForce;
  /** The findings on the synthesized kube-apiserver, to know whether it reads its tracing file at all. */
  apiServerFindings: readonly Finding[];
}

export function checkTracingConfigFiles(input: FilesInput): Finding[] {
  const { view, context, version, config } = input;
  if (input.apiServerFindings.some((finding) => GATE_OFF.has(finding.code))) return [];
  const onNode = config.apiServer.args
    ? tracingConfigOnNode(config.apiServer.args, [
        ...kubeadmApiServerMounts(config.certificatesDir, version.version),
        ...config.apiServer.volumes,
      ])
    : undefined;
  const findings: Finding[] = [];
  for (const item of itemsOf(view, valueAt(view, input.configSpec, 'files')?.value)) {
    const path = stringAt(view, item, 'path');
    const content = valueAt(view, item, 'content')?.value;
    const encoding = stringAt(view, item, 'encoding');
    if (!path || !isScalar(content) || (encoding && encoding !== 'plain')) continue;
    const embedded = embeddedDocuments(context.file, content);
    if (!embedded) continue;
    const mounted = onNode !== undefined && normalizePath(path) === onNode.nodePath;
    const fileContext: FileContext = {
      ...context,
      file: embedded.file,
      matchesTracingConfigGlob: mounted,
      defaultKubernetesVersion: version,
    };
    for (const { parsed } of embedded.documents) {
      if (!recognizeTracingConfiguration(parsed, fileContext, mounted ? 'mounted' : 'by-name-needs-shape')) continue;
      findings.push(...tracingConfigurationType.validate(parsed, fileContext).map(({ data: _data, ...finding }) => finding));
    }
  }
  return findings;
}
