/**
 * No false alarms: the files kubeadm writes for every Kubernetes minor 1.22–1.36, the same files with tracing
 * turned on the documented way, and unrelated Kubernetes YAML must give no diagnostic at all, both with the
 * version set and with `auto` (inferred from image tags, else the latest release).
 * Fixtures: test/fixtures/kubeadm/ (written by its generate.mjs).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validate } from '../helpers';

const ROOT = join(__dirname, '../../fixtures/kubeadm');
const MINORS = readdirSync(ROOT).filter((name) => /^1\.\d+$/.test(name));

function yamlFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

function findingsOf(path: string, version?: string): string[] {
  const fileName = `/workspace/kubeadm/${relative(ROOT, path)}`;
  const findings = validate(readFileSync(path, 'utf8'), { fileName, ...(version ? { version } : {}) });
  return findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}`);
}

describe('kubeadm fixtures: no diagnostics', () => {
  it('covers every minor from 1.22 to 1.36', () => {
    assert.deepEqual(
      MINORS,
      Array.from({ length: 15 }, (_, i) => `1.${22 + i}`),
    );
  });

  for (const minor of MINORS) {
    describe(`Kubernetes ${minor}`, () => {
      const files = [...yamlFiles(join(ROOT, minor)), ...yamlFiles(join(ROOT, minor, 'tracing-on'))];

      it('has the static pods, the kubelet config and a tracing-on variant', () => {
        const names = files.map((path) => relative(join(ROOT, minor), path));
        for (const expected of [
          'kube-apiserver.yaml',
          'etcd.yaml',
          'kubelet-config.yaml',
          'tracing-on/kube-apiserver.yaml',
          'tracing-on/etcd.yaml',
          'tracing-on/tracing-config.yaml',
        ]) {
          assert.ok(names.includes(expected), `${minor}/${expected}`);
        }
      });

      for (const path of files) {
        const name = relative(ROOT, path);
        it(`${name} with kubeTracing.kubernetesVersion ${minor}`, () => {
          assert.deepEqual(findingsOf(path, minor), []);
        });
        it(`${name} with auto`, () => {
          // A kubelet config carries no version, so auto checks it as the latest release (1.37), where the
          // KubeletTracing gate that 1.25 and 1.26 must set is GA: Kubernetes logs a warning (1.36+: a structured
          // log line), shown as Information.
          const gaGate = name.endsWith('tracing-on/kubelet-config.yaml') && ['1.25', '1.26'].includes(minor);
          assert.deepEqual(
            findingsOf(path),
            gaGate
              ? [
                  '22:3 feature-gates/ga-or-deprecated "Warning: setting GA feature gate. It will be removed in a future release." featureGate="KubeletTracing" value=true',
                ]
              : [],
          );
        });
      }
    });
  }

  describe('unrelated Kubernetes YAML', () => {
    for (const path of yamlFiles(join(ROOT, 'unrelated'))) {
      it(relative(ROOT, path), () => {
        assert.deepEqual(findingsOf(path), []);
        assert.deepEqual(findingsOf(path, '1.27'), []);
      });
    }
  });
});
