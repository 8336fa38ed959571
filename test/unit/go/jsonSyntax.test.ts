/**
 * The port of Go's encoding/json syntax check. The expected texts are what the real Go printed for these inputs
 * (test/golden/tracing-config, e.g. 1.23 sys/apiVersion/0/flow); the golden test holds the port to every vector.
 */
import assert from 'node:assert/strict';
import { goJsonSyntaxError } from '../../../server/src/service/go/jsonSyntax';

describe('goJsonSyntaxError (encoding/json scanner.go)', () => {
  const cases: [string, string | null][] = [
    ['{apiVersion: apiserver.config.k8s.io/v1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"samplingRatePerMillion": 010}', "invalid character '1' after object key:value pair"],
    ['{"samplingRatePerMillion": 0x10}', "invalid character 'x' after object key:value pair"],
    ['{"samplingRatePerMillion": ~}', "invalid character '~' looking for beginning of value"],
    ['{"samplingRatePerMillion": -.inf}', "invalid character '.' in numeric literal"],
    ['{"samplingRatePerMillion": \'12\'}', "invalid character '\\'' looking for beginning of value"],
    ['{"endpoint": "a",}', "invalid character '}' looking for beginning of object key string"],
    ['{"endpoint": "a"', 'unexpected end of JSON input'],
    ['{"endpoint": "a"} x', "invalid character 'x' after top-level value"],
    ['{"endpoint": "a\tb"}', "invalid character '\\t' in string literal"],
    ['{"endpoint": tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"samplingRatePerMillion": 1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"samplingRatePerMillion": 1e}', "invalid character '}' in exponent of numeric literal"],
    ['{"a": [1, {"b": null}], "c": -0.5e+3}\n', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected ?? 'valid'}`, () => {
      assert.equal(goJsonSyntaxError(input)?.message ?? null, expected);
    });
  }

  it('reports the byte offset of the offending character', () => {
    assert.equal(goJsonSyntaxError('{"a": 010}')?.offset, 7);
  });
});
