/**
 * k3s and RKE2 server configuration (`/etc/rancher/k3s/config.yaml`, `/etc/rancher/rke2/config.yaml` and their
 * `config.yaml.d/` drop-ins): recognized only by the keys that pass flags to the components —
 * `kube-apiserver-arg` or `kubelet-arg` (also with the drop-in `+` suffix) — in a mapping without
 * apiVersion/kind. Each item is a flag without its dashes (`tracing-config-file=/etc/rancher/tracing.yaml`), a
 * list or a single string; k3s/RKE2 prefix `--` and split at the first `=` (k3s pkg/util args.go GetArgs).
 * kube-apiserver's flags are judged through the synthesized pod (rules/control-plane-pod/synthesized.ts). k3s runs
 * kube-apiserver inside its own process on the host (so every host path is its path); RKE2 runs it as a static pod
 * whose default mounts are not modelled here: no path is called unmounted (silence over a guess). The kubelet's
 * `--feature-gates` is judged by the feature-gate rules. `etcd-arg` is left alone: k3s and RKE2 write those into
 * etcd's config file rather than its command line, whose rules differ. No version is in the file: the setting,
 * else the latest released minor, as for a pod without an image tag.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { FileContext } from '../../context';
import type { DocumentType } from '../../documentType';
import type { Finding } from '../../findings';
import type { SourcedText } from '../../text/sourceMap';
import type { AstNode } from '../../yaml/nodes';
import { entriesOf, sameFile, sourceSpan, sourcedScalar, type DocumentView } from '../../yaml/sourced';
import type { ClusterForm, ContainerRulesByComponent } from '../control-plane-pod';
import { checkSynthesizedComponents, type SynthesisInput, type SynthesizedArg } from '../control-plane-pod/synthesized';
import type { ParsedDocument } from '../../yaml/parse';
import { checkFeatureGatesFlag } from '../feature-gates';

const ARG_KEYS = /^(kube-apiserver|etcd|kubelet|kube-controller-manager|kube-scheduler|kube-proxy|kube-cloud-controller-manager)-arg\+?$/;
const RECOGNIZING_KEYS = /^(kube-apiserver|kubelet)-arg\+?$/;

export const k3sForm: ClusterForm = {
  name: 'k3s/RKE2 config',
  mountAdvice: (_component, directory) =>
    `Put the file in ${directory} on every server node (RKE2: and list it in kube-apiserver-extra-mount).`,
};

function isK3sConfig(view: DocumentView): boolean {
  const root = view.document.contents as AstNode | null;
  if (!isMap(root)) return false;
  const keys = entriesOf(view, root).map((entry) => entry.key);
  return !keys.includes('apiVersion') && !keys.includes('kind') && keys.some((key) => RECOGNIZING_KEYS.test(key));
}

/** The `name=value` strings of one key, in order: a list, or a single string. */
function argItems(view: DocumentView, node: AstNode | null): SourcedText[] {
  const nodes = isSeq(node) ? (node.items as AstNode[]) : [node];
  return nodes.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [sourcedScalar(view, item)!] : []));
}

/** `tracing-config-file=/x` → name and value with their own spans (exact when the item is written verbatim). */
function splitArg(item: SourcedText): SynthesizedArg | undefined {
  const exact = item.end - item.start === item.text.length;
  const dashes = /^-{0,2}/.exec(item.text)![0].length;
  const equals = item.text.indexOf('=', dashes);
  const at = (from: number, to: number) =>
    exact ? { start: item.start + from, end: item.start + to } : { start: item.start, end: item.end };
  const nameEnd = equals >= 0 ? equals : item.text.length;
  const nameText = item.text.slice(dashes, nameEnd);
  if (!nameText) return undefined;
  const name = { text: nameText, ...at(dashes, nameEnd) };
  return { name, value: equals >= 0 ? { text: item.text.slice(equals + 1), ...at(equals + 1, item.text.length) } : undefined };
}

function argsOf(view: DocumentView, component: string): SynthesizedArg[] {
  return entriesOf(view, view.document.contents as AstNode | null)
    .filter((entry) => ARG_KEYS.exec(entry.key)?.[1] === component)
    .flatMap((entry) => argItems(view, entry.value))
    .flatMap((item) => splitArg(item) ?? []);
}

function checkKubeletGates(view: DocumentView, context: FileContext): Finding[] {
  return argsOf(view, 'kubelet')
    .filter((arg) => arg.name.text === 'feature-gates' && arg.value)
    .flatMap((arg) => {
      const value = arg.value!;
      const exact = context.file.text.slice(value.start, value.end) === value.text;
      return checkFeatureGatesFlag(
        { value: value.text, start: value.start, end: value.end, exact, flagName: '--feature-gates' },
        { file: context.file, version: context.defaultKubernetesVersion, component: 'kubelet' },
      );
    });
}

const viewOf = (document: ParsedDocument, context: FileContext): DocumentView => ({
  document: document.document,
  text: context.file.text,
  toSource: sameFile,
});

/** kube-apiserver as k3s runs it from this config; undefined for another document. */
export function k3sSynthesis(document: ParsedDocument, context: FileContext): SynthesisInput | undefined {
  const view = viewOf(document, context);
  if (!isK3sConfig(view)) return undefined;
  const apiServerArgs = argsOf(view, 'kube-apiserver');
  const anchorEntry = entriesOf(view, document.document.contents as AstNode | null).find(
    (entry) => ARG_KEYS.exec(entry.key)?.[1] === 'kube-apiserver',
  );
  const anchor = sourceSpan(view, anchorEntry?.keyNode) ?? [0, 0];
  const hostRoot = { name: 'host-root', hostPath: '/', mountPath: '/', readOnly: true };
  const components =
    apiServerArgs.length > 0
      ? [{ component: 'kube-apiserver' as const, args: apiServerArgs, mounts: [hostRoot], hostNetwork: true, anchor }]
      : [];
  return { context, components, version: context.defaultKubernetesVersion, form: k3sForm };
}

export function k3sConfigType(rules: ContainerRulesByComponent): DocumentType {
  return {
    id: 'k3s',
    mightContain: (text) => /(?:^|\n)["']?(?:kube-apiserver|kubelet)-arg\+?["']?\s*:/.test(text),
    recognize: (document, context) => isK3sConfig(viewOf(document, context)),
    validate(document, context) {
      const input = k3sSynthesis(document, context);
      return input ? [...checkSynthesizedComponents(input, rules), ...checkKubeletGates(viewOf(document, context), context)] : [];
    },
  };
}
