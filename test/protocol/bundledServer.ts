/**
 * The language server bundled as the extension ships it, for protocol tests that start it over stdio. The bundle
 * goes inside the clone (`.vscode-test/`), because the server finds `schemas/` by walking up from its bundle
 * (server/src/service/collector/catalog.ts): from a system temp directory the rules that need that data would be
 * silently off.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Bundles server/src/server.ts into a fresh directory under `parent` (inside the clone unless told otherwise) and
 * returns it (the caller removes it).
 */
export async function bundleServer(parent = join(__dirname, '../../.vscode-test')): Promise<string> {
  mkdirSync(parent, { recursive: true });
  const directory = mkdtempSync(join(parent, 'server-'));
  await esbuild.build({
    entryPoints: [join(__dirname, '../../server/src/server.ts')],
    outfile: join(directory, 'server.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'error',
    define: { SERVER_VERSION: '"test"' },
  });
  return directory;
}
