/**
 * kube-apiserver's `--feature-gates` from 1.31, owned by the component globals registry (apiserver
 * pkg/util/version registry.go in 1.31, component-base featuregate/registry.go in 1.32, component-base
 * compatibility/registry.go from 1.33). The flag is a cli/flag ColonSeparatedMultimapStringString: every
 * occurrence's comma-separated items are `component:Name=value` (no prefix: the kube component), each item
 * trimmed and blank items dropped. After flag parsing, Set() refuses a component other than kube
 * (`component not registered: %s`) and a mix of prefixed and unprefixed kube items, then joins the kube items
 * with commas and calls featuregate Set once. cobra prints the error as it is: no pflag wrapping.
 * Checked against the releases' own code by oracle/feature-gates.
 */
import type { Finding } from '../../findings';
import { findingAtOffsets, Severity } from '../../report';
import { describeVersionSource } from '../../versions';
import { checkGateAssignments, type GateCheckTarget } from './check';
import type { FeatureGatesValue } from './index';
import { parseFeatureGates, type GateAssignment, type GateSyntaxError } from './parse';

const KUBE_COMPONENT = 'kube';
const MIXED_PREFIX = 'set kube feature gates with default empty prefix or kube: prefix consistently, do not mix use';

interface RegistryItem {
  component: string;
  /** The item after the component prefix, trimmed; its FILE offsets (the whole value when not exact). */
  text: string;
  start: number;
  end: number;
  /** Offsets inside `text` can be mapped onto the file. */
  exact: boolean;
}

const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && GO_SPACE.test(text[start]!)) start++;
  while (end > start && GO_SPACE.test(text[end - 1]!)) end--;
  return [start, end];
}

function registryItems(flag: FeatureGatesValue): RegistryItem[] {
  const items: RegistryItem[] = [];
  let offset = 0;
  for (const pair of flag.value.split(',')) {
    const pairStart = offset;
    offset += pair.length + 1;
    if (pair.length === 0) continue;
    const colon = pair.indexOf(':');
    const component = colon < 0 ? '' : pair.slice(0, colon).trim();
    const [start, end] = trimmed(flag.value, colon < 0 ? pairStart : pairStart + colon + 1, pairStart + pair.length);
    const text = flag.value.slice(start, end);
    items.push(
      flag.exact
        ? { component, text, start: flag.start + start, end: flag.start + end, exact: true }
        : { component, text, start: flag.start, end: flag.end, exact: false },
    );
  }
  return items;
}

/** The kube items' assignments and syntax errors with FILE offsets, as the registry hands them to featuregate Set. */
export function registryAssignments(flags: readonly FeatureGatesValue[]): {
  items: RegistryItem[];
  assignments: GateAssignment[];
  errors: GateSyntaxError[];
} {
  const items = flags.flatMap(registryItems);
  const assignments: GateAssignment[] = [];
  const errors: GateSyntaxError[] = [];
  for (const item of items) {
    if (item.component !== '' && item.component !== KUBE_COMPONENT) continue;
    if (item.text.length === 0) continue; // Set skips empty items
    const parsed = parseFeatureGates(item.text);
    const at = (relative: number, fallback: number) => (item.exact ? item.start + relative : fallback);
    for (const a of parsed.assignments)
      assignments.push({
        ...a,
        nameStart: at(a.nameStart, item.start),
        nameEnd: at(a.nameEnd, item.end),
        valueStart: at(a.valueStart, item.start),
        valueEnd: at(a.valueEnd, item.end),
      });
    for (const e of parsed.errors) errors.push({ ...e, start: at(e.start, item.start), end: at(e.end, item.end) });
  }
  return { items, assignments, errors };
}

/** Checks every `--feature-gates` occurrence of a 1.31+ kube-apiserver together, as the registry's Set() does. */
export function checkFeatureGatesAsRegistry(flags: readonly FeatureGatesValue[], target: Omit<GateCheckTarget, 'prints'>): Finding[] {
  const { items, assignments, errors } = registryAssignments(flags);
  const k8s = describeVersionSource(target.version);
  const refuse = (item: RegistryItem, code: string, message: string, advice: string) =>
    findingAtOffsets(target.file, item.start, item.end, {
      severity: Severity.Error,
      code,
      message,
      explanation: `kube-apiserver exits at start-up: ${message}. ${advice} Checked against ${k8s}.`,
    });
  const findings: Finding[] = [];
  for (const item of items.filter((i) => i.component !== '' && i.component !== KUBE_COMPONENT)) {
    findings.push(
      refuse(
        item,
        'feature-gates/component-not-registered',
        `component not registered: ${item.component}`,
        `kube-apiserver registers only the "${KUBE_COMPONENT}" component: write Name=true, or ${KUBE_COMPONENT}:Name=true.`,
      ),
    );
  }
  const kubeItems = items.filter((i) => i.component === '' || i.component === KUBE_COMPONENT);
  const prefixed = kubeItems.find((i) => i.component === KUBE_COMPONENT);
  if (prefixed && kubeItems.some((i) => i.component === '')) {
    findings.push(
      refuse(
        prefixed,
        'feature-gates/mixed-kube-prefix',
        MIXED_PREFIX,
        `Write every gate with the ${KUBE_COMPONENT}: prefix, or none with it.`,
      ),
    );
  }
  for (const error of errors) {
    findings.push(
      findingAtOffsets(target.file, error.start, error.end, {
        severity: Severity.Error,
        code: `feature-gates/${error.kind}`,
        message: error.message,
        explanation: `kube-apiserver exits at start-up: ${error.message}. Each item is Name=true or Name=false (Go strconv.ParseBool also takes 1, t, T, TRUE, True, 0, f, F, FALSE, False). Checked against ${k8s}.`,
      }),
    );
  }
  return [...findings, ...checkGateAssignments(assignments, { ...target, prints: (message) => message })];
}
