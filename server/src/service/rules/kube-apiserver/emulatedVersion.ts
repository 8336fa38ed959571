/**
 * What kube-apiserver's component globals registry says about `--emulated-version` once the gates are set
 * (1.31+): its Validate() keeps the emulated minor within a floor and the binary's version, and from 1.34 logs a
 * warning when alpha gates are on while the binary is newer than the emulated version. Mirrors
 * effectiveVersion.Validate (apiserver pkg/util/version 1.31, component-base version 1.32, component-base
 * compatibility from 1.33) and compatibility/registry.go Validate; the ranges are data
 * (schemas/kubernetes-versions.json emulatedVersionRange), checked by oracle/feature-gates vectors.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import {
  atLeast,
  compareMinor,
  defaultMinCompatibilityVersion,
  emulatedVersionRange,
  formatMinor,
  splitImageReference,
  type MinorVersion,
} from '../../versions';
import { effectiveAssignments, gateSpecAt, gateSpecAtEmulated, type GateAssignment } from '../feature-gates';
import { checkedAgainst, emulatedVersion, flag, type ApiserverTarget } from './target';

/**
 * The binary's version as Validate prints it, patch set to 0 (`1.37.0`, `1.38.0-beta.0`), and whether the
 * binary is newer than its own minor's .0 (a patch release): from the image tag; without a tag, `1.37.0` and unknown.
 */
function binaryVersion(target: ApiserverTarget): { printed: string; patchRelease: boolean | undefined } {
  const minor = target.version.version;
  const tag = target.version.source === 'image-tag' && target.version.detail ? splitImageReference(target.version.detail).tag : undefined;
  const match = tag ? /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?/.exec(tag) : null;
  if (!match || Number(match[1]) !== minor.major || Number(match[2]) !== minor.minor)
    return { printed: `${formatMinor(minor)}.0`, patchRelease: undefined };
  return { printed: `${formatMinor(minor)}.0${match[4] ?? ''}`, patchRelease: Number(match[3]) > 0 };
}

const minus = (version: MinorVersion, minors: number): MinorVersion => ({ major: version.major, minor: version.minor - minors });
const max = (a: MinorVersion, b: MinorVersion): MinorVersion => (compareMinor(a, b) >= 0 ? a : b);

/** Validate()'s errors for the emulated minor, in Go's order. */
function rangeErrors(binary: MinorVersion, emulated: MinorVersion, printedBinary: string): string[] {
  const range = emulatedVersionRange(binary);
  if (!range) return [];
  const floorBack = minus(binary, range.floorMinorsBack);
  const floor = range.floorAtLeast ? max(floorBack, { major: 1, minor: Number(range.floorAtLeast.split('.')[1]) }) : floorBack;
  const errors: string[] = [];
  if (compareMinor(emulated, binary) > 0 || compareMinor(emulated, floor) < 0) {
    errors.push(`emulation version ${formatMinor(emulated)} is not between [${formatMinor(floor)}, ${printedBinary}]`);
  }
  if (range.minCompatibilityFollows) {
    const minCompatibility = max(minus(emulated, 1), floor);
    if (compareMinor(minCompatibility, emulated) > 0)
      errors.push(
        `minCompatibilityVersion version ${formatMinor(minCompatibility)} is not between [${formatMinor(floor)}, ${formatMinor(emulated)}]`,
      );
  }
  return errors;
}

/**
 * @param gateFindings what the gates themselves gave (Set runs before Validate: an Error there ends it)
 * @param assignments the kube items the registry hands to featuregate Set, with file offsets
 */
export function checkEmulatedVersion(
  target: ApiserverTarget,
  gateFindings: readonly Finding[],
  assignments: readonly GateAssignment[],
): Finding[] {
  const binary = target.version.version;
  const range = emulatedVersionRange(binary);
  if (!range || gateFindings.some((f) => f.severity === Severity.Error)) return [];
  const printed = binaryVersion(target);
  const emulated = emulatedVersion(target);
  const findings: Finding[] = [];
  const emulatedFlag = flag(target, 'emulated-version');
  if (emulated && emulatedFlag) {
    const errors = rangeErrors(binary, emulated, printed.printed);
    if (errors.length) {
      const message = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
      findings.push(
        findingAtOffsets(target.file, emulatedFlag.valueStart, emulatedFlag.valueEnd, {
          severity: Severity.Error,
          code: 'kube-apiserver/emulated-version-out-of-range',
          message,
          explanation: `kube-apiserver exits at start-up: ${message}. ${checkedAgainst(target)}`,
        }),
      );
    }
  }
  // From 1.34: alpha gates on while the binary is newer than the emulated version (a patch release counts).
  if (range.alphaWarningFrom && atLeast(binary, range.alphaWarningFrom)) {
    const judged = emulated ?? binary;
    const newer = compareMinor(binary, judged) > 0 || (compareMinor(binary, judged) === 0 ? printed.patchRelease : false);
    if (newer) {
      const alpha = effectiveAssignments(assignments).filter((a) => {
        const spec = emulated
          ? gateSpecAtEmulated(a.name, binary, emulated, defaultMinCompatibilityVersion(binary, emulated))
          : gateSpecAt(a.name, binary);
        return a.value && spec !== undefined && spec !== 'pre-alpha' && spec.stage === 'alpha';
      });
      if (alpha.length) {
        // Go lists them in map order, which varies from run to run; sorted here (and in the oracle's vectors).
        const message = `component has alpha features enabled in emulated version, this is unsupported: features=[${alpha
          .map((a) => a.name)
          .sort()
          .join(' ')}]`;
        findings.push(
          findingAtOffsets(target.file, alpha[0]!.nameStart, alpha[0]!.valueEnd, {
            severity: Severity.Information,
            code: 'kube-apiserver/alpha-gates-at-emulated-version',
            message,
            explanation: `kube-apiserver starts and logs this warning: the binary (${printed.printed.replace(/\.0(-|$)/, '.x$1')}) is newer than the version it emulates (${formatMinor(judged)}), and alpha gates are not supported there. ${checkedAgainst(target)}`,
          }),
        );
      }
    }
  }
  return findings;
}
