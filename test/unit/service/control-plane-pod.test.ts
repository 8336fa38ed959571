import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../common/src/settings';
import type { FileContext } from '../../../server/src/service/context';
import { controlPlanePodType, readControlPlanePod, type ControlPlanePod } from '../../../server/src/service/rules/control-plane-pod';
import etcdVersions from '../../../schemas/etcd-versions.json';
import { etcdArgv, readEtcdCommandLine } from '../../../server/src/service/rules/etcd/argv';
import { isEtcdBoolFlag } from '../../../server/src/service/rules/etcd/facts';
import { parseFile } from '../../../server/src/service/yaml/parse';

function podFrom(text: string, kubernetesVersion = 'auto'): { pod: ControlPlanePod | null; text: string } {
  const file = parseFile('file:///workspace/manifest.yaml', text);
  const settings = normalizeSettings({ kubernetesVersion });
  return { pod: readControlPlanePod(file.documents[0]!, file, settings), text };
}

/** The head of kubeadm's kube-apiserver static pod (cmd/kubeadm/app/phases/controlplane/manifests.go layout). */
const KUBEADM_APISERVER = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=192.168.0.10
    - --allow-privileged=true
    - --tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml
    image: registry.k8s.io/kube-apiserver:v1.30.2
    name: kube-apiserver
    volumeMounts:
    - mountPath: /etc/kubernetes/tracing
      name: tracing
      readOnly: true
  hostNetwork: true
  volumes:
  - hostPath:
      path: /etc/kubernetes/tracing
      type: DirectoryOrCreate
    name: tracing
`;

describe('control-plane pod: recognition', () => {
  it("recognizes kubeadm's kube-apiserver static pod, with its image version, hostNetwork, mounts and volumes", () => {
    const { pod } = podFrom(KUBEADM_APISERVER);
    assert.ok(pod);
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.hostNetwork, true);
    assert.equal(pod.containers.length, 1);
    const container = pod.containers[0]!;
    assert.equal(container.component, 'kube-apiserver');
    assert.equal(container.recognizedBy, 'command');
    assert.deepEqual(container.kubernetesVersion, {
      version: { major: 1, minor: 30 },
      source: 'image-tag',
      detail: 'registry.k8s.io/kube-apiserver:v1.30.2',
    });
    assert.deepEqual(
      container.volumeMounts.map((m) => [m.name, m.mountPath]),
      [['tracing', '/etc/kubernetes/tracing']],
    );
    assert.deepEqual(
      pod.volumes.map((v) => [v.name, v.source, v.hostPath]),
      [['tracing', 'hostPath', '/etc/kubernetes/tracing']],
    );
  });

  it('the setting wins over the image tag', () => {
    const { pod } = podFrom(KUBEADM_APISERVER, '1.27');
    assert.deepEqual(pod!.containers[0]!.kubernetesVersion, { version: { major: 1, minor: 27 }, source: 'setting' });
  });

  it('recognizes /usr/local/bin/kube-apiserver and etcd by command, and by image alone', () => {
    const byPath = podFrom(
      'kind: Pod\nspec:\n  containers:\n  - name: a\n    image: example.com/custom:1\n    command: [/usr/local/bin/kube-apiserver, --v=2]\n',
    ).pod;
    assert.equal(byPath!.containers[0]!.component, 'kube-apiserver');
    const etcdByImage = podFrom(
      'kind: Pod\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.9-0\n    args: [--name=m1]\n',
    ).pod;
    assert.equal(etcdByImage!.containers[0]!.component, 'etcd');
    assert.equal(etcdByImage!.containers[0]!.recognizedBy, 'image');
    assert.deepEqual(
      etcdByImage!.containers[0]!.flags.map((f) => [f.name, f.value]),
      [['name', 'm1']],
    );
  });

  it('recognizes the pod template of a Deployment, DaemonSet and StatefulSet', () => {
    for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet']) {
      const text = `apiVersion: apps/v1\nkind: ${kind}\nspec:\n  template:\n    spec:\n      containers:\n      - name: apiserver\n        image: registry.k8s.io/kube-apiserver:v1.29.0\n        command: [kube-apiserver]\n`;
      assert.equal(podFrom(text).pod?.containers[0]?.component, 'kube-apiserver', kind);
    }
  });

  it('ignores unrelated pods and other kinds, even with "etcd" in a name', () => {
    assert.equal(
      podFrom('kind: Pod\nspec:\n  containers:\n  - name: etcd-backup\n    image: busybox\n    command: [etcdctl, snapshot]\n').pod,
      null,
    );
    assert.equal(podFrom('kind: Service\nspec:\n  selector: {component: kube-apiserver}\n').pod, null);
    assert.equal(podFrom('kind: Pod\nspec:\n  containers:\n  - name: x\n    image: registry.k8s.io/etcd-operator:v1\n').pod, null);
  });
});

describe('control-plane pod: flag extraction', () => {
  it('reads --name=value with exact offsets of the name and the value', () => {
    const { pod, text } = podFrom(KUBEADM_APISERVER);
    const flag = pod!.containers[0]!.flags.find((f) => f.name === 'tracing-config-file')!;
    assert.equal(flag.form, 'equals');
    assert.equal(flag.value, '/etc/kubernetes/tracing/tracing-config.yaml');
    assert.equal(text.slice(flag.nameStart, flag.nameEnd), '--tracing-config-file');
    assert.equal(text.slice(flag.valueStart, flag.valueEnd), '/etc/kubernetes/tracing/tracing-config.yaml');
    assert.deepEqual(
      pod!.containers[0]!.flags.map((f) => f.name),
      ['advertise-address', 'allow-privileged', 'tracing-config-file'],
    );
  });

  it('reads --name value from the next item, in command and in args, and across command into args', () => {
    const text = `kind: Pod
spec:
  containers:
  - name: kube-apiserver
    command:
    - kube-apiserver
    - --feature-gates
    - "APIServerTracing=true"
    - --tracing-config-file
    args:
    - /etc/tracing.yaml
    - --v
    - '4'
`;
    const { pod } = podFrom(text);
    const flags = pod!.containers[0]!.flags;
    assert.deepEqual(
      flags.map((f) => [f.name, f.value, f.form]),
      [
        ['feature-gates', 'APIServerTracing=true', 'next-item'],
        ['tracing-config-file', '/etc/tracing.yaml', 'next-item'],
        ['v', '4', 'next-item'],
      ],
    );
    // Offsets inside quotes point at the text, not the quote.
    assert.equal(text.slice(flags[0]!.valueStart, flags[0]!.valueEnd), 'APIServerTracing=true');
    assert.equal(text.slice(flags[2]!.valueStart, flags[2]!.valueEnd), '4');
  });

  it('a boolean flag or a flag followed by a flag has no value; "--" ends the flags; single-dash is kept as such', () => {
    const text = `kind: Pod
spec:
  containers:
  - name: etcd
    command: [etcd, --experimental-enable-distributed-tracing, stray, --name, --data-dir=/var/lib/etcd, -listen-client-urls, http://x, --, --not-a-flag=1]
`;
    const flags = podFrom(text).pod!.containers[0]!.flags;
    assert.deepEqual(
      flags.map((f) => [f.dashes, f.name, f.value ?? null, f.form]),
      [
        ['--', 'experimental-enable-distributed-tracing', null, 'bare'],
        ['--', 'name', null, 'bare'],
        ['--', 'data-dir', '/var/lib/etcd', 'equals'],
        ['-', 'listen-client-urls', 'http://x', 'next-item'],
      ],
    );
  });

  it('does not split a shell command (sh -c is out of scope)', () => {
    const text =
      'kind: Pod\nspec:\n  containers:\n  - name: a\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: [sh, -c, "kube-apiserver --tracing-config-file=/x"]\n';
    const container = podFrom(text).pod!.containers[0]!;
    assert.equal(container.flagsReadable, false);
    assert.deepEqual(container.flags, []);
  });

  it('falls back to the whole item when a double-quoted scalar has escapes', () => {
    const text =
      'kind: Pod\nspec:\n  containers:\n  - name: a\n    command: [kube-apiserver, "--tracing-config-file=/etc/k\\u0038s.yaml"]\n';
    const flag = podFrom(text).pod!.containers[0]!.flags[0]!;
    assert.equal(flag.value, '/etc/k8s.yaml');
    assert.equal(text.slice(flag.valueStart, flag.valueEnd), '"--tracing-config-file=/etc/k\\u0038s.yaml"');
  });
});

describe('control-plane pod: the document type', () => {
  it("dispatches each container to its component's rules, and re-reads a reused document when the version setting changes", () => {
    const seen: string[] = [];
    const type = controlPlanePodType({
      'kube-apiserver': (_pod, container) => {
        seen.push(`${container.component} ${container.kubernetesVersion.version.minor} ${container.kubernetesVersion.source}`);
        return [];
      },
    });
    const text = KUBEADM_APISERVER.replace(
      '    name: kube-apiserver\n',
      '    name: kube-apiserver\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.9-0\n    command: [etcd]\n',
    );
    const file = parseFile('file:///workspace/manifest.yaml', text);
    const context = (kubernetesVersion: string): FileContext => ({
      file,
      path: '/workspace/manifest.yaml',
      options: { settings: normalizeSettings({ kubernetesVersion }) },
      matchesTracingConfigGlob: false,
      defaultKubernetesVersion: { version: { major: 1, minor: 36 }, source: 'default' },
    });
    const document = file.documents[0]!;
    for (const setting of ['auto', '1.27']) {
      assert.ok(type.recognize(document, context(setting)));
      type.validate(document, context(setting));
    }
    // etcd has no rules registered here: recognized, not dispatched.
    assert.deepEqual(seen, ['kube-apiserver 30 image-tag', 'kube-apiserver 27 setting']);
  });
});

describe('control-plane pod: one read per parsed document', () => {
  it('reads a document once for the same file and setting (rules and assist share it), again for another file or setting', () => {
    const file = parseFile('file:///workspace/manifest.yaml', KUBEADM_APISERVER);
    const document = file.documents[0]!;
    const auto = normalizeSettings({ kubernetesVersion: 'auto' });
    const first = readControlPlanePod(document, file, auto);
    assert.ok(first);
    assert.equal(readControlPlanePod(document, file, normalizeSettings({ kubernetesVersion: 'auto' })), first);
    // The document type reads through the same memo: recognize() hands validate() the pod assist already read.
    const handed: ControlPlanePod[] = [];
    const type = controlPlanePodType({ 'kube-apiserver': (pod) => (handed.push(pod), []) });
    const context: FileContext = {
      file,
      path: '/workspace/manifest.yaml',
      options: { settings: auto },
      matchesTracingConfigGlob: false,
      defaultKubernetesVersion: { version: { major: 1, minor: 36 }, source: 'default' },
    };
    assert.ok(type.recognize(document, context));
    type.validate(document, context);
    assert.deepEqual(
      handed.map((pod) => pod === first),
      [true],
    );
    // Another setting changes the versions in force: a fresh read, not the memo.
    const pinned = readControlPlanePod(document, file, normalizeSettings({ kubernetesVersion: '1.27' }));
    assert.notEqual(pinned, first);
    assert.equal(pinned!.containers[0]!.kubernetesVersion.source, 'setting');
    // The same document reused in another file (incremental parsing): a fresh read, whose pod names that file.
    const reused = { ...file, documents: [document] };
    const again = readControlPlanePod(document, reused, auto);
    assert.notEqual(again, first);
    assert.equal(again!.file, reused);
  });
});

describe('control-plane pod: etcd bool flags are those the etcd rules read with', () => {
  /** Both readings of an etcd container's argv: the pod model's (quick fixes) and etcd's own (diagnostics). */
  function bothReadings(argv: string[]) {
    const text = `kind: Pod\nspec:\n  containers:\n  - name: etcd\n    command: [${['etcd', ...argv].map((item) => JSON.stringify(item)).join(', ')}]\n`;
    const file = parseFile('file:///workspace/etcd.yaml', text);
    const container = readControlPlanePod(file.documents[0]!, file, normalizeSettings({}))!.containers[0]!;
    const etcd = readEtcdCommandLine(file, etcdArgv(container), { isBool: isEtcdBoolFlag, isKnown: () => true });
    return { pod: container.flags, etcd: etcd.flags };
  }

  it('a flag of the data list (--unsafe-no-fsync) followed by another flag, or by a non-flag item, takes no value in either reading', () => {
    const followedByFlag = bothReadings(['--unsafe-no-fsync', '--name=default']);
    assert.deepEqual(
      followedByFlag.pod.map((f) => [f.name, f.form, f.value ?? null]),
      [
        ['unsafe-no-fsync', 'bare', null],
        ['name', 'equals', 'default'],
      ],
    );
    assert.deepEqual(
      followedByFlag.etcd.map((f) => [f.name, f.form, f.nameStart, f.valueEnd]),
      followedByFlag.pod.map((f) => [f.name, f.form, f.nameStart, f.valueEnd]),
    );
    // Go's flag stops at `stray` (a positional argument); the pod model must not read it as the flag's value either.
    const followedByItem = bothReadings(['--unsafe-no-fsync', 'stray']);
    assert.deepEqual(
      followedByItem.pod.map((f) => [f.name, f.form, f.valueEnd]),
      followedByItem.etcd.map((f) => [f.name, f.form, f.valueEnd]),
    );
  });

  it('every bool flag of schemas/etcd-versions.json is bare in the pod model, as etcd reads it', () => {
    for (const name of etcdVersions.boolFlags) {
      const { pod, etcd } = bothReadings([`--${name}`, 'x']);
      assert.deepEqual(
        pod.map((f) => [f.name, f.form, f.valueEnd]),
        etcd.map((f) => [f.name, f.form, f.valueEnd]),
        name,
      );
    }
  });
});
