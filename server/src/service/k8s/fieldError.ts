/**
 * apimachinery `field.Error` rendering: `<field>: Invalid value: <value>: <detail>`, with an int shown as `%v`
 * and a string as `%q` (k8s.io/apimachinery pkg/util/validation/field/errors.go, identical for these types in
 * v0.22 and v0.36).
 */
import { goQuote } from '../go/quote';

export function fieldInvalid(path: string, value: number | bigint | string, detail: string): string {
  const shown = typeof value === 'string' ? goQuote(value) : String(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}
