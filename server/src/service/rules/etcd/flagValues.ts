/**
 * Flag values Go's flag package rejects while parsing (etcd exits before reading its config).
 * Mirrors Go src/flag/flag.go parseOne: `invalid boolean value %q for -%s: %v` for a BoolVar whose `=value` is
 * not strconv.ParseBool's, and `invalid value %q for flag -%s: %v` for an IntVar value strconv.ParseInt(s, 0, 64)
 * refuses (numError: "parse error" / "value out of range"). Flags etcd does not register are left to
 * flagAvailability.ts.
 */
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { findingAtOffsets, Severity } from '../../report';
import { MESSAGES, fill, flagRegistered, isEtcdBoolFlag, tracingFlagNamed } from './facts';
import { parseGoBool, parseGoInt } from './goValues';
import { ETCD_EXITS, type EtcdTarget } from './target';

export function checkFlagValues(target: EtcdTarget): Finding[] {
  const findings: Finding[] = [];
  const { file } = target.context;
  const version = target.etcd.version;
  for (const flag of target.commandLine.flags) {
    if (flag.value === undefined || flag.form === 'bare') continue;
    const tracing = tracingFlagNamed(flag.name);
    if (flagRegistered(flag.name, version) !== true) continue;
    if (isEtcdBoolFlag(flag.name) && parseGoBool(flag.value) === undefined) {
      findings.push(
        findingAtOffsets(file, flag.valueStart, flag.valueEnd, {
          severity: Severity.Error,
          code: 'etcd/invalid-bool',
          message: fill(MESSAGES.invalidBool, { value: goQuote(flag.value), name: flag.name }),
          explanation: `${ETCD_EXITS}. Go's strconv.ParseBool takes only 1, t, T, TRUE, true, True, 0, f, F, FALSE, false and False.`,
          data: { replacements: ['true', 'false'] },
        }),
      );
    }
    if (tracing?.facts.type === 'int') {
      const parsed = parseGoInt(flag.value);
      if (!parsed.ok) {
        findings.push(
          findingAtOffsets(file, flag.valueStart, flag.valueEnd, {
            severity: Severity.Error,
            code: 'etcd/invalid-int',
            message: fill(MESSAGES.invalidInt, { value: goQuote(flag.value), name: flag.name, reason: parsed.reason }),
            explanation: `${ETCD_EXITS}. The value is a whole number of samples per million, from 0 to 1000000.`,
          }),
        );
      }
    }
  }
  return findings;
}
