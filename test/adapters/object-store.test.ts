import { PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ORPHAN_TAG, S3Objects } from '../../functions/adapters/object-store.js';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

describe('S3Objects: the shape of the calls', () => {
  it('stores an object untagged: a kept attachment never carries the orphan tag', async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3Objects(new S3Client({}), 'mail').put('attachments/t/m/a.pdf', Buffer.from('x'), 'application/pdf');
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Bucket: 'mail', Key: 'attachments/t/m/a.pdf', ContentType: 'application/pdf' });
    expect(input.Tagging).toBeUndefined();
  });

  it('marks orphans with the tag the lifecycle rule expires, one call per object', async () => {
    s3.on(PutObjectTaggingCommand).resolves({});
    await new S3Objects(new S3Client({}), 'mail').markOrphans(['attachments/t/m1/a.pdf', 'attachments/t/bodies/m1.txt']);
    expect(s3.commandCalls(PutObjectTaggingCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'mail', Key: 'attachments/t/m1/a.pdf', Tagging: { TagSet: [{ Key: 'orphan', Value: 'true' }] } },
      { Bucket: 'mail', Key: 'attachments/t/bodies/m1.txt', Tagging: { TagSet: [{ Key: 'orphan', Value: 'true' }] } },
    ]);
    expect(ORPHAN_TAG).toEqual({ key: 'orphan', value: 'true' });
  });
});
