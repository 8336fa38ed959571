import assert from 'node:assert/strict';
import { completionsAt, fixture, mark } from './helpers';
import { gatesAt } from '../../../../server/src/service/rules/feature-gates';

const APISERVER_126 = fixture('kubeadm/1.26/kube-apiserver.yaml');
const ETCD_126 = fixture('kubeadm/1.26/etcd.yaml');
const api = { fileName: 'kube-apiserver.yaml' };

/** The fixture with one more command item after `after`, the cursor marked by `|` in it. */
function withItem(text: string, after: string, item: string): string {
  const at = text.indexOf(after);
  if (at < 0) throw new Error(`${after} not found`);
  const lineEnd = text.indexOf('\n', at);
  return `${text.slice(0, lineEnd + 1)}    - ${item}\n${text.slice(lineEnd + 1)}`;
}

describe('assist: manifest completions', () => {
  it('offers the kube-apiserver tracing flags with = and a placeholder, tracing first', () => {
    const items = completionsAt(withItem(APISERVER_126, '- kube-apiserver', '--tr|'), api);
    assert.deepEqual(
      items.map((i) => i.label),
      ['--tracing-config-file', '--feature-gates'],
    );
    assert.equal(items[0]!.insertText, '--tracing-config-file=${1:/etc/kubernetes/tracing/tracing-config.yaml}');
    // The whole typed item is replaced.
    assert.equal(items[0]!.range.end.character - items[0]!.range.start.character, '--tr'.length);
    assert.equal(items[1]!.insertText, '--feature-gates=');
    assert.equal(items[1]!.retrigger, true);
  });

  it('does not offer a flag the container already has', () => {
    const withGates = withItem(APISERVER_126, '- kube-apiserver', '--feature-gates=APIServerTracing=true');
    const labels = completionsAt(withItem(withGates, '- kube-apiserver', '--|'), api).map((i) => i.label);
    assert.deepEqual(labels, ['--tracing-config-file']);
  });

  it('inside --feature-gates=, lists exactly the gates 1.26 registers, APIServerTracing first with its stage', () => {
    const items = completionsAt(withItem(APISERVER_126, '- kube-apiserver', '--feature-gates=|'), api);
    assert.equal(items[0]!.label, 'APIServerTracing');
    assert.equal(items[0]!.detail, 'alpha (off by default)');
    assert.equal(items[0]!.insertText, 'APIServerTracing=');
    assert.equal(items.length, gatesAt({ major: 1, minor: 26 }).length);
    // A gate of 1.26 that was gone by 1.36 is offered under 1.26 only.
    const under136 = completionsAt(withItem(APISERVER_126.replace('v1.26.0', 'v1.36.1'), '- kube-apiserver', '--feature-gates=|'), api).map(
      (i) => i.label,
    );
    const gone = items.map((i) => i.label).filter((label) => !under136.includes(label));
    assert.ok(gone.length > 0, 'some 1.26 gates are removed by 1.36');
    assert.equal(under136[0], 'APIServerTracing');
    const under137 = completionsAt(withItem(APISERVER_126.replace('v1.26.0', 'v1.37.0'), '- kube-apiserver', '--feature-gates=|'), api).map(
      (i) => i.label,
    );
    assert.ok(!under137.includes('APIServerTracing'), 'APIServerTracing is removed in 1.37');
  });

  it('after a comma, leaves out gates already set; after Gate=, offers true/false, or only the locked value', () => {
    const after = completionsAt(withItem(APISERVER_126, '- kube-apiserver', '--feature-gates=APIServerTracing=true,|'), api).map(
      (i) => i.label,
    );
    assert.ok(!after.includes('APIServerTracing'));
    const values = completionsAt(withItem(APISERVER_126, '- kube-apiserver', '--feature-gates=APIServerTracing=|'), api);
    assert.deepEqual(
      values.map((i) => i.label),
      ['true', 'false'],
    );
    const locked = completionsAt(
      withItem(APISERVER_126.replace('v1.26.0', 'v1.35.0'), '- kube-apiserver', '--feature-gates=APIServerTracing=|'),
      api,
    );
    assert.deepEqual(
      locked.map((i) => i.label),
      ['true'],
    );
    assert.equal(locked[0]!.detail, 'APIServerTracing: GA and locked on');
  });

  it('etcd 3.5.6: the experimental flags without the sampling rate (3.5.11+); etcd 3.6: the new names', () => {
    const etcd = { fileName: 'etcd.yaml' };
    const labels356 = completionsAt(withItem(ETCD_126, '- etcd', '--|'), etcd).map((i) => i.label);
    assert.deepEqual(labels356, [
      '--experimental-enable-distributed-tracing',
      '--experimental-distributed-tracing-address',
      '--experimental-distributed-tracing-service-name',
      '--experimental-distributed-tracing-instance-id',
      'etcd 3.5.0-3.5.10 tracing flags', // the whole set at once (assist/snippets.ts)
    ]);
    const etcd36 = ETCD_126.replace('etcd:3.5.6-0', 'etcd:3.6.4-0');
    const items36 = completionsAt(withItem(etcd36, '- etcd', '--|'), etcd);
    assert.deepEqual(
      items36.map((i) => i.label),
      [
        '--enable-distributed-tracing',
        '--distributed-tracing-address',
        '--distributed-tracing-service-name',
        '--distributed-tracing-instance-id',
        '--distributed-tracing-sampling-rate',
        'etcd 3.6+ tracing flags',
      ],
    );
    assert.equal(items36[1]!.insertText, '--distributed-tracing-address=${1:localhost:4317}');
  });

  it('offers nothing on a value or on a non-flag item', () => {
    assert.deepEqual(completionsAt(mark(APISERVER_126, '--secure-port=6443', 16), api), []);
  });

  it("after an etcd tracing flag's =: true/false for the enable flag, the default address, sampling-rate hints", () => {
    const etcd = { fileName: 'etcd.yaml' };
    const etcd36 = ETCD_126.replace('etcd:3.5.6-0', 'etcd:3.6.4-0');
    assert.deepEqual(
      completionsAt(withItem(etcd36, '- etcd', '--enable-distributed-tracing=|'), etcd).map((i) => i.label),
      ['true', 'false'],
    );
    assert.deepEqual(
      completionsAt(withItem(etcd36, '- etcd', '--distributed-tracing-address=|'), etcd).map((i) => i.label),
      ['localhost:4317'],
    );
    assert.deepEqual(
      completionsAt(withItem(etcd36, '- etcd', '--distributed-tracing-sampling-rate=|'), etcd).map((i) => i.label),
      ['10000', '1000000', '0'],
    );
  });
});
