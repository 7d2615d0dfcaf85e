import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SupportDeskStack } from '../../lib/support-desk-stack.js';
import { newApp, routeFunction, SYNTH_TIMEOUT_MS } from './cdk-app.js';

let template: Template;
beforeAll(() => {
  template = Template.fromStack(new SupportDeskStack(newApp({ bundle: false }), 'SupportDesk-test'));
}, SYNTH_TIMEOUT_MS);

const INDEX_OBJECT = (bucketId: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/kb/articles-index.json']] });

describe('KnowledgeBase (R-KB-1, design §Knowledge base)', () => {
  it('keeps the index in a private, encrypted, TLS-only bucket', () => {
    const [, bucket] = Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('KnowledgeBaseIndex'))!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  });

  it('rebuilds on the stream, filtered to articles now published or withdrawn, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', Match.objectLike({
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['article'] }, status: { S: ['published', 'withdrawn'] } } } }) }] },
      MaximumRetryAttempts: 10, BisectBatchOnFunctionError: true, ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    }));
  });

  it('lets the builder read and write the one index object, and the search route only read it', () => {
    const bucketId = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('KnowledgeBaseIndex'))!;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const onIndex = policies.filter((st) => JSON.stringify(st.Resource).includes(bucketId) && st.Action !== 's3:ListBucket');
    expect(onIndex.map((st) => st.Action).sort()).toEqual([['s3:GetObject', 's3:PutObject'], 's3:GetObject'].sort());
    // A statement may also name other objects (the API's readers share a role, lib/api-layout.ts), but on
    // the index's bucket it names the index object only.
    for (const st of onIndex) {
      const resources = [st.Resource].flat();
      expect(resources).toContainEqual(INDEX_OBJECT(bucketId));
      for (const r of resources.filter((r) => JSON.stringify(r).includes(bucketId))) expect(r).toEqual(INDEX_OBJECT(bucketId));
    }
    // Listing, for a missing index to be a 404 rather than a 403: the index's key only.
    const listing = policies.filter((st) => st.Action === 's3:ListBucket' && JSON.stringify(st.Resource).includes(bucketId)) as { Resource: unknown; Condition?: unknown }[];
    expect(listing).toHaveLength(2);
    for (const st of listing) expect(st.Condition).toEqual({ StringEquals: { 's3:prefix': 'kb/articles-index.json' } });
  });

  it('tells the token-optional routes which user pool to verify a token against', () => {
    const [, search] = routeFunction(template, 'GET /articles');
    expect(Object.keys(search.Properties.Environment.Variables)).toEqual(expect.arrayContaining(['KB_INDEX_BUCKET', 'TABLE_NAME', 'USER_POOL_CLIENT_ID', 'USER_POOL_ID']));
  });
});
