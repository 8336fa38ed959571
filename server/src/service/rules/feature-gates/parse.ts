/**
 * Parsing a `--feature-gates` value exactly like component-base featuregate/feature_gate.go `(*featureGate).Set`
 * (text identical from v0.22 to HEAD):
 *
 *   for _, s := range strings.Split(value, ",") {
 *     if len(s) == 0 { continue }                      // only truly empty items are skipped
 *     arr := strings.SplitN(s, "=", 2)
 *     k := strings.TrimSpace(arr[0])
 *     if len(arr) != 2 { return fmt.Errorf("missing bool value for %s", k) }
 *     v := strings.TrimSpace(arr[1])
 *     boolValue, err := strconv.ParseBool(v)
 *     if err != nil { return fmt.Errorf("invalid value of %s=%s, err: %v", k, v, err) }
 *     m[k] = boolValue                                  // a later duplicate overwrites an earlier one
 *   }
 *
 * Go stops at the first problem; we keep going so every problem shows at once (each alone stops the binary).
 */
import { goQuote } from '../../go/quote';

/** One `key=value` item, with offsets relative to the start of the flag value. */
export interface GateAssignment {
  name: string;
  value: boolean;
  /** Trimmed key and value positions in the flag value string. */
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface GateSyntaxError {
  /** The exact error Set returns. */
  message: string;
  kind: 'missing-bool-value' | 'invalid-bool-value';
  start: number;
  end: number;
}

export interface ParsedFeatureGates {
  /** In flag order, duplicates included (the last one wins, as in Go's map). */
  assignments: GateAssignment[];
  errors: GateSyntaxError[];
}

/** Go strconv.ParseBool's accepted spellings. */
const TRUE_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_VALUES = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_VALUES.has(text)) return true;
  if (FALSE_VALUES.has(text)) return false;
  return undefined;
}

/** Go's `strconv.ParseBool` error text (a *NumError): `strconv.ParseBool: parsing "x": invalid syntax`. */
export function parseBoolError(text: string): string {
  return `strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`;
}

/** Go's unicode.IsSpace (JavaScript's \s differs: it lacks U+0085 and has U+FEFF). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** The span of `text.slice(start, end)` after Go's strings.TrimSpace. */
function trimmedSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && GO_SPACE.test(text[start]!)) start++;
  while (end > start && GO_SPACE.test(text[end - 1]!)) end--;
  return [start, end];
}

export function parseFeatureGates(value: string): ParsedFeatureGates {
  const assignments: GateAssignment[] = [];
  const errors: GateSyntaxError[] = [];
  let itemStart = 0;
  for (const item of value.split(',')) {
    const start = itemStart;
    const end = start + item.length;
    itemStart = end + 1;
    if (item.length === 0) continue;
    const equals = item.indexOf('=');
    const [nameStart, nameEnd] = trimmedSpan(value, start, equals < 0 ? end : start + equals);
    const name = value.slice(nameStart, nameEnd);
    if (equals < 0) {
      errors.push({ message: `missing bool value for ${name}`, kind: 'missing-bool-value', start, end });
      continue;
    }
    const [valueStart, valueEnd] = trimmedSpan(value, start + equals + 1, end);
    const text = value.slice(valueStart, valueEnd);
    const parsed = parseGoBool(text);
    if (parsed === undefined) {
      errors.push({
        message: `invalid value of ${name}=${text}, err: ${parseBoolError(text)}`,
        kind: 'invalid-bool-value',
        start: valueStart === valueEnd ? start : valueStart,
        end: valueStart === valueEnd ? end : valueEnd,
      });
      continue;
    }
    assignments.push({ name, value: parsed, nameStart, nameEnd, valueStart, valueEnd });
  }
  return { assignments, errors };
}

/** The assignments that take effect: the last of each name (Go fills a map). */
export function effectiveAssignments(assignments: readonly GateAssignment[]): GateAssignment[] {
  const last = new Map<string, GateAssignment>();
  for (const assignment of assignments) last.set(assignment.name, assignment);
  return assignments.filter((assignment) => last.get(assignment.name) === assignment);
}
