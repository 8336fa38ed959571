// Installs the npm dependencies (`npm ci`) when node_modules is missing or was installed from another
// package-lock.json. The lockfile's hash is kept in node_modules/.kube-tracing-lock: a file-time comparison would
// reinstall after every checkout (git writes package-lock.json anew), and `npm ci` through a node_modules that is a
// symlink (a git worktree sharing another checkout's) would empty the other checkout's.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} root the repository root @returns {boolean} false when npm ci failed */
export function ensureNpmDependencies(root) {
  const lockHash = createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
  const stamp = join(root, 'node_modules/.kube-tracing-lock');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) return true;
  console.log('== installing npm dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return false;
  writeFileSync(stamp, `${lockHash}\n`);
  return true;
}
