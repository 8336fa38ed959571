/**
 * The pipeline graphs of every Collector config in a file (a plain config, each `data` key of a ConfigMap, an
 * OpenTelemetryCollector's spec.config), read exactly as validation reads them and carrying validation's findings,
 * so the drawing and the Problems panel never disagree. For `kubeTracing/collectorPipelines`.
 */
import type { CollectorPipelineGraph } from '../../../../common/src/protocolPipelines';
import { prepare } from '../assist/prepare';
import type { AssistInput } from '../assist/types';
import { validateSource } from '../languageService';
import { configsInForce, type ConfigInForce } from './index';
import { pipelineGraph } from './pipelineGraph';

export function pipelineGraphsOfFile(input: AssistInput): CollectorPipelineGraph[] {
  const prepared = prepare(input);
  if (!prepared || !prepared.candidates.some((type) => type.id === 'collector')) return [];
  const configs = prepared.context.file.documents
    .filter((document) => document.syntaxProblems.length === 0)
    .flatMap((document) => configsInForce(document.document, prepared.context));
  if (configs.length === 0) return [];
  const findings = validateSource(input.source, input.options);
  return configs.map((config) =>
    pipelineGraph({
      file: config.target.file,
      view: config.target.view,
      findings,
      label: labelOf(config),
      collector: { version: config.target.collector.version, distribution: config.target.collector.distribution },
    }),
  );
}

function labelOf({ holder, target }: ConfigInForce): string {
  const line = target.view.root[0]?.keyNode?.range
    ? target.file.lines.positionAt(target.view.root[0].keyNode.range[0]).line + 1
    : undefined;
  const at = line !== undefined ? ` (line ${line})` : '';
  switch (holder.kind) {
    case 'file':
      return `Collector config${at}`;
    case 'ConfigMap':
      return `ConfigMap ${holder.name ?? '(unnamed)'}${at}`;
    case 'OpenTelemetryCollector':
      return `OpenTelemetryCollector${at}`;
  }
}
