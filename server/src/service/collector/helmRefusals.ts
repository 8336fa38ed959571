/**
 * The opentelemetry-collector chart's own refusals of a values file: `helm install` stops at the first `fail` of
 * templates/NOTES.txt, so no Collector starts at all. Mirrors NOTES.txt (the same words from chart 0.143.0 to 0.170.0,
 * checked against Helm's renders in test/golden/helm/): `image.repository` unset, `mode` not one of the three
 * workloads, and `.Values.config.service.extensions` (the merged values' config, even with alternateConfig) holding
 * neither `health_check` nor `healthcheckv2`. Each is reported (Helm shows one per run). A value this file does not
 * set at all may come from another values file or `--set` (values are often split so): then it is Information.
 */
import { isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import { Severity, type Finding } from '../findings';
import { findingAt } from '../report';
import { lastEntry, mapEntries, type AstNode, type MapEntry } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';
import type { HelmChartVersion } from './helmChart';

const UPGRADING =
  'See https://github.com/open-telemetry/opentelemetry-helm-charts/blob/main/charts/opentelemetry-collector/UPGRADING.md for instructions.';
export const REPOSITORY_UNSET = `[ERROR] 'image.repository' must be set. ${UPGRADING}`;
export const MODE_UNSET = `[ERROR] 'mode' must be set. ${UPGRADING}`;
export const HEALTH_CHECK_MISSING =
  '[ERROR] The opentelemetry-collector chart requires that the health_check extension or the healthcheckv2 extension to be included in the extension list.';
const MODES = ['daemonset', 'deployment', 'statefulset'];

const text = (node: AstNode | null | undefined): string =>
  isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : '';

export function chartRefusals(
  file: ParsedFile,
  entries: MapEntry[],
  valuesConfig: YAMLMap,
  document: Document.Parsed,
  chart: HelmChartVersion,
): Finding[] {
  const findings: Finding[] = [];
  const first = entries[0]?.keyNode ?? null;
  const refuse = (node: AstNode | null, message: string, why: string, setHere: boolean) =>
    findings.push(
      findingAt(file, node, {
        severity: setHere ? Severity.Error : Severity.Information,
        code: 'collector/helm-chart-refuses',
        message,
        explanation: `The opentelemetry-collector chart (${chart.chart}) stops \`helm install\` here: ${why}${setHere ? '' : ' This file does not set it: fine if another values file or `--set` does.'} Helm shows one such error per run.`,
      }),
    );
  const imageEntry = lastEntry(entries, 'image');
  const repository = lastEntry(mapEntries(imageEntry?.value ?? null, document), 'repository');
  if ((repository ? text(repository.value) : chart.image.repository) === '') {
    refuse(
      repository?.keyNode ?? imageEntry?.keyNode ?? first,
      REPOSITORY_UNSET,
      'the chart has no default image; set `image.repository` (e.g. `otel/opentelemetry-collector-k8s`).',
      repository !== undefined,
    );
  }
  const mode = lastEntry(entries, 'mode');
  if (!MODES.includes(mode ? text(mode.value) : chart.mode)) {
    refuse(
      mode?.value ?? mode?.keyNode ?? first,
      MODE_UNSET,
      '`mode` must be `daemonset`, `deployment` or `statefulset`.',
      mode !== undefined,
    );
  }
  const service = lastEntry(mapEntries(valuesConfig, document), 'service');
  const extensions = lastEntry(mapEntries(service?.value ?? null, document), 'extensions');
  const listed = isSeq(extensions?.value) ? extensions.value.items.map((item) => text(item as AstNode)) : [];
  if (!listed.includes('health_check') && !listed.includes('healthcheckv2')) {
    refuse(
      extensions?.keyNode ?? service?.keyNode ?? lastEntry(entries, 'config')?.keyNode ?? first,
      HEALTH_CHECK_MISSING,
      '`config.service.extensions` must list `health_check` or `healthcheckv2` (the pod probes it).',
      true, // the defaults list health_check: only this file's own list can lack it
    );
  }
  return findings;
}
