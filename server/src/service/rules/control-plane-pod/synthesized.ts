/**
 * Cluster configs (kubeadm, kind, Cluster API, k3s/RKE2) do not hold pods: they hold the flags, mounts and version
 * from which a tool writes the static pods. Each form reads its file into SynthesizedComponent values; this module
 * writes the pod the tool would write (only what the rules read: the binary and its flags, the mounts and their
 * hostPath volumes, the image when the config names it, hostNetwork), parses it, and runs the same container rules
 * as on a manifest, with every position mapped back to the config (text/sourceMap.ts). So the rules, versions and
 * messages are those of the static pod, by construction, and a rule added for pods applies to every form.
 * Mirrors kubeadm cmd/kubeadm/app/phases/controlplane/manifests.go (getAPIServerCommand: `--name=value` per
 * extra argument) and phases/etcd/local.go (getEtcdCommand), and controlplane/volumes.go (a hostPath volume and a
 * mount of the same name per extraVolumes entry).
 */
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import { MappedLineIndex, MappedTextBuilder, type SourcedText } from '../../text/sourceMap';
import type { KubernetesVersionInForce } from '../../versions';
import { parseFile, type ParsedFile } from '../../yaml/parse';
import type { ContainerRulesByComponent } from './index';
import { readControlPlanePod, type ClusterForm, type ControlPlaneComponent, type ControlPlanePod } from './pod';

export interface SynthesizedArg {
  name: SourcedText;
  /** Undefined for a bare `--name` (k3s `kube-apiserver-arg: [name]`). */
  value: SourcedText | undefined;
  /** The value assembled by the tool from several places (kind's `featureGates` map): pieces whose texts join to `value.text`. */
  valuePieces?: SourcedText[];
}

export interface SynthesizedMount {
  name: string;
  hostPath: SourcedText | string;
  mountPath: SourcedText | string;
  readOnly: boolean;
}

export interface SynthesizedComponent {
  component: ControlPlaneComponent;
  /** The flags in the order the tool writes them. */
  args: SynthesizedArg[];
  mounts: SynthesizedMount[];
  /** The image the tool runs, when the config decides its tag (etcd `imageTag`). */
  image?: string;
  /** kubeadm's static pods and the k3s/RKE2 processes run in the node's network namespace. */
  hostNetwork: boolean;
  /** Source span for findings on what the tool writes and the config does not spell (e.g. `apiServer:`). */
  anchor: [number, number];
}

/** Scaffolding needs no escaping when the text is a plain YAML-safe word; everything else is quoted. */
function quotedItem(builder: MappedTextBuilder, arg: SynthesizedArg): void {
  const text = `--${arg.name.text}${arg.value ? `=${arg.value.text}` : ''}`;
  if (JSON.stringify(text) !== `"${text}"`) {
    // Escapes inside: the item maps as a whole, from the name to the value.
    builder.writeMapped(JSON.stringify(text), arg.name.start, arg.value?.end ?? arg.name.end);
    return;
  }
  builder
    .writeMapped('"', arg.name.start, arg.name.start)
    .writeMapped('--', arg.name.start, arg.name.start)
    .writeMapped(arg.name.text, arg.name.start, arg.name.end);
  if (arg.value) {
    builder.writeMapped('=', arg.name.end, arg.value.start);
    for (const piece of arg.valuePieces ?? [arg.value]) builder.writeMapped(piece.text, piece.start, piece.end);
  }
  const end = arg.value?.end ?? arg.name.end;
  builder.writeMapped('"', end, end);
}

/** The pod manifest the tool writes for `component`, with the map back to the config. */
export function synthesizePodText(source: ParsedFile, component: SynthesizedComponent): { text: string; lines: MappedLineIndex } {
  const b = new MappedTextBuilder(source.text);
  b.write(
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${component.component}\nspec:\n  hostNetwork: ${component.hostNetwork}\n  containers:\n  - name: ${component.component}\n`,
  );
  if (component.image) b.write('    image: ').writeQuoted(component.image).write('\n');
  b.write(`    command:\n    - ${component.component}\n`);
  for (const arg of component.args) {
    b.write('    - ');
    quotedItem(b, arg);
    b.write('\n');
  }
  if (component.mounts.length > 0) {
    b.write('    volumeMounts:\n');
    for (const mount of component.mounts) {
      b.write('    - name: ')
        .writeQuoted(mount.name)
        .write('\n      mountPath: ')
        .writeQuoted(mount.mountPath)
        .write(`\n      readOnly: ${mount.readOnly}\n`);
    }
    b.write('  volumes:\n');
    for (const mount of component.mounts)
      b.write('  - name: ').writeQuoted(mount.name).write('\n    hostPath:\n      path: ').writeQuoted(mount.hostPath).write('\n');
  }
  const text = b.toString();
  return { text, lines: new MappedLineIndex(text, b.segments, source.lines, component.anchor) };
}

export interface SynthesisInput {
  context: FileContext;
  components: readonly SynthesizedComponent[];
  version: KubernetesVersionInForce;
  form: ClusterForm;
}

/** The pods the tool writes, each with the context its rules read (the synthesized file in place of the config). */
export function synthesizePods(input: SynthesisInput): Array<{ pod: ControlPlanePod; context: FileContext }> {
  const { context } = input;
  return input.components.flatMap((component) => {
    const { text, lines } = synthesizePodText(context.file, component);
    const parsed = parseFile(context.file.uri, text);
    const file: ParsedFile = { ...parsed, lines };
    const document = file.documents[0];
    if (!document || document.syntaxProblems.length > 0) return []; // cannot happen: we wrote it; say nothing rather than nonsense
    const pod = readControlPlanePod(document, file, context.options.settings);
    if (!pod) return [];
    pod.form = input.form;
    for (const container of pod.containers) container.kubernetesVersion = input.version;
    return [{ pod, context: { ...context, file } }];
  });
}

/**
 * The findings the container rules give on the synthesized pods, on the config's own text. Quick-fix payloads are
 * dropped: they describe edits to a pod manifest, which this file is not.
 */
export function checkSynthesizedComponents(input: SynthesisInput, rules: ContainerRulesByComponent): Finding[] {
  return synthesizePods(input)
    .flatMap(({ pod, context }) => pod.containers.flatMap((container) => rules[container.component]?.(pod, container, context) ?? []))
    .map(({ data: _data, ...finding }) => finding);
}
