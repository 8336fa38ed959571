/**
 * Hovers in kube-apiserver and etcd static-pod manifests: on `--tracing-config-file` and `--feature-gates`, on a
 * gate inside `--feature-gates=…` (its whole history and its state in this manifest's version), and on etcd's
 * tracing flags (since which etcd, the 3.6 name, deprecation and removal, default).
 */
import { codeSpan, plainText } from '../../text/markdown';
import type { FileContext } from '../../context';
import { formatEtcdVersion, etcdAtLeast, tracingFlagNamed } from '../../rules/etcd/facts';
import { describeEtcdVersion, resolveEtcdVersion } from '../../rules/etcd/version';
import { gateSpecAt, locateFeatureGates } from '../../rules/feature-gates';
import { apiserverTarget, featureGatesValue } from '../../rules/kube-apiserver/target';
import { atLeast, describeVersionSource, KNOWN_MINORS_RANGE, type MinorVersion } from '../../versions';
import { describeGateAt, describeHistory, gateHistory } from '../feature-gates/history';
import { servedApiVersions } from '../tracing-configuration/facts';
import {
  EXPERIMENTAL_DEPRECATED_FROM,
  EXPERIMENTAL_REMOVED_FROM,
  etcdFlagDefault,
  TRACING_CONFIG_FILE_FLAG,
  TRACING_FLAGS,
  TRACING_GATE,
} from './facts';
import type { PodCursor } from './locate';

export interface PodHover {
  contents: string;
  /** File offsets of what the hover is about (the flag name or the gate). */
  start: number;
  end: number;
}

export function podHover(at: PodCursor, offset: number, context: FileContext): PodHover | null {
  const { container, flag } = at;
  if (!flag) return null;
  if (container.component === 'kube-apiserver') {
    if (flag.name === 'feature-gates' && !at.onName) return gateHover(at, offset, context);
    if (!at.onName) return null;
    const version = container.kubernetesVersion;
    if (flag.name === TRACING_CONFIG_FILE_FLAG.name) {
      const available = atLeast(version.version, TRACING_CONFIG_FILE_FLAG.from);
      const history = gateHistory(TRACING_GATE);
      return {
        contents: [
          `**--${flag.name}** · kube-apiserver · string (a path inside the container)`,
          '',
          `File with apiserver tracing configuration (a TracingConfiguration). Exists from Kubernetes ${TRACING_CONFIG_FILE_FLAG.from}${available ? '' : ` — **not** in ${describeVersionSource(version, 'markdown')}`}.`,
          '',
          `It takes effect only while the feature gate ${TRACING_GATE} is on: ${describeGateAt(TRACING_GATE, version.version)} in ${describeVersionSource(version, 'markdown')}.`,
          history ? `${TRACING_GATE}: ${describeHistory(history)}.` : `${TRACING_GATE} is not registered in any known version.`,
          '',
          `Source: ${TRACING_CONFIG_FILE_FLAG.source}.`,
        ].join('\n'),
        start: flag.nameStart,
        end: flag.nameEnd,
      };
    }
    if (flag.name === 'feature-gates') {
      return {
        contents: [
          '**--feature-gates** · kube-apiserver · `Name=bool,…`',
          '',
          'Each item is Name=true or Name=false; several occurrences are merged and the last value of a gate wins. An unknown gate, or a locked gate set against its lock, stops kube-apiserver at start-up.',
          '',
          `Gates are judged against ${describeVersionSource(version, 'markdown')}.`,
        ].join('\n'),
        start: flag.nameStart,
        end: flag.nameEnd,
      };
    }
    return null;
  }
  if (!at.onName) return null;
  return etcdFlagHover(at, context);
}

function gateHover(at: PodCursor, offset: number, context: FileContext): PodHover | null {
  const target = apiserverTarget(at.pod, at.container, context);
  const value = at.flag ? featureGatesValue(target, at.flag) : undefined;
  if (!value?.exact) return null;
  const assignment = locateFeatureGates(value).assignments.find((a) => a.nameStart <= offset && offset <= a.valueEnd);
  if (!assignment) return null;
  const history = gateHistory(assignment.name);
  const version = target.version;
  const lines = [`**${plainText(assignment.name)}** · feature gate`, ''];
  lines.push(
    history ? `${describeHistory(history)}.` : `Not registered in any Kubernetes version kube-tracing knows (${KNOWN_MINORS_RANGE}).`,
  );
  lines.push('', `In ${describeVersionSource(version, 'markdown')}: ${describeGateAt(assignment.name, version.version)}.`);
  const verdict = assignmentVerdict(assignment.name, assignment.value, version.version);
  if (verdict) lines.push('', verdict);
  else if (assignment.name === TRACING_GATE) {
    lines.push(
      '',
      assignment.value
        ? 'With it on, kube-apiserver reads --tracing-config-file.'
        : 'With it off, kube-apiserver ignores --tracing-config-file without a message.',
    );
  }
  return { contents: lines.join('\n'), start: assignment.nameStart, end: assignment.nameEnd };
}

/**
 * What this value does in this version when kube-apiserver refuses it (rules/feature-gates/check.ts, the same
 * messages): a locked gate set against its lock, or a gate the version does not register. Undefined when accepted.
 */
function assignmentVerdict(name: string, value: boolean, version: MinorVersion): string | undefined {
  const spec = gateSpecAt(name, version);
  const written = codeSpan(`${name}=${value}`);
  if (!spec)
    return `${written} is **refused** here: kube-apiserver exits with "unrecognized feature gate: ${plainText(name)}". Remove it from the list.`;
  if (spec.locked && spec.default !== value) {
    return `${written} is **refused** here: kube-apiserver exits with "cannot set feature gate ${plainText(name)} to ${value}, feature is locked to ${spec.default}". Remove it from the list.`;
  }
  return undefined;
}

function etcdFlagHover(at: PodCursor, context: FileContext): PodHover | null {
  const flag = at.flag!;
  const named = tracingFlagNamed(flag.name);
  if (!named) return null;
  const { facts, experimental } = named;
  const etcd = resolveEtcdVersion(at.container.image, context.options.settings.etcdVersion, at.container.kubernetesVersion);
  const lines = [`**--${flag.name}** · etcd · ${facts.type}, default ${JSON.stringify(etcdFlagDefault(facts))}`, ''];
  if (experimental) {
    lines.push(
      `From etcd ${facts.experimentalFrom}; deprecated in ${EXPERIMENTAL_DEPRECATED_FROM} (renamed **--${facts.name}**), removed in ${EXPERIMENTAL_REMOVED_FROM}.`,
    );
  } else {
    lines.push(`From etcd ${facts.from}; before that, spelled --${facts.experimentalName} (from ${facts.experimentalFrom}).`);
  }
  const has = experimental
    ? etcdAtLeast(etcd.version, facts.experimentalFrom) === true && etcdAtLeast(etcd.version, EXPERIMENTAL_REMOVED_FROM) !== true
    : etcdAtLeast(etcd.version, facts.from) === true;
  const unsure = experimental
    ? etcdAtLeast(etcd.version, facts.experimentalFrom) === undefined
    : etcdAtLeast(etcd.version, facts.from) === undefined;
  lines.push(
    '',
    `This pod runs ${describeEtcdVersion(etcd)}: ${unsure ? `it may or may not have this flag (it depends on the patch release of ${formatEtcdVersion(etcd.version)})` : has ? 'it has this flag' : '**it does not have this flag** (etcd exits on it)'}.`,
  );
  return { contents: lines.join('\n'), start: flag.nameStart, end: flag.nameEnd };
}

/** On a kube-apiserver or etcd `image:`: the version kube-tracing reads from its tag, and what that decides. */
export function imageHover(at: PodCursor, context: FileContext): string {
  const { container } = at;
  if (container.component === 'kube-apiserver') {
    const version = container.kubernetesVersion;
    const lines = [`**kube-apiserver image** · checked against ${describeVersionSource(version, 'markdown')}`];
    if (version.source === 'setting')
      lines.push('', 'The setting `kubeTracing.kubernetesVersion` wins over the image tag; set it to `auto` to follow the tag.');
    if (version.source === 'default')
      lines.push('', 'The tag names no Kubernetes version (e.g. `latest`), so the latest released minor is assumed.');
    const gate = describeGateAt(TRACING_GATE, version.version);
    lines.push(
      '',
      `There: TracingConfiguration ${
        servedApiVersions(version.version)
          .map((fact) => `\`${fact.apiVersion.split('/')[1]}\``)
          .join(', ') || 'not available'
      }; ${TRACING_GATE} ${gate}.`,
    );
    return lines.join('\n');
  }
  const etcd = resolveEtcdVersion(container.image, context.options.settings.etcdVersion, container.kubernetesVersion);
  return [
    `**etcd image** · checked against ${describeEtcdVersion(etcd)}`,
    '',
    `Tracing flags there: ${etcdTracingSpelling(etcd.version)}.`,
  ].join('\n');
}

/** Releases from the data: tracing starts with the enable flag's experimentalFrom, the sampling rate with its own. */
const ENABLE_FLAG = TRACING_FLAGS.find((facts) => facts.name === 'enable-distributed-tracing')!;
const SAMPLING_RATE_FLAG = TRACING_FLAGS.find((facts) => facts.name === 'distributed-tracing-sampling-rate')!;

function etcdTracingSpelling(version: Parameters<typeof etcdAtLeast>[0]): string {
  if (etcdAtLeast(version, EXPERIMENTAL_REMOVED_FROM) === true)
    return `--${ENABLE_FLAG.name} and the other plain names only (the experimental- names were removed in ${EXPERIMENTAL_REMOVED_FROM})`;
  if (etcdAtLeast(version, EXPERIMENTAL_DEPRECATED_FROM) === true)
    return `--${ENABLE_FLAG.name} and the other plain names (the experimental- names still work, deprecated)`;
  const rateFrom = SAMPLING_RATE_FLAG.experimentalFrom;
  if (etcdAtLeast(version, ENABLE_FLAG.experimentalFrom) === true)
    return (
      `--${ENABLE_FLAG.experimentalName} and the other experimental- names` +
      (etcdAtLeast(version, rateFrom) === true
        ? ', with the sampling rate'
        : etcdAtLeast(version, rateFrom) === false
          ? `, without a sampling-rate flag (from ${rateFrom})`
          : `; the sampling-rate flag needs ${rateFrom}`)
    );
  return `none (distributed tracing starts in etcd ${ENABLE_FLAG.experimentalFrom})`;
}
