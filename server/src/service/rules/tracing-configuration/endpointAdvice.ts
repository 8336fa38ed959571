/**
 * Endpoints that component-base tracing/api/v1/config.go validateEndpoint accepts (it checks neither host nor port)
 * but that will not do what the operator probably means, judged by how the exporter uses them:
 * component-base tracing/utils.go NewProvider passes the string to otlptracegrpc.WithEndpoint (a gRPC target).
 */
import type { Finding } from '../../findings';
import { parseGoUrl } from '../../go/netUrl';
import { findingAt, Severity } from '../../report';
import type { TracingFieldsTarget } from './target';

export function checkAcceptedEndpoint(
  target: TracingFieldsTarget,
  node: Parameters<typeof findingAt>[1],
  endpoint: string,
  prefixed: string,
): Finding[] {
  const parsed = parseGoUrl(prefixed, 'classic');
  if (!parsed.ok || parsed.url.scheme !== 'dns') return [];
  const host = parsed.url.host;
  const port = /:(\d*)$/.exec(host)?.[1];
  if (endpoint === '') {
    return [
      findingAt(target.file, node, {
        severity: Severity.Warning,
        code: `${target.codePrefix}/endpoint-empty`,
        message: 'endpoint is empty',
        explanation: `The validator accepts an empty endpoint, but it is passed to the OTLP exporter as an empty gRPC target, so traces likely go nowhere. Remove the field to use the default localhost:4317, or write host:port.`,
      }),
    ];
  }
  if (port !== undefined && port !== '' && Number(port) > 65535) {
    return [
      findingAt(target.file, node, {
        severity: Severity.Warning,
        code: `${target.codePrefix}/endpoint-port-out-of-range`,
        message: `port ${port} is out of range`,
        explanation: `${target.component === 'kube-apiserver' ? 'kube-apiserver' : 'The kubelet'} starts (the validator does not check ports), but no connection to port ${port} can be made, so no traces are exported. Ports go up to 65535; OTLP gRPC uses 4317.`,
      }),
    ];
  }
  if (port === undefined && parsed.url.path === '' && !host.startsWith('[')) {
    return [
      findingAt(target.file, node, {
        severity: Severity.Information,
        code: `${target.codePrefix}/endpoint-without-port`,
        message: `endpoint ${JSON.stringify(endpoint)} has no port`,
        explanation: `The validator accepts it, but the exporter then either connects to port 443 (gRPC's dns resolver default, with exporters that use grpc.NewClient) or cannot dial at all ("missing port in address", with older ones using grpc.Dial); OTLP's port is 4317. Write ${host}:4317 if the collector listens on the OTLP default.`,
        data: { replacement: `${endpoint}:4317` },
      }),
    ];
  }
  return [];
}
