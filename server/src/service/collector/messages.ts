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

/**
 * A pipeline's own validation error (service/pipelines/config.go). Up to v0.118 service/config.go wrapped it as
 * `service::pipelines config validation failed: pipeline "traces": …` (seen at v0.96.0); from v0.119 confmap.Validate
 * prefixes the path, `service::pipelines::traces: …` (seen at v0.143.0 and v0.165.0).
 */
export function pipelineError(version: string, pipelineId: string, problem: string): string {
  if (compareVersions(version, '0.119.0') < 0) return `service::pipelines config validation failed: pipeline "${pipelineId}": ${problem}`;
  return `service::pipelines::${pipelineId}: ${problem}`;
}

/**
 * The graph's connector error (service/internal/graph/graph.go createNodes): up to v0.120 it named the signal,
 * `used as exporter in traces pipeline` (seen at v0.96.0); from v0.121 the pipelines of that signal, `in [traces]`.
 */
export function connectorSideError(
  version: string,
  connectorId: string,
  role: string,
  signal: string,
  pipelineIds: readonly string[],
  otherRole: string,
): string {
  const where = compareVersions(version, '0.121.0') < 0 ? signal : goSlice(pipelineIds);
  return `connector "${connectorId}" used as ${role} in ${where} pipeline but not used in any supported ${otherRole} pipeline`;
}
