/**
 * neovim (Debian bookworm's 0.7.2) as a real third-party LSP client: it starts `node dist/server.js --stdio`
 * with the README's configuration, opens a broken tracing config and reads `vim.diagnostic`. neovim 0.7 does
 * not advertise workspace/configuration, so this also proves the push path (it sends its `settings` with
 * workspace/didChangeConfiguration right after initialize). The Lua side is test/editors/neovim/diagnostics.lua.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');
const SCRIPT = join(__dirname, 'neovim/diagnostics.lua');
const WAIT_SCRIPT = join(__dirname, 'neovim/wait-for-diagnostics.lua');
const README = join(ROOT, 'README.md');
const README_SECTION = '## Use the server from other editors';
const README_SERVER_PATH = '/path/to/kube-tracing/dist/server.js';

/** The ```lua block of the README's other-editors section, with the real server path. */
function readmeNeovimConfig(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf(README_SECTION));
  const block = /```lua\n([\s\S]*?)```/.exec(section);
  if (readme.indexOf(README_SECTION) < 0 || !block) throw new Error(`README.md has no \`${README_SECTION}\` section with a lua block`);
  if (!block[1]!.includes(README_SERVER_PATH)) throw new Error(`the README's lua block no longer names ${README_SERVER_PATH}`);
  return block[1]!.replace(README_SERVER_PATH, SERVER);
}
/** vim.diagnostic.severity.ERROR */
const ERROR = 1;

interface SeenDiagnostic {
  lnum: number;
  col: number;
  severity: number;
  message: string;
  source: string;
  code: string | null;
}
interface NeovimResult {
  error?: string;
  events: string[];
  filetype: string;
  opened: SeenDiagnostic[];
  edited?: SeenDiagnostic[];
  server_name: string;
  stopped: boolean;
}

function runNeovim(fileName: string, text: string, env: Record<string, string>): NeovimResult {
  const dir = mkdtempSync(join(tmpdir(), 'kube-tracing-nvim-'));
  try {
    const file = join(dir, fileName);
    const resultPath = join(dir, 'result.json');
    writeFileSync(file, text);
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '--noplugin', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: dir,
      env: { ...process.env, KT_SERVER: SERVER, KT_FILE: file, KT_RESULT: resultPath, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, ...env },
      timeout: 45000,
      encoding: 'utf8',
    });
    if (!existsSync(resultPath)) {
      throw new Error(`neovim wrote no result (exit ${run.status}, signal ${run.signal}): ${run.stderr}${run.error ?? ''}`);
    }
    return JSON.parse(readFileSync(resultPath, 'utf8')) as NeovimResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('neovim 0.7 as the LSP client', function () {
  this.timeout(60000);
  before(function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    if (spawnSync('nvim', ['--version']).status !== 0) throw new Error('nvim is not installed (apt-get install -y neovim)');
  });

  it('shows the Kubernetes messages for the version in its settings, then follows an edit', () => {
    const text = [
      'apiVersion: apiserver.config.k8s.io/v1', // v1 is served from 1.34; the settings say 1.33
      'kind: TracingConfiguration',
      'endpoint: localhost:4317',
      'samplingRatePerMillion: -5',
      '',
    ].join('\n');
    // An unserved apiVersion stops kube-apiserver at decoding: one finding. Writing a served one (v1beta1) lets
    // the file decode, and validation then reports the rate: the edit is followed and the rules run again.
    const result = runNeovim('tracing-config.yaml', text, {
      KT_VERSION: '1.33',
      KT_EXPECT: '1',
      KT_FIX_LINE: '0',
      KT_FIX_TEXT: 'apiVersion: apiserver.config.k8s.io/v1beta1',
    });
    assert.equal(result.error, undefined, JSON.stringify(result));
    assert.equal(result.filetype, 'yaml');
    assert.deepEqual(
      result.opened.map((d) => [d.lnum, d.code, d.source, d.severity]),
      [[0, 'tracing-config/api-version-not-served', 'kube-tracing', ERROR]],
    );
    assert.match(result.opened[0]!.message, /^no kind "TracingConfiguration" is registered for version "apiserver.config.k8s.io\/v1"/);
    assert.deepEqual(
      result.edited?.map((d) => [d.lnum, d.code]),
      [[3, 'tracing-config/sampling-rate-negative']],
    );
    assert.match(result.edited![0]!.message, /^samplingRatePerMillion: Invalid value: -5: sampling rate must be positive\n/);
    assert.equal(result.server_name, 'kube-tracing');
    assert.equal(result.stopped, true, `the server did not stop: ${result.events.join('; ')}`);
  });

  it('applies the tracingConfigFiles globs from its settings (a Lua list) to a file without apiVersion/kind', () => {
    const text = 'endpoint: localhost:4317\nsamplingRatePerMillion: 2000000\n';
    const result = runNeovim('apiserver-otel.yaml', text, { KT_VERSION: '1.34', KT_GLOBS: '**/*-otel.yaml', KT_EXPECT: '1' });
    assert.equal(result.error, undefined, JSON.stringify(result));
    assert.deepEqual(
      result.opened.map((d) => [d.lnum, d.code]),
      [[1, 'tracing-config/sampling-rate-too-large']],
    );
  });

  it("works with the README's init.lua as written (FileType autocmd, on_init settings)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-tracing-nvim-readme-'));
    try {
      const init = join(dir, 'init.lua');
      const file = join(dir, 'tracing-config.yaml');
      const resultPath = join(dir, 'result.json');
      writeFileSync(init, readmeNeovimConfig());
      // The README pins 1.33, where v1 is not served: that error proves the settings arrived.
      writeFileSync(file, 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -5\n');
      const run = spawnSync('nvim', ['--headless', '-u', init, '-i', 'NONE', '-n', file, '-c', `luafile ${WAIT_SCRIPT}`], {
        cwd: dir,
        env: { ...process.env, KT_RESULT: resultPath, KT_EXPECT: '1', XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
        timeout: 45000,
        encoding: 'utf8',
      });
      if (!existsSync(resultPath)) throw new Error(`neovim wrote no result (exit ${run.status}): ${run.stderr}${run.error ?? ''}`);
      const result = JSON.parse(readFileSync(resultPath, 'utf8')) as {
        error?: string;
        filetype: string;
        clients: string[];
        diagnostics: Array<{ lnum: number; code: string }>;
      };
      assert.equal(result.error, undefined, JSON.stringify(result));
      assert.equal(result.filetype, 'yaml');
      assert.deepEqual(result.clients, ['kube-tracing']);
      // One finding: an unserved apiVersion stops decoding before the rate is validated.
      assert.deepEqual(
        result.diagnostics.map((d) => [d.lnum, d.code]),
        [[0, 'tracing-config/api-version-not-served']],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
