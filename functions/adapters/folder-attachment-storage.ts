// The attachment port on a laptop (local stack, tests): objects in a folder (FolderObjects), and
// signed, expiring URLs that the local API server answers under /_local/objects/<key>, checked
// as S3 checks its presigned URLs: the method, the key, the signed content type and length, expiry.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { copyFile, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { contentDisposition, type AttachmentStorage, type DownloadSigning, type SignedRequest, type StoredObject, type UploadSigning } from './attachment-storage.js';
import { FolderObjects } from './object-store.js';

export const LOCAL_OBJECTS_PATH = '/_local/objects/';

/** A signed request's answer: what the local API server sends back. */
export type ObjectAnswer = { status: number; headers: Record<string, string>; body: Buffer | string };

type Meta = { contentType: string };
const META_SUFFIX = '.meta.json'; // beside the bytes: a file keeps no content type

const problem = (status: number, title: string, detail: string): ObjectAnswer => ({
  status, headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: `tag:support-desk,2026:problem:${status === 404 ? 'not-found' : 'signature'}`, title, status, detail }),
});

export class FolderAttachmentStorage implements AttachmentStorage {
  private readonly objects: FolderObjects;

  /** `baseUrl`: the local API's origin (known once it listens); `secret` signs the URLs. */
  constructor(root: string, private readonly baseUrl: () => string, private readonly secret: Buffer) {
    this.objects = new FolderObjects(root);
  }

  private sign(fields: readonly string[]): string {
    return createHmac('sha256', this.secret).update(fields.join('\n')).digest('base64url');
  }

  private url(key: string, query: Record<string, string>): string {
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${this.baseUrl()}${LOCAL_OBJECTS_PATH}${path}?${new URLSearchParams(query).toString()}`;
  }

  async signUpload(key: string, s: UploadSigning): Promise<SignedRequest> {
    const expires = String(Math.floor(Date.parse(s.now) / 1000) + s.expiresInSeconds);
    const fields = ['PUT', key, s.contentType, String(s.size), expires];
    return {
      url: this.url(key, { type: s.contentType, size: String(s.size), expires, sig: this.sign(fields) }),
      headers: { 'content-type': s.contentType },
      expiresAt: new Date(Number(expires) * 1000).toISOString(),
    };
  }

  async signDownload(key: string, s: DownloadSigning): Promise<SignedRequest> {
    const expires = String(Math.floor(Date.parse(s.now) / 1000) + s.expiresInSeconds);
    const disposition = contentDisposition(s.fileName);
    const fields = ['GET', key, s.contentType, disposition, expires];
    return {
      url: this.url(key, { type: s.contentType, disposition, expires, sig: this.sign(fields) }),
      headers: {},
      expiresAt: new Date(Number(expires) * 1000).toISOString(),
    };
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const { size } = await stat(this.objects.pathOf(key));
      const meta = await readFile(this.objects.pathOf(key + META_SUFFIX), 'utf8').then((t) => JSON.parse(t) as Meta, () => null);
      return { size, contentType: meta?.contentType ?? null };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<Buffer> {
    const file = await open(this.objects.pathOf(key), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await file.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  async copy(from: string, to: string): Promise<void> {
    const target = this.objects.pathOf(to);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(this.objects.pathOf(from), target);
    await copyFile(this.objects.pathOf(from + META_SUFFIX), this.objects.pathOf(to + META_SUFFIX)).catch(() => undefined);
  }

  /**
   * A request to a URL this storage signed: PUT stores the bytes when type, length and signature
   * hold and it has not expired (by `now`, the stack's clock); GET answers them as a download.
   */
  async serve(method: string, key: string, query: URLSearchParams, contentType: string | undefined, body: Buffer, now: string): Promise<ObjectAnswer> {
    const expires = query.get('expires') ?? '';
    const type = query.get('type') ?? '';
    const given = Buffer.from(query.get('sig') ?? '');
    const fields = method === 'PUT' ? ['PUT', key, type, query.get('size') ?? '', expires] : ['GET', key, type, query.get('disposition') ?? '', expires];
    const wanted = Buffer.from(this.sign(fields));
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return problem(403, 'Signature does not match', 'the URL is not one this server signed');
    if (!/^\d+$/.test(expires) || Number(expires) * 1000 <= Date.parse(now)) return problem(403, 'Request has expired', 'the signed URL has expired');
    if (method === 'PUT') {
      if (contentType !== type) return problem(403, 'Signature does not match', `the upload was signed for Content-Type ${type}`);
      if (String(body.length) !== query.get('size')) return problem(403, 'Signature does not match', `the upload was signed for ${query.get('size')} bytes`);
      await this.objects.put(key, body);
      await writeFile(this.objects.pathOf(key + META_SUFFIX), JSON.stringify({ contentType: type } satisfies Meta));
      return { status: 200, headers: {}, body: '' };
    }
    const bytes = await readFile(this.objects.pathOf(key)).catch(() => null);
    if (!bytes) return problem(404, 'Not found', 'no such object');
    return { status: 200, headers: { 'content-type': type, 'content-disposition': query.get('disposition') ?? 'attachment', 'cache-control': 'private, no-store' }, body: bytes };
  }
}
