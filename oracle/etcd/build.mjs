// Builds real etcd servers from the published module go.etcd.io/etcd/server/v3, one binary per release, into
// oracle/.bin/etcd-<version>. Reusable: any script (the pipeline tests of issue 13, other oracle areas) calls
//   const path = await etcdBinary('v3.7.3', { log });
// and gets the path of a binary built at most once per process (Go's build cache makes later runs cheap).
//
// How: server/main.go is etcd's own main (etcdmain.Main). Its dependencies are pinned per release by
// server/mods/<version>.mod and .sum (written once by `pinRelease`, then committed). The build copies the
// module from Go's module cache (verified against go.sum) into oracle/.bin/src/ and adds one file of ours to
// its etcdmain package that returns the flag set etcd's newConfig builds, so the binary can list the flags
// etcd really registers (KUBE_TRACING_ORACLE=flags). Go refuses -overlay for files in the module cache,
// hence the copy; nothing else in etcd is changed.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const serverDir = join(here, 'server');
export const binDir = join(here, '..', '.bin');
const MODULE = 'go.etcd.io/etcd/server/v3';

/** The Go environment every oracle command runs with: the installed toolchain, no ETCD_* leaking in. */
export function goEnv() {
  const env = { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local', GOFLAGS: '-buildvcs=false' };
  for (const key of Object.keys(env)) if (key.startsWith('ETCD_')) delete env[key];
  return env;
}

async function go(args, cwd = serverDir) {
  try {
    const { stdout } = await run('go', args, { cwd, env: goEnv(), maxBuffer: 64 << 20 });
    return stdout;
  } catch (error) {
    throw new Error(`go ${args.join(' ')} (in ${cwd}) failed:\n${error.stderr ?? error.message}`, { cause: error });
  }
}

export function modFile(version) {
  return join(serverDir, 'mods', `${version}.mod`);
}

/** Writes server/mods/<version>.mod and .sum for a release not pinned yet (`go mod tidy` against the proxy). */
export async function pinRelease(version, { log = () => {} } = {}) {
  const mod = modFile(version);
  if (existsSync(mod)) return mod;
  log(`pinning ${MODULE}@${version} (server/mods/${version}.mod)`);
  writeFileSync(mod, `module kube-tracing/oracle/etcd/server\n\ngo 1.24\n\nrequire ${MODULE} ${version}\n`);
  try {
    await go(['mod', 'tidy', `-modfile=${mod}`]);
  } catch (error) {
    rmSync(mod, { force: true });
    throw error;
  }
  return mod;
}

const SHIM = `// Added by kube-tracing's oracle build (oracle/etcd/build.mjs): the flag set etcd's own newConfig builds.
package etcdmain

import "flag"

func KubeTracingOracleFlagSet() *flag.FlagSet { return newConfig().cf.flagSet }
`;

const built = new Map();

/** The path of the etcd server binary of `version` (e.g. `v3.7.3`), built once per process. */
export function etcdBinary(version, options = {}) {
  if (!built.has(version)) built.set(version, buildEtcd(version, options));
  return built.get(version);
}

async function buildEtcd(version, { log = () => {}, pin = false } = {}) {
  const mod = pin ? await pinRelease(version, { log }) : modFile(version);
  if (!existsSync(mod)) throw new Error(`${mod} is missing: run \`node scripts/oracle.mjs etcd\` to pin etcd ${version}`);
  const started = Date.now();
  const download = JSON.parse(await go(['mod', 'download', `-modfile=${mod}`, '-json', `${MODULE}@${version}`]));
  if (download.Error) throw new Error(`go mod download ${MODULE}@${version}: ${download.Error}`);
  const source = join(binDir, 'src', `etcd-server-${version}`);
  const done = join(source, '.kube-tracing-copied');
  if (!existsSync(done)) {
    rmSync(source, { recursive: true, force: true });
    mkdirSync(dirname(source), { recursive: true });
    cpSync(download.Dir, source, { recursive: true });
    chmodRecursive(source);
    writeFileSync(join(source, 'etcdmain', 'zz_kube_tracing_oracle.go'), SHIM);
    writeFileSync(done, `${download.Dir}\n`);
  }
  const buildMod = join(binDir, 'src', `etcd-${version}.mod`);
  writeFileSync(buildMod, `${readFileSync(mod, 'utf8')}\nreplace ${MODULE} => ${source}\n`);
  writeFileSync(buildMod.replace(/\.mod$/, '.sum'), readFileSync(mod.replace(/\.mod$/, '.sum')));
  const binary = join(binDir, `etcd-${version}`);
  await go(['build', '-trimpath', `-modfile=${buildMod}`, '-o', binary, '.']);
  log(`built etcd ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${binary}`);
  return binary;
}

function chmodRecursive(path) {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chmodRecursive(child);
    else chmodSync(child, 0o644);
  }
}

/**
 * The versions of the modules a verdict depends on, as the build of `version` selected them: etcd's own, gRPC and
 * the OTLP trace exporter (which decide how the tracing address is dialled). { path: version }.
 */
export async function moduleVersions(version) {
  const listed = await go(['list', '-m', `-modfile=${modFile(version)}`, '-f', '{{.Path}} {{.Version}}', 'all']);
  const relevant = /^(go\.etcd\.io\/etcd\/|google\.golang\.org\/grpc$|go\.opentelemetry\.io\/otel\/exporters\/otlp)/;
  return Object.fromEntries(
    listed
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([path]) => relevant.test(path)),
  );
}

/** The flags etcd `version` registers, from its own flag set: [{ name, bool, default, usage }]. */
export async function etcdFlags(version, options = {}) {
  const binary = await etcdBinary(version, options);
  const { stdout } = await run(binary, [], { env: { ...goEnv(), KUBE_TRACING_ORACLE: 'flags' }, maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}
