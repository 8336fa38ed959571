/**
 * The boundaries between the sides, checked on every import of every source file (README "Architecture"):
 * - media/ (the webview: DOM, no Node) imports only media/ and common/, no `node:` module and no `vscode`;
 * - common/ imports only common/ and never `vscode`, Node built-ins or the client, server or webview;
 * - client/ never imports server/ or media/; server/ never imports client/, media/ or `vscode`;
 * - the service (server/src/service/) is pure: no LSP server, no VS Code, no file system, nothing of the server's
 *   adapters; the adapters (handlers, workspace view, CLI, server.ts) use it through its entry,
 *   server/src/service/index.ts, never through a single rule or assist module.
 * The per-side tsconfig files enforce the globals (DOM or Node); this test enforces the imports.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * Imports the rules below let through, each with its reason. Keep this list short: an entry is a debt.
 * The Collector catalogue reads the generated schemas/collector/*.json at run time (they may be absent, then the
 * Collector rules say nothing); it should receive the catalogue from its caller or import the JSON as the other
 * schemas are imported, so the service stays free of file-system access.
 */
const KNOWN_EXCEPTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['server/src/service/collector/catalog.ts', ['node:fs', 'node:path']],
]);
const excepted = (i: Import): boolean => KNOWN_EXCEPTIONS.get(i.file.split(sep).join('/'))?.includes(i.specifier) ?? false;

/** Every module specifier of a TypeScript source: static imports and re-exports, `import()` and `require()`. */
function importSpecifiers(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.push(match[1] as string);
  return specifiers;
}

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** An import as a rule sees it: the repository-relative path of a relative import, else the package name. */
interface Import {
  readonly file: string;
  readonly specifier: string;
  /** `server/src/service/index` style path (posix) for a relative import; undefined for a package. */
  readonly target?: string;
}

function importsOf(folder: string): Import[] {
  return sourceFiles(folder).flatMap((file) =>
    importSpecifiers(readFileSync(join(ROOT, file), 'utf8')).map((specifier) => {
      if (!specifier.startsWith('.')) return { file, specifier };
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier))
        .split(sep)
        .join('/');
      return { file, specifier, target };
    }),
  );
}

/** The imports breaking a rule, as `file: specifier` lines (so a failure names them all). */
function violations(imports: readonly Import[], forbidden: (i: Import) => boolean): string[] {
  return imports.filter((i) => forbidden(i) && !excepted(i)).map((i) => `${i.file}: '${i.specifier}'`);
}

const under = (i: Import, ...folders: string[]): boolean =>
  i.target !== undefined && folders.some((f) => i.target === f || i.target!.startsWith(`${f}/`));
const isNodeBuiltin = (i: Import): boolean => i.specifier.startsWith('node:');

describe('architecture: imports stay within their side', () => {
  it('finds the imports of a source (the scanner itself)', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "import './side-effect';",
      "const d = await import('./d');",
      'const e = require("e");',
      'import {',
      '  f,',
      "} from 'f';",
    ].join('\n');
    assert.deepEqual(importSpecifiers(source).sort(), ['../b', './a', './c', './d', './side-effect', 'e', 'f']);
  });

  it('media/ (the webview) imports only media/ and common/, nothing of Node or VS Code', () => {
    const imports = importsOf('media/src');
    assert.ok(imports.length > 10, 'the scan found the webview imports');
    assert.deepEqual(
      violations(imports, (i) => (i.target ? !under(i, 'media/src', 'common/src') : isNodeBuiltin(i) || i.specifier === 'vscode')),
      [],
    );
  });

  it('common/ imports only common/ and no Node built-in or VS Code', () => {
    const imports = importsOf('common/src');
    assert.deepEqual(
      violations(imports, (i) => (i.target ? !under(i, 'common/src') : isNodeBuiltin(i) || i.specifier === 'vscode')),
      [],
    );
  });

  it('client/ never imports the server or the webview', () => {
    assert.deepEqual(
      violations(importsOf('client/src'), (i) => under(i, 'server', 'media')),
      [],
    );
  });

  it('server/ never imports the client, the webview or VS Code', () => {
    assert.deepEqual(
      violations(importsOf('server/src'), (i) => under(i, 'client', 'media') || i.specifier === 'vscode'),
      [],
    );
  });

  it("the service is pure: no LSP server, no file system, none of the server's adapters", () => {
    const imports = importsOf('server/src/service');
    assert.deepEqual(
      violations(
        imports,
        (i) =>
          under(i, 'server/src/handlers', 'server/src/cli', 'server/src/workspace', 'server/src/server') ||
          isNodeBuiltin(i) ||
          /^vscode-languageserver(\/|$)/.test(i.specifier),
      ),
      [],
    );
  });

  it('the adapters use the service through its entry module only', () => {
    const imports = ['server/src/handlers', 'server/src/cli', 'server/src/workspace']
      .flatMap(importsOf)
      .concat(importsOf('server/src').filter((i) => i.file === join('server/src', 'server.ts')));
    assert.ok(
      imports.some((i) => i.target === 'server/src/service'),
      'the adapters import the service entry',
    );
    assert.deepEqual(
      violations(
        imports,
        (i) => under(i, 'server/src/service') && i.target !== 'server/src/service' && i.target !== 'server/src/service/index',
      ),
      [],
    );
  });
});
