/**
 * The diagnostic-code registry (server/src/service/diagnosticCodes.ts) is the one list of codes: the README's
 * table is rendered from it, and every code the rules emit is in it with the severity they emit it with. Checked
 * on the code's literals and on what the service reports for every YAML/JSON fixture and demo file, at the
 * version boundaries that change verdicts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeSettings } from '../../../common/src/settings';
import { DIAGNOSTIC_CODE_INDEX, DIAGNOSTIC_CODES } from '../../../server/src/service/diagnosticCodes';
import { Severity, validateSource } from '../../../server/src/service';
import { readmeCodesTable, renderCodesTable } from '../../../scripts/readme-codes';

const ROOT = join(__dirname, '..', '..', '..');
const SEVERITY_NAMES = { [Severity.Error]: 'Error', [Severity.Warning]: 'Warning', [Severity.Information]: 'Information' } as const;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

describe('diagnostic codes: one registry', () => {
  it(`has each of its ${DIAGNOSTIC_CODES.length} codes once, and the README's table is rendered from it`, () => {
    assert.equal(DIAGNOSTIC_CODE_INDEX.size, DIAGNOSTIC_CODES.length, 'a code is listed twice');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.equal(readmeCodesTable(readme), renderCodesTable(), 'README.md is stale: run npx tsx scripts/readme-codes.ts');
  });

  it('has every code written literally in the server', () => {
    const source = execFileSync('git', ['grep', '-h', '-o', '-E', "'[a-z0-9-]+/[a-z0-9-]+'", '--', 'server/src'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const families = new Set(DIAGNOSTIC_CODES.map((entry) => entry.code.split('/')[0]!));
    const literals = new Set(
      source
        .split('\n')
        .map((line) => line.slice(1, -1))
        .filter((text) => families.has(text.split('/')[0]!)),
    );
    const missing = [...literals].filter((code) => !DIAGNOSTIC_CODE_INDEX.has(code));
    assert.deepEqual(missing, [], 'codes in server/src that the registry lacks');
  });

  it('has every code the service reports on the fixtures and the demo, with that severity', () => {
    const paths = [...files(join(ROOT, 'test/fixtures')), ...files(join(ROOT, 'demo')), ...files(join(ROOT, 'test/vscode/workspace'))];
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const kubernetesVersion of ['auto', '1.22', '1.26', '1.29', '1.31', '1.33', '1.34', '1.36']) {
      const settings = normalizeSettings({ kubernetesVersion });
      for (const path of paths) {
        const text = readFileSync(path, 'utf8');
        for (const finding of validateSource({ uri: pathToFileURL(path).href, text }, { settings, workspaceFolders: [ROOT] })) {
          seen.add(finding.code);
          const entry = DIAGNOSTIC_CODE_INDEX.get(finding.code);
          const severity = SEVERITY_NAMES[finding.severity];
          if (!entry) problems.push(`${finding.code} (unregistered) in ${path}`);
          else if (!entry.severities.includes(severity))
            problems.push(`${finding.code} as ${severity} in ${path}; registered as ${entry.severities.join('/')}`);
        }
      }
    }
    assert.deepEqual([...new Set(problems)], []);
    assert.ok(seen.size >= 20, `only ${seen.size} codes reported on the fixtures: is validateSource finding anything?`);
  });
});
