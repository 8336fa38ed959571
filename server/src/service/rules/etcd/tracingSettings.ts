/**
 * What the tracing flags add up to once parsed.
 * Mirrors etcd server/embed/config_tracing.go validateTracingConfig (run by embed.Config.Validate only when
 * tracing is enabled; v3.5.11+ and v3.6): rate < 0 → "tracing sampling rate must be positive", rate > 1000000 →
 * "tracing sampling rate must be less than 1000000" (1000000 itself is allowed), wrapped as
 * "distributed tracing configurition is not valid: (…)" (sic). The sampler is
 * ParentBased(rate == 0 ? NeverSample : TraceIDRatioBased(rate/1e6)) (server/embed/config_tracing.go
 * newTracingExporter), so a zero rate records only what a sampled parent asks for. When tracing is not enabled,
 * the other tracing flags are read but never used.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { lastEtcdFlag, type EtcdFlag } from './argv';
import {
  MESSAGES,
  SAMPLING_RATE_MAX,
  TRACING_FLAGS,
  etcdAtLeast,
  fill,
  templateFor,
  tracingNameRegistered,
  type TracingFlagFacts,
} from './facts';
import { parseGoBool, parseGoInt } from './goValues';
import { configFileFlag } from './configFile';
import { ETCD_EXITS, type EtcdTarget } from './target';

function factsOf(suffix: string): TracingFlagFacts {
  return TRACING_FLAGS.find((flag) => flag.name === suffix)!;
}

/** The last setting of a tracing flag under either name, among the names this etcd registers. */
export function effectiveTracingFlag(target: EtcdTarget, facts: TracingFlagFacts): EtcdFlag | undefined {
  const version = target.etcd.version;
  const names = [
    ...(tracingNameRegistered(facts, true, version) === true ? [facts.experimentalName] : []),
    ...(tracingNameRegistered(facts, false, version) === true ? [facts.name] : []),
  ];
  return names.length ? lastEtcdFlag(target.commandLine.flags, ...names) : undefined;
}

export function tracingEnabled(target: EtcdTarget): EtcdFlag | undefined {
  const flag = effectiveTracingFlag(target, factsOf('enable-distributed-tracing'));
  return flag && flag.value !== undefined && parseGoBool(flag.value) === true ? flag : undefined;
}

export function checkTracingSettings(target: EtcdTarget): Finding[] {
  if (configFileFlag(target)) return []; // the flags are ignored: configFile.ts says so
  const { file } = target.context;
  const enabled = tracingEnabled(target);
  const rateFacts = factsOf('distributed-tracing-sampling-rate');
  const rateFlag = effectiveTracingFlag(target, rateFacts);
  const parsedRate = rateFlag?.value !== undefined ? parseGoInt(rateFlag.value) : undefined;

  if (!enabled) {
    const others = TRACING_FLAGS.filter((facts) => facts.name !== 'enable-distributed-tracing')
      .map((facts) => effectiveTracingFlag(target, facts))
      .filter((flag): flag is EtcdFlag => flag !== undefined);
    if (others.length === 0) return [];
    const first = others.reduce((a, b) => (a.nameStart <= b.nameStart ? a : b));
    const enableFacts = factsOf('enable-distributed-tracing');
    const enable = effectiveTracingFlag(target, enableFacts);
    // The plain name exists from the release the data gives as the flag's `from` (3.6.0).
    const enableName =
      etcdAtLeast(target.etcd.version, enableFacts.from) === true ? `--${enableFacts.name}` : `--${enableFacts.experimentalName}`;
    return [
      findingAtOffsets(file, first.nameStart, first.nameEnd, {
        severity: Severity.Warning,
        code: 'etcd/tracing-not-enabled',
        message: `distributed tracing is not enabled: ${others.map((f) => f.written).join(', ')} ${others.length === 1 ? 'has' : 'have'} no effect`,
        explanation: enable
          ? `${enable.written} is set to ${enable.value}, so etcd starts without tracing and ignores these flags. Set ${enableName}=true to export spans.`
          : `etcd traces only with ${enableName}=true; without it these flags are ignored.`,
        data: { add: `${enableName}=true` },
      }),
    ];
  }

  if (parsedRate?.ok && rateFlag) {
    const rate = parsedRate.value;
    const detail = rate < 0n ? MESSAGES.samplingRateNegative : rate > BigInt(SAMPLING_RATE_MAX) ? MESSAGES.samplingRateTooLarge : undefined;
    if (detail) {
      return [
        findingAtOffsets(file, rateFlag.valueStart, rateFlag.valueEnd, {
          severity: Severity.Error,
          code: rate < 0n ? 'etcd/sampling-rate-negative' : 'etcd/sampling-rate-too-large',
          message: fill(templateFor(MESSAGES.samplingRateWrapper, target.etcd.version), { detail }),
          explanation: `${ETCD_EXITS}. The rate counts sampled traces per million: 0 (only what a sampled parent asks for) up to 1000000 (every trace).`,
          data: { min: 0, max: SAMPLING_RATE_MAX },
        }),
      ];
    }
    if (rate > 0n) return [];
  }
  if (parsedRate && !parsedRate.ok) return []; // a parse error, reported by flagValues.ts
  if (etcdAtLeast(target.etcd.version, rateFacts.experimentalFrom) !== true) return [];
  const rateName = etcdAtLeast(target.etcd.version, rateFacts.from) === true ? rateFacts.name : rateFacts.experimentalName;
  const spot = rateFlag ?? enabled;
  return [
    findingAtOffsets(file, rateFlag ? spot.valueStart : spot.nameStart, rateFlag ? spot.valueEnd : spot.nameEnd, {
      severity: Severity.Information,
      code: 'etcd/sampling-rate-zero',
      message: `distributed tracing is enabled with a sampling rate of 0: etcd records a request only when its parent span (from kube-apiserver) was sampled`,
      explanation: `etcd's sampler is ParentBased(NeverSample) at rate 0: requests that arrive without a sampled trace context are never traced. Set --${rateName} (per million, e.g. 10000 for 1%) to also sample etcd's own requests.`,
      data: { flag: `--${rateName}`, suggestion: 10000 },
    }),
  ];
}
