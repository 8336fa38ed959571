/**
 * Every data file in schemas/ has a JSON schema of its own in schemas/meta/ (same path, `.schema.json`) and
 * follows it, so a generator or a hand edit that changes a file's shape fails here, not in a rule at run time.
 * schemas/tracing-configuration.schema.json is itself a schema (for editors): it must be a valid draft-07 schema.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';

const SCHEMAS = join(__dirname, '..', '..', 'schemas');
const META = join(SCHEMAS, 'meta');

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === META ? [] : dataFiles(path);
    return name.endsWith('.json') && !name.endsWith('.schema.json') ? [path] : [];
  });
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('schemas/: each data file follows its own JSON schema', () => {
  const files = dataFiles(SCHEMAS);

  it('tracing-configuration.schema.json is a valid draft-07 schema', () => {
    const ajv = new Ajv({ strict: false });
    assert.equal(
      ajv.validateSchema(readJson(join(SCHEMAS, 'tracing-configuration.schema.json')) as object),
      true,
      JSON.stringify(ajv.errors),
    );
  });

  for (const file of files) {
    const name = relative(SCHEMAS, file);
    it(`${name} follows schemas/meta/${name.replace(/\.json$/, '.schema.json')}`, () => {
      const schemaPath = join(META, name.replace(/\.json$/, '.schema.json'));
      assert.ok(existsSync(schemaPath), `no schema for ${name}: add ${relative(SCHEMAS, schemaPath)}`);
      const ajv = new Ajv({ allErrors: true, strict: false });
      const validate = ajv.compile(readJson(schemaPath) as object);
      const valid = validate(readJson(file));
      assert.equal(
        valid,
        true,
        (validate.errors ?? [])
          .slice(0, 10)
          .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
          .join('\n'),
      );
    });
  }
});
