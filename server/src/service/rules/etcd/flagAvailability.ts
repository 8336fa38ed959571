/**
 * Which flags the etcd version registers.
 * Mirrors etcd server/etcdmain/config.go newConfig (v3.5: every flag, tracing ones as `experimental-…`;
 * `--experimental-distributed-tracing-sampling-rate` from v3.5.11, backport 3a54851), server/embed/config.go
 * AddFlags (v3.6: the un-prefixed `--…distributed-tracing…` names; v3.7: experimental names gone),
 * etcdmain/config.go deprecatedFlags (the warning each release logs, from the data oracle/etcd reads out of every
 * patch release) and embed.Config.Validate (v3.6 conflict check).
 * Go's flag package answers an unregistered name with "flag provided but not defined: -<name>" and etcd exits.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import type { EtcdFlag } from './argv';
import { closestName } from '../../text/closestName';
import {
  EXPERIMENTAL_DEPRECATED_FROM,
  EXPERIMENTAL_REMOVED_FROM,
  MESSAGES,
  deprecationWarning,
  etcdAtLeast,
  fill,
  flagNamesAt,
  otherFlagRegistered,
  otherFlagStillRegistered,
  tracingFlagNamed,
  type TracingFlagFacts,
} from './facts';
import { ETCD_EXITS, versionPhrase, type EtcdTarget } from './target';

export function checkFlagAvailability(target: EtcdTarget): Finding[] {
  const findings: Finding[] = [];
  for (const flag of target.commandLine.flags) {
    const tracing = tracingFlagNamed(flag.name);
    const finding = tracing ? tracingFlagFinding(target, flag, tracing.facts, tracing.experimental) : otherFlagFinding(target, flag);
    if (finding) findings.push(finding);
  }
  findings.push(...conflicts(target));
  return findings;
}

function unknownMessage(name: string): string {
  return fill(MESSAGES.unknownFlag, { name });
}

function tracingFlagFinding(target: EtcdTarget, flag: EtcdFlag, facts: TracingFlagFacts, experimental: boolean): Finding | undefined {
  const { file } = target.context;
  const version = target.etcd.version;
  const at = (spec: Parameters<typeof findingAtOffsets>[3]) => findingAtOffsets(file, flag.nameStart, flag.nameEnd, spec);
  const where = versionPhrase(target);
  if (experimental) {
    const exists = etcdAtLeast(version, facts.experimentalFrom);
    if (exists !== true) {
      return at({
        severity: exists === false ? Severity.Error : Severity.Warning,
        code: 'etcd/flag-not-available',
        message: unknownMessage(flag.name),
        explanation:
          `--${facts.experimentalName} exists from etcd ${facts.experimentalFrom}` +
          (exists === false ? `; ${where} does not have it: ${ETCD_EXITS}.` : `; ${where} may be older: if it is, ${ETCD_EXITS}.`) +
          (facts.name.endsWith('sampling-rate')
            ? ' Without it, etcd before 3.5.11 records only the spans whose parent (kube-apiserver) was sampled.'
            : ''),
        data: { availableFrom: facts.experimentalFrom },
      });
    }
    if (etcdAtLeast(version, EXPERIMENTAL_REMOVED_FROM) === true) {
      return at({
        severity: Severity.Error,
        code: 'etcd/flag-removed',
        message: unknownMessage(flag.name),
        explanation: `The experimental tracing flags were removed in etcd ${EXPERIMENTAL_REMOVED_FROM}; ${where} knows only --${facts.name}: ${ETCD_EXITS}.`,
        data: { replacement: `--${facts.name}` },
      });
    }
    const warning = deprecationWarning(flag.name, version);
    if (warning) {
      return at({
        severity: Severity.Warning,
        code: 'etcd/flag-deprecated',
        message: warning,
        explanation: `${where} still accepts --${facts.experimentalName} and logs this warning at start; etcd ${EXPERIMENTAL_REMOVED_FROM} will refuse it. Rename it to --${facts.name}.`,
        data: { replacement: `--${facts.name}` },
      });
    }
    return undefined;
  }
  const exists = etcdAtLeast(version, facts.from);
  if (exists === true) return undefined;
  const experimentalExists = etcdAtLeast(version, facts.experimentalFrom) === true;
  return at({
    severity: exists === false ? Severity.Error : Severity.Warning,
    code: 'etcd/flag-not-available',
    message: unknownMessage(flag.name),
    explanation:
      `--${facts.name} exists from etcd ${facts.from}` +
      (exists === false ? `; ${where} does not have it: ${ETCD_EXITS}.` : `; ${where} may be older: if it is, ${ETCD_EXITS}.`) +
      (experimentalExists ? ` This etcd spells it --${facts.experimentalName}.` : ''),
    data: experimentalExists ? { replacement: `--${facts.experimentalName}` } : { availableFrom: facts.from },
  });
}

function otherFlagFinding(target: EtcdTarget, flag: EtcdFlag): Finding | undefined {
  const registered = otherFlagRegistered(flag.name, target.etcd.version);
  if (registered === true) return deprecatedFlagFinding(target, flag);
  if (registered === undefined) return undefined;
  const suggestion = closestName(flag.name, flagNamesAt(target.etcd.version));
  return findingAtOffsets(target.context.file, flag.nameStart, flag.nameEnd, {
    severity: Severity.Error,
    code: 'etcd/unknown-flag',
    message: unknownMessage(flag.name),
    explanation: `${versionPhrase(target)} has no flag --${flag.name}: ${ETCD_EXITS}.${suggestion ? ` Did you mean --${suggestion}?` : ''}`,
    data: suggestion ? { replacement: `--${suggestion}` } : undefined,
  });
}

/**
 * etcdmain/config.go deprecatedFlags: etcd starts and logs a warning for each deprecated flag set explicitly.
 * Said only for flags a later release we know refuses (the v2 flags after 3.5, the experimental ones after 3.6),
 * and as Information: these are not tracing settings and nothing is ignored yet. Warnings about flags the newest
 * etcd still accepts (kubeadm's own --snapshot-count on 3.6.0-3.6.7, --max-snapshots, --v2-deprecation) have
 * no consequence we know of, and a stock kubeadm manifest must not light up for them.
 */
function deprecatedFlagFinding(target: EtcdTarget, flag: EtcdFlag): Finding | undefined {
  const warning = deprecationWarning(flag.name, target.etcd.version);
  if (!warning || otherFlagStillRegistered(flag.name)) return undefined;
  return findingAtOffsets(target.context.file, flag.nameStart, flag.nameEnd, {
    severity: Severity.Information,
    code: 'etcd/flag-deprecated',
    message: warning,
    explanation: `${versionPhrase(target)} accepts --${flag.name} and logs this warning at start; a later etcd release refuses it (flag provided but not defined).`,
  });
}

/** etcd 3.6 embed.Config.Validate: both spellings of one tracing flag set explicitly. Reported on the experimental one. */
function conflicts(target: EtcdTarget): Finding[] {
  const version = target.etcd.version;
  if (etcdAtLeast(version, EXPERIMENTAL_DEPRECATED_FROM) !== true || etcdAtLeast(version, EXPERIMENTAL_REMOVED_FROM) !== false) return [];
  const findings: Finding[] = [];
  const flags = target.commandLine.flags;
  for (const facts of new Set(flags.map((f) => tracingFlagNamed(f.name)?.facts).filter((f) => f !== undefined))) {
    const old = flags.find((f) => f.name === facts.experimentalName);
    const current = flags.find((f) => f.name === facts.name);
    if (!old || !current) continue;
    const finding = findingAtOffsets(target.context.file, old.nameStart, old.nameEnd, {
      severity: Severity.Error,
      code: 'etcd/flag-conflict',
      message: fill(MESSAGES.conflict, { old: facts.experimentalName, new: facts.name }),
      explanation: `${ETCD_EXITS}. etcd 3.6 accepts either name but not both; remove --${facts.experimentalName}.`,
      data: { remove: `--${facts.experimentalName}` },
    });
    const related = [
      {
        uri: target.context.file.uri,
        range: target.context.file.lines.range(current.nameStart, current.nameEnd),
        message: `--${facts.name} is set here`,
      },
    ];
    findings.push({ ...finding, related });
  }
  return findings;
}
