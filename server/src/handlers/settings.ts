/**
 * Settings per document, pulled with `workspace/configuration` (scoped to the document, so folder settings
 * apply) and cached until the client says they changed. Clients without that capability (some editors) push
 * settings with `workspace/didChangeConfiguration` instead; both end in the same normalized shape.
 */
import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, SETTINGS_SECTION, type KubeTracingSettings } from '../../../common/src/settings';

export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<KubeTracingSettings>>();
  private pushed: KubeTracingSettings = normalizeSettings(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<KubeTracingSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let pending = this.perDocument.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, () => this.pushed);
      this.perDocument.set(uri, pending);
    }
    return pending;
  }

  /** From `workspace/didChangeConfiguration`: drop the cache; keep pushed values for clients that only push. */
  changed(pushedSettings: unknown): void {
    this.perDocument.clear();
    const section = (pushedSettings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) this.pushed = normalizeSettings(section);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}
