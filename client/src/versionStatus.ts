/**
 * The status bar item showing the Kubernetes version the active file is checked against and where it came
 * from (setting, image tag, referencing manifest, default), asked from the server (`kubeTracing/versionInForce`);
 * and `kubeTracing.selectKubernetesVersion`, a quick pick writing `kubeTracing.kubernetesVersion`.
 */
import * as vscode from 'vscode';
import versions from '../../schemas/kubernetes-versions.json';
import { VersionInForceRequest, type VersionInForce } from '../../common/src/protocol';
import { SETTINGS_SECTION } from '../../common/src/settings';
import { activeManifest } from './commands';
import type { ServerController } from './languageClient';
import { describeCollectorForStatusBar } from './collectorStatus';

export const SELECT_VERSION_COMMAND = 'kubeTracing.selectKubernetesVersion';

const SOURCE_WORDS: Record<VersionInForce['kubernetesVersionSource'], string> = {
  setting: 'from the setting kubeTracing.kubernetesVersion',
  'image-tag': 'from the image tag',
  'cluster-config': 'declared by this cluster config:',
  'referencing-manifest': 'from the kube-apiserver manifest that mounts this file',
  'node-manifest': 'from the kube-apiserver static pod of this node:',
  default: 'the latest released minor (no setting, no image tag)',
};

/** The status bar text and tooltip for a version in force. */
export function describeForStatusBar(inForce: VersionInForce): { text: string; tooltip: string } {
  const detail = inForce.kubernetesVersionDetail ? ` ${inForce.kubernetesVersionDetail}` : '';
  const etcd = inForce.etcdVersion ? `, etcd ${inForce.etcdVersion}` : '';
  return {
    text: `$(versions) K8s ${inForce.kubernetesVersion}${inForce.kubernetesVersionSource === 'default' ? ' (default)' : ''}${inForce.etcdVersion ? ` · etcd ${inForce.etcdVersion}` : ''}`,
    tooltip: `kube-tracing checks this file against Kubernetes ${inForce.kubernetesVersion}${etcd}: ${SOURCE_WORDS[inForce.kubernetesVersionSource]}${detail}.\nClick to select another version.`,
  };
}

/** The minors the setting accepts (`settingRange` of schemas/kubernetes-versions.json), newest first. */
export function selectableMinors(): string[] {
  const { from, to } = versions.settingRange;
  const index = (minor: string) => versions.minors.indexOf(minor);
  return versions.minors.slice(index(from), index(to) + 1).reverse();
}

export function registerVersionStatus(context: vscode.ExtensionContext, controller: ServerController): void {
  const item = vscode.window.createStatusBarItem('kubeTracing.version', vscode.StatusBarAlignment.Right, 100);
  item.name = 'kube-tracing: Kubernetes version';
  item.command = SELECT_VERSION_COMMAND;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async (): Promise<void> => {
    const mine = ++generation;
    const document = activeManifest();
    const client = controller.running;
    if (!document || !client) return item.hide();
    const inForce = await client.sendRequest(VersionInForceRequest.type, { uri: document.uri.toString() }).then(
      (answer) => answer,
      () => null,
    );
    if (mine !== generation) return; // a newer refresh is under way
    if (!inForce) return item.hide();
    // A Collector config is checked against a Collector release, not a Kubernetes one: that is what it shows.
    const { text, tooltip } = inForce.collector ? describeCollectorForStatusBar(inForce.collector) : describeForStatusBar(inForce);
    item.text = text;
    item.tooltip = tooltip;
    item.command = inForce.collector
      ? { title: 'Collector settings', command: 'workbench.action.openSettings', arguments: ['kubeTracing.collector'] }
      : SELECT_VERSION_COMMAND;
    item.show();
  };
  const soon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 300);
  };

  context.subscriptions.push(
    item,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(SETTINGS_SECTION) && soon()),
    // The server publishes the active file's diagnostics after each validation (on open, after each editing
    // pause, after a restart or a settings change), even when they are unchanged: that is when an edit (an image
    // tag) may have changed the version, and the answer reflects the validated text. No text-change trigger: it
    // asked again for the same edit (each request re-reads the whole document). Other files' diagnostics, and
    // other extensions', say nothing about the active file.
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active !== undefined && event.uris.some((uri) => uri.toString() === active)) soon();
    }),
    // An argument (`"1.33"` or `"auto"`, from a keybinding or a test) skips the quick pick.
    vscode.commands.registerCommand(SELECT_VERSION_COMMAND, (version?: unknown) =>
      selectKubernetesVersion(typeof version === 'string' ? version : undefined),
    ),
  );
  void refresh();
}

async function selectKubernetesVersion(given: string | undefined): Promise<void> {
  const document = activeManifest();
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, document?.uri);
  const current = configuration.get<string>('kubernetesVersion', 'auto');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (given !== undefined) {
    if (given !== 'auto' && !selectableMinors().includes(given)) {
      void vscode.window.showWarningMessage(
        `kube-tracing: ${given} is not a Kubernetes version kube-tracing knows (${selectableMinors().at(-1)} … ${selectableMinors()[0]}, or auto).`,
      );
      return;
    }
    await configuration.update('kubernetesVersion', given, target);
    return;
  }
  const picks: Array<vscode.QuickPickItem & { value: string }> = [
    {
      value: 'auto',
      label: 'auto',
      description: current === 'auto' ? 'current' : undefined,
      detail: `Infer from the image tag or the referencing manifest, else the latest released minor (${versions.latestReleased}).`,
    },
    ...selectableMinors().map((minor) => ({
      value: minor,
      label: minor,
      description:
        [
          minor === current ? 'current' : '',
          minor === versions.latestReleased ? 'latest released' : '',
          versions.minors.indexOf(minor) > versions.minors.indexOf(versions.latestReleased) ? 'pre-release' : '',
        ]
          .filter(Boolean)
          .join(' · ') || undefined,
    })),
  ];
  const picked = await vscode.window.showQuickPick(picks, { title: 'Kubernetes version the files run on', placeHolder: `Now: ${current}` });
  if (!picked) return;
  await configuration.update('kubernetesVersion', picked.value, target);
}
