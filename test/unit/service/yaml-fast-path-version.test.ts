// The fast path (server/src/service/yaml/fast/) reproduces one release of the `yaml` library: a different
// installed release may lex, parse or compose differently, so it must be re-read before it is used
// (server/src/service/yaml/fast/README.md, "Upgrading yaml").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIRRORED_YAML_VERSION } from '../../../server/src/service/yaml/fast/parse';

describe('yaml fast path: mirrored yaml release', () => {
  it('is the installed yaml release, and the one package.json pins', () => {
    const root = join(__dirname, '..', '..', '..');
    const installed = (JSON.parse(readFileSync(join(root, 'node_modules/yaml/package.json'), 'utf8')) as { version: string }).version;
    const pinned = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[
      'yaml'
    ];
    assert.equal(
      installed,
      MIRRORED_YAML_VERSION,
      `installed yaml ${installed}, the fast path mirrors ${MIRRORED_YAML_VERSION}: read the diff (fast/README.md)`,
    );
    assert.equal(pinned, MIRRORED_YAML_VERSION, 'package.json must pin the exact yaml release the fast path mirrors');
  });
});
