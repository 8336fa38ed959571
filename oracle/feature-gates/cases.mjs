// The command lines and kubelet featureGates maps put to each release, generated from its own registry (and the
// neighbouring releases' registries, for gates that come and go), deterministic so that vectors are stable.
// Each case holds at most one fault: Go walks a map in random order, so with two faults which one it reports
// (and which warnings it logged before) would change from run to run.
import { minorNumber } from './kubernetes.mjs';

/** Go strconv.ParseBool's spellings, each gate gets one in turn so that every gate and every spelling is used. */
const TRUE_SPELLINGS = ['true', '1', 't', 'T', 'TRUE', 'True'];
const FALSE_SPELLINGS = ['false', '0', 'f', 'F', 'FALSE', 'False'];
const BAD_VALUES = ['yes', 'on', 'tRUE', '2', '', 'enabled', '"true"'];

const apiserver = (...args) => ({ component: 'kube-apiserver', args });
const gatesFlag = (value) => `--feature-gates=${value}`;

/** A misspelling that no registry holds: the name with one inner letter dropped. */
function misspell(name, known) {
  for (let i = Math.floor(name.length / 2); i < name.length - 1; i++) {
    const candidate = name.slice(0, i) + name.slice(i + 1);
    if (!known.has(candidate)) return candidate;
  }
  return `${name}X`;
}

/**
 * @param minor '1.37'
 * @param registry the release's gates [{name, stage, default, locked, specs?, dependsOn?}]
 * @param neighbours { previous?: registry, next?: registry }
 */
export function casesFor(minor, registry, neighbours = {}) {
  const n = minorNumber(minor);
  const cases = [];
  const names = new Set(registry.map((g) => g.name));
  const settable = registry.filter((g) => g.name !== 'AllAlpha' && g.name !== 'AllBeta');
  const byName = new Map(registry.map((g) => [g.name, g]));
  // A gate whose setting alone is accepted: not locked, not depending on anything, nothing depending on it.
  const dependedOn = new Set(registry.flatMap((g) => g.dependsOn ?? []));
  const plain = settable.filter(
    (g) => !g.locked && !g.dependsOn?.length && !dependedOn.has(g.name) && g.stage !== 'stable' && g.stage !== 'deprecated',
  );
  const companion = plain[0]?.name;

  // Every gate, on kube-apiserver's command line, with a ParseBool spelling of the value that is not its default
  // (locked gates refuse it), and on the kubelet's featureGates map the same way.
  const dependents = (name) => registry.filter((g) => g.dependsOn?.includes(name)).length;
  settable.forEach((gate, i) => {
    const value = !gate.default;
    // Turning off a gate that several others need would fail several ways at once (in random order).
    if (!value && dependents(gate.name) > 1) return;
    const spelling = (value ? TRUE_SPELLINGS : FALSE_SPELLINGS)[i % 6];
    if (!gate.dependsOn?.length || !value) cases.push(apiserver(gatesFlag(`${gate.name}=${spelling}`)));
    cases.push({ component: 'kubelet', gates: [[gate.name, value]] });
    // GA and deprecated gates set to their default: accepted with a logged warning.
    if (gate.stage === 'stable' || gate.stage === 'deprecated') cases.push(apiserver(gatesFlag(`${gate.name}=${gate.default}`)));
  });

  // Unknown names: gates of the neighbouring releases that this one lacks, misspellings, case changes.
  for (const other of [neighbours.previous, neighbours.next]) {
    for (const gate of other ?? []) if (!names.has(gate.name)) cases.push(apiserver(gatesFlag(`${gate.name}=true`)));
  }
  const misspelt = [];
  for (const gate of settable.filter((_, i) => i % 25 === 0)) {
    misspelt.push(misspell(gate.name, names), gate.name.toLowerCase());
  }
  for (const name of [...misspelt, 'APIServerTracing', 'KubeletTracing', 'OpenTelemetryTracing', 'FooBarBaz', 'kube:APIServerTracing']) {
    if (names.has(name)) continue;
    cases.push(apiserver(gatesFlag(`${name}=true`)));
    cases.push({ component: 'kubelet', gates: [[name, true]] });
    // (not with a kube: prefix: mixed with an unprefixed item, 1.31+ reports either problem, by map order)
    if (companion && !name.includes(':')) cases.push(apiserver(gatesFlag(`${companion}=true,${name}=false`)));
  }

  // Syntax: values ParseBool refuses, items without '=', white space and empty items.
  if (companion) {
    for (const bad of BAD_VALUES) cases.push(apiserver(gatesFlag(`${companion}=${bad}`)));
    cases.push(
      apiserver(gatesFlag(companion)),
      apiserver(gatesFlag(` ${companion} = true `)),
      apiserver(gatesFlag(`,${companion}=true,`)),
      apiserver(gatesFlag(`${companion}=true, `)),
      apiserver(gatesFlag(`${companion}=true,,${companion}=false`)),
      apiserver(gatesFlag(`${companion}=false,${companion}=true`)),
      apiserver(gatesFlag(`${companion}=true`), gatesFlag(`${companion}=false`)),
      apiserver(gatesFlag('')),
      apiserver(gatesFlag(`kube:${companion}=true`)),
      apiserver(gatesFlag(` kube : ${companion}=true`)),
      // Before 1.31 pflag stops at the first failing occurrence: only one kube: occurrence there.
      ...(n >= 31 ? [apiserver(gatesFlag(`kube:${companion}=true`), gatesFlag(`kube:${companion}=false`))] : []),
      apiserver(gatesFlag(`other:${companion}=true`)),
      apiserver(gatesFlag(`${companion}=true,`), gatesFlag('')),
      apiserver('--feature-gates'),
      apiserver('--feature-gates', `${companion}=true`),
    );
  }

  // Dependencies (1.35+): a gate turned on while a dependency is off, and with its dependencies on.
  for (const gate of registry.filter((g) => g.dependsOn?.length)) {
    const dependencies = gate.dependsOn.map((d) => byName.get(d)).filter(Boolean);
    if (dependencies.some((d) => d.locked || d.dependsOn?.length)) continue;
    cases.push(apiserver(gatesFlag([`${gate.name}=true`, ...dependencies.map((d) => `${d.name}=true`)].join(','))));
    const [first] = dependencies;
    if (first && dependents(first.name) === 1)
      cases.push(
        apiserver(gatesFlag([`${gate.name}=true`, `${first.name}=false`, ...dependencies.slice(1).map((d) => `${d.name}=true`)].join(','))),
      );
  }

  // --emulated-version (1.31+): gates judged at an older minor, where newer gates are PreAlpha and locks differ.
  if (n >= 31) {
    // Outside the range the release accepts (its registry's Validate): below its floor, above itself.
    for (const emulated of [`1.${n - 4}`, `1.${n - 2}`, `1.${n + 1}`, `kube=1.${n - 4}`]) {
      cases.push(apiserver(`--emulated-version=${emulated}`));
      if (companion) cases.push(apiserver(`--emulated-version=${emulated}`, gatesFlag(`${companion}=${!byName.get(companion).default}`)));
    }
    for (let back = 1; back <= 3; back++) {
      const emulated = `1.${n - back}`;
      const atEmulated = (gate) => {
        const specs = (gate.specs ?? []).filter((s) => s.version !== '' && minorNumber(s.version) <= n - back);
        return specs.at(-1);
      };
      const samples = settable.filter((_, i) => i % 20 === back);
      for (const gate of samples) {
        const spec = atEmulated(gate);
        if (gate.dependsOn?.length || dependedOn.has(gate.name)) continue;
        const value = spec ? !spec.default : true;
        cases.push(apiserver(`--emulated-version=${emulated}`, gatesFlag(`${gate.name}=${value}`)));
      }
      // Gates that are newer than the emulated minor.
      for (const gate of settable.filter((g) => !g.dependsOn?.length && !atEmulated(g)).slice(0, 5)) {
        cases.push(apiserver(`--emulated-version=${emulated}`, gatesFlag(`${gate.name}=true`)));
      }
      // Gates locked now but not at the emulated minor.
      for (const gate of settable
        .filter((g) => g.locked && !g.dependsOn?.length && !dependedOn.has(g.name) && atEmulated(g) && !atEmulated(g).locked)
        .slice(0, 5)) {
        cases.push(apiserver(`--emulated-version=kube=${emulated}`, gatesFlag(`${gate.name}=${!gate.default}`)));
      }
    }
  }
  return cases;
}
