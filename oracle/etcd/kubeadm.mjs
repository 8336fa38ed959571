// The etcd release kubeadm deploys with each Kubernetes minor, read from kubeadm's own code in the published
// module k8s.io/kubernetes (cmd/kubeadm/app/constants/constants.go) of the releases in releases.json
// (`kubeadmReleases`): its SupportedEtcdVersion map, resolved the way its EtcdSupportedVersion does (the entry of
// the control plane's minor, else the nearest key, with a warning), for a control plane of the release's own minor.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { goEnv } from './build.mjs';

const run = promisify(execFile);
const CONSTANTS = 'cmd/kubeadm/app/constants/constants.go';

/**
 * SupportedEtcdVersion of one kubeadm release: { minor: etcd image tag }. Keys are integer literals, or (1.35)
 * `uint8(getSkewedKubernetesVersion(n).Minor())`, which is the release's own minor + n (getSkewedKubernetesVersionImpl
 * adds n to the minor of the version kubeadm was built as).
 */
export function supportedEtcdVersion(source, release) {
  const block = /SupportedEtcdVersion = map\[uint8\]string\{([^}]*)\}/.exec(source);
  if (!block) throw new Error(`k8s.io/kubernetes@${release} ${CONSTANTS}: no SupportedEtcdVersion map`);
  const ownMinor = Number(release.replace(/^v/, '').split('.')[1]);
  const map = {};
  for (const line of block[1]
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//'))) {
    const literal = /^(\d+):\s*"([^"]+)",?$/.exec(line);
    const skewed = /^uint8\(getSkewedKubernetesVersion\((-?\d+)\)\.Minor\(\)\):\s*"([^"]+)",?$/.exec(line);
    if (literal) map[Number(literal[1])] = literal[2];
    else if (skewed) map[ownMinor + Number(skewed[1])] = skewed[2];
    else throw new Error(`k8s.io/kubernetes@${release} ${CONSTANTS}: cannot read SupportedEtcdVersion entry ${JSON.stringify(line)}`);
  }
  return map;
}

/** kubeadm's EtcdSupportedVersion: the entry of `minor`, else the lowest or highest key's, whichever is nearer. */
export function etcdFor(map, minor) {
  if (map[minor] !== undefined) return { image: map[minor], exact: true };
  const keys = Object.keys(map).map(Number);
  const nearest = minor < Math.min(...keys) ? Math.min(...keys) : Math.max(...keys);
  return { image: map[nearest], exact: false };
}

/** kubeadmPairing for schemas/etcd-versions.json: one entry per Kubernetes minor, from the kubeadm releases read. */
export async function kubeadmPairing(releases, log) {
  const byMinor = new Map();
  for (const release of releases) {
    // A release that needs a newer Go than the installed one (1.38 wants 1.27) is downloaded with that toolchain.
    const { stdout } = await run('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${release}`], {
      env: { ...goEnv(), GOTOOLCHAIN: 'auto' },
      cwd: join(import.meta.dirname, 'flagsource'),
      maxBuffer: 16 << 20,
    });
    const download = JSON.parse(stdout);
    if (download.Error) throw new Error(`go mod download k8s.io/kubernetes@${release}: ${download.Error}`);
    const source = readFileSync(join(download.Dir, CONSTANTS), 'utf8');
    const minor = Number(release.replace(/^v/, '').split('.')[1]);
    const { image, exact } = etcdFor(supportedEtcdVersion(source, release), minor);
    const kubernetes = `1.${minor}`;
    if (!byMinor.has(kubernetes)) byMinor.set(kubernetes, { kubernetes, etcd: '', kubeadm: [] });
    byMinor.get(kubernetes).kubeadm.push({ release, image, ...(exact ? {} : { nearestKey: true }) });
  }
  const pairing = [...byMinor.values()].sort((a, b) => Number(a.kubernetes.split('.')[1]) - Number(b.kubernetes.split('.')[1]));
  for (const entry of pairing) {
    const minors = new Set(entry.kubeadm.map((k) => k.image.split('.').slice(0, 2).join('.')));
    if (minors.size !== 1)
      throw new Error(`kubeadm ${entry.kubernetes} patch releases pair different etcd minors: ${[...minors].join(', ')}`);
    entry.etcd = [...minors][0];
  }
  log(`read kubeadm's etcd pairing from ${releases.length} k8s.io/kubernetes releases`);
  return pairing;
}
