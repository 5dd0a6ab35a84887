import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { RemoteError } from '../../errors/index.ts';

/** Small file helpers for the file store: key files, folders of key files, and error shapes. */

/** The folder of a recursive `readdir` entry (`parentPath` from Node 20.12, `path` before). */
export function direntDir(e: Dirent): string {
  return e.parentPath ?? (e as Dirent & { path: string }).path;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** A key file (param, tag, alias): the value, no trailing newline, as MLflow writes it. */
export async function writeKeyFile(dir: string, key: string, value: string): Promise<void> {
  const path = join(dir, ...key.split('/'));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, value, 'utf8');
}

/**
 * Every key file under `dir` (keys may hold `/`, stored as sub-folders), as MLflow's `os.walk` reads
 * them; temporary files of our own atomic writes are skipped.
 */
export async function readKeyFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(direntDir(e), e.name);
    const key = relative(dir, path).split(sep).join('/');
    out[key] = await readFile(path, 'utf8');
  }
  return out;
}

/** Copies a file into place through a temporary name, so the target is whole or absent. */
export async function copyAtomic(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const tmp = `${to}.${randomBytes(4).toString('hex')}.part`;
  try {
    await copyFile(from, tmp);
    await rename(tmp, to);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The local store reports failures with MLflow's error codes, like the server does. */
export function notFound(what: string): RemoteError {
  return new RemoteError('mlflow', `${what} not found in the local tracking store`, { remoteCode: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
}

export function invalid(message: string): RemoteError {
  return new RemoteError('mlflow', message, { remoteCode: 'INVALID_PARAMETER_VALUE', status: 400 });
}

export function alreadyExists(message: string): RemoteError {
  return new RemoteError('mlflow', message, { remoteCode: 'RESOURCE_ALREADY_EXISTS', status: 400 });
}
