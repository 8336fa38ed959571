/**
 * Which Collector configs a Kubernetes file's edit re-checks (collector/configsFedBy.ts): only a file that sends
 * spans (TracingConfiguration, KubeletConfiguration, etcd's distributed-tracing flags), and only the Collector configs
 * that belong with it (its folder, above or below: workspaceScope.ts), in any container.
 */
import { strict as assert } from 'node:assert';
import { collectorConfigsFedBy } from '../../../server/src/service';

const PLAIN =
  'receivers:\n  otlp:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n';
const CONFIG_MAP = `kind: ConfigMap\ndata:\n  config.yaml: |\n${PLAIN.replace(/^/gm, '    ')}`;
const FILES = new Map([
  ['/ws/cluster/collector.yaml', PLAIN],
  ['/ws/cluster/agent/configmap.yaml', CONFIG_MAP],
  ['/ws/examples/other-collector.yaml', PLAIN],
  ['/ws/cluster/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: receivers\n'],
  ['/ws/collector-at-root.yaml', PLAIN],
]);
const workspace = { list: () => [...FILES.keys()], read: (path: string) => FILES.get(path) };

describe('collector configs fed by a span sender', () => {
  it('a TracingConfiguration, a KubeletConfiguration or an etcd manifest with tracing re-checks the configs that belong with it', () => {
    const expected = ['/ws/cluster/collector.yaml', '/ws/cluster/agent/configmap.yaml', '/ws/collector-at-root.yaml'];
    for (const text of [
      'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n',
      'kind: KubeletConfiguration\ntracing:\n  endpoint: localhost:4317\n',
      'kind: Pod\nspec:\n  containers:\n  - command:\n    - etcd\n    - --experimental-enable-distributed-tracing=true\n',
    ]) {
      assert.deepEqual(collectorConfigsFedBy('/ws/cluster/tracing.yaml', text, workspace), expected);
    }
  });

  it('any other file re-checks none, and a config never depends on itself', () => {
    assert.deepEqual(collectorConfigsFedBy('/ws/cluster/service.yaml', FILES.get('/ws/cluster/service.yaml')!, workspace), []);
    const sendingCollector = `${PLAIN}# TracingConfiguration\n`;
    assert.deepEqual(collectorConfigsFedBy('/ws/cluster/collector.yaml', sendingCollector, workspace), [
      '/ws/cluster/agent/configmap.yaml',
      '/ws/collector-at-root.yaml',
    ]);
  });
});
