/**
 * The kubelet's command-line `--feature-gates` that kubeadm writes from `nodeRegistration.kubeletExtraArgs`
 * (Init/JoinConfiguration; kubeadm puts them in /var/lib/kubelet/kubeadm-flags.env): judged by the feature-gate
 * flag rules as the kubelet's, and, since the kubelet's command-line gates win over its config file's
 * (cmd/kubelet/app/server.go merges the flag gates over KubeletConfiguration.featureGates), taken into account
 * when the KubeletConfiguration's tracing block needs KubeletTracing.
 */
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import type { KubernetesVersionInForce } from '../../versions';
import type { AstNode } from '../../yaml/nodes';
import type { DocumentView } from '../../yaml/sourced';
import { valueAt } from '../../yaml/sourced';
import type { SynthesizedArg } from '../control-plane-pod/synthesized';
import { checkFeatureGatesFlag, parseFeatureGates } from '../feature-gates';
import { readExtraArgs } from './read';

/** `--feature-gates` of `nodeRegistration.kubeletExtraArgs` (a map up to v1beta3, a list from v1beta4). */
export function kubeletFeatureGateArgs(
  view: DocumentView,
  root: AstNode | null,
  listForm: boolean | undefined,
): Array<SynthesizedArg & { value: NonNullable<SynthesizedArg['value']> }> {
  const args = readExtraArgs(view, valueAt(view, root, 'nodeRegistration', 'kubeletExtraArgs')?.value, listForm) ?? [];
  return args.filter(
    (arg): arg is SynthesizedArg & { value: NonNullable<SynthesizedArg['value']> } =>
      arg.name.text === 'feature-gates' && arg.value !== undefined,
  );
}

export function checkKubeletFeatureGateArgs(
  args: ReturnType<typeof kubeletFeatureGateArgs>,
  context: FileContext,
  version: KubernetesVersionInForce,
): Finding[] {
  return args.flatMap(({ value }) => {
    const exact = context.file.text.slice(value.start, value.end) === value.text;
    return checkFeatureGatesFlag(
      { value: value.text, start: value.start, end: value.end, exact, flagName: '--feature-gates' },
      { file: context.file, version, component: 'kubelet' },
    );
  });
}

/** The value the kubelet's command line gives `gate` (the last one set), or undefined when it does not set it. */
export function commandLineGate(args: ReturnType<typeof kubeletFeatureGateArgs>, gate: string): boolean | undefined {
  let value: boolean | undefined;
  for (const arg of args)
    for (const assignment of parseFeatureGates(arg.value.text).assignments) if (assignment.name === gate) value = assignment.value;
  return value;
}
