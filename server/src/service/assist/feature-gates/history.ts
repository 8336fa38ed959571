/**
 * A feature gate's life across the Kubernetes minors schemas/feature-gates.json covers, as the feature-gates
 * rules see it (gateSpecAt per minor): contiguous runs of the same stage/default/lock, and the minor it is gone
 * from. Used by hovers (`APIServerTracing — alpha 1.22–1.26 off by default, beta 1.27–1.33, GA and locked
 * 1.34–1.36, removed in 1.37`) and completion details.
 */
import { gateSpecAt, type GateSpec, type GateStage } from '../../rules/feature-gates';
import { featureGateTableCovers } from '../../rules/feature-gates/table';
import { KNOWN_MINORS, parseMinor, type MinorVersion } from '../../versions';

export interface GatePeriod {
  stage: GateStage;
  default: boolean;
  locked: boolean;
  from: string;
  to: string;
}

export interface GateHistory {
  periods: GatePeriod[];
  /** The first covered minor that no longer registers the gate after it existed, if any. */
  removedIn?: string;
}

const COVERED_MINORS = KNOWN_MINORS.filter((minor) => featureGateTableCovers(parseMinor(minor)!));

export function gateHistory(name: string, component: 'kube-apiserver' | 'kubelet' = 'kube-apiserver'): GateHistory | undefined {
  const periods: GatePeriod[] = [];
  let removedIn: string | undefined;
  for (const minor of COVERED_MINORS) {
    const spec = gateSpecAt(name, parseMinor(minor)!, component);
    const last = periods.at(-1);
    if (!spec) {
      if (last && !removedIn) removedIn = minor;
      continue;
    }
    removedIn = undefined; // registered again (a gate that came back): only the final removal counts
    if (
      last &&
      last.stage === spec.stage &&
      last.default === spec.default &&
      last.locked === spec.locked &&
      last.to === previousCovered(minor)
    )
      last.to = minor;
    else periods.push({ stage: spec.stage, default: spec.default, locked: spec.locked, from: minor, to: minor });
  }
  return periods.length ? { periods, ...(removedIn ? { removedIn } : {}) } : undefined;
}

function previousCovered(minor: string): string | undefined {
  return COVERED_MINORS[COVERED_MINORS.indexOf(minor) - 1];
}

const STAGE_WORDS: Record<GateStage, string> = { alpha: 'alpha', beta: 'beta', stable: 'GA', deprecated: 'deprecated' };

export function describePeriod(period: Pick<GatePeriod, 'stage' | 'default' | 'locked'>): string {
  const lock = period.locked ? ` and locked ${period.default ? 'on' : 'off'}` : ` (${period.default ? 'on' : 'off'} by default)`;
  return `${STAGE_WORDS[period.stage]}${lock}`;
}

/** `alpha (off by default) 1.22–1.26, beta (on by default) 1.27–1.33, GA and locked on 1.34–1.36, removed in 1.37`. */
export function describeHistory(history: GateHistory): string {
  const range = (p: GatePeriod) => (p.from === p.to ? p.from : `${p.from}–${p.to}`);
  const parts = history.periods.map((period) => `${describePeriod(period)} ${range(period)}`);
  if (history.removedIn) parts.push(`removed in ${history.removedIn}`);
  return parts.join(', ');
}

/** The gate in one minor, in words: `alpha (off by default)`, or why it cannot be set. */
export function describeGateAt(name: string, version: MinorVersion, component: 'kube-apiserver' | 'kubelet' = 'kube-apiserver'): string {
  const spec: GateSpec | undefined = gateSpecAt(name, version, component);
  return spec ? describePeriod(spec) : 'not registered (setting it stops the component with "unrecognized feature gate")';
}
