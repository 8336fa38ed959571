/**
 * package.json and README.md repeat a few Kubernetes facts for people (VS Code's settings UI, the settings table):
 * the setting's range, the latest released minor, the pre-releases. schemas/kubernetes-versions.json is the
 * source: adding or releasing a minor there fails this test until package.json and the README say the same.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import manifest from '../../package.json';
import versions from '../../schemas/kubernetes-versions.json';

const n = (v: string) => Number(v.split('.')[1]);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const { from, to } = versions.settingRange;
const offered = versions.minors.filter((minor) => n(minor) >= n(from) && n(minor) <= n(to));
const preReleases = offered.filter((minor) => n(minor) > n(versions.latestReleased));
const preReleaseWords =
  preReleases.length === 1 ? `${preReleases[0]} is offered as a pre-release` : `${preReleases.join(' and ')} are offered as pre-releases`;

describe('package.json agrees with schemas/kubernetes-versions.json', () => {
  const setting = manifest.contributes.configuration.properties['kubeTracing.kubernetesVersion'];

  it('offers exactly the minors of settingRange, after "auto"', () => {
    assert.deepEqual(setting.enum, ['auto', ...offered]);
  });

  it('names the latest released minor and the pre-releases in the description', () => {
    assert.ok(versions.minors.includes(versions.latestReleased), 'latestReleased is one of the minors');
    assert.match(setting.markdownDescription, new RegExp(`latest released minor \\(${escape(versions.latestReleased)}\\)`));
    if (preReleases.length) assert.match(setting.markdownDescription, new RegExp(escape(preReleaseWords)));
    else assert.doesNotMatch(setting.markdownDescription, /pre-release/);
  });
});

describe('README.md agrees with schemas/kubernetes-versions.json', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

  it('the settings table gives the setting range and the pre-releases', () => {
    const row = readme.split('\n').find((line) => line.startsWith('| `kubeTracing.kubernetesVersion`'));
    assert.ok(row, 'README has a kubeTracing.kubernetesVersion row');
    const preReleaseNote =
      preReleases.length === 0
        ? ''
        : preReleases.length === 1
          ? `; ${preReleases[0]} is a pre-release`
          : `; ${preReleases.join(' and ')} are pre-releases`;
    assert.match(row, new RegExp(escape(`(\`${from}\` … \`${to}\`${preReleaseNote})`)));
    assert.match(row, new RegExp(`latest released minor, ${escape(versions.latestReleased)}\\.`));
  });

  it('every "latest released minor" it names is the one in the data', () => {
    const named = [...readme.matchAll(/latest released minor[ ,(]+(\d+\.\d+)/g)].map((m) => m[1]);
    assert.ok(named.length >= 2, 'the settings table and the version-choice list both name it');
    assert.deepEqual([...new Set(named)], [versions.latestReleased]);
  });
});
