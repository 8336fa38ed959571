/**
 * `$(VAR)` in command/args that the container's env does not define: Kubernetes leaves it as written
 * (third_party/forked/golang/expansion/expand.go). The guide's etcd flag `--…-instance-id=$(hostname)`; the fix
 * defines the variable from the Downward API, and after it the warning is gone.
 */
import { strict as assert } from 'node:assert';
import { variableReferences } from '../../../server/src/service/rules/control-plane-pod/variableReferences';
import { Severity, validate } from '../helpers';
import { actionsFor, applyAction, validateText } from './assist/helpers';

const CODE = 'control-plane-pod/undefined-variable-reference';

function etcdPod(flags: string[], extra: string[] = []): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: etcd',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    ...['etcd', ...flags].map((flag) => `    - ${flag}`),
    ...extra,
    '    image: registry.k8s.io/etcd:3.5.21-0',
    '    name: etcd',
    '  hostNetwork: true',
    '',
  ].join('\n');
}

const GUIDE = ['--experimental-enable-distributed-tracing=true', '--experimental-distributed-tracing-instance-id=$(hostname)'];

describe('$(VAR) references in command and args', () => {
  it("the guide's $(hostname): a Warning on the reference, naming the container and the fix", () => {
    const findings = validate(etcdPod(GUIDE), { fileName: 'manifests/etcd.yaml' }).filter((f) => f.code === CODE);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding!.severity, Severity.Warning);
    assert.equal(finding!.message, '$(hostname) is passed as it is written: no env entry of container "etcd" defines hostname');
    assert.deepEqual([finding!.range.start.line, finding!.range.start.character, finding!.range.end.character], [10, 53, 64]);
    assert.match(finding!.explanation, /every etcd member reports the same value/);
  });

  it('is silent when env defines it, with envFrom (names unknown), and for a shell command (the shell runs it)', () => {
    const defined = ['    env:', '    - name: hostname', '      valueFrom:', '        fieldRef:', '          fieldPath: spec.nodeName'];
    assert.deepEqual(
      validate(etcdPod(GUIDE, defined), { fileName: 'manifests/etcd.yaml' }).filter((f) => f.code === CODE),
      [],
    );
    assert.deepEqual(
      validate(etcdPod(GUIDE, ['    envFrom:', '    - configMapRef:', '        name: etcd-env']), {
        fileName: 'manifests/etcd.yaml',
      }).filter((f) => f.code === CODE),
      [],
    );
    const shell = etcdPod([]).replace(
      '    - etcd\n',
      '    - /bin/sh\n    - -c\n    - exec etcd --experimental-distributed-tracing-instance-id=$(hostname)\n',
    );
    assert.deepEqual(
      validate(shell, { fileName: 'manifests/etcd.yaml' }).filter((f) => f.code === CODE),
      [],
    );
  });

  it('follows expand.go: $$ escapes, an unclosed $( stays, names are case-sensitive', () => {
    assert.deepEqual(variableReferences('a=$$(HOST) b=$(HOST) c=$(x'), [{ name: 'HOST', start: 13, end: 20 }]);
    assert.deepEqual(
      variableReferences('$(A)$(B)').map((r) => r.name),
      ['A', 'B'],
    );
    const findings = validate(etcdPod(GUIDE, ['    env:', '    - name: HOSTNAME', '      value: x']), { fileName: 'manifests/etcd.yaml' });
    assert.equal(findings.filter((f) => f.code === CODE).length, 1, 'HOSTNAME does not define hostname');
  });

  it('the quick fix defines hostname from spec.nodeName, and the warning is gone', () => {
    const text = etcdPod(GUIDE);
    const [action] = actionsFor(text, CODE, { fileName: 'manifests/etcd.yaml' });
    assert.ok(action, 'no quick fix');
    const fixed = applyAction(text, action);
    assert.match(fixed, /    env:\n    - name: hostname\n      valueFrom:\n        fieldRef:\n          fieldPath: spec\.nodeName\n/);
    assert.deepEqual(
      validateText(fixed, { fileName: 'manifests/etcd.yaml' }).filter((f) => f.code === CODE),
      [],
    );
  });

  it('applies to kube-apiserver containers too; no quick fix when the name says nothing of its source', () => {
    const apiserver =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - command:\n    - kube-apiserver\n    - --advertise-address=$(ADVERTISE)\n    image: registry.k8s.io/kube-apiserver:v1.34.0\n    name: kube-apiserver\n';
    assert.equal(validate(apiserver, { fileName: 'manifests/kube-apiserver.yaml' }).filter((f) => f.code === CODE).length, 1);
    assert.deepEqual(
      actionsFor(apiserver, CODE, { fileName: 'manifests/kube-apiserver.yaml' }).filter((a) => a.fixes?.some((f) => f.code === CODE)),
      [],
    );
  });
});
