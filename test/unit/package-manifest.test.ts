/**
 * package.json repeats a few Kubernetes facts for VS Code's settings UI (the version enum, the latest released
 * minor in the description). The data in schemas/kubernetes-versions.json is the source: adding a minor there
 * fails this test until package.json says the same.
 */
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import versions from '../../schemas/kubernetes-versions.json';

describe('package.json agrees with schemas/kubernetes-versions.json', () => {
  const setting = manifest.contributes.configuration.properties['kubeTracing.kubernetesVersion'];

  it('offers exactly the minors of settingRange, after "auto"', () => {
    const { from, to } = versions.settingRange;
    const inRange = versions.minors.filter((minor) => {
      const n = (v: string) => Number(v.split('.')[1]);
      return n(minor) >= n(from) && n(minor) <= n(to);
    });
    assert.deepEqual(setting.enum, ['auto', ...inRange]);
  });

  it('names the latest released minor in the description', () => {
    assert.match(setting.markdownDescription, new RegExp(`latest released minor \\(${versions.latestReleased.replace('.', '\\.')}\\)`));
  });
});
