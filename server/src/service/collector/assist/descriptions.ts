/**
 * One line on what each component tracing pipelines use does, in kube-tracing's words (the hover's first line).
 * Keyed by `kind/type`, the current type name; aliases resolve to it first.
 */
export const COMPONENT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'receiver/otlp': 'Receives OTLP over gRPC (port 4317) and HTTP (4318): what kube-apiserver, the kubelet and etcd send.',
  'receiver/jaeger': "Receives spans in Jaeger's protocols (gRPC 14250, Thrift HTTP 14268, Thrift compact/binary over UDP).",
  'receiver/zipkin': 'Receives spans in Zipkin JSON/Protobuf over HTTP (port 9411).',
  'processor/batch': 'Groups telemetry into batches before export: fewer, larger requests.',
  'processor/memory_limiter': 'Refuses data when the Collector nears its memory limit, so it does not run out of memory; put it first.',
  'processor/tail_sampling': 'Keeps or drops whole traces after seeing their spans (errors, latency, attributes, rates).',
  'processor/probabilistic_sampler': 'Keeps a fixed percentage of traces, by trace ID hash.',
  'processor/k8s_attributes': "Adds Kubernetes metadata (pod, namespace, node, labels) to telemetry, from the sender's pod.",
  'processor/resource': 'Inserts, updates or deletes resource attributes.',
  'processor/attributes': 'Inserts, updates, deletes or hashes span, log or metric attributes.',
  'exporter/otlp_grpc': 'Sends telemetry over OTLP/gRPC (to Jaeger, Tempo, another Collector, a vendor).',
  'exporter/otlp_http': 'Sends telemetry over OTLP/HTTP.',
  'exporter/debug': "Writes telemetry to the Collector's own log (`verbosity`: basic, normal, detailed).",
  'exporter/file': 'Writes telemetry to a file as OTLP JSON or protobuf (readable by the kube-tracing viewer).',
  'connector/span_metrics':
    'Turns spans into request, error and duration metrics: the exporter of a traces pipeline and the receiver of a metrics pipeline.',
  'connector/service_graph':
    'Builds service-to-service request metrics from spans: the exporter of a traces pipeline and the receiver of a metrics pipeline.',
  'connector/forward': 'Passes data from one pipeline to another of the same signal.',
  'extension/health_check': 'Serves an HTTP health endpoint (port 13133) for liveness and readiness probes.',
};
