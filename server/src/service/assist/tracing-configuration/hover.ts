/**
 * Hovers in a TracingConfiguration (kube-apiserver's --tracing-config-file) and in the kubelet's `tracing:`
 * block, which holds the same component-base fields: what a field does, its type, and what this file's
 * Kubernetes version does with it; on an apiVersion, which Kubernetes versions serve it.
 */
import { codeSpan, plainText } from '../../text/markdown';
import { isScalar } from 'yaml';
import { describeVersionSource, kubeApiserverFacts, kubeletFacts, type KubernetesVersionInForce } from '../../versions';
import type { Cursor } from '../cursor';
import { API_VERSIONS, decodesStrictly, fieldFact, servedApiVersions, STRICT_DECODING_FROM, TRACING_FIELDS, TRACING_KIND } from './facts';

export interface TracingHoverInput {
  cursor: Cursor;
  version: KubernetesVersionInForce;
  /** `kube-apiserver` for the config file (which has apiVersion/kind), `kubelet` for its `tracing:` block. */
  component: 'kube-apiserver' | 'kubelet';
}

/** Markdown for the hover, or null when the cursor is on nothing this module knows. */
export function tracingHover({ cursor, version, component }: TracingHoverInput): string | null {
  const field = String(cursor.path.at(-1) ?? '');
  if (cursor.place === 'key') return fieldHover(field, version, component);
  if (cursor.place !== 'value' || !isScalar(cursor.scalar)) return null;
  const value = cursor.scalar.value;
  if (field === 'apiVersion' && component === 'kube-apiserver') return apiVersionHover(String(value ?? ''), version);
  if (field === 'samplingRatePerMillion' && typeof value === 'number') return samplingRateHover(value);
  if (field === 'endpoint' && typeof value === 'string') return endpointHover(value);
  if (field === 'kind' || field === 'endpoint' || field === 'samplingRatePerMillion') return fieldHover(field, version, component);
  return null;
}

function fieldHover(name: string, version: KubernetesVersionInForce, component: 'kube-apiserver' | 'kubelet'): string | null {
  const fact = fieldFact(name);
  if (!fact || (component === 'kubelet' && (name === 'apiVersion' || name === 'kind'))) {
    if (component === 'kubelet') return null; // the kubelet's own fields are the kubelet module's
    const known = TRACING_FIELDS.find((field) => field.name.toLowerCase() === name.toLowerCase());
    const consequence = decodesStrictly(version.version)
      ? `${describeVersionSource(version, 'markdown')} decodes this file strictly (from ${STRICT_DECODING_FROM}): kube-apiserver refuses to start with ${codeSpan(`strict decoding error: unknown field "${name}"`)}.`
      : `${describeVersionSource(version, 'markdown')} decodes this file leniently (strict only from ${STRICT_DECODING_FROM}): the key is silently ignored.`;
    return [
      `**${plainText(name)}** is not a ${TRACING_KIND} field${known ? ` — did you mean \`${known.name}\`? Field names are case-sensitive.` : '.'}`,
      '',
      consequence,
      '',
      `The fields are ${TRACING_FIELDS.map((field) => `\`${field.name}\``).join(', ')}.`,
    ].join('\n');
  }
  const where = component === 'kubelet' ? `KubeletConfiguration \`tracing.${name}\`` : `${TRACING_KIND} \`${name}\``;
  const lines = [`**${name}** · \`${fact.goType}\` · ${where}`, '', fact.description, ''];
  if (name === 'apiVersion') {
    const served = servedApiVersions(version.version).map((apiVersionFact) => `\`${apiVersionFact.apiVersion}\``);
    lines.push(
      `${describeVersionSource(version, 'markdown')} serves ${served.length ? served.join(', ') : 'no TracingConfiguration version'}.`,
    );
  } else if (name === 'kind') {
    lines.push(`The only accepted kind is \`${TRACING_KIND}\`.`);
  } else {
    const since = component === 'kubelet' ? kubeletFacts.tracingBlock.from : kubeApiserverFacts.tracingConfigFileFlag.from;
    lines.push(
      `Same name and type in every version that has it (${component} from ${since}). This file: ${describeVersionSource(version, 'markdown')}.`,
    );
  }
  return lines.join('\n');
}

function apiVersionHover(apiVersion: string, version: KubernetesVersionInForce): string {
  const fact = API_VERSIONS.find((entry) => entry.apiVersion === apiVersion);
  const served = servedApiVersions(version.version);
  const isServed = served.some((entry) => entry.apiVersion === apiVersion);
  if (!fact) {
    return [
      `**${plainText(apiVersion)}** does not serve ${TRACING_KIND}.`,
      '',
      `Versions that do: ${API_VERSIONS.map((entry) => `\`${entry.apiVersion}\` (Kubernetes ${entry.servedFrom}+)`).join(', ')}.`,
    ].join('\n');
  }
  return [
    `**${apiVersion}** · served by Kubernetes ${fact.servedFrom} and later (still served in every version up to the latest known)`,
    '',
    isServed
      ? `${describeVersionSource(version, 'markdown')} serves it.`
      : `${describeVersionSource(version, 'markdown')} does **not** serve it: kube-apiserver cannot decode the file. ${served.length ? `Use ${served.map((entry) => `\`${entry.apiVersion}\``).join(' or ')}.` : ''}`,
    '',
    `Source: ${fact.source}.`,
  ].join('\n');
}

/** The sampler component-base builds (tracing/utils.go NewProvider): ParentBased(rate == 0 ? Never : TraceIDRatio(rate/1e6)). */
function samplingRateHover(rate: number): string {
  if (rate < 0 || rate > 1000000) return `**${rate}** is out of range: the rate must be 0 … 1000000 (per million).`;
  if (rate === 0)
    return '**0 per million**: new traces are never sampled; a request whose parent span was sampled is still traced (ParentBased sampler).';
  const percent = (rate / 10000).toLocaleString('en-US', { maximumFractionDigits: 4 });
  const oneIn = Math.round(1000000 / rate);
  return `**${rate.toLocaleString('en-US')} per million** = ${percent}% of new traces (about 1 in ${oneIn.toLocaleString('en-US')}); a sampled parent span is always followed (ParentBased sampler).`;
}

/** What ValidateTracingConfiguration does with the string (component-base tracing/api/v1/config.go). */
function endpointHover(endpoint: string): string {
  const target = endpoint.includes('//') ? endpoint : `dns://${endpoint}`;
  return [
    `**${plainText(endpoint)}** · the OTLP gRPC collector, reached without TLS`,
    '',
    endpoint.includes('//')
      ? `Read as the gRPC target ${codeSpan(target)}; the validator accepts the schemes dns, unix and unix-abstract.`
      : `It has no \`//\`, so the validator reads it as ${codeSpan(target)} (a DNS host and port).`,
  ].join('\n');
}
