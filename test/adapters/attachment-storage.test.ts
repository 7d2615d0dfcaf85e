// The S3 adapter of the attachment port: presigned URLs computed offline with dummy credentials
// (what S3 will check: method, key, signed headers, expiry), and the shape of its SDK calls.
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDisposition, S3AttachmentStorage } from '../../functions/adapters/attachment-storage.js';

const NOW = '2030-01-06T08:00:00.000Z';
const offline = () => new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE', secretAccessKey: 'dummy-secret' } });

describe('S3AttachmentStorage: presigned URLs', () => {
  it('signs a PUT of the upload key whose signature covers Content-Type and Content-Length, for the given lifetime', async () => {
    const signed = await new S3AttachmentStorage(offline(), 'mail-bucket').signUpload('uploads/0b7c', { contentType: 'image/png', size: 2048, now: NOW, expiresInSeconds: 900 });
    const url = new URL(signed.url);
    expect(url.hostname).toBe('mail-bucket.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/0b7c');
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20300106T080000Z');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(signed).toMatchObject({ headers: { 'content-type': 'image/png' }, expiresAt: '2030-01-06T08:15:00.000Z' });
  });

  it('another size is another signature (S3 refuses a PUT of other length)', async () => {
    const storage = new S3AttachmentStorage(offline(), 'mail-bucket');
    const sig = async (size: number) => new URL((await storage.signUpload('uploads/0b7c', { contentType: 'image/png', size, now: NOW, expiresInSeconds: 900 })).url).searchParams.get('X-Amz-Signature');
    expect(await sig(2048)).not.toBe(await sig(2049));
  });

  it('signs a GET that downloads under the file name, Hebrew included', async () => {
    const signed = await new S3AttachmentStorage(offline(), 'mail-bucket').signDownload('attachments/api/0b7c', { fileName: 'יומן.log', contentType: 'text/plain', now: NOW, expiresInSeconds: 300 });
    const url = new URL(signed.url);
    expect(url.searchParams.get('response-content-disposition')).toBe(contentDisposition('יומן.log'));
    expect(url.searchParams.get('response-content-type')).toBe('text/plain');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    // An ASCII fallback (quotes and non-ASCII replaced), then the UTF-8 name (RFC 6266).
    expect(contentDisposition('יומן "x".log')).toBe(`attachment; filename="____ _x_.log"; filename*=UTF-8''${encodeURIComponent('יומן "x".log')}`);
  });
});

describe('S3AttachmentStorage: the checks before attaching', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());

  it('head: size and type; a missing key (404, or 403 without s3:ListBucket) is null', async () => {
    const storage = new S3AttachmentStorage(new S3Client({ region: 'eu-west-1' }), 'b');
    s3.on(HeadObjectCommand, { Bucket: 'b', Key: 'uploads/1' }).resolves({ ContentLength: 12, ContentType: 'text/plain' });
    expect(await storage.head('uploads/1')).toEqual({ size: 12, contentType: 'text/plain' });
    s3.on(HeadObjectCommand, { Key: 'uploads/2' }).rejects(new NotFound({ message: 'not found', $metadata: { httpStatusCode: 404 } }));
    expect(await storage.head('uploads/2')).toBeNull();
    s3.on(HeadObjectCommand, { Key: 'uploads/3' }).rejects(new S3ServiceException({ name: 'Forbidden', $fault: 'client', message: 'Forbidden', $metadata: { httpStatusCode: 403 } }));
    expect(await storage.head('uploads/3')).toBeNull();
    s3.on(HeadObjectCommand, { Key: 'uploads/4' }).rejects(new S3ServiceException({ name: 'InternalError', $fault: 'server', message: 'boom', $metadata: { httpStatusCode: 500 } }));
    await expect(storage.head('uploads/4')).rejects.toThrow('boom');
  });

  it('readStart asks for a byte range; copy names the source bucket and key', async () => {
    const storage = new S3AttachmentStorage(new S3Client({ region: 'eu-west-1' }), 'b');
    s3.on(GetObjectCommand).resolves({});
    s3.on(CopyObjectCommand).resolves({});
    await storage.readStart('uploads/1', 512);
    await storage.copy('uploads/1', 'attachments/api/1');
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'b', Key: 'uploads/1', Range: 'bytes=0-511' });
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'b', Key: 'attachments/api/1', CopySource: 'b/uploads/1' });
  });
});
