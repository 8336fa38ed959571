/**
 * `endpoint`: the gRPC target of the OTLP exporter.
 * Mirrors component-base tracing/api/v1/config.go validateEndpoint (1.25+; apiserver pkg/tracing/config.go in
 * 1.22–1.24, the same logic since commit 0562c83): without "//" the string gets a "dns://" prefix, then Go's
 * url.Parse runs on it; a parse error is `field.Invalid(path, <prefixed string>, err.Error())`, else the scheme
 * must be dns, unix or unix-abstract (url.Parse lower-cases it).
 * net/url's host rules changed in Go patch releases (go/netUrl.ts), so the outcome is computed for every Go
 * release the Kubernetes minor may be built with (versions.ts goToolchainFor); when they disagree the finding
 * is a Warning that says which releases refuse the value.
 */
import { isScalar } from 'yaml';
import type { Finding } from '../../findings';
import { goNetUrlBehaviours, parseGoUrl, type BehaviourInReleases, type UrlParseResult } from '../../go/netUrl';
import { fieldInvalid } from '../../k8s/fieldError';
import { goJsonValue } from '../../k8s/goJsonValue';
import { findingAt, Severity, type FindingSpec } from '../../report';
import { formatMinor, goFirstPatchFor, goLastPatchFor, goToolchainFor } from '../../versions';
import { lastEntry } from '../../yaml/nodes';
import { checkAcceptedEndpoint } from './endpointAdvice';
import { refusalPhrase, type TracingFieldsTarget } from './target';

const SCHEMES = ['dns', 'unix', 'unix-abstract'];

type Verdict = { kind: 'ok' } | { kind: 'parse-error'; detail: string } | { kind: 'unsupported-scheme'; scheme: string };

export function verdictOf(outcome: UrlParseResult): Verdict {
  if (!outcome.ok) return { kind: 'parse-error', detail: outcome.error };
  return SCHEMES.includes(outcome.url.scheme) ? { kind: 'ok' } : { kind: 'unsupported-scheme', scheme: outcome.url.scheme };
}

export function prefixedEndpoint(endpoint: string): string {
  return endpoint.includes('//') ? endpoint : `dns://${endpoint}`;
}

export function checkEndpoint(target: TracingFieldsTarget): Finding[] {
  const entry = lastEntry(target.entries, 'endpoint');
  const node = entry?.value;
  // Only a string (as Go reads it) is validated; null means unset, other types are decode errors (fieldTypes.ts).
  if (!entry || !isScalar(node)) return [];
  const value = goJsonValue(node, target.file);
  if (value.kind !== 'string') return [];
  const endpoint = value.value;
  const prefixed = prefixedEndpoint(endpoint);
  const path = `${target.fieldPathPrefix}endpoint`;
  const goMinor = goToolchainFor(target.version.version);
  const behaviours = goNetUrlBehaviours(goMinor, goFirstPatchFor(target.version.version), goLastPatchFor(target.version.version));
  const verdicts = behaviours.map((b) => ({ ...b, verdict: verdictOf(parseGoUrl(prefixed, b.behaviour)) }));
  const rejecting = verdicts.filter((v) => v.verdict.kind !== 'ok');
  if (rejecting.length === 0) return checkAcceptedEndpoint(target, node, endpoint, prefixed);

  // The words of the newest refusing release: the one the minor's current patch releases are built with.
  const first = rejecting.at(-1)!.verdict;
  const message = fieldInvalid(path, prefixed, detailOf(first));
  const explanation = explain(endpoint, prefixed, first);
  if (rejecting.length === verdicts.length) {
    return [
      findingAt(target.file, node, {
        severity: Severity.Error,
        code: `${target.codePrefix}/${first.kind === 'parse-error' ? 'endpoint-unparsable' : 'unsupported-scheme'}`,
        message,
        explanation: `${refusalPhrase(target)}. ${explanation}`,
        data: suggestion(endpoint),
      }),
    ];
  }
  return [toolchainDependent(target, node, message, explanation, endpoint, verdicts, goMinor)];
}

/** What validateEndpoint passes to field.Invalid: url.Parse's error, or the scheme message. */
function detailOf(verdict: Verdict): string {
  if (verdict.kind === 'parse-error') return verdict.detail;
  return unsupportedScheme(verdict.kind === 'unsupported-scheme' ? verdict.scheme : '');
}

export function unsupportedScheme(scheme: string): string {
  return `unsupported scheme: ${scheme}.  Options are none, dns, unix, or unix-abstract.  See https://github.com/grpc/grpc/blob/master/doc/naming.md`;
}

function toolchainDependent(
  target: TracingFieldsTarget,
  node: Parameters<typeof findingAt>[1],
  message: string,
  explanation: string,
  endpoint: string,
  verdicts: (BehaviourInReleases & { verdict: Verdict })[],
  goMinor: string,
): Finding {
  const refusedBy = verdicts.filter((v) => v.verdict.kind !== 'ok').map((v) => v.releases);
  const acceptedBy = verdicts.filter((v) => v.verdict.kind === 'ok').map((v) => v.releases);
  const k8s = formatMinor(target.version.version);
  const spec: FindingSpec = {
    severity: Severity.Warning,
    code: `${target.codePrefix}/endpoint-toolchain-dependent`,
    message,
    explanation:
      `Kubernetes ${k8s} is built with Go ${goMinor}, and Go's net/url changed how it reads hosts in brackets within that line: ` +
      `binaries built with ${refusedBy.join(' or ')} refuse this endpoint (${refusalPhrase(target)}), those built with ${acceptedBy.join(' or ')} accept it. ` +
      `Which one you run depends on the Kubernetes patch release. ${explanation}`,
    data: suggestion(endpoint),
  };
  return findingAt(target.file, node, spec);
}

function explain(endpoint: string, prefixed: string, verdict: Verdict): string {
  const how = prefixed === endpoint ? '' : `Without "//" the validator reads it as "${prefixed}". `;
  if (verdict.kind === 'unsupported-scheme') {
    if (verdict.scheme === 'http' || verdict.scheme === 'https') {
      return `${how}The OTLP exporter speaks gRPC and takes a gRPC target, not a URL: write host:port (e.g. ${hostPortOf(endpoint) ?? 'otel-collector:4317'}), and note the connection is never TLS.`;
    }
    if (verdict.scheme === '') return `${how}"//host" has an empty scheme; write host:port, dns:///host:port or unix:///path.`;
    return `${how}gRPC targets use the schemes dns (the default: host:port), unix or unix-abstract.`;
  }
  const detail = verdict.kind === 'parse-error' ? verdict.detail : '';
  if (/^unix(-abstract)?:/i.test(endpoint) && !endpoint.includes('//')) {
    return `${how}The validator reads a unix target without "//" as a dns host and port: write unix:///absolute/path.sock, unix://relative/path.sock or unix-abstract://name.`;
  }
  if (detail.includes('invalid port')) return `${how}After the last ":" the validator expects a port made of digits only.`;
  if (detail.includes('in host name')) return `${how}A host name cannot contain that character.`;
  if (detail.includes('invalid URL escape')) return `${how}"%" must start a %XX escape with two hex digits.`;
  if (detail.includes('control character')) return `${how}The value contains a control character (a tab or line break?).`;
  if (detail.includes("missing ']'")) return `${how}An IPv6 address in brackets needs its closing "]", as in [::1]:4317.`;
  if (detail.includes('IP-literal') || detail.includes('invalid host'))
    return `${how}Only an IPv6 address may be written in brackets, as in [::1]:4317; write other hosts without brackets.`;
  if (detail.includes('missing protocol scheme')) return `${how}The value starts with ":".`;
  if (detail.includes('first path segment')) return `${how}Text before "://" must be a valid scheme (letters, digits, +, - and .).`;
  return how.trim();
}

function hostPortOf(endpoint: string): string | null {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]+)/.exec(endpoint);
  return match ? match[1]! : null;
}

function suggestion(endpoint: string): { replacement: string } | undefined {
  const hostPort = hostPortOf(endpoint);
  return hostPort && /^https?:/i.test(endpoint) ? { replacement: hostPort } : undefined;
}
