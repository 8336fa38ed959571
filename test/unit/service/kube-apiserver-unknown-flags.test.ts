/**
 * Unknown kube-apiserver flags (rules/kube-apiserver/unknownFlags.ts): the two cases of issue 9 with pflag's
 * message and our suggestion, and silence where the flag data does not reach.
 */
import assert from 'node:assert/strict';
import { validate } from '../helpers';

const manifest = (image: string, ...flags: string[]) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    image: ${image}\n    command:\n    - kube-apiserver\n${flags.map((f) => `    - ${f}\n`).join('')}`;
const unknown = (text: string) =>
  validate(text, { fileName: 'kube-apiserver.yaml' }).filter((f) => f.code === 'kube-apiserver/unknown-flag');

describe('kube-apiserver: unknown flags', () => {
  it("--opentelemetry-config-file (KEP-647's proposal, never shipped): pflag's error, on the name", () => {
    const [finding, ...rest] = unknown(
      manifest('registry.k8s.io/kube-apiserver:v1.37.2', '--opentelemetry-config-file=/etc/kubernetes/tracing.yaml'),
    );
    assert.equal(rest.length, 0);
    assert.equal(finding!.message, 'unknown flag: --opentelemetry-config-file');
    assert.equal(finding!.range.start.line, 10);
    assert.equal(finding!.range.start.character, '    - '.length);
    assert.equal(finding!.range.end.character, '    - --opentelemetry-config-file'.length);
  });

  it('a misspelt --tracing-confg-file: did you mean --tracing-config-file', () => {
    const [finding] = unknown(manifest('registry.k8s.io/kube-apiserver:v1.37.2', '--tracing-confg-file=/etc/kubernetes/tracing.yaml'));
    assert.equal(finding!.message, 'unknown flag: --tracing-confg-file');
    assert.match(finding!.explanation, /Did you mean --tracing-config-file\?/);
    assert.deepEqual(finding!.data, { replacement: '--tracing-config-file' });
  });

  it('known flags, the underscore spelling and the -v shorthand pass', () => {
    assert.deepEqual(
      unknown(
        manifest(
          'registry.k8s.io/kube-apiserver:v1.37.2',
          '--advertise-address=10.0.0.1',
          '--tracing_config_file=/etc/t.yaml',
          '-v=2',
          '--etcd-servers',
          'https://127.0.0.1:2379',
        ),
      ),
      [],
    );
  });

  it('no image tag: judged as the latest released minor, whose flags are known', () => {
    assert.equal(unknown(manifest('registry.k8s.io/kube-apiserver', '--opentelemetry-config-file=/x')).length, 1);
  });

  it('a minor the flag data does not cover says nothing (an unknown name cannot be told from an unseen flag)', () => {
    assert.deepEqual(unknown(manifest('registry.k8s.io/kube-apiserver:v1.29.0', '--opentelemetry-config-file=/x')), []);
  });
});
