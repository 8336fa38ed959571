/**
 * Public value types of the trace model. Everything here is plain data (structured-clone safe), so the
 * webview, the CLI and the tests see the same shapes. Times are exact: nanoseconds since the Unix epoch as
 * decimal strings (`…Ns`) and BigInt (`…NsBig`); durations and offsets inside a trace are numbers of
 * nanoseconds, exact below 2^53 ns (104 days).
 */

/** OTLP `Span.SpanKind`; 0 (unspecified) is shown as internal, as the spec says. */
export enum SpanKind {
  Unspecified = 0,
  Internal = 1,
  Server = 2,
  Client = 3,
  Producer = 4,
  Consumer = 5,
}

/** OTLP `Status.StatusCode`. */
export enum StatusCode {
  Unset = 0,
  Ok = 1,
  Error = 2,
}

/** An OTLP AnyValue, decoded. `bytes` keeps the base64 text; `null` is the empty AnyValue `{}`. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | { readonly int: string } // int64 outside ±(2^53−1), kept exact as a decimal string
  | { readonly bytes: string } // base64
  | readonly AttributeValue[]
  | { readonly kvlist: readonly Attribute[] };

export interface Attribute {
  readonly key: string;
  readonly value: AttributeValue;
}

/** Where a record came from: the file and its 1-based line (JSON) or record number (protobuf frames). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A record that could not be read. Every other record of the file still loads. */
export interface BadLine extends SourceLocation {
  readonly reason: string;
}

export interface SpanEvent {
  readonly name: string;
  readonly timeNs: string;
  /** Offset from the span's start in ns (negative when the event is before the span: shown, not hidden). */
  readonly offsetNs: number;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export interface SpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly flags: number;
  /** The linked span's index in this data set, or -1 when it is not loaded. */
  readonly linkedSpanIndex: number;
  /** True when the link points into another trace (normal for kube-apiserver, docs/kubernetes-spans.md). */
  readonly crossTrace: boolean;
  /** Jaeger `FOLLOWS_FROM` references become links; Zipkin has none. */
  readonly type?: 'FOLLOWS_FROM';
}

/** Everything about one span, decoded on demand (`TraceDataset.spanDetails`). */
export interface SpanDetails {
  readonly index: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly traceState: string;
  readonly name: string;
  readonly service: string;
  readonly kind: SpanKind;
  readonly flags: number;
  readonly startNs: string;
  readonly endNs: string;
  readonly startNsBig: bigint;
  readonly endNsBig: bigint;
  readonly durationNs: number;
  /** Offset of the span's start from its trace's start, in ns. */
  readonly startOffsetNs: number;
  readonly status: { readonly code: StatusCode; readonly message: string };
  readonly attributes: readonly Attribute[];
  readonly resource: { readonly attributes: readonly Attribute[]; readonly droppedAttributesCount: number; readonly schemaUrl: string };
  readonly scope: {
    readonly name: string;
    readonly version: string;
    readonly attributes: readonly Attribute[];
    readonly schemaUrl: string;
  };
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
  readonly source: SourceLocation;
  readonly problems: readonly string[];
}

/** One row of the trace list. */
export interface TraceSummary {
  readonly index: number;
  readonly traceId: string;
  /** Name of the root span; for a trace without a root, the earliest orphan's name. */
  readonly rootName: string;
  readonly rootService: string;
  readonly services: readonly string[];
  readonly spanCount: number;
  readonly errorCount: number;
  readonly startNs: string;
  readonly durationNs: number;
  /** True when some span's parent is missing (they hang under a synthetic root). */
  readonly hasOrphans: boolean;
  readonly duplicateSpanIds: number;
  /** Spans starting before their parent or ending after it (clock skew between hosts). */
  readonly skewedSpans: number;
  /** Links from this trace's spans into other traces. */
  readonly crossTraceLinks: number;
}

/**
 * The span tree of one trace in depth-first order, ready for a virtualized waterfall: row r shows span
 * `spans[r]` at indent `depths[r]`. A row whose span is -1 is the **synthetic root** that holds spans whose
 * parent never arrived (its start/end cover its children). Children are ordered by start time.
 */
export interface TraceTree {
  readonly traceIndex: number;
  readonly spans: Int32Array;
  readonly depths: Uint16Array;
  /** Row of each row's parent, -1 at depth 0. */
  readonly parentRows: Int32Array;
  /** Offsets from the trace's start in ns, per row (the synthetic root's covers its children). */
  readonly startOffsets: Float64Array;
  readonly endOffsets: Float64Array;
  /** Number of rows below each row (its whole subtree), to collapse a row by skipping them. */
  readonly subtreeSizes: Uint32Array;
}

/** A piece of the critical path: the span that was doing the work between two offsets of its trace. */
export interface CriticalPathSegment {
  readonly spanIndex: number;
  readonly startOffsetNs: number;
  readonly endOffsetNs: number;
}

/** Where a Kubernetes request spent its time (ns); the parts add up to the request span's duration. */
export interface RequestBreakdown {
  readonly spanIndex: number;
  readonly totalNs: number;
  readonly authenticationNs: number;
  readonly authorizationNs: number;
  readonly admissionWebhooksNs: number;
  readonly storageNs: number;
  readonly serializationNs: number;
  /** Serving a watch (`WatchServer.HandleHTTP`): waiting for, encoding and sending events. */
  readonly watchNs: number;
  readonly otherNs: number;
}

/** What a kube-apiserver or etcd span says about the request (docs/kubernetes-spans.md), old and new attribute names. */
export interface KubernetesRequestInfo {
  readonly component: 'kube-apiserver' | 'etcd';
  readonly verb?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly auditId?: string;
  readonly httpMethod?: string;
  readonly path?: string;
  readonly statusCode?: number;
  readonly etcdKey?: string;
  readonly rpcMethod?: string;
  /** The gRPC status as otelgrpc ≥0.68 names it (`OK`, `NOT_FOUND`), from either attribute form. */
  readonly rpcStatus?: string;
}

/** One row of the operations table. Durations in ns. */
export interface OperationStats {
  readonly service: string;
  readonly name: string;
  readonly count: number;
  readonly errorCount: number;
  readonly p50Ns: number;
  readonly p95Ns: number;
  readonly maxNs: number;
}

/** Totals shown at the top of the viewer and printed by `kube-tracing summarize`. */
export interface DatasetCounts {
  readonly traces: number;
  readonly spans: number;
  readonly services: number;
  readonly errorSpans: number;
  readonly badLines: number;
}
