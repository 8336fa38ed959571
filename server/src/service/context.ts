/**
 * What a validation needs besides the text: settings and, for cross-file rules, a view of the workspace.
 */
import picomatch from 'picomatch';
import type { KubeTracingSettings } from '../../../common/src/settings';
import type { ParsedFile } from './yaml/parse';
import type { KubernetesVersionInForce } from './versions';

export interface SourceFile {
  /** `file:///…` URI (or any URI; only its path is used for globs). */
  uri: string;
  text: string;
  /**
   * The file's size when `text` is only its head: a file over MAX_VALIDATED_BYTES (yaml/parse.ts) is not read whole
   * (the CLI reads its head, enough to say whether it is a file we would check).
   */
  byteLength?: number;
}

/** Read-only view of other files in the workspace (open editors first, then disk). Optional: the CLI and tests may omit it. */
export interface WorkspaceFiles {
  /** Absolute paths of YAML/JSON files in the workspace. */
  list(): readonly string[];
  /** The current text of a file (the editor's unsaved text when it is open), or undefined when unreadable. */
  read(path: string): string | undefined;
}

export interface ValidationOptions {
  settings: KubeTracingSettings;
  /** Workspace folders (absolute paths) used to make paths relative for globs. */
  workspaceFolders?: readonly string[];
  workspace?: WorkspaceFiles;
}

/** Everything a document type's rules may read about the file being validated. */
export interface FileContext {
  file: ParsedFile;
  path: string;
  options: ValidationOptions;
  /** The file name matches `kubeTracing.tracingConfigFiles`, so apiVersion/kind may be absent. */
  matchesTracingConfigGlob: boolean;
  /** The Kubernetes version from the setting or the default; document types may refine it per document. */
  defaultKubernetesVersion: KubernetesVersionInForce;
}

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** A path as a message or hover shows it: relative to the (innermost) workspace folder holding it, else as it is. */
export function shownPath(path: string, workspaceFolders: readonly string[] = []): string {
  const normalized = path.replace(/\\/g, '/');
  let best = '';
  for (const folder of workspaceFolders) {
    const prefix = folder.replace(/\\/g, '/').replace(/\/?$/, '/');
    if (normalized.startsWith(prefix) && prefix.length > best.length) best = prefix;
  }
  return best ? normalized.slice(best.length) : path;
}

const matcherCache = new Map<string, (path: string) => boolean>();

/** True when the file's absolute or workspace-relative path matches one of the globs. */
export function matchesGlobs(path: string, globs: readonly string[], workspaceFolders: readonly string[] = []): boolean {
  if (globs.length === 0) return false;
  const cacheKey = globs.join('\u0000');
  let matcher = matcherCache.get(cacheKey);
  if (!matcher) {
    matcher = picomatch([...globs], { dot: true });
    matcherCache.set(cacheKey, matcher);
  }
  const normalized = path.replace(/\\/g, '/');
  if (matcher(normalized)) return true;
  for (const folder of workspaceFolders) {
    const prefix = folder.replace(/\\/g, '/').replace(/\/?$/, '/');
    if (normalized.startsWith(prefix) && matcher(normalized.slice(prefix.length))) return true;
  }
  return false;
}
