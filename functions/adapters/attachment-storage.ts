// Attachments as objects the browser moves itself: a short-lived signed PUT to upload, a signed
// GET to download, and the checks an API makes before it attaches an upload. S3 here; the local
// stack's folder in folder-attachment-storage.ts.
import { S3Error, type S3Bucket } from './s3.js';

/** A signed request the browser makes: the URL, and the headers it must send exactly as given. */
export type SignedRequest = { url: string; headers: Record<string, string>; expiresAt: string };

/** What storage says of an object: its size and the content type it was stored with (null when none was kept). */
export type StoredObject = { size: number; contentType: string | null };

export type UploadSigning = { contentType: string; size: number; now: string; expiresInSeconds: number };
export type DownloadSigning = { fileName: string; contentType: string; now: string; expiresInSeconds: number };

/** The upload-signing port: everything the API does to attachment objects. */
export interface AttachmentStorage {
  /** A PUT of exactly `size` bytes of `contentType` to `key`, valid `expiresInSeconds` from `now`. */
  signUpload(key: string, signing: UploadSigning): Promise<SignedRequest>;
  /** A GET of `key` that the browser saves as `fileName` (Content-Disposition: attachment). */
  signDownload(key: string, signing: DownloadSigning): Promise<SignedRequest>;
  /** The object's size and type; null when there is none. */
  head(key: string): Promise<StoredObject | null>;
  /** The first `bytes` bytes (fewer when the object is shorter): enough to tell a PNG from a PDF. */
  readStart(key: string, bytes: number): Promise<Buffer>;
  /** Copies an object within the store (an upload to where an attached file lives). */
  copy(from: string, to: string): Promise<void>;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (Hebrew file names stay whole). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const expiresAt = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();

/** The bucket through signed requests (s3.ts); the URLs are signed with the function's own credentials. */
export class S3AttachmentStorage implements AttachmentStorage {
  constructor(private readonly s3: S3Bucket) {}

  async signUpload(key: string, s: UploadSigning): Promise<SignedRequest> {
    // Content-Type and Content-Length are signed headers: S3 refuses a PUT of another type or size.
    const url = await this.s3.presign('PUT', key, {
      expiresInSeconds: s.expiresInSeconds, signingDate: new Date(s.now), headers: { 'content-type': s.contentType, 'content-length': String(s.size) },
    });
    return { url, headers: { 'content-type': s.contentType }, expiresAt: expiresAt(s.now, s.expiresInSeconds) };
  }

  async signDownload(key: string, s: DownloadSigning): Promise<SignedRequest> {
    const url = await this.s3.presign('GET', key, {
      expiresInSeconds: s.expiresInSeconds, signingDate: new Date(s.now),
      query: { 'response-content-disposition': contentDisposition(s.fileName), 'response-content-type': s.contentType },
    });
    return { url, headers: {}, expiresAt: expiresAt(s.now, s.expiresInSeconds) };
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      return await this.s3.headObject(key);
    } catch (error) {
      // Without s3:ListBucket (least privilege) S3 answers a missing key 403, not 404: absent too.
      if (error instanceof S3Error && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<Buffer> {
    return (await this.s3.getObject(key, { range: `bytes=0-${bytes - 1}` })).bytes;
  }

  async copy(from: string, to: string): Promise<void> {
    // The source key is a URI path segment: encoded, slashes kept.
    await this.s3.copyObject(`${this.s3.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`, to);
  }
}
