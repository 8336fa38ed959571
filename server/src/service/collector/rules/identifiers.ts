/**
 * Component and pipeline IDs. Mirrors component/identifiable.go (type regex `^[a-zA-Z][0-9a-zA-Z_]{0,62}$`, name
 * 1–1024 characters without separators, control characters or symbols) and pipeline/pipeline.go with
 * pipeline/internal/globalsignal/signal.go (signals traces, metrics, logs, profiles). Messages as at v0.159.0.
 */
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { compareVersions } from '../catalog';
import { pipelineError, sectionError } from '../messages';
import type { CollectorTarget } from '../target';

const TYPE = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;
const NAME = /^[^\p{Z}\p{C}\p{S}]+$/u;
const SIGNALS = new Set(['traces', 'metrics', 'logs', 'profiles']);

/** The Collector's message for a malformed `type[/name]`, or undefined when it is well formed. */
export function idProblem(id: string): string | undefined {
  if (id.trim() === '') return 'id must not be empty';
  const slash = id.indexOf('/');
  const type = (slash < 0 ? id : id.slice(0, slash)).trim();
  if (slash >= 0) {
    if (type === '') return `in "${id}" id: the part before / should not be empty`;
    const name = id.slice(slash + 1).trim();
    if (name === '') return `in "${id}" id: the part after / should not be empty`;
    if (!TYPE.test(type)) return `in "${id}" id: invalid character(s) in type "${type}"`;
    if (name.length > 1024) return `name "${name}" is longer than 1024 characters (${name.length} characters)`;
    if (!NAME.test(name)) return `invalid character(s) in name "${name}"`;
    return undefined;
  }
  return TYPE.test(type) ? undefined : `in "${id}" id: invalid character(s) in type "${type}"`;
}

/**
 * A component id that fails to decode: the section's map key is decoded by component.ID's UnmarshalText, so
 * mapstructure names the failing key's path `''` inside the section's error. Seen in real Collectors:
 * v0.96.0 `* error decoding 'exporters': error decoding '': in "otlp/" id: …`, v0.143.0 and v0.165.0
 * `'exporters' '' in "otlp/" id: …` (v0.106–v0.128 are assumed to keep the older inner form).
 */
export function componentIdError(version: string, section: string, problem: string): string {
  return sectionError(version, section, compareVersions(version, '0.129.0') < 0 ? `error decoding '': ${problem}` : `'' ${problem}`);
}

export function checkIdentifiers(target: CollectorTarget): Finding[] {
  const { view, collector } = target;
  const findings: Finding[] = [];
  const version = collector.version === 'unknown' ? '999.0.0' : collector.version;
  for (const component of view.components) {
    const problem = idProblem(component.id);
    if (!problem) continue;
    findings.push(
      findingAt(target.file, component.entry.keyNode, {
        severity: Severity.Error,
        code: 'collector/invalid-id',
        message: componentIdError(version, component.section, problem),
        explanation:
          'Component IDs are `type[/name]`: the type starts with a letter and has only letters, digits and `_`. The Collector refuses to start.',
      }),
    );
  }
  // The pipelines' lists decode each entry as a component.ID too: `'service.pipelines[traces].exporters[0]' …`.
  for (const pipeline of view.pipelines) {
    const index = { receiver: 0, processor: 0, exporter: 0 };
    for (const reference of pipeline.references) {
      const at = index[reference.role]++;
      const problem = idProblem(reference.id);
      if (!problem) continue;
      findings.push(
        findingAt(target.file, reference.node, {
          severity: Severity.Error,
          code: 'collector/invalid-id',
          message: sectionError(version, `service.pipelines[${pipeline.id}].${reference.role}s[${at}]`, problem),
          explanation: 'A pipeline lists component IDs (`type[/name]`); this one does not parse. The Collector refuses to start.',
        }),
      );
    }
  }
  for (const pipeline of view.pipelines) {
    const signal = pipeline.id.split('/')[0]!.trim();
    if (SIGNALS.has(signal)) continue;
    findings.push(
      findingAt(target.file, pipeline.entry.keyNode, {
        severity: Severity.Error,
        code: 'collector/invalid-pipeline-id',
        // Up to v0.110 pipeline ids were component.IDs, checked by service/pipelines/config.go (seen at v0.96.0);
        // from v0.111 pipeline.ID fails to decode (pipeline/internal/globalsignal/signal.go).
        message:
          compareVersions(version, '0.111.0') < 0
            ? pipelineError(version, pipeline.id, `unknown datatype "${signal}"`)
            : sectionError(version, 'service.pipelines', `in "${pipeline.id}" id: unknown pipeline signal: "${signal}"`),
        explanation:
          'A pipeline ID is a signal (`traces`, `metrics`, `logs`, `profiles`), optionally `/name`. The Collector refuses to start.',
      }),
    );
  }
  return findings;
}
