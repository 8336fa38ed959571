/**
 * Cross-file: the workspace file a kube-apiserver's `--tracing-config-file` lands on (references.ts) is checked as
 * that apiserver's TracingConfiguration, with that apiserver's Kubernetes version, in both places:
 * - in the config file itself (referencedTracingConfigType, asked before the plain TracingConfiguration type):
 *   the TracingConfiguration rules, plus the cluster-DNS endpoint rule below;
 * - on the manifest's flag: one finding summing up the file's errors and warnings, with related locations.
 * No finding at all when no workspace file matches: the file then lives on the node only.
 *
 * Cluster DNS endpoint: a `hostNetwork: true` pod uses the node's /etc/resolv.conf (k8s.io/kubernetes
 * pkg/kubelet/network/dns/dns.go getPodDNSType: hostNetwork → podDNSHost unless dnsPolicy ClusterFirstWithHostNet),
 * and the OTLP exporter dials the endpoint with gRPC's dns resolver (component-base tracing/utils.go NewProvider),
 * so `*.svc` / `*.cluster.local` names do not resolve. kube-apiserver starts; spans are silently dropped.
 */
import { isScalar } from 'yaml';
import { shownPath, type FileContext, type ValidationOptions } from '../../context';
import type { DocumentType } from '../../documentType';
import { Severity, type Finding, type RelatedLocation } from '../../findings';
import { findingAt, findingAtOffsets } from '../../report';
import { describeVersionSource, resolveKubernetesVersion } from '../../versions';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { parseFile, type ParsedDocument } from '../../yaml/parse';
import { recognizeTracingConfiguration, tracingConfigurationType } from '../tracing-configuration';
import { nodeLayoutOf, referenceOf, referencesTo, resolveReference, type TracingConfigReference } from './references';
import { apiserverTarget, type ApiserverTarget } from './target';
import { ignoresTracingConfigFile } from './tracingGate';

const CLUSTER_DNS_HOST = /(?:^|\.)svc(?:\.cluster\.local)?\.?$|\.cluster\.local\.?$/i;

/**
 * The host name gRPC's dns resolver looks up for an OTLP endpoint (grpc naming: `[dns:[//authority/]]host[:port]`;
 * the validator prefixes `dns://` when there is no `//`). Undefined for unix sockets.
 */
export function endpointHost(endpoint: string): string | undefined {
  const separator = endpoint.indexOf('//');
  if (separator >= 0 && /^unix/i.test(endpoint.slice(0, separator))) return undefined;
  // After `dns://` comes an optional DNS-server authority, then `/` and the target (`dns:///host:port`).
  const rest = separator >= 0 ? endpoint.slice(separator + 2) : endpoint;
  const target = separator >= 0 && rest.includes('/') ? rest.slice(rest.indexOf('/') + 1) : rest;
  return target.startsWith('[') ? target.slice(0, target.indexOf(']') + 1) : target.replace(/:[^:]*$/, '');
}

function isHostNetworkWithoutClusterDns(reference: TracingConfigReference): boolean {
  return reference.pod.hostNetwork && reference.pod.dnsPolicy !== 'ClusterFirstWithHostNet';
}

function clusterDnsFindings(document: ParsedDocument, context: FileContext, references: readonly TracingConfigReference[]): Finding[] {
  const reference = references.find(isHostNetworkWithoutClusterDns);
  if (!reference) return [];
  const endpoint = lastEntry(mapEntries(document.document.contents, document.document), 'endpoint')?.value;
  if (!isScalar(endpoint) || typeof endpoint.value !== 'string') return [];
  const host = endpointHost(endpoint.value);
  if (host === undefined || !CLUSTER_DNS_HOST.test(host)) return [];
  return [
    findingAt(context.file, endpoint, {
      severity: Severity.Warning,
      code: 'kube-apiserver/cluster-dns-endpoint',
      message: `endpoint host ${host} is a cluster DNS name, but kube-apiserver runs with hostNetwork: true and resolves names with the node's resolver`,
      explanation: `kube-apiserver (${shownPath(reference.manifestPath, context.options.workspaceFolders)}) starts, but the exporter cannot resolve ${host}, so spans are dropped. Use an address the node can reach (a node-local collector such as localhost:4317, or the collector Service's ClusterIP or a NodePort).`,
    }),
  ];
}

/** The context for validating `path` as the tracing config of `references` (the first decides the version). */
function referencedContext(
  path: string,
  uri: string,
  text: string,
  options: ValidationOptions,
  reference: TracingConfigReference,
): FileContext {
  return {
    file: parseFile(uri, text),
    path,
    options,
    matchesTracingConfigGlob: true,
    defaultKubernetesVersion: versionForReferencedFile(options.settings.kubernetesVersion, [reference], options.workspaceFolders),
  };
}

/**
 * The version in force for a file that kube-apiservers reference: the setting, else the first referencing manifest's
 * (named relative to its workspace folder: the detail is shown in explanations, hovers and the status bar).
 */
export function versionForReferencedFile(
  setting: string,
  references: readonly TracingConfigReference[],
  workspaceFolders: readonly string[] = [],
) {
  const first = references[0];
  return resolveKubernetesVersion(
    setting,
    first ? { referencingManifest: { path: shownPath(first.manifestPath, workspaceFolders), version: first.version } } : {},
  );
}

/**
 * The config file's own findings when kube-apiservers reference it. Asked before the plain TracingConfiguration
 * type, it claims any document of a referenced file that type would take (apiVersion and kind are optional).
 */
export const referencedTracingConfigType: DocumentType = {
  id: tracingConfigurationType.id,
  mightContain: (_text, context) => context.options.workspace !== undefined && referencesTo(context.path, context.options).length > 0,
  // The context already treats a referenced file as a tracing config on the referencing manifest's version:
  // languageService.ts baseFileContext applies versionForReferencedFile to the same references.
  recognize: (document, context) => recognizeTracingConfiguration(document, context, 'mounted'),
  validate(document, context) {
    const references = referencesTo(context.path, context.options);
    const findings = [...tracingConfigurationType.validate(document, context), ...clusterDnsFindings(document, context, references)];
    return references.every((reference) => readerIgnoresFile(reference, context))
      ? findings.map((f) => unreadNow(f, references[0]!, context))
      : findings;
  },
};

/** With APIServerTracing off, kube-apiserver never reads the file (tracingGate.ts): nothing in it stops it. */
function readerIgnoresFile(reference: TracingConfigReference, context: FileContext): boolean {
  return ignoresTracingConfigFile(apiserverTarget(reference.pod, reference.container, context));
}

/** A finding in a file no kube-apiserver reads yet: Information, saying when it starts to matter. */
function unreadNow(finding: Finding, reference: TracingConfigReference, context: FileContext): Finding {
  if (finding.severity === Severity.Information) return finding;
  const was = finding.severity === Severity.Error ? 'an error' : 'a warning';
  return {
    ...finding,
    severity: Severity.Information,
    explanation: `Not a problem yet: the kube-apiserver of ${shownPath(reference.manifestPath, context.options.workspaceFolders)} runs with the APIServerTracing feature gate off and never reads this file. Once the gate is on, this is ${was}: ${finding.explanation}`,
  };
}

/** On the manifest's `--tracing-config-file` value: a summary of the referenced workspace file's problems. */
export function checkReferencedConfigFile(target: ApiserverTarget): Finding[] {
  const { options } = target.context;
  if (!options.workspace) return [];
  const reference = referenceOf(target.context.path, target.pod, target.container);
  // With the gate off the file is never read: the gate-off warning (tracingGate.ts) is the one thing to say.
  if (!reference || ignoresTracingConfigFile(target)) return [];
  const configPath = resolveReference(reference, options.workspace);
  const text = configPath === undefined ? undefined : options.workspace.read(configPath);
  if (configPath === undefined || text === undefined) return [];
  const uri = `file://${configPath.split('/').map(encodeURIComponent).join('/')}`;
  const misplaced = misplacedFile(target, reference, configPath);
  const context = referencedContext(configPath, uri, text, options, reference);
  const problems: Finding[] = [];
  for (const document of context.file.documents) {
    if (document.syntaxProblems.length > 0) {
      problems.push(
        ...document.syntaxProblems.map((p) =>
          findingAtOffsets(context.file, p.startOffset, p.endOffset, {
            severity: Severity.Error,
            code: 'yaml/syntax-error',
            message: p.message,
            explanation: '',
          }),
        ),
      );
      continue;
    }
    if (!recognizeTracingConfiguration(document, context, 'mounted')) continue;
    problems.push(...tracingConfigurationType.validate(document, context), ...clusterDnsFindings(document, context, [reference]));
  }
  const serious = problems
    .filter((p) => p.severity === Severity.Error || p.severity === Severity.Warning)
    .sort((a, b) => a.severity - b.severity);
  if (serious.length === 0) return misplaced;
  const worst = serious[0]!;
  const shortPath = relativeTo(configPath, target.context.path, options.workspaceFolders);
  const related: RelatedLocation[] = serious.map((p) => ({ uri, range: p.range, message: p.message }));
  const more = serious.length > 1 ? ` (and ${serious.length - 1} more)` : '';
  return [
    findingAtOffsets(target.file, reference.flag.valueStart, reference.flag.valueEnd, {
      severity: worst.severity,
      code: 'kube-apiserver/tracing-config-file-problems',
      message: `${shortPath}:${worst.range.start.line + 1}: ${worst.message}${more}`,
      explanation: `${shortPath} is this kube-apiserver's tracing configuration (found in the workspace${reference.nodePath ? ` for ${reference.nodePath} on the node` : ''}), checked against ${describeVersionSource(context.defaultKubernetesVersion)}: ${serious.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('; ')}.`,
      data: { configFile: configPath },
    }),
  ]
    .map((finding): Finding => ({ ...finding, related }))
    .concat(misplaced);
}

/**
 * The workspace mirrors the node around the manifest (a `<node>/etc/kubernetes/…` tree, or a kubeadm folder with
 * `manifests/`: references.ts nodeLayoutOf), the mount says the file is at `nodePath` on the node, but the file found
 * (by name) sits elsewhere in that mirror: on the node it would not be where kube-apiserver reads it (in the
 * static-pod folder the kubelet even reads it as a pod).
 */
function misplacedFile(target: ApiserverTarget, reference: TracingConfigReference, configPath: string): Finding[] {
  const layout = nodeLayoutOf(reference.manifestPath);
  const onNode = layout?.toNode(configPath);
  if (!layout || !reference.nodePath || onNode === undefined || onNode === reference.nodePath) return [];
  const folders = target.context.options.workspaceFolders;
  const expected = layout.toWorkspace(reference.nodePath);
  const inManifests = onNode.startsWith('/etc/kubernetes/manifests/');
  return [
    findingAtOffsets(target.file, reference.flag.valueStart, reference.flag.valueEnd, {
      severity: Severity.Warning,
      code: 'kube-apiserver/tracing-config-file-elsewhere',
      message: `${shownPath(configPath, folders)} is at ${onNode} on the node, but kube-apiserver reads ${reference.flag.value}, which the volume maps to ${reference.nodePath}`,
      explanation: `Copied to the node as it is laid out here, the file would not be where kube-apiserver reads it, and kube-apiserver exits (tracing-config-file ${reference.flag.value} does not exist).${inManifests ? ' In /etc/kubernetes/manifests the kubelet also reads it as a static pod, and logs an error for it.' : ''} Move it to ${expected ? shownPath(expected, folders) : `${reference.nodePath} on the node`}, or change the mount to where the file is.`,
      ...(expected ? { data: { move: { from: configPath, to: expected } } } : {}),
    }),
  ];
}

/** `other` relative to the directory of `from` (`../tracing/config.yaml`), as short as an editor would show it. */
export function relativeTo(other: string, from: string, workspaceFolders: readonly string[] = []): string {
  const target = other.split('/');
  const base = from.split('/').slice(0, -1);
  let common = 0;
  while (common < base.length && common < target.length - 1 && base[common] === target[common]) common++;
  if (common <= 1) return shownPath(other, workspaceFolders); // only the root in common: the workspace path says more
  return [...base.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}
