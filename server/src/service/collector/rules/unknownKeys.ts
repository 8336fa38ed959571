/**
 * Keys a component's Config struct does not have. The Collector decodes each component with mapstructure's
 * ErrorUnused (confmap/internal/decoder.go), so one unknown key stops it. confmap sets mapstructure's MatchName to
 * caseSensitiveMatchName (confmap.go at v0.105.0, confmap/internal/decoder.go at v0.165.0), so `Endpoint` is not
 * `endpoint`; mapstructure lists a struct's unknown keys sorted, comma-separated. The struct is named `''` up to v0.143 and
 * `'<pkg>.<Type>'` from v0.144 (go-viper/mapstructure v2.5.0). Wrapped per epoch by
 * otelcol/internal/configunmarshaler/configs.go (`error reading configuration for %q: %w`). Only components with
 * field data are checked, and a field of type `any` ends the check below it (silence beats a false alarm).
 */
import { isMap, type Document } from 'yaml';
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { mapEntries, type AstNode, type MapEntry } from '../../yaml/nodes';
import { compareVersions, fieldsOf, type FieldNode } from '../catalog';
import { STOPS_AT_FIRST, sectionError } from '../messages';
import type { CollectorTarget } from '../target';

interface UnknownKeys {
  /** The struct's path below the component (`protocols.grpc`), '' for the component itself. */
  path: string;
  entries: MapEntry[];
}

function collect(node: AstNode | null, keys: Record<string, FieldNode>, document: Document.Parsed, path: string, out: UnknownKeys[]): void {
  if (!isMap(node)) return;
  const byName = new Map(Object.entries(keys));
  const unknown: MapEntry[] = [];
  for (const entry of mapEntries(node, document)) {
    const field = byName.get(entry.key);
    if (!field) unknown.push(entry);
    else if (field.type === 'object' && field.keys)
      collect(entry.value, field.keys, document, path ? `${path}.${entry.key}` : entry.key, out);
    else if (field.type === 'map' && field.values?.type === 'object' && field.values.keys) {
      for (const value of mapEntries(entry.value, document))
        collect(value.value, field.values.keys, document, `${path ? `${path}.` : ''}${entry.key}[${value.key}]`, out);
    }
  }
  if (unknown.length > 0) out.push({ path, entries: unknown });
}

/** The text mapstructure gives for one struct's unknown keys, as the release in force words it. */
export function invalidKeysMessage(version: string, structName: string, keys: string[]): string {
  const list = [...keys].sort().join(', ');
  if (compareVersions(version, '0.106.0') < 0) return `1 error(s) decoding:\n\n* '${structName}' has invalid keys: ${list}`;
  return `decoding failed due to the following error(s):\n\n'${structName}' has invalid keys: ${list}`;
}

export function checkUnknownKeys(target: CollectorTarget): Finding[] {
  const { catalog, collector, view } = target;
  if (!catalog) return [];
  const findings: Finding[] = [];
  for (const component of view.components) {
    const fields = fieldsOf(catalog, component.kind, component.type, collector.version);
    if (!fields) continue;
    const problems: UnknownKeys[] = [];
    collect(component.entry.value, fields.keys, view.document, '', problems);
    const qualified = compareVersions(collector.version, '0.144.0') >= 0;
    for (const problem of problems) {
      const structName = problem.path === '' ? (qualified ? fields.goType : '') : problem.path;
      const keys = problem.entries.map((e) => e.key);
      const message = sectionError(
        collector.version,
        component.section,
        `error reading configuration for "${component.id}": ${invalidKeysMessage(collector.version, structName, keys)}`,
      );
      for (const entry of problem.entries) {
        findings.push(
          findingAt(target.file, entry.keyNode, {
            severity: Severity.Error,
            code: 'collector/unknown-key',
            message,
            explanation: `${component.kind} "${component.id}" of Collector ${collector.version} has no key "${entry.key}"${problem.path ? ` under ${problem.path}` : ''}; the Collector refuses to start.${problem.path ? ' For a nested struct the Collector may name it differently.' : ''} ${STOPS_AT_FIRST}`,
            data: { kind: component.kind, id: component.id, key: entry.key, path: problem.path },
          }),
        );
      }
    }
  }
  return findings;
}
