/**
 * `kube-tracing check` on cluster configs (test/fixtures/cluster-forms: kubeadm, kind, Cluster API, k3s, each a
 * published example's shape with the mistakes its header comment names): every form is found in a folder, its
 * findings land on the config's own lines, and --explain names where the version came from.
 */
import { strict as assert } from 'node:assert';
import { join, relative } from 'node:path';
import { main } from '../../../server/src/cli/main';

const FOLDER = relative(process.cwd(), join(__dirname, '../../fixtures/cluster-forms'));

function run(...argv: string[]): { code: number; out: string } {
  const out: string[] = [];
  const code = main(
    argv,
    (text) => out.push(text) > 0,
    () => true,
  );
  return { code, out: out.join('\n') };
}

const EXPECTED = [
  'capi/control-plane.yaml:14:11 warning kube-apiserver/tracing-gate-off',
  'k3s/config.yaml:9:20 info feature-gates/ga-or-deprecated',
  'k3s/config.yaml:9:40 error feature-gates/unrecognized',
  'kind/kind-config.yaml:14:28 error kube-apiserver/tracing-config-file-problems',
  'kind/tracing-config.yaml:4:25 error tracing-config/sampling-rate-too-large',
  'kubeadm/kubeadm-config.yaml:11:12 error kube-apiserver/tracing-config-not-mounted',
  'kubeadm/kubeadm-config.yaml:15:13 warning etcd/flag-deprecated',
  'kubeadm/kubeadm-config.yaml:15:13 info etcd/sampling-rate-zero',
  'kubeadm/kubeadm-config.yaml:22:27 error kubelet/sampling-rate-negative',
];

describe('kube-tracing check: cluster configs', () => {
  it("finds each form in a folder, with findings on the config's lines; exit 1", () => {
    const { code, out } = run('check', FOLDER);
    assert.equal(code, 1);
    const lines = out.split('\n').filter((line) => line.startsWith(FOLDER));
    assert.deepEqual(
      lines
        .map((line) =>
          line
            .slice(FOLDER.length + 1)
            .split(' ')
            .slice(0, 3)
            .join(' '),
        )
        .sort(),
      [...EXPECTED].sort(),
    );
    assert.match(out, /^5 error\(s\), 2 warning\(s\), 2 info in 5 file\(s\) checked$/m);
  });

  it('--explain names the version each config declares', () => {
    const { out } = run('check', FOLDER, '--explain');
    assert.match(out, /Kubernetes 1\.26 \(spec\.version v1\.26\.3\)/);
    assert.match(out, /checked against Kubernetes 1\.27 \(the kube-apiserver manifest kind\/kind-config\.yaml that mounts this file\)/);
    assert.match(out, /etcd 3\.6\.x \(what kubeadm deploys with Kubernetes 1\.34;/);
  });

  it('--kubernetes-version wins over what the configs declare', () => {
    const { out } = run('check', join(FOLDER, 'capi'), '--kubernetes-version', '1.33');
    assert.match(out, /^0 error\(s\), 0 warning\(s\), 0 info in 1 file\(s\) checked$/m);
  });
});
