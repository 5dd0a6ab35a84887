import type { Dirent } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { FileInfo } from '../types.ts';
import { copyAtomic, direntDir, invalid, notFound } from './files.ts';

/**
 * Artifacts of the local store: plain files under the run's `artifacts/` folder, copied by the OS
 * (never loaded into memory), listed as MLflow's local artifact repository lists them.
 */

/** `root/path`, refusing paths that would leave the run's artifact folder. */
function inside(root: string, path: string | undefined): string {
  const target = resolve(root, ...(path ?? '').split('/').filter((s) => s !== ''));
  if (target !== root && !target.startsWith(root + sep))
    throw invalid(`artifact path '${path}' leaves the run's artifact folder — use a relative path`);
  return target;
}

export async function copyIn(root: string, localPath: string, artifactDir?: string): Promise<void> {
  await copyAtomic(localPath, join(inside(root, artifactDir), basename(localPath)));
}

export async function copyDirIn(root: string, localDir: string, artifactDir?: string): Promise<void> {
  const entries = await readdir(localDir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const file = join(direntDir(e), e.name);
    const rel = relative(localDir, dirname(file)).split(sep).join('/');
    await copyIn(root, file, [artifactDir, rel].filter((p) => p).join('/'));
  }
}

export async function writeContent(root: string, artifactPath: string, content: string | Uint8Array): Promise<void> {
  const target = inside(root, artifactPath);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
}

export async function list(root: string, path?: string): Promise<FileInfo[]> {
  const dir = inside(root, path);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const prefix = (path ?? '').replace(/^\/+|\/+$/g, '');
  const out: FileInfo[] = [];
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push({ path: rel, isDir: true, fileSize: undefined });
    else if (e.isFile()) out.push({ path: rel, isDir: false, fileSize: (await stat(join(dir, e.name))).size });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function copyOut(root: string, artifactPath: string, localPath: string): Promise<void> {
  const source = inside(root, artifactPath);
  try {
    if (!(await stat(source)).isFile()) throw invalid(`artifact '${artifactPath}' is a folder — download the files in it one by one`);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw notFound(`artifact '${artifactPath}'`);
    throw error;
  }
  await copyAtomic(source, localPath);
}
