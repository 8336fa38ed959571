/**
 * The committed real sample of oracle/pipeline (test/fixtures/samples/apiserver-pipeline/README.md): two
 * k8s.io/sample-apiserver v0.37.2 servers on etcd v3.7.3 and v3.6.16 → Collector v0.165.0 file exporter, 531 spans.
 * The fast form of the pipeline stage's checks: apiserver → etcd links, verbs and resources, the breakdown.
 */
import { strict as assert } from 'node:assert';
import { apiserverTraceFacts } from '../../support/apiserverTraces';
import { readSample } from './helpers';

const dataset = readSample('apiserver-pipeline/traces.jsonl');
const facts = apiserverTraceFacts(dataset);

describe('real sample: sample-apiserver v0.37.2 on etcd 3.7.3 and 3.6.16 (531 spans)', () => {
  it('reads all 531 spans, none unreadable, 400 kube-apiserver and 131 etcd, every parent present', () => {
    assert.equal(dataset.spanCount, 531);
    assert.deepEqual(dataset.badLines, []);
    assert.deepEqual([facts.apiserverSpans, facts.etcdSpans, facts.unrecognized.length], [400, 131, 0]);
    assert.deepEqual(
      dataset.traces.filter((t) => t.hasOrphans).map((t) => t.rootName),
      [],
    );
  });

  it('28 etcd server spans on each etcd hang under the apiserver storage spans; the etcd client made no span', () => {
    assert.deepEqual(facts.linksByEtcd, { 'etcd-v3.7.3': 28, 'etcd-v3.6.16': 28 });
    assert.deepEqual(facts.linkParents, {
      'cacher.Watch (kind 1)': 6,
      'Create etcd3 (kind 1)': 8,
      'Get etcd3 (kind 1)': 14,
      'cacher.GetList (kind 1)': 8,
      'GuaranteedUpdate etcd3 (kind 1)': 12,
      'Delete (kind 1)': 8,
    });
    assert.equal(facts.etcdClientSpans, 0);
  });

  it('a create is server → audit → constrainedimpersonation → authorization → Create → Create etcd3 → etcd Txn', () => {
    const trace = dataset.traces.findIndex((t) => t.rootName === 'POST /apis/wardle.example.com/v1alpha1/namespaces/{:namespace}/flunders');
    const tree = dataset.tree(trace);
    const path = [];
    for (let r = 0; r < tree.spans.length && path.length < 7; r++) {
      const span = tree.spans[r]!;
      if (tree.depths[r] === path.length) path.push(`${dataset.spanService(span)}:${dataset.spanName(span)}`);
    }
    assert.deepEqual(path, [
      'apiserver:POST /apis/wardle.example.com/v1alpha1/namespaces/{:namespace}/flunders',
      'apiserver:audit',
      'apiserver:constrainedimpersonation',
      'apiserver:authorization',
      'apiserver:Create',
      'apiserver:Create etcd3',
      'etcd:etcdserverpb.KV/Txn',
    ]);
  });

  it('every request has its verb and resource, handler spans agree with their request; 2 creates refused (403)', () => {
    assert.deepEqual(facts.requests, {
      'create fischers': 2,
      'create flunders': 8,
      'get flunders': 6,
      'list flunders': 6,
      'update flunders': 6,
      'patch flunders': 6,
      'delete flunders': 6,
      'list fischers': 2,
      'delete fischers': 2,
      'watch flunders': 2,
      'watch fischers': 4,
    });
    assert.equal(facts.forbidden, 2);
    assert.deepEqual([facts.unreadRequests, facts.verbMismatches, facts.unreadRpc], [[], [], []]);
  });

  it('etcd 3.6 (old RPC names) and etcd 3.7 (new) server spans read the same method and status', () => {
    const seen = new Set<string>();
    for (let s = 0; s < dataset.spanCount; s++) {
      const info = dataset.kubernetes(s);
      if (info?.component === 'etcd' && info.rpcMethod === 'etcdserverpb.KV/Txn') {
        const form = dataset.spanDetails(s).attributes.some((a) => a.key === 'rpc.service') ? 'old' : 'new';
        seen.add(`${form} ${info.rpcStatus}`);
      }
    }
    assert.deepEqual([...seen].sort(), ['new OK', 'old OK']);
  });

  it('the breakdown puts real time in storage and serialization, and a watch’s life in watch', () => {
    const { plain, watch } = facts.breakdown;
    assert.equal(plain.requests, 46);
    assert.equal(watch.requests, 6);
    assert.ok(plain.worstSumErrorNs < 1 && watch.worstSumErrorNs < 1);
    assert.ok(plain.storageNs > 0.5 * plain.totalNs, `storage ${plain.storageNs} of ${plain.totalNs}`);
    assert.ok(plain.serializationNs > 0);
    assert.ok(plain.authorizationNs < 0.05 * plain.totalNs, `authorization ${plain.authorizationNs} of ${plain.totalNs}`);
    assert.ok(watch.watchNs > 0.99 * watch.totalNs, `watch ${watch.watchNs} of ${watch.totalNs}`);
  });
});
