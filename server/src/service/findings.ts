/**
 * What the language service reports. These types are deliberately not LSP's: the service is pure and is used
 * by the CLI and unit tests without any LSP or VS Code import. `server/src/handlers` maps them to LSP.
 */

/** Zero-based line and UTF-16 character, the same convention as LSP and JavaScript strings. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Same numbers as LSP's DiagnosticSeverity so the adapter is a plain copy. */
export enum Severity {
  /** The component refuses to start (or exits) with this input. */
  Error = 1,
  /** The component starts, but the setting is ignored or behaves in a surprising way. */
  Warning = 2,
  /** Advice: nothing breaks. */
  Information = 3,
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  range: Range;
  severity: Severity;
  /** Stable rule code, e.g. `tracing-config/unsupported-scheme`; documented in README. */
  code: string;
  /** The exact text the Kubernetes or etcd code prints, e.g. `samplingRatePerMillion: Invalid value: -1: sampling rate must be positive`. */
  message: string;
  /** A plain-language explanation of what happens and how to fix it. */
  explanation: string;
  related?: RelatedLocation[];
  /** Rule-specific payload for quick fixes. */
  data?: unknown;
}

/** The text shown to users: the real message first, then the explanation. */
export function renderFindingMessage(finding: Pick<Finding, 'message' | 'explanation'>): string {
  return finding.explanation ? `${finding.message}\n${finding.explanation}` : finding.message;
}
