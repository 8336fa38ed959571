/**
 * `$(NAME)` in a container's command or args that no `env` entry of that container defines. Kubernetes expands
 * `$(NAME)` from the container's environment only and leaves an undefined reference as it is written; there is no
 * shell, so `$(hostname)` is not run either: `--experimental-distributed-tracing-instance-id=$(hostname)` from a
 * published guide makes every etcd member report the instance ID `$(hostname)`.
 * Mirrors k8s.io/kubernetes third_party/forked/golang/expansion/expand.go (Expand, syntaxWrap: `$$` is a literal
 * `$`, `$(` without `)` stays as written) and pkg/kubelet/kubecontainer/helpers.go ExpandContainerCommandAndArgs
 * (the mapping is the container's env), v1.34.0.
 * Silent when the container has `envFrom` (its names are not in the manifest) or runs a shell (the shell then
 * runs `$(hostname)` itself).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { deref, lastEntry, mapEntries } from '../../yaml/nodes';
import { argvItems, itemOffsets } from './flags';
import type { ControlPlaneContainer, ControlPlanePod } from './pod';

export const UNDEFINED_VARIABLE_CODE = 'control-plane-pod/undefined-variable-reference';

/** What a fix can set the variable from, when its name says what was meant (the Downward API's field paths). */
export function fieldPathFor(name: string): string | undefined {
  if (/host.?name|node.?name/i.test(name)) return 'spec.nodeName';
  if (/pod.?name/i.test(name)) return 'metadata.name';
  if (/host.?ip|node.?ip/i.test(name)) return 'status.hostIP';
  if (/pod.?ip/i.test(name)) return 'status.podIP';
  return undefined;
}

/** The `$(NAME)` references of an argument that expansion would replace, with their offsets in the text. */
export function variableReferences(text: string): Array<{ name: string; start: number; end: number }> {
  const found: Array<{ name: string; start: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || i + 1 >= text.length) continue;
    if (text[i + 1] === '$') {
      i++; // `$$` is an escaped `$`
      continue;
    }
    if (text[i + 1] !== '(') continue;
    const close = text.indexOf(')', i + 2);
    if (close < 0) break; // `$(` with no `)`: the rest stays as written
    const name = text.slice(i + 2, close);
    if (name !== '') found.push({ name, start: i, end: close + 1 });
    i = close;
  }
  return found;
}

export function checkVariableReferences(pod: ControlPlanePod, container: ControlPlaneContainer): Finding[] {
  if (!container.flagsReadable || !isMap(container.node)) return [];
  const document = pod.document.document;
  if (lastEntry(container.entries, 'envFrom')) return [];
  const envNode = deref(lastEntry(container.entries, 'env')?.value ?? null, document);
  const defined = new Set<string>();
  if (isSeq(envNode)) {
    for (const item of envNode.items) {
      const name = lastEntry(mapEntries(deref(item, document), document), 'name')?.value;
      if (isScalar(name) && typeof name.value === 'string') defined.add(name.value);
    }
  }
  const items = [
    ...argvItems(lastEntry(container.entries, 'command')?.value, 'command'),
    ...argvItems(lastEntry(container.entries, 'args')?.value, 'args'),
  ];
  const findings: Finding[] = [];
  for (const item of items) {
    for (const reference of variableReferences(item.text)) {
      if (defined.has(reference.name)) continue;
      const [start, end] = itemOffsets(pod.file, item, reference.start, reference.end);
      const fieldPath = fieldPathFor(reference.name);
      const fix = fieldPath
        ? `Define it in the container's env, e.g. \`- name: ${reference.name}\` with \`valueFrom: {fieldRef: {fieldPath: ${fieldPath}}}\` (the quick fix adds it).`
        : `Define ${reference.name} in the container's env (\`- name: ${reference.name}\` with a \`value\` or \`valueFrom\`), or write the value itself.`;
      findings.push(
        findingAtOffsets(pod.file, start, end, {
          severity: Severity.Warning,
          code: UNDEFINED_VARIABLE_CODE,
          message: `$(${reference.name}) is passed as it is written: no env entry of container "${container.name}" defines ${reference.name}`,
          explanation: `Kubernetes replaces $(NAME) in command and args only with the container's own env variables, and runs no shell, so ${container.component} receives the text "$(${reference.name})"${/host|node/i.test(reference.name) ? ' on every node (every etcd member reports the same value)' : ''}. ${fix}`,
          data: { name: reference.name, ...(fieldPath ? { fieldPath } : {}) },
        }),
      );
    }
  }
  return findings;
}
