/**
 * `service::telemetry::metrics::address`, the Collector's own metrics endpoint before `metrics::readers`. What each
 * release does with it, read in go.opentelemetry.io/collector/service at each tag (telemetry/config.go, service.go,
 * telemetry/internal/migration/v0.3.0.go) and checked with real Collectors built from the modules (v0.128.0, v0.143.0, v0.165.0):
 * - v0.111.0–v0.122.x: deprecated (`// Deprecated: [v0.111.0] use readers configuration.`), still honoured (the gate
 *   telemetry.disableAddressFieldForInternalTelemetry is alpha, so Config.Unmarshal turns it into a Prometheus reader);
 *   service.go logs `service::telemetry::metrics::address is being deprecated in favor of …::readers`;
 * - v0.123.0–v0.127.x: the gate is beta (on): Unmarshal returns before reading it, so the address is ignored, and the
 *   same warning is logged;
 * - v0.128.0 on: the gate is stable and the field gone: decoding `service.telemetry.metrics` fails and the Collector
 *   does not start, in the words of unknownKeys.ts per mapstructure epoch (`'' has invalid keys: address` up to
 *   v0.143.0, `'migration.MetricsConfigV030' has invalid keys: address` from v0.144.0).
 * Before v0.111.0 the warning depends on another gate (v0.99–v0.110), so nothing is said there.
 */
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import { compareVersions } from '../catalog';
import { STOPS_AT_FIRST, sectionError } from '../messages';
import { invalidKeysMessage } from './unknownKeys';
import type { CollectorTarget } from '../target';

const DEPRECATED_FROM = '0.111.0';
const IGNORED_FROM = '0.123.0';
const REMOVED_FROM = '0.128.0';
const DEPRECATION_WARNING = 'service::telemetry::metrics::address is being deprecated in favor of service::telemetry::metrics::readers';
const READERS_EXAMPLE =
  'metrics: {readers: [{pull: {exporter: {prometheus: {host: 0.0.0.0, port: 8888}}}}]} (service::telemetry::metrics::readers)';

/** The decode error of a config that still has the key, as the release's mapstructure words it (unknownKeys.ts). */
export function addressRemovedMessage(version: string): string {
  const struct = compareVersions(version, '0.144.0') < 0 ? '' : 'migration.MetricsConfigV030';
  return sectionError(version, 'service.telemetry.metrics', invalidKeysMessage(version, struct, ['address']));
}

export function checkTelemetry(target: CollectorTarget): Finding[] {
  const { view, collector } = target;
  if (collector.version === 'unknown' || compareVersions(collector.version, DEPRECATED_FROM) < 0) return [];
  const service = lastEntry(view.root, 'service');
  const telemetry = service && lastEntry(mapEntries(service.value, view.document), 'telemetry');
  const metrics = telemetry && lastEntry(mapEntries(telemetry.value, view.document), 'metrics');
  const address = metrics && lastEntry(mapEntries(metrics.value, view.document), 'address');
  if (!address) return [];
  const version = collector.version;
  if (compareVersions(version, REMOVED_FROM) >= 0) {
    return [
      findingAt(target.file, address.keyNode, {
        severity: Severity.Error,
        code: 'collector/telemetry-metrics-address',
        message: addressRemovedMessage(version),
        explanation: `Collector ${version} has no service::telemetry::metrics::address (removed in v0.128.0; deprecated since v0.111.0) and refuses to start. Serve the Collector's own metrics with ${READERS_EXAMPLE}. ${STOPS_AT_FIRST}`,
      }),
    ];
  }
  const ignored = compareVersions(version, IGNORED_FROM) >= 0;
  return [
    findingAt(target.file, address.keyNode, {
      severity: ignored ? Severity.Warning : Severity.Information,
      code: 'collector/telemetry-metrics-address',
      message: DEPRECATION_WARNING,
      explanation: ignored
        ? `Collector ${version} logs this and ignores the address (the gate telemetry.disableAddressFieldForInternalTelemetry is on by default since v0.123.0): its own metrics stay on the default reader. From v0.128.0 the key makes the Collector refuse to start. Use ${READERS_EXAMPLE}.`
        : `Collector ${version} still serves its own metrics there, and logs this warning at start. The key is ignored from v0.123.0 and refused from v0.128.0: use ${READERS_EXAMPLE}.`,
    }),
  ];
}
