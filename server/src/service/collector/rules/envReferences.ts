/**
 * `${…}` references the Collector cannot resolve. Mirrors confmap/expand.go (expandURI: content without `:` gets
 * the default scheme `env`, which the builder's main sets; newLocation: `invalid uri: %q` unless the content starts
 * with a scheme `[A-Za-z][A-Za-z0-9+.-]+:`) and confmap/provider/envprovider/provider.go (the name before `:-` must
 * match `^[a-zA-Z_][a-zA-Z0-9_]*$`), identical at v0.105.0 and v0.165.0. So `${env:VAR:-default}` works and
 * `${VAR:-default}` does not: its scheme would be `VAR`. Resolution runs before anything else, wrapped in
 * `cannot resolve the configuration: ` (otelcol/configprovider.go). A scheme the distribution may or may not
 * provide (http, https, …) is left alone.
 */
import { isScalar, visit, type Scalar } from 'yaml';
import { Severity, type Finding } from '../../findings';
import { findingAt } from '../../report';
import { STOPS_AT_FIRST } from '../messages';
import type { CollectorTarget } from '../target';

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;
const ENV_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** `${…}` not escaped as `$${`, without nested `${`. */
const REFERENCE = /(?<!\$)\$\{([^${}]*)\}/g;

/** The Collector's error for one reference's content, or undefined when it resolves (or may). */
export function referenceProblem(content: string): string | undefined {
  const uri = content.includes(':') ? content : `env:${content}`;
  if (!SCHEME.test(uri)) return `invalid uri: "${uri}"`;
  if (!uri.startsWith('env:')) return undefined;
  const name = uri.slice('env:'.length).split(':-')[0]!;
  if (!ENV_NAME.test(name)) return `environment variable "${name}" has invalid name: must match regex ^[a-zA-Z_][a-zA-Z0-9_]*$`;
  return undefined;
}

export function checkEnvReferences(target: CollectorTarget): Finding[] {
  const findings: Finding[] = [];
  for (const entry of target.view.root) {
    if (!entry.value) continue;
    visit(entry.value, {
      Scalar(_, node: Scalar) {
        if (!isScalar(node) || typeof node.value !== 'string') return;
        for (const match of node.value.matchAll(REFERENCE)) {
          const problem = referenceProblem(match[1]!);
          if (!problem) continue;
          findings.push(
            findingAt(target.file, node, {
              severity: Severity.Error,
              code: 'collector/env-reference',
              message: `cannot resolve the configuration: ${problem}`,
              explanation: `The Collector resolves \`\${…}\` before reading anything else. A reference is \`\${env:NAME}\`, \`\${env:NAME:-default}\` or \`\${NAME}\` (env is the default scheme); \`\${NAME:-default}\` has no scheme, so the Collector reads \`NAME\` as one and refuses to start. Write \`\${env:NAME:-default}\`. ${STOPS_AT_FIRST}`,
            }),
          );
        }
      },
    });
  }
  return findings;
}
