// The S3 adapter of the attachment port: presigned URLs computed offline with dummy credentials
// (what S3 will check: method, key, signed headers, expiry), and its calls against a local
// server that answers like S3 (test/support/s3-server.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition, S3AttachmentStorage } from '../../functions/adapters/attachment-storage.js';
import { S3Bucket, type S3Config } from '../../functions/adapters/s3.js';
import { expectedPresignedSignature, s3Error, startS3Server, type S3Server } from '../support/s3-server.js';

const NOW = '2030-01-06T08:00:00.000Z';
const CREDS = { accessKeyId: 'AKIAEXAMPLEEXAMPLE', secretAccessKey: 'dummy-secret' };
const offline: S3Config = { credentials: () => CREDS, region: () => 'eu-west-1' };

describe('S3AttachmentStorage: presigned URLs', () => {
  it('signs a PUT of the upload key whose signature covers Content-Type and Content-Length, for the given lifetime', async () => {
    const signed = await new S3AttachmentStorage(new S3Bucket('mail-bucket', offline)).signUpload('uploads/0b7c', { contentType: 'image/png', size: 2048, now: NOW, expiresInSeconds: 900 });
    const url = new URL(signed.url);
    expect(url.hostname).toBe('mail-bucket.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/0b7c');
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20300106T080000Z');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(await expectedPresignedSignature(url, 'PUT', { 'content-type': 'image/png', 'content-length': '2048' }, CREDS, 'eu-west-1'));
    // No checksum of the (empty) body at signing time: S3 would refuse every real upload with it.
    expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().includes('checksum'))).toEqual([]);
    expect(signed).toMatchObject({ headers: { 'content-type': 'image/png' }, expiresAt: '2030-01-06T08:15:00.000Z' });
  });

  it('another size is another signature (S3 refuses a PUT of other length)', async () => {
    const storage = new S3AttachmentStorage(new S3Bucket('mail-bucket', offline));
    const sig = async (size: number) => new URL((await storage.signUpload('uploads/0b7c', { contentType: 'image/png', size, now: NOW, expiresInSeconds: 900 })).url).searchParams.get('X-Amz-Signature');
    expect(await sig(2048)).not.toBe(await sig(2049));
  });

  it('signs a GET that downloads under the file name, Hebrew included', async () => {
    const signed = await new S3AttachmentStorage(new S3Bucket('mail-bucket', offline)).signDownload('attachments/api/0b7c', { fileName: 'יומן.log', contentType: 'text/plain', now: NOW, expiresInSeconds: 300 });
    const url = new URL(signed.url);
    expect(url.searchParams.get('response-content-disposition')).toBe(contentDisposition('יומן.log'));
    expect(url.searchParams.get('response-content-type')).toBe('text/plain');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(await expectedPresignedSignature(url, 'GET', {}, CREDS, 'eu-west-1'));
    // An ASCII fallback (quotes and non-ASCII replaced), then the UTF-8 name (RFC 6266).
    expect(contentDisposition('יומן "x".log')).toBe(`attachment; filename="____ _x_.log"; filename*=UTF-8''${encodeURIComponent('יומן "x".log')}`);
  });
});

describe('S3AttachmentStorage: the checks before attaching', () => {
  let server: S3Server;
  let storage: S3AttachmentStorage;
  beforeAll(async () => {
    server = await startS3Server();
    storage = new S3AttachmentStorage(new S3Bucket('b', { ...offline, endpoint: server.endpoint, backoffMs: () => 0 }));
  });
  afterAll(() => server.close());
  beforeEach(() => { server.requests.length = 0; });

  it('head: size and type; a missing key (404, or 403 without s3:ListBucket) is null; a failing S3 an error', async () => {
    server.answer((r) => ({
      '/b/uploads/1': { status: 200, headers: { 'content-length': '12', 'content-type': 'text/plain' } },
      '/b/uploads/2': { status: 404 },
      '/b/uploads/3': { status: 403 },
    })[r.path] ?? s3Error(500, 'InternalError', 'boom'));
    expect(await storage.head('uploads/1')).toEqual({ size: 12, contentType: 'text/plain' });
    expect(await storage.head('uploads/2')).toBeNull();
    expect(await storage.head('uploads/3')).toBeNull();
    await expect(storage.head('uploads/4')).rejects.toMatchObject({ status: 500 }); // a HEAD answer has no body to name the error
    expect(server.requests.every((r) => r.method === 'HEAD')).toBe(true);
  });

  it('readStart asks for a byte range; copy names the source bucket and key', async () => {
    server.answer((r) => (r.method === 'GET' ? { status: 206, body: '%PDF' } : { status: 200, body: '<CopyObjectResult/>' }));
    expect((await storage.readStart('uploads/1', 512)).toString()).toBe('%PDF');
    await storage.copy('uploads/1', 'attachments/api/1');
    expect(server.requests.map((r) => [r.method, r.rawUrl, r.headers.range ?? r.headers['x-amz-copy-source']])).toEqual([
      ['GET', '/b/uploads/1', 'bytes=0-511'],
      ['PUT', '/b/attachments/api/1', 'b/uploads/1'],
    ]);
  });
});
