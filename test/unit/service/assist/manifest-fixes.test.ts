/**
 * Manifest quick fixes on kubeadm's own manifests (test/fixtures/kubeadm): each is applied and the file
 * validated again; the fix must remove its finding and add none.
 */
import assert from 'node:assert/strict';
import { actionsFor, applyAction, codes, fixture, validateText, type AssistOptions } from './helpers';

const api = { fileName: 'kube-apiserver.yaml' };
const etcd = { fileName: 'etcd.yaml' };
const APISERVER_126 = fixture('kubeadm/1.26/tracing-on/kube-apiserver.yaml');
const WITHOUT_GATE = APISERVER_126.replace('    - --feature-gates=APIServerTracing=true\n', '');

/** Applies the first (or titled) action for `code`, then checks the finding is gone and nothing new appeared. */
function fixAndRevalidate(text: string, code: string, options: AssistOptions, title?: RegExp): string {
  const before = codes(validateText(text, options));
  assert.ok(before.includes(code), `expected ${code} in ${before.join(', ')}`);
  const actions = actionsFor(text, code, options);
  const action = title ? actions.find((a) => title.test(a.title)) : actions[0];
  assert.ok(action, `an action for ${code}: ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = applyAction(text, action);
  const after = codes(validateText(fixed, options));
  const count = (list: string[]) => list.filter((c) => c === code).length;
  // One finding of several of the same code (one of four deprecated flags) goes; the others stay.
  assert.equal(count(after), count(before) - action.fixes.length, `${code} is still reported after "${action.title}"`);
  assert.deepEqual(
    after.filter((c) => !before.includes(c)),
    [],
    `new findings after "${action.title}"`,
  );
  return fixed;
}

describe('assist: manifest quick fixes (applied, then re-validated)', () => {
  it('1.26 without the gate: adds --feature-gates=APIServerTracing=true after --tracing-config-file', () => {
    const fixed = fixAndRevalidate(WITHOUT_GATE, 'kube-apiserver/tracing-gate-off', api);
    assert.match(
      fixed,
      /\n {4}- --tracing-config-file=\/etc\/kubernetes\/tracing\/tracing-config\.yaml\n {4}- --feature-gates=APIServerTracing=true\n/,
    );
  });

  it('merges into an existing --feature-gates instead of adding a second one', () => {
    const other = WITHOUT_GATE.replace('    - --etcd-servers', '    - --feature-gates=EphemeralContainers=true\n    - --etcd-servers');
    const fixed = fixAndRevalidate(other, 'kube-apiserver/tracing-gate-off', api);
    assert.match(fixed, /--feature-gates=EphemeralContainers=true,APIServerTracing=true\n/);
    assert.equal(fixed.match(/--feature-gates/g)?.length, 1);
  });

  it('turns APIServerTracing=false into true, keeping the other gates', () => {
    const off = APISERVER_126.replace(
      '--feature-gates=APIServerTracing=true',
      '--feature-gates=APIServerTracing=false, EphemeralContainers=true',
    );
    const fixed = fixAndRevalidate(off, 'kube-apiserver/tracing-gate-disabled', api);
    assert.match(fixed, /--feature-gates=APIServerTracing=true, EphemeralContainers=true\n/);
  });

  it('1.35: removes APIServerTracing=false (locked), and the flag with it when it was the only gate', () => {
    const locked = APISERVER_126.replace('kube-apiserver:v1.26.0', 'kube-apiserver:v1.35.0').replace(
      'APIServerTracing=true',
      'APIServerTracing=false',
    );
    const fixed = fixAndRevalidate(locked, 'feature-gates/locked', api);
    assert.ok(!fixed.includes('--feature-gates'));
  });

  it('1.37: removes APIServerTracing (no longer registered) from a list, leaving the rest', () => {
    const removed = APISERVER_126.replace('kube-apiserver:v1.26.0', 'kube-apiserver:v1.37.0').replace(
      'APIServerTracing=true',
      'APIServerTracing=true,KubeletTracing=true',
    );
    const fixed = fixAndRevalidate(removed, 'feature-gates/unrecognized', api, /^Remove APIServerTracing/);
    assert.match(fixed, /--feature-gates=KubeletTracing=true\n/);
  });

  it('mounts the one missing file read-only (type: File), not its directory, for --tracing-config-file', () => {
    const unmounted = APISERVER_126.replace(
      '    - mountPath: /etc/kubernetes/tracing\n      name: tracing-config\n      readOnly: true\n',
      '',
    ).replace('  - hostPath:\n      path: /etc/kubernetes/tracing\n      type: DirectoryOrCreate\n    name: tracing-config\n', '');
    const fixed = fixAndRevalidate(unmounted, 'kube-apiserver/tracing-config-not-mounted', api);
    assert.match(
      fixed,
      /\n {4}- mountPath: \/etc\/kubernetes\/tracing\/tracing-config\.yaml\n {6}name: tracing-config\n {6}readOnly: true\n/,
    );
    assert.match(
      fixed,
      /\n {2}- hostPath:\n {6}path: \/etc\/kubernetes\/tracing\/tracing-config\.yaml\n {6}type: File\n {4}name: tracing-config\n/,
    );
    // The issue's case: a file directly in /etc/kubernetes must not mount admin.conf's folder.
    const inEtc = unmounted.replace(
      '--tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml',
      '--tracing-config-file=/etc/kubernetes/tracing-config.yaml',
    );
    const fixedInEtc = fixAndRevalidate(inEtc, 'kube-apiserver/tracing-config-not-mounted', api);
    assert.doesNotMatch(fixedInEtc, /mountPath: \/etc\/kubernetes\n/);
    assert.match(fixedInEtc, /path: \/etc\/kubernetes\/tracing-config\.yaml\n {6}type: File\n/);
    assert.deepEqual(codes(validateText(fixed, api)), codes(validateText(APISERVER_126, api)));
  });

  it("makes a mount and a volume name agree (the published guides' mistake), either way", () => {
    const mismatch = APISERVER_126.replace('DirectoryOrCreate\n    name: tracing-config\n', 'DirectoryOrCreate\n    name: tracing\n');
    fixAndRevalidate(mismatch, 'kube-apiserver/volume-name-mismatch', api, /^Rename volume tracing to tracing-config/);
    fixAndRevalidate(mismatch, 'kube-apiserver/volume-name-mismatch', api, /^Rename the volumeMount tracing-config to tracing/);
  });
});

describe('assist: etcd quick fixes (applied, then re-validated)', () => {
  const ETCD_126 = fixture('kubeadm/1.26/tracing-on/etcd.yaml');
  const ETCD_36_EXPERIMENTAL = ETCD_126.replace('etcd:3.5.6-0', 'etcd:3.6.4-0');

  it('renames one experimental flag to its 3.6 name', () => {
    const fixed = fixAndRevalidate(ETCD_36_EXPERIMENTAL, 'etcd/flag-deprecated', etcd);
    assert.match(fixed, /- --distributed-tracing-address=localhost:4317\n/);
  });

  it('renames all of them at once (fix-all quick fix and source.fixAll), leaving no etcd finding', () => {
    const actions = actionsFor(ETCD_36_EXPERIMENTAL, 'etcd/flag-deprecated', etcd);
    const all = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Rename all 4'));
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.ok(actions.some((a) => a.kind === 'source.fixAll'));
    const fixed = applyAction(ETCD_36_EXPERIMENTAL, all);
    assert.ok(!fixed.includes('--experimental-distributed-tracing') && !fixed.includes('--experimental-enable-distributed-tracing'));
    // kubeadm 1.26's --experimental-watch-progress-notify-interval stays: etcd 3.6.4 logs it as deprecated and 3.7
    // refuses it (Information); the tracing flags leave no finding.
    const left = validateText(fixed, etcd).filter((f) => f.code.startsWith('etcd/flag'));
    assert.deepEqual(
      left.map((f) => f.message.split(' ')[0]),
      ['--experimental-watch-progress-notify-interval'],
    );
  });

  it('etcd 3.6 with both spellings: removes the experimental one', () => {
    const both = fixture('kubeadm/1.34/tracing-on/etcd.yaml').replace(
      '    - --enable-distributed-tracing=true\n',
      '    - --enable-distributed-tracing=true\n    - --experimental-enable-distributed-tracing=true\n',
    );
    fixAndRevalidate(both, 'etcd/flag-conflict', etcd);
  });

  it('host-network etcd exporting to a cluster DNS name: localhost:4317, or a placeholder with a note', () => {
    const dns = fixture('kubeadm/1.34/tracing-on/etcd.yaml').replace(
      '--distributed-tracing-address=localhost:4317',
      '--distributed-tracing-address=otel-collector.observability.svc:4317',
    );
    const local = fixAndRevalidate(dns, 'etcd/cluster-dns-address', etcd);
    assert.match(local, /--distributed-tracing-address=localhost:4317/);
    const placeholder = fixAndRevalidate(dns, 'etcd/cluster-dns-address', etcd, /placeholder/);
    assert.match(
      placeholder,
      /\n {4}# kube-tracing: hostNetwork pods resolve names with the node's resolver.*\n {4}- --distributed-tracing-address=COLLECTOR_NODE_ADDRESS:4317\n/,
    );
  });

  it('tracing flags without the enable flag: adds it', () => {
    const disabled = fixture('kubeadm/1.34/tracing-on/etcd.yaml').replace('    - --enable-distributed-tracing=true\n', '');
    const fixed = fixAndRevalidate(disabled, 'etcd/tracing-not-enabled', etcd);
    assert.match(fixed, /- --enable-distributed-tracing=true\n/);
  });
});
