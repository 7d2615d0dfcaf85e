import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { InboundMail } from '../../lib/inbound-mail.js';
import { TicketTable } from '../../lib/ticket-table.js';
import { actionsOfFunction, nagFindings, newApp, statementsOfFunction, theResource } from './cdk-app.js';

const STUB = fileURLToPath(new URL('./fixtures/stub-handler.ts', import.meta.url));
const INBOUND = 'Inbound mail: a reply or a new request into its ticket';

let stack: Stack;
let template: Template;
let bucketId: string;
let inboundId: string;

beforeAll(() => {
  stack = new Stack(newApp({ bundle: false }), 'Inbound-test');
  new InboundMail(stack, 'InboundMail', { tickets: new TicketTable(stack, 'Tickets'), mailDomain: 'support.center.example', handlerEntry: STUB });
  template = Template.fromStack(stack);
  [bucketId] = theResource(template, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
  [inboundId] = theResource(template, 'AWS::Lambda::Function', { Description: INBOUND });
});

describe('InboundMail receipt rule', () => {
  it('takes mail for the support domain, scanned, over TLS only: into S3 under inbound/, then to the handler asynchronously', () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    template.resourceCountIs('AWS::SES::ReceiptRule', 1);
    template.hasResourceProperties('AWS::SES::ReceiptRule', Match.objectLike({
      Rule: {
        Enabled: true,
        Recipients: ['support.center.example'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: { BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'inbound/' } },
          { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [inboundId, 'Arn'] }, InvocationType: 'Event' } },
        ],
      },
    }));
  });

  it('lets SES invoke the handler for this account only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [inboundId, 'Arn'] },
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });
});

describe('InboundMail bucket', () => {
  it('is encrypted, private, versioned, logged, kept after a stack deletion', () => {
    template.hasResource('AWS::S3::Bucket', Match.objectLike({
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() }, LogFilePrefix: 'mail/' },
      }),
    }));
  });

  it('refuses anything but TLS, and lets SES put objects under inbound/ for this account only', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: Match.objectLike({
        Statement: [
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'ses.amazonaws.com' },
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/inbound/*']] },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      }),
    });
  });

  it('gives the handler its buckets, prefix and domains', () => {
    const fn = template.findResources('AWS::Lambda::Function')[inboundId]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: expect.any(String) },
      INBOUND_MAIL_BUCKET: { Ref: bucketId },
      INBOUND_MAIL_PREFIX: 'inbound/',
      ATTACHMENT_BUCKET: { Ref: bucketId },
      MAIL_DOMAINS: 'support.center.example',
    });
  });
});

describe('InboundMail failed messages', () => {
  it('a message the handler failed on after Lambda\'s two retries lands in an encrypted queue', () => {
    const [, config] = theResource(template, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: inboundId } });
    expect(config.Properties).toMatchObject({ MaximumRetryAttempts: 2 });
    const queueId = config.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::SQS::Queue')[queueId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
  });
});

describe('InboundMail least privilege', () => {
  it('the handler: reads inbound/, writes attachments/, the table; no SES, no Scheduler, no listing', () => {
    expect(actionsOfFunction(template, inboundId)).toEqual([
      'dynamodb:BatchGetItem', // the thread's inbound markers, in one read (issue 12)
      'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 's3:PutObject', 's3:PutObjectTagging', // tagging: orphaned objects
      'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage', // its failure queue
      'xray:PutTelemetryRecords', 'xray:PutTraceSegments', // active tracing (Lambda's own segments; no Tracer in this function)
    ]);
    expect(actionsOfFunction(template, inboundId).some((a) => a.startsWith('ses:') || a.startsWith('scheduler:'))).toBe(false);
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}/*`]] });
    const statements = statementsOfFunction(template, inboundId);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 's3:GetObject', Resource: objects('inbound') });
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectTagging'], Resource: objects('attachments') });
  });

  it('objects tagged orphan=true under attachments/ (a message never written) expire after 7 days; nothing else does', () => {
    const rules = Object.values(template.findResources('AWS::S3::Bucket')).flatMap((b) => b.Properties?.LifecycleConfiguration?.Rules ?? []);
    expect(rules).toContainEqual(expect.objectContaining({
      Id: 'ExpireOrphanedAttachments', Prefix: 'attachments/', TagFilters: [{ Key: 'orphan', Value: 'true' }], ExpirationInDays: 7, Status: 'Enabled',
    }));
    expect(rules.filter((r: { ExpirationInDays?: number; Prefix?: string }) => r.ExpirationInDays && r.Prefix !== undefined).map((r: { Id: string }) => r.Id)).toEqual(['ExpireOrphanedAttachments']);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
