/**
 * `--config-file`: etcd then reads its whole configuration from that file and ignores every other command-line
 * flag. Mirrors etcd server/etcdmain/config.go (*config).parse (v3.5 and v3.6): `if cfg.configFile != ""` →
 * configFromFile, logging "loaded server configuration, other configuration command line flags and environment
 * variables will be ignored if provided". The flags are still parsed first, so unknown flags and bad values
 * still stop etcd (flagAvailability.ts, flagValues.ts); only what the flags would configure is moot.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { lastEtcdFlag, type EtcdFlag } from './argv';
import { tracingFlagNamed } from './facts';
import type { EtcdTarget } from './target';

/** The `--config-file` etcd uses, when one is set to a non-empty path. */
export function configFileFlag(target: EtcdTarget): EtcdFlag | undefined {
  const flag = lastEtcdFlag(target.commandLine.flags, 'config-file');
  return flag?.value ? flag : undefined;
}

export function checkConfigFile(target: EtcdTarget): Finding[] {
  const configFile = configFileFlag(target);
  if (!configFile) return [];
  const tracing = target.commandLine.flags.filter((flag) => tracingFlagNamed(flag.name));
  if (tracing.length === 0) return [];
  const first = tracing[0]!;
  return [
    findingAtOffsets(target.context.file, first.nameStart, first.nameEnd, {
      severity: Severity.Warning,
      code: 'etcd/flags-ignored-with-config-file',
      message: 'loaded server configuration, other configuration command line flags and environment variables will be ignored if provided',
      explanation: `--config-file=${configFile.value} is set, so etcd takes its whole configuration from that file and ignores ${tracing.map((f) => f.written).join(', ')}. Put the tracing settings in the config file (same names, without the dashes) or drop --config-file.`,
    }),
  ];
}
