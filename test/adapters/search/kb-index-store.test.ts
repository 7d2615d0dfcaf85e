// The index object's S3 calls (shape only; the folder twin runs for real in the other tests).
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3IndexObject } from '../../../functions/adapters/search/index-store.js';

const s3 = mockClient(S3Client);
// What the adapter reads of a GetObject body: its bytes.
const aBody = (text: string) => ({ transformToByteArray: async () => new Uint8Array(Buffer.from(text)) }) as never;
const store = new S3IndexObject(new S3Client({ region: 'eu-west-1' }), 'kb-bucket', 'kb/articles-index.json');
beforeEach(() => s3.reset());

describe('S3IndexObject', () => {
  it('reads the object with the ETag it holds, and says "unchanged" on a 304', async () => {
    s3.on(GetObjectCommand).resolvesOnce({ ETag: '"v1"', Body: aBody('{"format":1}') })
      .rejectsOnce(new S3ServiceException({ name: 'NotModified', $fault: 'client', $metadata: { httpStatusCode: 304 } }));
    const first = await store.read();
    expect(first).toEqual({ etag: '"v1"', bytes: Buffer.from('{"format":1}') });
    expect(await store.read('"v1"')).toBe('unchanged');
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'kb-bucket', Key: 'kb/articles-index.json' },
      { Bucket: 'kb-bucket', Key: 'kb/articles-index.json', IfNoneMatch: '"v1"' },
    ]);
  });

  it('answers null when no index was built yet, and rethrows anything else', async () => {
    s3.on(GetObjectCommand).rejectsOnce(new NoSuchKey({ message: 'no', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } }));
    expect(await store.read()).toBeNull();
    await expect(store.read()).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('writes the whole object as JSON', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.write(Buffer.from('{}'));
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'kb-bucket', Key: 'kb/articles-index.json', Body: Buffer.from('{}'), ContentType: 'application/json' });
  });
});
