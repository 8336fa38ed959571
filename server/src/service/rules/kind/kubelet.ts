/**
 * The KubeletConfiguration kind's nodes run with: kind writes `featureGates` from the cluster's `featureGates`
 * (sigs.k8s.io/kind pkg/cluster/internal/kubeadm/config.go) and merges the `KubeletConfiguration` patches over it
 * (JSON merge patches: maps merge key by key, other values are replaced). The result is written out as a
 * KubeletConfiguration with every value mapped back to where the kind config spells it, and judged by the kubelet
 * rules (rules/kubelet) at the node image's version, with the kubelet's --feature-gates from kubeletExtraArgs patches.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import { MappedLineIndex, MappedTextBuilder } from '../../text/sourceMap';
import { kubeletFacts, type KubernetesVersionInForce } from '../../versions';
import { checkKubeletFeatureGateArgs, commandLineGate } from '../kubeadm/kubeletArgs';
import type { AstNode } from '../../yaml/nodes';
import { parseFile, type ParsedFile } from '../../yaml/parse';
import { entriesOf, sourceSpan, sourcedScalar, type DocumentView } from '../../yaml/sourced';
import { kubeletConfigurationType } from '../kubelet';
import type { KindCluster } from './read';

interface Located {
  view: DocumentView;
  node: AstNode | null;
}

/** A YAML value written in flow style (JSON-like, valid YAML), every scalar mapped to its source. */
function writeFlow(b: MappedTextBuilder, { view, node }: Located): void {
  if (isMap(node)) {
    b.write('{');
    entriesOf(view, node).forEach((entry, index) => {
      if (index > 0) b.write(', ');
      b.writeQuoted(sourcedScalar(view, entry.keyNode) ?? entry.key).write(': ');
      writeFlow(b, { view, node: entry.value });
    });
    b.write('}');
  } else if (isSeq(node)) {
    b.write('[');
    node.items.forEach((item, index) => {
      if (index > 0) b.write(', ');
      writeFlow(b, { view, node: item as AstNode });
    });
    b.write(']');
  } else if (isScalar(node) && typeof node.value === 'string') {
    b.writeQuoted(sourcedScalar(view, node)!);
  } else if (isScalar(node)) {
    const span = sourceSpan(view, node)!;
    b.writeMapped(node.value === null || node.value === undefined ? 'null' : String(node.value), span[0], span[1]);
  } else b.write('null');
}

export function checkKindKubelet(cluster: KindCluster, context: FileContext, version: KubernetesVersionInForce): Finding[] {
  // featureGates: kind's own, then each patch's, merged by name; every other top-level key: the last patch's.
  const gates = new Map<string, () => void>();
  const others = new Map<string, { key: Located; value: Located }>();
  const b = new MappedTextBuilder(context.file.text);
  for (const gate of cluster.gates)
    gates.set(gate.name.text, () =>
      b.writeQuoted(gate.name).write(': ').writeMapped(gate.valueNode.text, gate.valueNode.start, gate.valueNode.end),
    );
  for (const { view, root } of cluster.kubeletConfigurations) {
    for (const entry of entriesOf(view, root)) {
      if (entry.key === 'apiVersion' || entry.key === 'kind') continue;
      if (entry.key === 'featureGates' && isMap(entry.value)) {
        for (const gate of entriesOf(view, entry.value))
          gates.set(gate.key, () => {
            b.writeQuoted(sourcedScalar(view, gate.keyNode) ?? gate.key).write(': ');
            writeFlow(b, { view, node: gate.value });
          });
      } else others.set(entry.key, { key: { view, node: entry.keyNode }, value: { view, node: entry.value } });
    }
  }
  const flagGates = checkKubeletFeatureGateArgs(cluster.kubeletGateArgs, context, version);
  if (gates.size === 0 && others.size === 0) return flagGates;
  b.write('apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n');
  if (gates.size > 0) {
    b.write('featureGates: {');
    [...gates.values()].forEach((write, index) => {
      if (index > 0) b.write(', ');
      write();
    });
    b.write('}\n');
  }
  for (const [key, { key: keyNode, value }] of others) {
    const keyText = isScalar(keyNode.node) ? sourcedScalar(keyNode.view, keyNode.node) : undefined;
    b.writeQuoted(keyText ?? key).write(': ');
    writeFlow(b, value);
    b.write('\n');
  }
  const text = b.toString();
  const parsed = parseFile(context.file.uri, text);
  const file: ParsedFile = { ...parsed, lines: new MappedLineIndex(text, b.segments, context.file.lines, cluster.anchor) };
  const document = file.documents[0];
  if (!document || document.syntaxProblems.length > 0) return [];
  const findings = kubeletConfigurationType
    .validate(document, { ...context, file, defaultKubernetesVersion: version })
    .map(({ data: _data, ...finding }) => finding);
  // kubeletExtraArgs' --feature-gates win over the config's featureGates (cmd/kubelet/app/server.go).
  const onByFlag = commandLineGate(cluster.kubeletGateArgs, kubeletFacts.tracingGate) === true;
  return [...flagGates, ...(onByFlag ? findings.filter((finding) => finding.code !== 'kubelet/tracing-gate-disabled') : findings)];
}
