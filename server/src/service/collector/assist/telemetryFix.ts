/**
 * `service::telemetry::metrics::address: host:port` → the reader that replaced it (rules/telemetry.ts): a Prometheus
 * pull reader on the same host and port, as Config.Unmarshal itself built one while the gate allowed the address
 * (service@v0.111.0–v0.127.0 telemetry/config.go: `metrics::readers: [{pull: {exporter: {prometheus: {host, port}}}}]`).
 * Written in flow style on the key's own line, so it also fits inside a ConfigMap's block. Not offered when readers
 * are already set (the address was added to them; which to keep is the user's call) or without a host and port.
 */
import { isScalar } from 'yaml';
import type { CodeAction } from '../../assist/types';
import { replaceOffsets } from '../../assist/edits';
import type { Finding } from '../../findings';
import { lastEntry, mapEntries } from '../../yaml/nodes';
import type { CollectorTarget } from '../target';

export function telemetryReadersFix(targets: readonly CollectorTarget[], finding: Finding): CodeAction[] {
  for (const target of targets) {
    const { view, file } = target;
    const service = lastEntry(view.root, 'service');
    const telemetry = service && lastEntry(mapEntries(service.value, view.document), 'telemetry');
    const metrics = telemetry
      ? mapEntries(telemetry.value, view.document)
          .filter((e) => e.key === 'metrics')
          .pop()
      : undefined;
    const fields = metrics ? mapEntries(metrics.value, view.document) : [];
    const address = lastEntry(fields, 'address');
    const keyRange = address?.keyNode?.range;
    if (!address || !keyRange) continue;
    const at = file.lines.range(keyRange[0], keyRange[1]).start;
    if (at.line !== finding.range.start.line || at.character !== finding.range.start.character) continue;
    if (lastEntry(fields, 'readers')) return [];
    const value = isScalar(address.value) ? String(address.value.value ?? '') : '';
    const hostPort = /^(.*):(\d{1,5})$/.exec(value.trim());
    const valueRange = address.value?.range;
    if (!hostPort || !hostPort[1] || !valueRange) return [];
    const host = hostPort[1].replace(/^\[|\]$/g, '');
    const quoted = /^[\w.-]+$/.test(host) ? host : `'${host.replace(/'/g, "''")}'`;
    const readers = `readers: [{pull: {exporter: {prometheus: {host: ${quoted}, port: ${Number(hostPort[2])}}}}}]`;
    return [
      {
        title: `Serve the Collector's metrics with a Prometheus reader on ${host}:${hostPort[2]} (metrics::readers)`,
        kind: 'quickfix',
        fixes: [finding],
        edits: [replaceOffsets(file, keyRange[0], valueRange[1], readers)],
        isPreferred: true,
      },
    ];
  }
  return [];
}
