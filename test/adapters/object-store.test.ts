// S3Objects over the S3 adapter, against a local server that answers like S3 (test/support/s3-server.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ORPHAN_TAG, S3Objects } from '../../functions/adapters/object-store.js';
import { S3Bucket } from '../../functions/adapters/s3.js';
import { s3Error, startS3Server, type S3Server } from '../support/s3-server.js';

let server: S3Server;
let objects: S3Objects;
beforeAll(async () => {
  server = await startS3Server();
  objects = new S3Objects(new S3Bucket('mail', {
    credentials: () => ({ accessKeyId: 'AKIAEXAMPLEEXAMPLE', secretAccessKey: 'dummy-secret' }), region: () => 'eu-west-1', endpoint: server.endpoint, backoffMs: () => 0,
  }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.answer(() => ({ status: 200 }));
});

describe('S3Objects: the calls it makes', () => {
  it('reads the raw MIME whole; a missing message is an error, not an empty mail', async () => {
    server.answer(() => ({ status: 200, body: 'From: a@example.com\r\n\r\nhi' }));
    expect((await objects.read('inbound/m1')).toString()).toBe('From: a@example.com\r\n\r\nhi');
    expect(server.requests[0]).toMatchObject({ method: 'GET', rawUrl: '/mail/inbound/m1' });
    server.answer(() => s3Error(404, 'NoSuchKey'));
    await expect(objects.read('inbound/m2')).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('stores an object untagged with its content type: a kept attachment never carries the orphan tag', async () => {
    await objects.put('attachments/t/m/a.pdf', Buffer.from('x'), 'application/pdf');
    expect(server.requests).toHaveLength(1);
    const r = server.requests[0]!;
    expect(r).toMatchObject({ method: 'PUT', rawUrl: '/mail/attachments/t/m/a.pdf', headers: { 'content-type': 'application/pdf' } });
    expect(r.headers['x-amz-tagging']).toBeUndefined();
    expect(r.body.toString()).toBe('x');
  });

  it('marks orphans with the tag the lifecycle rule expires, one call per object', async () => {
    await objects.markOrphans(['attachments/t/m1/a.pdf', 'attachments/t/bodies/m1.txt']);
    expect(server.requests.map((r) => `${r.method} ${r.rawUrl}`).sort()).toEqual(['PUT /mail/attachments/t/bodies/m1.txt?tagging=', 'PUT /mail/attachments/t/m1/a.pdf?tagging=']);
    for (const r of server.requests) expect(r.body.toString()).toContain('<TagSet><Tag><Key>orphan</Key><Value>true</Value></Tag></TagSet>');
    expect(ORPHAN_TAG).toEqual({ key: 'orphan', value: 'true' });
  });
});
