/**
 * The Collector's decode-error wording per release range ("epochs"): the text of a section's error depends on the
 * go-viper/mapstructure version confmap requires (confmap/go.mod at each core tag). Mirrors
 * otelcol/internal/configunmarshaler/configs.go (unknown type, logging) and mapstructure's error joining:
 * ≤ 0.105 `* error decoding 'exporters': …`, 0.106–0.128 `error decoding 'exporters': …`, ≥ 0.129 `'exporters' …`.
 */
import { compareVersions } from './catalog';

export function sectionError(version: string, section: string, message: string): string {
  if (compareVersions(version, '0.106.0') < 0) return `* error decoding '${section}': ${message}`;
  if (compareVersions(version, '0.129.0') < 0) return `error decoding '${section}': ${message}`;
  return `'${section}' ${message}`;
}

/** `%v` of a Go slice of component types: `[a b c]` (sorted here; the Collector's order is random). */
export function goSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

export function unknownTypeMessage(type: string, id: string, validTypes: readonly string[]): string {
  return `unknown type: "${type}" for id: "${id}" (valid values: ${goSlice(validTypes)})`;
}

/** Since v0.111.0 (the commit that removed the logging exporter), for a component of any kind named `logging`. */
export const LOGGING_MESSAGE = 'the logging exporter has been deprecated, use the debug exporter instead';
export const LOGGING_MESSAGE_FROM = '0.111.0';

export const STOPS_AT_FIRST =
  'The Collector stops at the first problem it meets (one unknown type per section, picked in random map order), so it shows these one restart at a time; kube-tracing reports them all at once.';
