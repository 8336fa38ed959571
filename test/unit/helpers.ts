/** Shared helpers for unit tests of the pure language service. */
import { appendFileSync } from 'node:fs';
import { normalizeSettings, type KubeTracingSettings } from '../../common/src/settings';
import { Severity, type Finding } from '../../server/src/service/findings';
import { validateSource } from '../../server/src/service/languageService';

export interface ValidateOptions {
  /** Kubernetes minor, e.g. '1.31'; default: the setting's default (auto → latest released). */
  version?: string;
  /** File name (absolute or relative to /workspace); default `tracing-config.yaml` (matches the default glob). */
  fileName?: string;
  settings?: Partial<KubeTracingSettings>;
}

export function validate(text: string, options: ValidateOptions = {}): Finding[] {
  const fileName = options.fileName ?? 'tracing-config.yaml';
  const path = fileName.startsWith('/') ? fileName : `/workspace/${fileName}`;
  // oracle/tracing-config/test-inputs.mjs collects every document the tests validate, for the real code to judge.
  const record = process.env.KUBE_TRACING_RECORD_INPUTS;
  if (record) appendFileSync(record, `${JSON.stringify({ fileName, text })}\n`);
  const settings = normalizeSettings({
    ...options.settings,
    kubernetesVersion: options.version ?? options.settings?.kubernetesVersion ?? 'auto',
  });
  return validateSource({ uri: `file://${path}`, text }, { settings, workspaceFolders: ['/workspace'] });
}

/** `line:col code` (1-based) of each finding, for compact assertions. */
export function where(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
}

export function errors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === Severity.Error);
}

export { Severity };
