/**
 * The static pods a cluster config stands for, written out, so each form's test can assert that the form gets the
 * same verdicts (severity, code, message) as the pod the tool would run. The pods follow kubeadm's layout
 * (cmd/kubeadm/app/phases/controlplane/manifests.go, phases/etcd/local.go), trimmed to what tracing touches,
 * with kubeadm's default kube-apiserver mounts (phases/controlplane/volumes.go: the certificates dir and
 * /etc/ssl/certs).
 */
import type { Finding } from '../../../../server/src/service/findings';
import { validate } from '../../helpers';

export interface Mount {
  name: string;
  hostPath: string;
  mountPath: string;
}

export interface ComponentSpec {
  /** `1.30` or `1.30.2`: the image tag of the pod. */
  version: string;
  apiServerArgs?: Array<[string, string]>;
  mounts?: Mount[];
  etcdArgs?: Array<[string, string]>;
  /** The etcd image tag (`3.5.9-0`); without it the pod's etcd version comes from the Kubernetes version, as kubeadm pairs it. */
  etcdImageTag?: string;
}

const KUBEADM_MOUNTS: Mount[] = [
  { name: 'k8s-certs', hostPath: '/etc/kubernetes/pki', mountPath: '/etc/kubernetes/pki' },
  { name: 'ca-certs', hostPath: '/etc/ssl/certs', mountPath: '/etc/ssl/certs' },
];

const patch = (version: string) => (/^\d+\.\d+$/.test(version) ? `${version}.0` : version);

export function apiServerPod(spec: ComponentSpec): string {
  const mounts = [...KUBEADM_MOUNTS, ...(spec.mounts ?? [])];
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=192.168.56.10
${(spec.apiServerArgs ?? []).map(([name, value]) => `    - ${JSON.stringify(`--${name}=${value}`)}`).join('\n')}
    image: registry.k8s.io/kube-apiserver:v${patch(spec.version)}
    name: kube-apiserver
    volumeMounts:
${mounts.map((m) => `    - mountPath: ${m.mountPath}\n      name: ${m.name}\n      readOnly: true`).join('\n')}
  hostNetwork: true
  volumes:
${mounts.map((m) => `  - hostPath:\n      path: ${m.hostPath}\n    name: ${m.name}`).join('\n')}
`;
}

export function etcdPod(spec: ComponentSpec): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --data-dir=/var/lib/etcd
${(spec.etcdArgs ?? []).map(([name, value]) => `    - ${JSON.stringify(`--${name}=${value}`)}`).join('\n')}
    image: registry.k8s.io/etcd${spec.etcdImageTag ? `:${spec.etcdImageTag}` : ''}
    name: etcd
  hostNetwork: true
`;
}

/** What a verdict is: the severity, the code and the component's own message; positions and explanations differ by form. */
export function verdicts(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code} ${f.message}`).sort();
}

/** The verdicts on the equivalent static pods, checked at the spec's version (the pods' etcd has no tag unless given). */
export function podVerdicts(spec: ComponentSpec): string[] {
  const minor = spec.version.split('.').slice(0, 2).join('.');
  const apiserver = spec.apiServerArgs?.length ? validate(apiServerPod(spec), { fileName: '/cluster/manifests/kube-apiserver.yaml' }) : [];
  // Without an image tag the pod's etcd is judged at the Kubernetes minor kubeadm pairs: the setting gives the minor.
  const etcd = spec.etcdArgs?.length
    ? validate(etcdPod(spec), { fileName: '/cluster/manifests/etcd.yaml', ...(spec.etcdImageTag ? {} : { version: minor }) })
    : [];
  return verdicts([...apiserver, ...etcd]);
}
