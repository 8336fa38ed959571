/**
 * The OpenTelemetry Collector config as a document type: a plain Collector config file (recognized by its top-level
 * `receivers`/`exporters` and `service`), a ConfigMap's `data.<key>: |` block holding one, and the Operator's
 * OpenTelemetryCollector (`v1beta1` spec.config object, `v1alpha1` spec.config string). Rules are one module each
 * under rules/, in the order the Collector meets them (otelcol/collector.go: unmarshal, then Config.Validate).
 */
import { isMap, isScalar, type Document } from 'yaml';
import type { FileContext } from '../context';
import type { DocumentType } from '../documentType';
import type { Finding } from '../findings';
import { lastEntry, mapEntries, type AstNode } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';
import { bundledCatalog, type CollectorCatalog } from './catalog';
import { collectorInForce, workloadInFile, type CollectorInForce, type ConfigPlacement } from './collectorInForce';
import { readConfig } from './configView';
import { parseEmbeddedBlock } from './embedded';
import { checkPipelineReferences } from './rules/pipelineReferences';
import { checkUnknownTypes } from './rules/unknownType';
import { checkUnknownKeys } from './rules/unknownKeys';
import { checkConnectorUse } from './rules/connectors';
import { checkIdentifiers } from './rules/identifiers';
import { checkLatestImage } from './rules/latestImage';
import { checkReachability } from './rules/reachability';
import { checkEnvReferences } from './rules/envReferences';
import { checkTelemetry } from './rules/telemetry';
import { helmValuesConfigs } from './helmValues';
import type { CollectorTarget } from './target';

/** In the order the Collector meets them: resolve (${…}), unmarshal (ids, types), Config.Validate (references), graph build (connectors). */
const RULES: ReadonlyArray<(target: CollectorTarget) => Finding[]> = [
  checkEnvReferences,
  checkIdentifiers,
  checkUnknownTypes,
  checkUnknownKeys,
  checkTelemetry,
  checkPipelineReferences,
  checkConnectorUse,
  checkReachability,
];

/** A mapping that looks like a Collector config: `service` plus `receivers` or `exporters`, and no `kind`. */
export function looksLikeCollectorConfig(root: AstNode | null, document: Document.Parsed): boolean {
  if (!isMap(root)) return false;
  const keys = new Set(mapEntries(root, document).map((e) => e.key));
  return !keys.has('kind') && keys.has('service') && (keys.has('receivers') || keys.has('exporters'));
}

interface EmbeddedConfig {
  file: ParsedFile;
  root: AstNode | null;
  document: Document.Parsed;
  /** What holds it, for finding the image that runs it (collectorInForce.ts). */
  holder: ConfigPlacement['holder'];
  /** Where the config sits in its document, for assistance (a Helm values file's `config:`). */
  prefix?: readonly string[];
  /** Known from where it lives (a Helm values file's image and chart: helmValues.ts). */
  collector?: CollectorInForce;
  /** Adds where a finding came from (the chart's defaults) to its explanation, and the chart's own refusals. */
  complete?: (findings: Finding[]) => Finding[];
}

/** The configs of a document: its own, or a Helm values file's `config:` merged onto the chart's defaults. */
function allConfigsIn(document: Document.Parsed, context: FileContext, catalog: CollectorCatalog | undefined): EmbeddedConfig[] {
  const own = configsIn(context.file, document);
  if (own.length > 0) return own;
  return helmValuesConfigs(document, context, catalog).map((helm) => ({ ...helm, holder: { kind: 'file' } }));
}

const scalarText = (node: AstNode | null | undefined): string | undefined =>
  isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;

/** Every Collector config a document holds, with the file its ranges live in. */
/**
 * Per parsed document (and the file it was read from): recognize, validate and the image hint each ask, and a
 * ConfigMap's block is parsed again each time otherwise. A new parse is a new Document, so nothing goes stale.
 */
const configsCache = new WeakMap<Document.Parsed, { file: ParsedFile; configs: EmbeddedConfig[] }>();

function configsIn(file: ParsedFile, document: Document.Parsed): EmbeddedConfig[] {
  const cached = configsCache.get(document);
  if (cached && cached.file === file) return cached.configs;
  const configs = readConfigsIn(file, document);
  configsCache.set(document, { file, configs });
  return configs;
}

function readConfigsIn(file: ParsedFile, document: Document.Parsed): EmbeddedConfig[] {
  const root = document.contents;
  if (looksLikeCollectorConfig(root, document)) return [{ file, root, document, holder: { kind: 'file' } }];
  const entries = mapEntries(root, document);
  const kindText = scalarText(lastEntry(entries, 'kind')?.value) ?? '';
  const metadata = mapEntries(lastEntry(entries, 'metadata')?.value ?? null, document);
  const name = scalarText(lastEntry(metadata, 'name')?.value);
  const namespace = scalarText(lastEntry(metadata, 'namespace')?.value);
  const spec = mapEntries(lastEntry(entries, 'spec')?.value ?? null, document);
  const image = scalarText(lastEntry(spec, 'image')?.value);
  const holder: ConfigPlacement['holder'] =
    kindText === 'OpenTelemetryCollector'
      ? { kind: 'OpenTelemetryCollector', ...(image !== undefined ? { image } : {}) }
      : { kind: 'ConfigMap', ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) };
  const fromBlock = (node: AstNode | null): EmbeddedConfig[] => {
    const inner = parseEmbeddedBlock(file, node);
    const innerDocument = inner?.documents[0];
    if (!inner || !innerDocument || innerDocument.syntaxProblems.length > 0) return [];
    const innerRoot = innerDocument.document.contents;
    return looksLikeCollectorConfig(innerRoot, innerDocument.document)
      ? [{ file: inner, root: innerRoot, document: innerDocument.document, holder }]
      : [];
  };
  if (kindText === 'ConfigMap') {
    return mapEntries(lastEntry(entries, 'data')?.value ?? null, document).flatMap((entry) => fromBlock(entry.value));
  }
  if (kindText === 'OpenTelemetryCollector') {
    const config = lastEntry(spec, 'config')?.value ?? null;
    if (isMap(config)) return looksLikeCollectorConfig(config, document) ? [{ file, root: config, document, holder }] : [];
    return fromBlock(config);
  }
  return [];
}

function collectorFor(config: EmbeddedConfig, context: FileContext, catalog: CollectorCatalog | undefined): CollectorInForce {
  if (config.collector) return config.collector;
  const collector = collectorInForce(context.file.text, catalog, context.options?.settings, {
    holder: config.holder,
    path: context.path,
    options: context.options,
  });
  if (collector.workload) return collector;
  const workload = workloadInFile(context.file, context.path, config.holder);
  return workload ? { ...collector, workload } : collector;
}

/** A Collector config of a document, read as the rules read it, with the Collector it runs on (for assistance). */
export interface ConfigInForce {
  target: CollectorTarget;
  holder: ConfigPlacement['holder'];
  /** The keys above the config in its document when it is not the holder's usual place (a Helm values file's `config:`). */
  prefix?: readonly string[];
}

export function configsInForce(
  document: Document.Parsed,
  context: FileContext,
  catalog: CollectorCatalog | undefined = bundledCatalog(),
): ConfigInForce[] {
  return allConfigsIn(document, context, catalog).map((config) => ({
    target: {
      file: config.file,
      view: readConfig(config.root, config.document),
      catalog,
      collector: collectorFor(config, context, catalog),
      path: context.path,
      options: context.options,
    },
    holder: config.holder,
    ...(config.prefix ? { prefix: config.prefix } : {}),
  }));
}

/** The Collector each Collector config of the first recognized document runs on (status bar, assistance). */
export function collectorsOf(
  document: Document.Parsed,
  context: FileContext,
  catalog: CollectorCatalog | undefined = bundledCatalog(),
): CollectorInForce[] {
  return allConfigsIn(document, context, catalog).map((config) => collectorFor(config, context, catalog));
}

/** The type, with the catalogue it reads (tests pass fixture data; the product reads schemas/collector/). */
export function collectorConfigType(loadCatalog: () => CollectorCatalog | undefined = bundledCatalog): DocumentType {
  return {
    id: 'collector',
    mightContain: (text) =>
      /^(receivers|exporters|service|config|alternateConfig):|OpenTelemetryCollector|^\s+(receivers|exporters):/m.test(text),
    recognize: (document, context) => allConfigsIn(document.document, context, loadCatalog()).length > 0,
    validate(document, context) {
      const catalog = loadCatalog();
      const configs = allConfigsIn(document.document, context, catalog);
      const findings = configs.flatMap((config) => {
        const collector = collectorFor(config, context, catalog);
        const target: CollectorTarget = {
          file: config.file,
          view: readConfig(config.root, config.document),
          catalog,
          collector,
          path: context.path,
          options: context.options,
        };
        const found = RULES.flatMap((rule) => rule(target));
        return config.complete ? config.complete(found) : found;
      });
      // The image hint once per file: on the first document that holds a Collector config.
      const first = context.file.documents.find(
        (d) => d.syntaxProblems.length === 0 && allConfigsIn(d.document, context, catalog).length > 0,
      );
      if (first === document && configs[0]) findings.push(...checkLatestImage(context.file, collectorFor(configs[0], context, catalog)));
      return findings;
    },
  };
}

export const collectorType: DocumentType = collectorConfigType();
