import assert from 'node:assert/strict';
import { normalizeSettings } from '../../../common/src/settings';
import type { WorkspaceFiles } from '../../../server/src/service/context';
import type { Finding } from '../../../server/src/service/findings';
import { baseFileContext, validateSource } from '../../../server/src/service/languageService';
import { versionForReferencedFile, referencesTo } from '../../../server/src/service/rules/kube-apiserver';
import { Severity, where } from '../helpers';

/** An in-memory workspace: what the server's WorkspaceFiles gives the service (open editors, then disk). */
function workspaceOf(files: Record<string, string>): WorkspaceFiles {
  return { list: () => Object.keys(files), read: (path) => files[path] };
}

function check(path: string, files: Record<string, string>, kubernetesVersion = 'auto'): Finding[] {
  return validateSource(
    { uri: `file://${path}`, text: files[path]! },
    { settings: normalizeSettings({ kubernetesVersion }), workspaceFolders: ['/ws'], workspace: workspaceOf(files) },
  );
}

interface PodOptions {
  version: string;
  configPath?: string;
  hostPath?: string;
  volume?: string;
  dnsPolicy?: string;
}

/** kubeadm's static-pod layout; the --tracing-config-file flag is on line 9. */
function apiserverPod(options: PodOptions): string {
  const configPath = options.configPath ?? '/etc/kubernetes/tracing/tracing-config.yaml';
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --tracing-config-file=${configPath}
    image: registry.k8s.io/kube-apiserver:v${options.version}
    name: kube-apiserver
    volumeMounts:
    - mountPath: /etc/kubernetes/tracing
      name: tracing
      readOnly: true
  hostNetwork: true
${options.dnsPolicy ? `  dnsPolicy: ${options.dnsPolicy}\n` : ''}  volumes:
  - ${options.volume ?? `hostPath:\n      path: ${options.hostPath ?? '/etc/kubernetes/tracing'}\n      type: DirectoryOrCreate`}
    name: tracing
`;
}
const FLAG_LINE = 10;
const MANIFEST = '/ws/node1/etc/kubernetes/manifests/kube-apiserver.yaml';
const CONFIG = '/ws/node1/etc/kubernetes/tracing/tracing-config.yaml';
const V1 = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: localhost:4317\n';

describe('cross-file: the tracing config file of a kube-apiserver manifest', () => {
  it('1.33/1.34: v1 in a file mounted into a 1.33 apiserver is an error in that file, and summed up on the flag', () => {
    const files = { [MANIFEST]: apiserverPod({ version: '1.33.0' }), [CONFIG]: V1 };
    const inConfig = check(CONFIG, files);
    assert.deepEqual(where(inConfig), ['1:13 tracing-config/api-version-not-served']);
    assert.equal(
      inConfig[0]!.message,
      'no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io/v1" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:49"',
    );
    assert.match(inConfig[0]!.explanation, /Kubernetes 1\.33/);

    const onFlag = check(MANIFEST, files);
    assert.deepEqual(where(onFlag), [`${FLAG_LINE}:29 kube-apiserver/tracing-config-file-problems`]);
    assert.equal(onFlag[0]!.severity, Severity.Error);
    assert.equal(
      onFlag[0]!.message,
      '../tracing/tracing-config.yaml:1: no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io/v1" in scheme "k8s.io/apiserver/pkg/server/options/tracing.go:49"',
    );
    assert.equal(onFlag[0]!.related?.[0]?.uri, `file://${CONFIG}`);
    assert.equal(onFlag[0]!.related?.[0]?.range.start.line, 0);

    const files134 = { [MANIFEST]: apiserverPod({ version: '1.34.0' }), [CONFIG]: V1 };
    assert.deepEqual(check(CONFIG, files134), []);
    assert.deepEqual(check(MANIFEST, files134), []);
  });

  it("the config file's version comes from the referencing manifest, unless the setting names one", () => {
    const files = { [MANIFEST]: apiserverPod({ version: '1.33.0' }), [CONFIG]: V1 };
    const options = { settings: normalizeSettings({}), workspace: workspaceOf(files) };
    const references = referencesTo(CONFIG, options);
    assert.equal(references.length, 1);
    assert.deepEqual(versionForReferencedFile('auto', references), {
      version: { major: 1, minor: 33 },
      source: 'referencing-manifest',
      detail: MANIFEST,
    });
    // The context every consumer builds (validation, and the status bar through service/assist) carries it too.
    assert.deepEqual(
      baseFileContext({ uri: `file://${CONFIG}`, text: V1 }, options).defaultKubernetesVersion.source,
      'referencing-manifest',
    );
    assert.deepEqual(check(CONFIG, files, '1.36'), []);
  });

  it('1.31/1.32: an unknown field is ignored (Warning) by a 1.31 apiserver and refused (Error) by a 1.32 one', () => {
    const config = 'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nendpoint: localhost:4317\nfoo: 1\n';
    const on131 = check(CONFIG, { [MANIFEST]: apiserverPod({ version: '1.31.2' }), [CONFIG]: config });
    assert.deepEqual(where(on131), ['4:1 tracing-config/unknown-field']);
    assert.equal(on131[0]!.severity, Severity.Warning);
    const files132 = { [MANIFEST]: apiserverPod({ version: '1.32.0' }), [CONFIG]: config };
    const on132 = check(CONFIG, files132);
    assert.deepEqual(where(on132), ['4:1 tracing-config/unknown-field']);
    assert.equal(on132[0]!.severity, Severity.Error);
    assert.equal(on132[0]!.message, 'strict decoding error: unknown field "foo"');
    assert.equal(check(MANIFEST, files132)[0]!.message, '../tracing/tracing-config.yaml:4: strict decoding error: unknown field "foo"');
  });

  it('nothing when no workspace file matches: the file lives on the node', () => {
    assert.deepEqual(check(MANIFEST, { [MANIFEST]: apiserverPod({ version: '1.33.0' }) }), []);
  });

  it('matches by file name, next to the manifest first, and checks a file without apiVersion/kind', () => {
    const manifest = '/ws/clusterA/kube-apiserver.yaml';
    const near = '/ws/clusterA/apiserver-tracing.yaml';
    const far = '/ws/clusterB/apiserver-tracing.yaml';
    const files = {
      [manifest]: apiserverPod({
        version: '1.30.0',
        configPath: '/etc/kubernetes/tracing/apiserver-tracing.yaml',
        volume: 'configMap:\n      name: apiserver-tracing',
      }),
      [near]: 'samplingRatePerMillion: -1\n',
      [far]: 'samplingRatePerMillion: 5\n',
    };
    assert.deepEqual(where(check(near, files)), ['1:25 tracing-config/sampling-rate-negative']);
    assert.deepEqual(check(far, files), []); // not referenced, and its name does not match the tracing-config glob
    assert.equal(
      check(manifest, files)[0]!.message,
      'apiserver-tracing.yaml:1: samplingRatePerMillion: Invalid value: -1: sampling rate must be positive',
    );
  });

  it('a cluster DNS endpoint in the config of a hostNetwork static pod: Warning on the endpoint', () => {
    const config =
      'apiVersion: apiserver.config.k8s.io/v1beta1\nkind: TracingConfiguration\nendpoint: otel-collector.observability.svc:4317\n';
    const files = { [MANIFEST]: apiserverPod({ version: '1.30.0' }), [CONFIG]: config };
    const inConfig = check(CONFIG, files);
    assert.deepEqual(where(inConfig), ['3:11 kube-apiserver/cluster-dns-endpoint']);
    assert.equal(inConfig[0]!.severity, Severity.Warning);
    assert.equal(
      inConfig[0]!.message,
      "endpoint host otel-collector.observability.svc is a cluster DNS name, but kube-apiserver runs with hostNetwork: true and resolves names with the node's resolver",
    );
    assert.deepEqual(where(check(MANIFEST, files)), [`${FLAG_LINE}:29 kube-apiserver/tracing-config-file-problems`]);
    // dnsPolicy ClusterFirstWithHostNet gives a hostNetwork pod the cluster's DNS; node-local names are fine.
    assert.deepEqual(
      check(CONFIG, { [MANIFEST]: apiserverPod({ version: '1.30.0', dnsPolicy: 'ClusterFirstWithHostNet' }), [CONFIG]: config }),
      [],
    );
    assert.deepEqual(check(CONFIG, { ...files, [CONFIG]: config.replace('otel-collector.observability.svc', 'localhost') }), []);
    assert.deepEqual(
      where(
        check(CONFIG, {
          ...files,
          [CONFIG]: config.replace('otel-collector.observability.svc:4317', 'dns:///otel.obs.svc.cluster.local.:4317'),
        }),
      ),
      ['3:11 kube-apiserver/cluster-dns-endpoint'],
    );
  });
});
