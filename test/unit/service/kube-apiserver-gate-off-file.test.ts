/**
 * A kube-apiserver with APIServerTracing off never reads its --tracing-config-file (k/k
 * pkg/controlplane/apiserver/config.go BuildGenericConfig: ApplyTo only when the gate is enabled): the gate-off
 * warning is the one thing to say on the manifest, and the file's own problems are Information until the gate is
 * on. A real report: a 1.26 manifest was given an error for its config file's apiVersion.
 */
import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../common/src/settings';
import type { Finding } from '../../../server/src/service/findings';
import { validateSource } from '../../../server/src/service/languageService';
import { Severity } from '../helpers';

const MANIFEST = '/ws/node1/etc/kubernetes/manifests/kube-apiserver.yaml';
const CONFIG = '/ws/node1/etc/kubernetes/tracing/tracing-config.yaml';
/** v1 is not served before 1.34: kube-apiserver 1.26 refuses it when it reads the file. */
const V1 = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n';

function manifest(version: string, gates?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
${gates ? `    - --feature-gates=${gates}\n` : ''}    - --tracing-config-file=/etc/kubernetes/tracing/tracing-config.yaml
    image: registry.k8s.io/kube-apiserver:v${version}
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
}

function check(path: string, files: Record<string, string>): Finding[] {
  const workspace = { list: () => Object.keys(files), read: (p: string) => files[p] };
  return validateSource(
    { uri: `file://${path}`, text: files[path]! },
    { settings: normalizeSettings({}), workspaceFolders: ['/ws'], workspace },
  );
}

const bySeverity = (findings: Finding[]) => findings.map((f) => `${f.code} ${Severity[f.severity]}`);

describe('cross-file: a tracing config file that kube-apiserver does not read (APIServerTracing off)', () => {
  it('1.26, gate off by default: the manifest gets the gate-off warning only, the file an Information', () => {
    const files = { [MANIFEST]: manifest('1.26.0'), [CONFIG]: V1 };
    assert.deepEqual(bySeverity(check(MANIFEST, files)), ['kube-apiserver/tracing-gate-off Warning']);
    const inFile = check(CONFIG, files);
    assert.deepEqual(bySeverity(inFile), ['tracing-config/api-version-not-served Information']);
    assert.match(
      inFile[0]!.explanation,
      /^Not a problem yet: the kube-apiserver of node1\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml runs with the APIServerTracing feature gate off/,
    );
  });

  it('1.27, gate turned off explicitly: the same', () => {
    const files = { [MANIFEST]: manifest('1.27.0', 'APIServerTracing=false'), [CONFIG]: V1 };
    assert.deepEqual(bySeverity(check(MANIFEST, files)), ['kube-apiserver/tracing-gate-disabled Warning']);
    assert.deepEqual(bySeverity(check(CONFIG, files)), ['tracing-config/api-version-not-served Information']);
  });

  it('1.26 with the gate on: the file is read, and refused, in both places', () => {
    const files = { [MANIFEST]: manifest('1.26.0', 'APIServerTracing=true'), [CONFIG]: V1 };
    assert.deepEqual(bySeverity(check(MANIFEST, files)), ['kube-apiserver/tracing-config-file-problems Error']);
    assert.deepEqual(bySeverity(check(CONFIG, files)), ['tracing-config/api-version-not-served Error']);
  });
});

describe('cross-file: a tracing config file elsewhere in the node tree than the mount says', () => {
  it('a Warning on the flag naming where the file is and where it must go; in manifests/, the kubelet reads it too', () => {
    const misplaced = '/ws/node1/etc/kubernetes/manifests/tracing-config.yaml';
    const files: Record<string, string> = {
      [MANIFEST]: manifest('1.30.0'),
      [misplaced]: 'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nendpoint: localhost:4317\n',
    };
    const findings = validateSource(
      { uri: `file://${MANIFEST}`, text: files[MANIFEST]! },
      {
        settings: normalizeSettings({}),
        workspaceFolders: ['/ws'],
        workspace: { list: () => Object.keys(files), read: (p: string) => files[p] },
      },
    );
    const elsewhere = findings.filter((f) => f.code === 'kube-apiserver/tracing-config-file-elsewhere');
    assert.equal(elsewhere.length, 1, JSON.stringify(findings.map((f) => f.code)));
    assert.equal(elsewhere[0]!.severity, Severity.Warning);
    assert.equal(
      elsewhere[0]!.message,
      'node1/etc/kubernetes/manifests/tracing-config.yaml is at /etc/kubernetes/manifests/tracing-config.yaml on the node, but kube-apiserver reads /etc/kubernetes/tracing/tracing-config.yaml, which the volume maps to /etc/kubernetes/tracing/tracing-config.yaml',
    );
    assert.match(
      elsewhere[0]!.explanation,
      /the kubelet also reads it as a static pod.*Move it to node1\/etc\/kubernetes\/tracing\/tracing-config\.yaml/,
    );
  });

  it('the same in a kubeadm folder copied alone (<dir>/manifests is /etc/kubernetes/manifests)', () => {
    const manifestPath = '/ws/cp/manifests/kube-apiserver.yaml';
    const files: Record<string, string> = {
      [manifestPath]: manifest('1.30.0'),
      '/ws/cp/manifests/tracing-config.yaml': 'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\n',
    };
    const elsewhere = check(manifestPath, files).filter((f) => f.code === 'kube-apiserver/tracing-config-file-elsewhere');
    assert.equal(elsewhere.length, 1);
    assert.match(
      elsewhere[0]!.message,
      /^cp\/manifests\/tracing-config\.yaml is at \/etc\/kubernetes\/manifests\/tracing-config\.yaml on the node/,
    );
    assert.match(elsewhere[0]!.explanation, /Move it to cp\/tracing\/tracing-config\.yaml/);
    // Where Enable Tracing writes it (cp/tracing/): no warning.
    const placed = {
      [manifestPath]: manifest('1.30.0'),
      '/ws/cp/tracing/tracing-config.yaml': 'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\n',
    };
    assert.deepEqual(
      check(manifestPath, placed).map((f) => f.code),
      [],
    );
  });

  it('nothing when the file is where the mount says', () => {
    const findings = check(MANIFEST, {
      [MANIFEST]: manifest('1.30.0'),
      [CONFIG]: 'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nendpoint: localhost:4317\n',
    });
    assert.deepEqual(
      findings.map((f) => f.code),
      [],
    );
  });
});
