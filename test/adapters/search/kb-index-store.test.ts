// The index object's S3 calls, against a local server that answers like S3 (the folder twin runs in the other tests).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3Bucket } from '../../../functions/adapters/s3.js';
import { S3IndexObject } from '../../../functions/adapters/search/index-store.js';
import { s3Error, startS3Server, type S3Server } from '../../support/s3-server.js';

let server: S3Server;
let store: S3IndexObject;
beforeAll(async () => {
  server = await startS3Server();
  store = new S3IndexObject(new S3Bucket('kb-bucket', {
    credentials: () => ({ accessKeyId: 'AKIAEXAMPLEEXAMPLE', secretAccessKey: 'dummy-secret' }), region: () => 'eu-west-1', endpoint: server.endpoint, backoffMs: () => 0,
  }), 'kb/articles-index.json');
});
afterAll(() => server.close());
beforeEach(() => { server.requests.length = 0; });

describe('S3IndexObject', () => {
  it('reads the object with the ETag it holds, and says "unchanged" on a 304', async () => {
    server.answer((r) => (r.headers['if-none-match'] === '"v1"' ? { status: 304 } : { status: 200, headers: { etag: '"v1"' }, body: '{"format":1}' }));
    expect(await store.read()).toEqual({ etag: '"v1"', bytes: Buffer.from('{"format":1}') });
    expect(await store.read('"v1"')).toBe('unchanged');
    expect(server.requests.map((r) => [r.method, r.rawUrl, r.headers['if-none-match']])).toEqual([
      ['GET', '/kb-bucket/kb/articles-index.json', undefined],
      ['GET', '/kb-bucket/kb/articles-index.json', '"v1"'],
    ]);
  });

  it('answers null when no index was built yet, and rethrows anything else', async () => {
    server.answer(() => s3Error(404, 'NoSuchKey'));
    expect(await store.read()).toBeNull();
    server.answer(() => s3Error(403, 'AccessDenied'));
    await expect(store.read()).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('writes the whole object as JSON', async () => {
    server.answer(() => ({ status: 200 }));
    await store.write(Buffer.from('{}'));
    expect(server.requests[0]).toMatchObject({ method: 'PUT', rawUrl: '/kb-bucket/kb/articles-index.json', headers: { 'content-type': 'application/json' } });
    expect(server.requests[0]!.body).toEqual(Buffer.from('{}'));
  });
});
