/** Assistance in kubeadm's KubeletConfiguration (test/fixtures/kubeadm/<minor>/tracing-on/kubelet-config.yaml). */
import assert from 'node:assert/strict';
import { actionsFor, applyAction, codes, completionLabels, completionsAt, fixture, hoverAt, mark, validateText } from './helpers';

const KUBELET_126 = fixture('kubeadm/1.26/tracing-on/kubelet-config.yaml');
const at126 = { fileName: 'kubelet-config.yaml', version: '1.26' };

describe('assist: KubeletConfiguration', () => {
  it('hovers KubeletTracing in featureGates with its history and its state in this version', () => {
    const text = hoverAt(mark(KUBELET_126, 'KubeletTracing: true', 4), at126);
    assert.match(text!, /alpha \(off by default\) 1\.25–1\.26, beta \(on by default\) 1\.27–1\.33, GA and locked on 1\.34–1\.37/);
    assert.match(text!, /In Kubernetes 1\.26 \(setting `kubeTracing\.kubernetesVersion`\): alpha \(off by default\)/);
  });

  it("hovers the tracing block fields as the kubelet's", () => {
    assert.match(
      hoverAt(mark(KUBELET_126, '  samplingRatePerMillion: 10000', 5), at126)!,
      /KubeletConfiguration `tracing\.samplingRatePerMillion`/,
    );
  });

  it('completes the tracing block fields the block lacks, and gate names in featureGates with KubeletTracing first', () => {
    const noRate = KUBELET_126.replace('  samplingRatePerMillion: 10000\n', '  |\n');
    assert.deepEqual(completionLabels(noRate, at126), ['samplingRatePerMillion']);
    const gates = completionsAt(KUBELET_126.replace('  KubeletTracing: true\n', '  KubeletTracing: true\n  |\n'), at126);
    assert.ok(gates.length > 100);
    assert.ok(!gates.some((item) => item.label === 'KubeletTracing'), 'already set');
    const fresh = completionsAt(KUBELET_126.replace('featureGates:\n  KubeletTracing: true\n', 'featureGates:\n  Kub|\n'), at126);
    assert.equal(fresh[0]!.label, 'KubeletTracing');
    assert.equal(fresh[0]!.detail, 'alpha (off by default)');
    assert.deepEqual(completionLabels(KUBELET_126.replace('KubeletTracing: true', 'KubeletTracing: |'), { ...at126, version: '1.34' }), [
      'true',
    ]);
  });

  it('tracing without the gate on 1.26: adds KubeletTracing: true to featureGates, or the map itself', () => {
    const withoutGate = KUBELET_126.replace(
      'featureGates:\n  KubeletTracing: true\n',
      'featureGates:\n  RotateKubeletServerCertificate: true\n',
    );
    assert.ok(codes(validateText(withoutGate, at126)).includes('kubelet/tracing-gate-disabled'));
    const fixed = applyAction(withoutGate, actionsFor(withoutGate, 'kubelet/tracing-gate-disabled', at126)[0]!);
    assert.match(fixed, /featureGates:\n {2}RotateKubeletServerCertificate: true\n {2}KubeletTracing: true\n/);
    assert.deepEqual(
      codes(validateText(fixed, at126)).filter((c) => c.startsWith('kubelet/')),
      [],
    );

    const noMap = KUBELET_126.replace('featureGates:\n  KubeletTracing: true\n', '');
    const added = applyAction(noMap, actionsFor(noMap, 'kubelet/tracing-gate-disabled', at126)[0]!);
    assert.match(added, /\nfeatureGates:\n {2}KubeletTracing: true\n/);
    assert.deepEqual(
      codes(validateText(added, at126)).filter((c) => c.startsWith('kubelet/')),
      [],
    );
  });

  it('fixes the shared tracing-field findings in the block (sampling rate back in range)', () => {
    const bad = KUBELET_126.replace('samplingRatePerMillion: 10000', 'samplingRatePerMillion: -1');
    const code = codes(validateText(bad, at126)).find((c) => c.endsWith('sampling-rate-negative'));
    assert.ok(code, codes(validateText(bad, at126)).join(', '));
    const fixed = applyAction(bad, actionsFor(bad, code, at126)[0]!);
    assert.match(fixed, /samplingRatePerMillion: 0\n/);
    assert.ok(!codes(validateText(fixed, at126)).includes(code));
  });

  it('a cluster DNS endpoint: localhost:4317, or a placeholder with a note above the key', () => {
    const dns = KUBELET_126.replace('endpoint: localhost:4317', 'endpoint: otel-collector.observability.svc.cluster.local:4317');
    const actions = actionsFor(dns, 'kubelet/cluster-dns-endpoint', at126);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Use localhost:4317 (a collector on each node, e.g. a DaemonSet with hostPort 4317)',
        'Replace with a placeholder for an address the node can resolve',
      ],
    );
    const local = applyAction(dns, actions[0]!);
    assert.ok(!codes(validateText(local, at126)).includes('kubelet/cluster-dns-endpoint'));
    const placeholder = applyAction(dns, actions[1]!);
    assert.match(
      placeholder,
      /\ntracing:\n {2}# kube-tracing: hostNetwork pods resolve names.*\n {2}endpoint: COLLECTOR_NODE_ADDRESS:4317\n/,
    );
    assert.ok(!codes(validateText(placeholder, at126)).includes('kubelet/cluster-dns-endpoint'));
  });
});
