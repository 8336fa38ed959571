/**
 * Command-line shapes etcd rejects before looking at any value.
 * Mirrors Go src/flag/flag.go (*FlagSet).parseOne ("bad flag syntax: %s", "flag needs an argument: -%s", parsing
 * stops at the first non-flag) and etcd server/etcdmain/config.go (*config).parse, which refuses a leftover
 * positional argument: `'%s' is not a valid flag` (v3.5) / `%q is not a valid flag` (v3.6+).
 */
import type { Finding } from '../../findings';
import { goQuote } from '../../go/quote';
import { findingAtOffsets, Severity } from '../../report';
import { MESSAGES, fill, isEtcdBoolFlag, templateFor } from './facts';
import { ETCD_EXITS, type EtcdTarget } from './target';

export function checkCommandLine(target: EtcdTarget): Finding[] {
  const { file } = target.context;
  const findings: Finding[] = [];
  for (const bad of target.commandLine.badSyntax) {
    findings.push(
      findingAtOffsets(file, bad.start, bad.end, {
        severity: Severity.Error,
        code: 'etcd/bad-flag-syntax',
        message: `bad flag syntax: ${bad.item.text}`,
        explanation: `${ETCD_EXITS}. A flag is one or two dashes and a name, as in --name=value.`,
      }),
    );
  }
  for (const flag of target.commandLine.flags) {
    if (flag.value !== undefined) continue;
    findings.push(
      findingAtOffsets(file, flag.nameStart, flag.nameEnd, {
        severity: Severity.Error,
        code: 'etcd/flag-needs-argument',
        message: `flag needs an argument: -${flag.name}`,
        explanation: `${ETCD_EXITS}. Write the value after an equals sign: ${flag.written}=<value>.`,
      }),
    );
  }
  const positional = target.commandLine.positional;
  if (positional) {
    const arg = positional.item.text;
    const previous = target.commandLine.flags.at(-1);
    const afterBool =
      previous &&
      previous.form === 'bare' &&
      isEtcdBoolFlag(previous.name) &&
      previous.item.index + 1 === positional.item.index &&
      previous.item.list === positional.item.list;
    const ignoredCount = target.commandLine.ignored.length;
    findings.push(
      findingAtOffsets(file, positional.start, positional.end, {
        severity: Severity.Error,
        code: 'etcd/not-a-flag',
        message: fill(templateFor(MESSAGES.notAFlag, target.etcd.version), { arg, quotedArg: goQuote(arg) }),
        explanation:
          `${ETCD_EXITS}. Go's flag parser stops at the first argument that is not a flag` +
          (ignoredCount > 0 ? `, so the ${ignoredCount} item(s) after it are not read either` : '') +
          '.' +
          (afterBool
            ? ` ${previous.written} is a boolean flag: it takes a value only as ${previous.written}=${arg}, never from the next item.`
            : ''),
        data: afterBool ? { joinWith: previous.written } : undefined,
      }),
    );
  }
  return findings;
}
