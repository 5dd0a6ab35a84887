import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

/**
 * How notebooks import the SDK. tslab compiles each cell with its own TypeScript 5.0 (Node10 module
 * resolution, `rootDir` = the notebook's folder, no `allowImportingTsExtensions`), so it cannot compile
 * the SDK's `.ts` sources: a cell importing `../sdk/…/index.ts` fails on the extension and on the
 * folder. It does read declaration files, and its runtime `require` goes through Node. So the workbench
 * generates a small package, `notebooks/node_modules/@kol/sdk` (git-ignored):
 *
 * - `types/…`: declarations of the SDK emitted by the project's TypeScript (`tsc --noCheck`);
 * - `<folder>/index.d.ts` + `<folder>/index.js` for `sdk/<folder>/index.ts`, and the root for `sdk/index.ts`:
 *   the declarations re-export `types/…`, the CommonJS stub loads the `.ts` source through tsx.
 *
 * A cell then writes `import { sql, show } from '@kol/sdk/notebook';` — typed, checked, and running the
 * same source files as the CLI. The package is regenerated when any file under `sdk/` changes.
 */
export const NOTEBOOK_PACKAGE = '@kol/sdk';

const GENERATOR_VERSION = '2';

/**
 * The project's own definitions, beside the SDK: `@kol/sdk/library` is the KOL feature library
 * (`features/index.ts`) and `@kol/sdk/models` the experiment specs (`models/index.ts`), so a notebook trains
 * exactly what `kol-sdk train` trains; `@kol/sdk/pipelines` the lake's pipelines and the KPI query over gold.
 */
const PROJECT_ENTRIES: Readonly<Record<string, string>> = {
  library: 'features/index.ts',
  models: 'models/index.ts',
  pipelines: 'pipelines/index.ts',
};

/** Every subpath of the package and the source file it stands for, relative to the project root. */
function entries(projectRoot: string, folders: readonly string[]): [string, string][] {
  return [
    ['', 'sdk/index.ts'],
    ...folders.map((f): [string, string] => [f, `sdk/${f}/index.ts`]),
    ...Object.entries(PROJECT_ENTRIES).filter(([, source]) => existsSync(join(projectRoot, source))),
  ];
}

export interface NotebookPackageResult {
  readonly dir: string;
  readonly generated: boolean;
  readonly folders: readonly string[];
  /** Declaration-emit messages from tsc (the package is usable even when there are some). */
  readonly warnings: readonly string[];
}

function sdkFolders(projectRoot: string): string[] {
  const sdk = join(projectRoot, 'sdk');
  return readdirSync(sdk)
    .filter((name) => statSync(join(sdk, name)).isDirectory() && existsSync(join(sdk, name, 'index.ts')))
    .sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** A fingerprint of everything the package is generated from: cheap (sizes and times, no reads). */
function fingerprint(projectRoot: string): string {
  const h = createHash('sha256').update(`${GENERATOR_VERSION}\n`);
  const roots = ['sdk', ...Object.values(PROJECT_ENTRIES).map((source) => source.split('/')[0] as string)];
  for (const file of roots.flatMap((r) => (existsSync(join(projectRoot, r)) ? sourceFiles(join(projectRoot, r)) : [])).sort()) {
    const s = statSync(file);
    h.update(`${relative(projectRoot, file)} ${s.size} ${s.mtimeMs}\n`);
  }
  h.update(readFileSync(join(projectRoot, 'tsconfig.json')));
  return h.digest('hex');
}

/**
 * Generates (or leaves as is, when up to date) `notebooks/node_modules/@kol/sdk` for the project.
 *
 * @example
 * await prepareNotebookPackage('/repo'); // then in a cell: import { show } from '@kol/sdk/notebook';
 */
export async function prepareNotebookPackage(projectRoot: string, log: (line: string) => void = () => {}): Promise<NotebookPackageResult> {
  const dir = join(projectRoot, 'notebooks', 'node_modules', ...NOTEBOOK_PACKAGE.split('/'));
  const folders = sdkFolders(projectRoot);
  const stamp = fingerprint(projectRoot);
  const stampFile = join(dir, '.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { dir, generated: false, folders, warnings: [] };

  log(`generating ${NOTEBOOK_PACKAGE} for notebooks (declarations of sdk/, ~10 s)`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const req = createRequire(join(projectRoot, 'package.json'));
  const warnings = await emitDeclarations(projectRoot, folders, tmp, req);
  writeStubs(projectRoot, folders, tmp, req);
  writeFileSync(join(tmp, '.stamp'), stamp);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, generated: true, folders, warnings };
}

async function emitDeclarations(projectRoot: string, folders: readonly string[], out: string, req: NodeJS.Require): Promise<string[]> {
  let tsc: string;
  try {
    tsc = req.resolve('typescript/bin/tsc');
  } catch {
    // Without TypeScript the stubs still run; cells then see the modules as untyped.
    for (const entry of ['', ...folders]) {
      mkdirSync(join(out, 'types', 'sdk', entry), { recursive: true });
      writeFileSync(join(out, 'types', 'sdk', entry, 'index.d.ts'), 'declare const m: any;\nexport = m;\n');
    }
    return ['typescript is not installed: notebook imports of @kol/sdk are untyped'];
  }
  const files = entries(projectRoot, folders)
    .map(([, source]) => join(projectRoot, source))
    .filter((f) => existsSync(f));
  const tsconfig = join(out, 'tsconfig.declarations.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(projectRoot, 'tsconfig.json'),
      include: [],
      files,
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: join(out, 'types'),
        rootDir: projectRoot,
        typeRoots: [join(projectRoot, 'node_modules', '@types')],
        types: ['node'],
        incremental: false,
      },
    }),
  );
  const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', tsconfig, '--noCheck'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      text += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, text }));
  });
  rmSync(tsconfig);
  if (!existsSync(join(out, 'types', 'sdk', 'index.d.ts'))) {
    throw new Error(`declaration emit for notebooks failed:\n${output.text.slice(0, 2000)}`);
  }
  return output.code === 0 ? [] : output.text.split('\n').filter((l) => l.trim().length > 0);
}

function writeStubs(projectRoot: string, folders: readonly string[], out: string, req: NodeJS.Require): void {
  const tsxCjs = req.resolve('tsx/cjs/api');
  const tsxEsm = req.resolve('tsx/esm/api');
  writeFileSync(
    join(out, 'package.json'),
    `${JSON.stringify({ name: NOTEBOOK_PACKAGE, private: true, type: 'commonjs', main: 'index.js', types: 'index.d.ts' }, null, 2)}\n`,
  );
  writeFileSync(
    join(out, 'runtime.js'),
    [
      "// Generated by kol-sdk (sdk/notebook/jupyter/sdk-package.ts): lets the kernel load the SDK's .ts sources.",
      "// CommonJS hook for the stubs' require(); ESM hook for dynamic import() inside the SDK.",
      'if (!globalThis.__kolSdkTsx) {',
      `  globalThis.__kolSdkTsx = require(${JSON.stringify(tsxCjs)}).register();`,
      `  try { require(${JSON.stringify(tsxEsm)}).register(); } catch (e) { /* import() of .ts then fails with its own message */ }`,
      '}',
      '',
    ].join('\n'),
  );
  for (const [folder, relativeSource] of entries(projectRoot, folders)) {
    const target = join(out, folder);
    mkdirSync(target, { recursive: true });
    const up = folder === '' ? './' : '../';
    const source = join(projectRoot, relativeSource);
    writeFileSync(join(target, 'index.d.ts'), `export * from '${up}types/${relativeSource}';\n`);
    writeFileSync(
      join(target, 'index.js'),
      `// Generated by kol-sdk: ${NOTEBOOK_PACKAGE}${folder ? `/${folder}` : ''} is ${relative(projectRoot, source)}.\nrequire('${up}runtime.js');\nmodule.exports = require(${JSON.stringify(source)});\n`,
    );
  }
}
