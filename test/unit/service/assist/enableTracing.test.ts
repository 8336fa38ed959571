/**
 * "Enable Tracing in This Manifest" on kubeadm's own manifests of every Kubernetes minor it covers: the edit is
 * applied, then the manifest and the created TracingConfiguration are validated with the same rules. The
 * result must have no finding the untouched manifest did not have, and must match kubeadm's tracing-on
 * fixtures in what matters (flag, gate where needed, mount, volume, apiVersion).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { planEnableTracing } from '../../../../server/src/service/assist/enableTracing';
import { applyAction, codes, fixture, inputFor, validateText } from './helpers';

const MINORS = readdirSync(join(__dirname, '../../../fixtures/kubeadm')).filter((name) => /^1\.\d+$/.test(name));
const options = { endpoint: 'localhost:4317', samplingRatePerMillion: 10000 };

function applyPlan(text: string, fileName: string) {
  const plan = planEnableTracing(inputFor(text, { fileName }), options);
  if ('error' in plan) throw new Error(plan.error);
  return { plan, text: applyAction(text, { title: '', kind: 'quickfix', fixes: [], edits: plan.edits }) };
}

describe('assist: Enable Tracing in This Manifest', () => {
  it('covers kubeadm 1.22 … 1.36', () => assert.ok(MINORS.length >= 15, MINORS.join(',')));

  for (const minor of MINORS) {
    it(`kube-apiserver ${minor}: flag, gate only where needed, mount, volume and a config with the newest served apiVersion, all valid`, () => {
      const original = fixture(`kubeadm/${minor}/kube-apiserver.yaml`);
      const { plan, text } = applyPlan(original, 'kube-apiserver.yaml');
      const before = codes(validateText(original, { fileName: 'kube-apiserver.yaml' }));
      const after = codes(validateText(text, { fileName: 'kube-apiserver.yaml' }));
      assert.deepEqual(
        after.filter((code) => !before.includes(code)),
        [],
        `new findings:\n${text}`,
      );
      assert.match(text, /\n {4}- --tracing-config-file=\/etc\/kubernetes\/tracing\/tracing-config\.yaml\n/);
      const needsGate = Number(minor.split('.')[1]) <= 26;
      assert.equal(/--feature-gates=APIServerTracing=true/.test(text), needsGate, 'the gate exactly where 1.22-1.26 need it');
      assert.match(text, /- mountPath: \/etc\/kubernetes\/tracing\n {6}name: tracing-config\n {6}readOnly: true\n/);
      assert.match(text, /- hostPath:\n {6}path: \/etc\/kubernetes\/tracing\n {6}type: DirectoryOrCreate\n {4}name: tracing-config\n/);

      assert.equal(plan.createFiles.length, 1);
      const config = plan.createFiles[0]!;
      assert.equal(config.uri, 'file:///workspace/tracing-config.yaml');
      const expectedApiVersion = Number(minor.split('.')[1]) >= 34 ? 'v1' : Number(minor.split('.')[1]) >= 27 ? 'v1beta1' : 'v1alpha1';
      assert.match(
        config.text,
        new RegExp(
          `^apiVersion: apiserver\\.config\\.k8s\\.io/${expectedApiVersion}\\nkind: TracingConfiguration\\nendpoint: localhost:4317\\nsamplingRatePerMillion: 10000\\n$`,
        ),
      );
      assert.deepEqual(codes(validateText(config.text, { version: minor })), []);
    });
  }

  it('never overwrites: an existing file where the mount says is kept (and linked), not renamed away from the mount', () => {
    const plan = planEnableTracing(
      inputFor(fixture('kubeadm/1.30/kube-apiserver.yaml'), { fileName: 'node1/etc/kubernetes/manifests/kube-apiserver.yaml' }),
      {
        ...options,
        exists: (uri) => uri === 'file:///workspace/node1/etc/kubernetes/tracing/tracing-config.yaml',
      },
    );
    assert.ok(!('error' in plan));
    assert.deepEqual(plan.createFiles, []);
    assert.match(plan.summary, /kept the existing node1\/etc\/kubernetes\/tracing\/tracing-config\.yaml/);
  });

  it('writes the file where the mount says: in the node tree, never into the static-pod folder', () => {
    const inNodeTree = applyPlan(fixture('kubeadm/1.30/kube-apiserver.yaml'), 'node1/etc/kubernetes/manifests/kube-apiserver.yaml').plan;
    assert.equal(inNodeTree.createFiles[0]!.uri, 'file:///workspace/node1/etc/kubernetes/tracing/tracing-config.yaml');
    assert.match(
      inNodeTree.summary,
      /created node1\/etc\/kubernetes\/tracing\/tracing-config\.yaml \(apiserver\.config\.k8s\.io\/v1beta1\)/,
    );
    // A kubeadm folder copied alone (cluster/manifests/ is /etc/kubernetes/manifests/): cluster/tracing/, never manifests/.
    const kubeadmFolder = applyPlan(fixture('kubeadm/1.30/kube-apiserver.yaml'), 'cluster/manifests/kube-apiserver.yaml').plan;
    assert.equal(kubeadmFolder.createFiles[0]!.uri, 'file:///workspace/cluster/tracing/tracing-config.yaml');
    // An existing hostPath mount of another node folder: the file goes to that folder's place in the node tree.
    const elsewhere = fixture('kubeadm/1.30/kube-apiserver.yaml')
      .replace('  volumes:\n', '  volumes:\n  - hostPath:\n      path: /srv/otel\n      type: Directory\n    name: otel\n')
      .replace(
        '    volumeMounts:\n',
        '    volumeMounts:\n    - mountPath: /etc/kubernetes/tracing\n      name: otel\n      readOnly: true\n',
      );
    const throughMount = applyPlan(elsewhere, 'node1/etc/kubernetes/manifests/kube-apiserver.yaml').plan;
    assert.equal(throughMount.createFiles[0]!.uri, 'file:///workspace/node1/srv/otel/tracing-config.yaml');
    assert.match(throughMount.summary, /Copy tracing-config\.yaml to \/srv\/otel\/tracing-config\.yaml on each control-plane node/);
  });

  it('refuses an endpoint kube-apiserver would refuse, with its message', () => {
    const plan = planEnableTracing(inputFor(fixture('kubeadm/1.30/kube-apiserver.yaml'), { fileName: 'kube-apiserver.yaml' }), {
      endpoint: 'http://otel:4317',
      samplingRatePerMillion: 100,
    });
    assert.ok('error' in plan);
    assert.match(plan.error, /unsupported scheme: http/);
  });

  it('refuses a manifest that already traces', () => {
    const plan = planEnableTracing(
      inputFor(fixture('kubeadm/1.30/tracing-on/kube-apiserver.yaml'), { fileName: 'kube-apiserver.yaml' }),
      options,
    );
    assert.ok('error' in plan);
    assert.match(plan.error, /already has --tracing-config-file/);
  });

  for (const minor of MINORS) {
    it(`etcd of kubeadm ${minor}: the flags this etcd release spells, no new finding`, () => {
      const original = fixture(`kubeadm/${minor}/etcd.yaml`);
      const { text } = applyPlan(original, 'etcd.yaml');
      const before = codes(validateText(original, { fileName: 'etcd.yaml' }));
      const after = codes(validateText(text, { fileName: 'etcd.yaml' }));
      assert.deepEqual(
        after.filter((code) => !before.includes(code)),
        [],
        `new findings:\n${text}`,
      );
      const etcd36 = /etcd:3\.6/.test(original);
      assert.equal(text.includes('- --enable-distributed-tracing=true'), etcd36);
      assert.equal(text.includes('- --experimental-enable-distributed-tracing=true'), !etcd36);
    });
  }
});
