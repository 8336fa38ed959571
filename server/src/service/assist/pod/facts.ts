/**
 * What the manifest assistance says about flags, from the data the rules read: kubeApiserverFacts and the
 * feature-gate table (schemas/kubernetes-versions.json, schemas/feature-gates.json) for kube-apiserver, the etcd
 * tracing flags of schemas/etcd-versions.json (names, types, defaults, the releases that have each spelling).
 */
import etcdTable from '../../../../../schemas/etcd-versions.json';
import { EXPERIMENTAL_DEPRECATED_FROM, EXPERIMENTAL_REMOVED_FROM, TRACING_FLAGS, type TracingFlagFacts } from '../../rules/etcd/facts';
import { kubeApiserverFacts } from '../../versions';

export const TRACING_CONFIG_FILE_FLAG = kubeApiserverFacts.tracingConfigFileFlag;
export const TRACING_GATE = kubeApiserverFacts.tracingGate;

/** The etcd flag defaults as etcd registers them (`""` shown as empty). */
export function etcdFlagDefault(facts: TracingFlagFacts): string {
  const entry = etcdTable.tracingFlags.find((flag) => flag.name === facts.name) as { default?: string } | undefined;
  return entry?.default ?? (facts.type === 'bool' ? 'false' : '');
}

export { EXPERIMENTAL_DEPRECATED_FROM, EXPERIMENTAL_REMOVED_FROM, TRACING_FLAGS };

/** A placeholder value per flag type, for completions and the enable-tracing edit. */
export function etcdFlagPlaceholder(facts: TracingFlagFacts): string {
  if (facts.type === 'bool') return 'true';
  if (facts.name.endsWith('sampling-rate')) return '100';
  if (facts.name.endsWith('instance-id')) return 'node-1';
  return etcdFlagDefault(facts) || 'value';
}
