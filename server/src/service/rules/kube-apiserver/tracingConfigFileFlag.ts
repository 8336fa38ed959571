/**
 * `--tracing-config-file` itself: it exists from 1.22 (apiserver@v0.22.0 pkg/server/options/tracing.go
 * TracingOptions.AddFlags), and it needs a value. Mirrors spf13/pflag flag.go: an unregistered long flag is
 * `unknown flag: --name`; a single dash is read as shorthand letters (`unknown shorthand flag: 't' in -tracing…`);
 * a string flag with nothing after it is `flag needs an argument: --name`. kube-apiserver exits on all three.
 * An empty value is accepted and turns tracing off (TracingOptions.ApplyTo returns early when ConfigFile == "").
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { atLeast, kubeApiserverFacts } from '../../versions';
import { checkedAgainst, type ApiserverTarget } from './target';

const FLAG = kubeApiserverFacts.tracingConfigFileFlag;

export function checkTracingConfigFileFlag(target: ApiserverTarget): Finding[] {
  const findings: Finding[] = [];
  for (const occurrence of target.container.flags) {
    if (occurrence.name !== FLAG.name) continue;
    const at = (start: number, end: number, code: string, message: string, explanation: string, severity = Severity.Error) =>
      findingAtOffsets(target.file, start, end, { severity, code, message, explanation });
    if (occurrence.dashes === '-') {
      // pflag quotes the whole argument after the dash, `=value` included (oracle/kube-apiserver-flags vectors).
      const message = `unknown shorthand flag: '${FLAG.name[0]}' in -${occurrence.item.text.slice(1)}`;
      findings.push(
        at(
          occurrence.nameStart,
          occurrence.nameEnd,
          'kube-apiserver/unknown-flag',
          message,
          `kube-apiserver exits at start-up (Error: ${message}): its flags take two dashes, --${FLAG.name}.`,
        ),
      );
      continue;
    }
    if (!atLeast(target.version.version, FLAG.from)) {
      const message = `unknown flag: --${FLAG.name}`;
      findings.push(
        at(
          occurrence.nameStart,
          occurrence.nameEnd,
          'kube-apiserver/unknown-flag',
          message,
          `kube-apiserver exits at start-up (Error: ${message}): the flag exists from Kubernetes ${FLAG.from}. ${checkedAgainst(target)}`,
        ),
      );
      continue;
    }
    if (occurrence.form === 'bare') {
      const message = `flag needs an argument: --${FLAG.name}`;
      findings.push(
        at(
          occurrence.nameStart,
          occurrence.nameEnd,
          'kube-apiserver/flag-needs-argument',
          message,
          `kube-apiserver exits at start-up (Error: ${message}): give the path of the TracingConfiguration file inside the container.`,
        ),
      );
      continue;
    }
    if (occurrence.value === '') {
      findings.push(
        at(
          occurrence.nameStart,
          occurrence.valueEnd,
          'kube-apiserver/tracing-config-file-empty',
          `--${FLAG.name} is empty: tracing is off`,
          'kube-apiserver accepts an empty path and does not trace (TracingOptions.ApplyTo returns early when the path is ""). Give the path of the TracingConfiguration file, or remove the flag.',
          Severity.Warning,
        ),
      );
    }
  }
  return findings;
}
