/**
 * Rules for an etcd container of a control-plane pod (kubeadm's /etc/kubernetes/manifests/etcd.yaml, or a
 * hosted control plane's pod template): the distributed-tracing flags by etcd version, the values Go's flag
 * package refuses, and what the flags add up to. Each rule is a module of its own, naming the etcd source it
 * mirrors; this file reads the command line once and runs them. Registered through control-plane-pod's
 * per-component contract (rules/control-plane-pod/index.ts).
 */
import type { FileContext } from '../../context';
import type { Finding } from '../../findings';
import { lastEntry } from '../../yaml/nodes';
import type { ControlPlaneContainer, ControlPlanePod } from '../control-plane-pod';
import { checkAddressResolvedAtStart, checkTracingAddress } from './address';
import { etcdArgv, readEtcdCommandLine } from './argv';
import { checkCommandLine } from './commandLine';
import { checkConfigFile } from './configFile';
import { flagRegistered, isEtcdBoolFlag } from './facts';
import { checkFlagAvailability } from './flagAvailability';
import { checkFlagValues } from './flagValues';
import type { EtcdTarget } from './target';
import { checkTracingSettings } from './tracingSettings';
import { resolveEtcdVersion } from './version';

/** In the order etcd hits them: parsing the command line, the flag set of this release, then validation. */
const RULES: ReadonlyArray<(target: EtcdTarget) => Finding[]> = [
  checkCommandLine,
  checkFlagAvailability,
  checkFlagValues,
  checkConfigFile,
  checkTracingSettings,
  checkAddressResolvedAtStart,
  checkTracingAddress,
];

export function checkEtcdContainer(pod: ControlPlanePod, container: ControlPlaneContainer, context: FileContext): Finding[] {
  if (!container.flagsReadable) return [];
  const argv = etcdArgv(container);
  // Recognized by its image only: a `command` that is not etcd (an entrypoint script) decides how, and whether,
  // the items reach etcd; so do leading items that are not flags. We cannot tell, so we say nothing.
  if (container.recognizedBy === 'image' && (lastEntry(container.entries, 'command') || (argv[0] && !argv[0].text.startsWith('-'))))
    return [];
  const etcd = resolveEtcdVersion(container.image, context.options.settings.etcdVersion, container.kubernetesVersion);
  const commandLine = readEtcdCommandLine(context.file, argv, {
    isBool: isEtcdBoolFlag,
    isKnown: (name) => flagRegistered(name, etcd.version),
  });
  const target: EtcdTarget = { pod, container, context, commandLine, etcd };
  return RULES.flatMap((rule) => rule(target));
}

export { resolveEtcdVersion, describeEtcdVersion, etcdVersionFromImage, type EtcdVersionInForce } from './version';
