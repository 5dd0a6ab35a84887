import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { RemoteError } from '../../errors/index.ts';
import type { MlflowHttp } from '../http.ts';
import { direntDir } from '../local/files.ts';
import type { FileInfo } from '../types.ts';

/**
 * Artifacts through the server's `mlflow-artifacts` proxy (`/api/2.0/mlflow-artifacts/artifacts/...`),
 * so the client needs no storage credentials of its own.
 *
 * Large files: MLflow 3.17.2 offers `mlflow-artifacts/mpu/create|complete|abort` only when its artifact
 * store can do multipart uploads (S3, GCS, Azure); with a local `--artifacts-destination` it answers 501
 * NOT_IMPLEMENTED ("Multipart upload is not supported for the current artifact repository") and
 * `GET /api/3.0/mlflow/server-info` reports `multipart_uploads_enabled: false`. Its PUT handler streams
 * the request body to the destination in chunks. So: files at or above the threshold try multipart
 * first and, on 501, fall back (remembered per client) to one streamed PUT; nothing is read into memory.
 */

const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';
const MPU = '/api/2.0/mlflow-artifacts/mpu';

export interface ArtifactOptions {
  /** `auto` (default): multipart for large files where the server supports it; `never`: always one PUT. */
  readonly multipart?: 'auto' | 'never';
  /** Files of at least this size try multipart (default 100 MiB). */
  readonly multipartThresholdBytes?: number;
  /** Part size (default 10 MiB, MLflow's default). */
  readonly multipartPartBytes?: number;
  /** Parts uploaded at once (default 4). */
  readonly multipartConcurrency?: number;
}

interface MpuCreateResponse {
  upload_id?: string;
  credentials?: { url: string; part_number: number; headers?: Record<string, string> }[];
}

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.yaml': 'application/x-yaml',
  '.yml': 'application/x-yaml',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.png': 'image/png',
};

function mimeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? MIME[name.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/** Each path segment percent-encoded; refuses `..` so a path cannot climb out of the run's root. */
export function encodeArtifactPath(path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) {
    throw new RemoteError('mlflow', `artifact path '${path}' contains '..' — artifact paths are relative to the run's artifact root`);
  }
  return segments.map(encodeURIComponent).join('/');
}

const joinPath = (...parts: (string | undefined)[]): string =>
  parts
    .filter((p): p is string => p !== undefined && p !== '')
    .join('/')
    .replace(/\/+/g, '/');

/**
 * The path of a run's artifacts under the proxy, from the run's `artifact_uri`: `mlflow-artifacts:/1/<run>/artifacts`
 * or `http(s)://host/api/2.0/mlflow-artifacts/artifacts/1/<run>/artifacts` give `1/<run>/artifacts`.
 */
export function proxiedRoot(artifactUri: string, runId: string): string {
  if (artifactUri.startsWith('mlflow-artifacts:')) {
    return new URL(artifactUri).pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  }
  const anchor = '/api/2.0/mlflow-artifacts/artifacts/';
  const at = artifactUri.indexOf(anchor);
  if (/^https?:/.test(artifactUri) && at >= 0) return artifactUri.slice(at + anchor.length).replace(/\/+$/, '');
  const scheme = artifactUri.split(':')[0] ?? artifactUri;
  throw new RemoteError(
    'mlflow',
    `run ${runId} keeps its artifacts at a '${scheme}:' location the server does not proxy — ` +
      "start the server with '--artifacts-destination <dir or s3://…>' (as 'kol-sdk services up mlflow' does) so that artifacts go through it",
  );
}

export class RestArtifacts {
  private readonly roots = new Map<string, string>();
  private multipartSupported: boolean | undefined;
  private readonly options: Required<ArtifactOptions>;

  constructor(
    private readonly http: MlflowHttp,
    private readonly artifactUriOf: (runId: string) => Promise<string>,
    options: ArtifactOptions = {},
  ) {
    this.options = {
      multipart: options.multipart ?? 'auto',
      multipartThresholdBytes: options.multipartThresholdBytes ?? 100 * 1024 * 1024,
      multipartPartBytes: options.multipartPartBytes ?? 10 * 1024 * 1024,
      multipartConcurrency: options.multipartConcurrency ?? 4,
    };
  }

  async root(runId: string): Promise<string> {
    let root = this.roots.get(runId);
    if (root === undefined) {
      root = proxiedRoot(await this.artifactUriOf(runId), runId);
      this.roots.set(runId, root);
    }
    return root;
  }

  async upload(runId: string, localPath: string, artifactDir?: string): Promise<void> {
    const { size } = await stat(localPath);
    const name = basename(localPath);
    const dir = joinPath(await this.root(runId), artifactDir);
    if (this.options.multipart === 'auto' && size >= this.options.multipartThresholdBytes && this.multipartSupported !== false) {
      if (await this.multipartUpload(localPath, size, dir, name)) return;
    }
    await this.put(joinPath(dir, name), () => createReadStream(localPath), size, mimeOf(name));
  }

  async uploadDir(runId: string, localDir: string, artifactDir?: string): Promise<void> {
    const entries = await readdir(localDir, { recursive: true, withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => join(direntDir(e), e.name));
    files.sort();
    for (const file of files) {
      const rel = relative(localDir, dirname(file)).split(sep).join('/');
      await this.upload(runId, file, joinPath(artifactDir, rel === '' ? undefined : rel));
    }
  }

  async uploadContent(runId: string, artifactPath: string, content: string | Uint8Array): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    await this.put(joinPath(await this.root(runId), artifactPath), () => bytes, bytes.length, mimeOf(artifactPath));
  }

  async list(runId: string, path?: string): Promise<FileInfo[]> {
    const root = await this.root(runId);
    if (path) encodeArtifactPath(path);
    const res = await this.http.json<{ files?: { path: string; is_dir?: boolean; file_size?: number | string }[] }>('GET', ARTIFACTS, {
      query: { path: joinPath(root, path) },
    });
    return (res.files ?? [])
      .map((f) => ({
        path: joinPath(path?.replace(/\/+$/, ''), f.path),
        isDir: f.is_dir === true,
        fileSize: f.file_size === undefined ? undefined : Number(f.file_size),
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async download(runId: string, artifactPath: string, localPath: string): Promise<void> {
    const url = `${ARTIFACTS}/${encodeArtifactPath(joinPath(await this.root(runId), artifactPath))}`;
    await mkdir(dirname(localPath), { recursive: true });
    const partial = `${localPath}.${randomBytes(4).toString('hex')}.part`;
    try {
      await this.http.retrying(`GET ${ARTIFACTS}/…/${artifactPath}`, async () => {
        const res = await this.http.send('GET', url, { headersTimeoutMs: 30 * 60_000 });
        await pipeline(res.body, createWriteStream(partial));
      });
      await rename(partial, localPath);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  private async put(
    path: string,
    body: () => Buffer | ReturnType<typeof createReadStream>,
    size: number,
    contentType: string,
  ): Promise<void> {
    const res = await this.http.raw('PUT', `${ARTIFACTS}/${encodeArtifactPath(path)}`, {
      headers: { 'content-type': contentType, 'content-length': String(size) },
      body,
      // The server answers only once the whole body is stored.
      headersTimeoutMs: 60_000 + Math.ceil(size / (1024 * 1024)) * 1000,
    });
    await res.body.dump();
  }

  /** True when the file went up in parts; false when the server cannot do multipart (then PUT it). */
  private async multipartUpload(localPath: string, size: number, dir: string, name: string): Promise<boolean> {
    const partBytes = this.options.multipartPartBytes;
    const numParts = Math.ceil(size / partBytes);
    let created: MpuCreateResponse;
    try {
      created = await this.http.json<MpuCreateResponse>('POST', `${MPU}/create/${encodeArtifactPath(dir)}`, {
        body: { path: name, num_parts: numParts },
      });
    } catch (error) {
      if (error instanceof RemoteError && (error.status === 501 || error.remoteCode === 'NOT_IMPLEMENTED')) {
        this.multipartSupported = false;
        return false;
      }
      throw error;
    }
    this.multipartSupported = true;
    const uploadId = created.upload_id ?? '';
    const credentials = [...(created.credentials ?? [])].sort((a, b) => a.part_number - b.part_number);
    const abort = async (): Promise<void> => {
      await this.http
        .json('POST', `${MPU}/abort/${encodeArtifactPath(dir)}`, { body: { path: name, upload_id: uploadId } })
        .catch(() => undefined);
    };
    try {
      const parts: { part_number: number; etag: string; url: string }[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < credentials.length) {
          const credential = credentials[next++] as (typeof credentials)[number];
          const start = (credential.part_number - 1) * partBytes;
          const end = Math.min(size, start + partBytes) - 1;
          const res = await this.http.raw('PUT', '', {
            absoluteUrl: credential.url,
            headers: { ...(credential.headers ?? {}), 'content-length': String(end - start + 1) },
            body: () => createReadStream(localPath, { start, end }),
            headersTimeoutMs: 10 * 60_000,
          });
          await res.body.dump();
          const etag = res.headers.etag;
          parts.push({ part_number: credential.part_number, etag: (Array.isArray(etag) ? etag[0] : etag) ?? '', url: credential.url });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.multipartConcurrency, credentials.length) }, worker));
      parts.sort((a, b) => a.part_number - b.part_number);
      await this.http.json('POST', `${MPU}/complete/${encodeArtifactPath(dir)}`, { body: { path: name, upload_id: uploadId, parts } });
      return true;
    } catch (error) {
      await abort();
      throw error;
    }
  }
}
