/**
 * Unknown component type: a type the release and distribution in force does not register.
 * Mirrors otelcol/internal/configunmarshaler/configs.go (Configs.Unmarshal: `unknown type: %q for id: %q
 * (valid values: %v)`, and the `logging` special case added with the logging exporter's removal, v0.111.0).
 */
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { compareVersions, coversRelease, distributionsWith, mightBeUnread, typesIn, unreadCount } from '../catalog';
import { LOGGING_MESSAGE, LOGGING_MESSAGE_FROM, STOPS_AT_FIRST, sectionError, unknownTypeMessage } from '../messages';
import type { CollectorTarget } from '../target';
import { idProblem } from './identifiers';

export interface UnknownTypeData {
  kind: string;
  type: string;
  id: string;
  /** Other distributions of the same release that have the type (a core image lacking a contrib component). */
  availableIn: string[];
}

export function checkUnknownTypes(target: CollectorTarget): Finding[] {
  const { catalog, collector, view } = target;
  if (!catalog || !coversRelease(catalog, collector.version)) return []; // no data for this release: silence
  const findings: Finding[] = [];
  for (const component of view.components) {
    if (idProblem(component.id)) continue; // the id fails to unmarshal before its type is looked up (identifiers.ts)
    const valid = typesIn(catalog, component.kind, collector.version, collector.distribution);
    if (valid.includes(component.type)) continue;
    // A module of this distribution we could not read may have this type: say nothing rather than guess.
    if (mightBeUnread(catalog, collector.version, collector.distribution, component.type)) continue;
    const unread = unreadCount(catalog, collector.version, collector.distribution);
    const availableIn = distributionsWith(catalog, component.kind, component.type, collector.version).filter(
      (d) => d !== collector.distribution,
    );
    const isLogging = component.type === 'logging' && compareVersions(collector.version, LOGGING_MESSAGE_FROM) >= 0;
    const inner = isLogging ? LOGGING_MESSAGE : unknownTypeMessage(component.type, component.id, valid);
    const where =
      availableIn.length > 0
        ? `The ${collector.distribution} distribution of Collector ${collector.version} does not contain the ${component.kind} "${component.type}"; ${availableIn.join(', ')} does: use the ${availableIn.includes('contrib') ? 'contrib' : availableIn[0]} image (otel/opentelemetry-collector-${availableIn.includes('contrib') ? 'contrib' : availableIn[0]}).`
        : `Collector ${collector.version} (${collector.distribution}, from ${collector.source}) has no ${component.kind} "${component.type}".`;
    findings.push(
      findingAt(target.file, component.entry.keyNode, {
        severity: Severity.Error,
        code: 'collector/unknown-type',
        message: sectionError(collector.version, component.section, inner),
        explanation: `${where} The Collector refuses to start. The valid values are sorted here; the Collector prints them in random order.${unread ? ` The list lacks the types of ${unread} module(s) of this distribution that kube-tracing could not read.` : ''} ${STOPS_AT_FIRST}`,
        data: { kind: component.kind, type: component.type, id: component.id, availableIn } satisfies UnknownTypeData,
      }),
    );
  }
  return findings;
}
