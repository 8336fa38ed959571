/**
 * The Collector pipeline view's messages, typed once for the language server, the extension and the webview:
 * `kubeTracing/collectorPipelines` (server → client: each pipeline of each Collector config in a file, with source
 * ranges and the findings on its components) and the messages between the extension and media/src/pipeline.ts.
 * No `vscode` and no Node import: the webview bundles this file.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** Zero-based line and UTF-16 character (LSP's convention). */
export interface PipelinePosition {
  line: number;
  character: number;
}

export interface PipelineRange {
  start: PipelinePosition;
  end: PipelinePosition;
}

/** A finding of the file on a node or a pipeline: the Collector's message, and LSP's severity numbers (1 error … 3 information). */
export interface PipelineProblem {
  code: string;
  severity: 1 | 2 | 3;
  message: string;
  range: PipelineRange;
}

export type PipelineRole = 'receiver' | 'processor' | 'exporter';

/** One entry of a pipeline's `receivers`, `processors` or `exporters` list. */
export interface PipelineNode {
  /** Unique in its config: `<pipeline id>|<role>|<index in the list>`. */
  key: string;
  role: PipelineRole;
  /** The id as written (`otlp/jaeger`). */
  id: string;
  /** The part before `/`. */
  type: string;
  /** Defined under `connectors:` (a connector joins pipelines: the exporter of one, the receiver of another). */
  connector: boolean;
  /** Defined in its section (or as a connector for a receiver or exporter). */
  configured: boolean;
  /** Where the pipeline names it. */
  reference: PipelineRange;
  /** Its key in its section (`receivers:`, …), when configured. */
  definition?: PipelineRange;
  /** Findings on the reference or anywhere in the definition. */
  problems: PipelineProblem[];
}

export interface PipelineDrawing {
  /** `traces`, `traces/sampled`. */
  id: string;
  /** The part before `/`: the signal. */
  signal: string;
  /** The pipeline's key under `service::pipelines`. */
  range: PipelineRange;
  receivers: PipelineNode[];
  processors: PipelineNode[];
  exporters: PipelineNode[];
  /** Findings on the pipeline itself (no receivers, an invalid id), not on one of its entries. */
  problems: PipelineProblem[];
}

/** A connector joining two pipelines: its exporter-side node in one, its receiver-side node in another. */
export interface ConnectorLink {
  connector: string;
  /** Node keys. */
  from: string;
  to: string;
}

export interface CollectorPipelineGraph {
  /** What holds the config: `Collector config`, `ConfigMap otel-conf`, `OpenTelemetryCollector`. */
  label: string;
  /** `service::pipelines` (or the config's first line when there is none). */
  range: PipelineRange;
  /** The release and distribution its rules used. */
  collector: { version: string; distribution: string };
  pipelines: PipelineDrawing[];
  links: ConnectorLink[];
  /** The config's other findings: on no pipeline entry (a component no pipeline uses, service::telemetry, …). */
  problems: PipelineProblem[];
}

export interface CollectorPipelinesParams {
  uri: string;
}

export interface CollectorPipelinesResult {
  uri: string;
  /** Every Collector config of the file, in file order (a ConfigMap may hold several). */
  configs: CollectorPipelineGraph[];
}

export namespace CollectorPipelinesRequest {
  export const method = 'kubeTracing/collectorPipelines';
  /** Null when the document is not open on the server. */
  export const type = new RequestType<CollectorPipelinesParams, CollectorPipelinesResult | null, void>(method);
}

/** Extension → pipeline webview. */
export type HostToPipelineMessage =
  { type: 'graph'; fileName: string; result: CollectorPipelinesResult } | { type: 'error'; fileName: string; message: string };

/** Pipeline webview → extension. */
export type PipelineToHostMessage = { type: 'ready' } | { type: 'reveal'; range: PipelineRange };
