/**
 * gopkg.in/yaml.v2 resolve() of plain scalars, then encoding/json's text: what sigs.k8s.io/yaml YAMLToJSON hands
 * to Kubernetes' decoder. It differs from the YAML library's YAML 1.1 schema on `1e3` (a float to go-yaml) and
 * `1:30` (sexagesimal to YAML 1.1, a string to go-yaml).
 */
import assert from 'node:assert/strict';
import { resolvePlain } from '../../../server/src/service/k8s/goJsonValue';

describe('go-yaml v2 plain scalar resolution, as JSON', () => {
  const cases: [string, unknown][] = [
    ['', { kind: 'null' }],
    ['~', { kind: 'null' }],
    ['Null', { kind: 'null' }],
    ['yes', { kind: 'bool' }],
    ['Off', { kind: 'bool' }],
    ['y', { kind: 'bool' }],
    ['42', { kind: 'number', literal: '42' }],
    ['+42', { kind: 'number', literal: '42' }],
    ['-0', { kind: 'number', literal: '0' }],
    ['0x1F', { kind: 'number', literal: '31' }],
    ['010', { kind: 'number', literal: '8' }],
    ['0b101', { kind: 'number', literal: '5' }],
    ['1_000_000', { kind: 'number', literal: '1000000' }],
    ['18446744073709551615', { kind: 'number', literal: '18446744073709551615' }],
    ['99999999999999999999', { kind: 'number', literal: '100000000000000000000' }],
    ['1.0', { kind: 'number', literal: '1' }],
    ['1e3', { kind: 'number', literal: '1000' }],
    ['.5', { kind: 'number', literal: '0.5' }],
    ['1e21', { kind: 'number', literal: '1e+21' }],
    ['1:30', { kind: 'string', value: '1:30' }],
    ['2001-12-14', { kind: 'string', value: '2001-12-14' }],
    ['localhost:4317', { kind: 'string', value: 'localhost:4317' }],
    ['.inf', { kind: 'unrepresentable', message: 'json: unsupported value: +Inf' }],
    ['-.Inf', { kind: 'unrepresentable', message: 'json: unsupported value: -Inf' }],
    ['.NaN', { kind: 'unrepresentable', message: 'json: unsupported value: NaN' }],
  ];
  for (const [plain, expected] of cases) {
    it(`${JSON.stringify(plain)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(resolvePlain(plain), expected));
  }
});
