import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCreateTableInput } from '../../functions/adapters/table-definition.js';
import { SupportDeskStack } from '../../lib/support-desk-stack.js';
import { nagFindings, newApp, SYNTH_TIMEOUT_MS, theResource } from './cdk-app.js';

const sortBy = <T>(items: T[], key: (item: T) => string): T[] =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)));

let stack: SupportDeskStack;
let template: Template;

beforeAll(() => {
  stack = new SupportDeskStack(newApp({ bundle: false }), 'SupportDesk-test');
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

describe('TicketTable', () => {
  it('has string keys PK/SK and the four GSIs, each projecting ALL, and a TTL attribute', () => {
    const keys = (pk: string, sk: string) => [
      { AttributeName: pk, KeyType: 'HASH' },
      { AttributeName: sk, KeyType: 'RANGE' },
    ];
    const gsi = (n: number) => ({
      IndexName: `GSI${n}`,
      KeySchema: keys(`GSI${n}PK`, `GSI${n}SK`),
      Projection: { ProjectionType: 'ALL' },
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', Match.objectLike({
      KeySchema: keys('PK', 'SK'),
      GlobalSecondaryIndexes: [gsi(1), gsi(2), gsi(3), gsi(4)],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    }));
  });

  it('has point-in-time recovery, encryption at rest and a NEW_IMAGE stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', Match.objectLike({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    }));
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('declares the same keys and indexes as toCreateTableInput (one schema for AWS and DynamoDB Local)', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const declared = tables[0]?.Properties;
    const local = toCreateTableInput('tickets');

    expect(sortBy(declared.AttributeDefinitions, (a: { AttributeName: string }) => a.AttributeName))
      .toEqual(sortBy(local.AttributeDefinitions, (a) => a.AttributeName));
    expect(declared.KeySchema).toEqual(local.KeySchema);
    expect(declared.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(declared.BillingMode).toBe(local.BillingMode);
    expect(declared.StreamSpecification).toEqual({ StreamViewType: local.StreamSpecification.StreamViewType });
  });
});

describe('SupportDeskStack', () => {
  it('outputs the table name, the API URL, the user pool id and the portal client id', () => {
    const refTo = (type: string) => ({ Ref: Object.keys(template.findResources(type))[0] });
    template.hasOutput('TableName', { Value: refTo('AWS::DynamoDB::Table') });
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasOutput('UserPoolId', { Value: refTo('AWS::Cognito::UserPool') });
    template.hasOutput('UserPoolClientId', { Value: refTo('AWS::Cognito::UserPoolClient') });
  });

  it('outputs what an operator finishes by hand: the alarm topic, the rule set to activate, the DKIM records', () => {
    template.hasOutput('AlarmTopicArn', { Value: { Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] } });
    template.hasOutput('InboundRuleSetName', { Value: { Ref: Object.keys(template.findResources('AWS::SES::ReceiptRuleSet'))[0] } });
    for (const n of [1, 2, 3]) template.hasOutput(`DkimRecord${n}`, { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

describe('Monitoring', () => {
  it('notifies one KMS-encrypted, TLS-only topic, whose key CloudWatch may use and which rotates', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const [topicId, topic] = Object.entries(template.findResources('AWS::SNS::Topic'))[0]!;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    const key = template.findResources('AWS::KMS::Key')[keyId]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    }));
    template.hasResourceProperties('AWS::SNS::TopicPolicy', Match.objectLike({
      Topics: [{ Ref: topicId }],
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) }),
    }));
  });

  it('alarms on every queue of the stack (all are dead-letter queues) as soon as one message is visible', () => {
    const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    const queueIds = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queueIds).toHaveLength(9); // 8, and the knowledge base index's (issue 11)
    for (const queueId of queueIds) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [{ Ref: topicId }],
      }));
    }
  });

  it.each([
    'Ticket timer: commits what fell due when its schedule fires',
    'Outbox: the emails and the schedule each new ticket event calls for',
    'Inbound mail: a reply or a new request into its ticket',
    'Mail events: marks a contact that bounced or complained unreachable',
    'Periodic ticket reports: one request per subscriber for the week or month that ended',
    'Knowledge base: rebuilds the search index when an article is published or withdrawn',
  ])('alarms on any error of %s', (description) => {
    const [fnId] = theResource(template, 'AWS::Lambda::Function', { Description: description });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    }));
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors or warnings on the stack', () => {
    expect(nagFindings(stack)).toEqual([]);
  });

  it('acknowledges exactly these findings, each with a reason', () => {
    const acknowledged = stack.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, path: c.node.path, reason }))));
    // A resource ARN's logical id (`<InboundMailXXXX.Arn>`) is hashed: compared as <bucket.Arn>.
    const schedules = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/SupportDesk-test-tickets/*]';
    // Compared in any order: the order of construction says nothing.
    const inOrder = (pairs: string[][]) => [...pairs].sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
    expect(inOrder(acknowledged.map(({ id, path }) => [id.replace(/^annotation::/i, '').replace(/<[A-Za-z0-9]+\.Arn>/, '<bucket.Arn>'), path]))).toEqual(inOrder([
      ['AwsSolutions-COG2', 'SupportDesk-test/Identity/UserPool'],
      // The portal (lib/portal.ts): a bucket of build files read only by CloudFront, a distribution
      // of static files, and CDK's own BucketDeployment handler.
      ['AwsSolutions-S1', 'SupportDesk-test/Portal/App'],
      ...['CFR1', 'CFR2', 'CFR3', 'CFR4'].map((rule) => [`AwsSolutions-${rule}`, 'SupportDesk-test/Portal/Distribution']),
      ...[
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'IAM5[Action::s3:GetBucket*]',
        'IAM5[Action::s3:GetObject*]', 'IAM5[Action::s3:List*]', 'IAM5[Action::s3:Abort*]', 'IAM5[Action::s3:DeleteObject*]',
        'IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', 'IAM5[Resource::<bucket.Arn>/*]',
        'IAM5[Resource::*]', 'L1',
      ].map((rule) => [`AwsSolutions-${rule}`, 'SupportDesk-test/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB']),
      // Attachments (SupportApi.grantAttachments): keys made per upload at run time, each wildcard
      // on its prefix, held by the function of the routes that need it (lib/api-layout.ts).
      ['AwsSolutions-IAM5[Resource::<bucket.Arn>/attachments/*]', 'SupportDesk-test/Api/ApiTicketReads/Role'],
      ['AwsSolutions-APIG4', 'SupportDesk-test/Api/GetOpenapiRoute'],
      // R-KB-1: public articles are read and searched without a token (the function verifies one sent).
      ['AwsSolutions-APIG4', 'SupportDesk-test/Api/SearchArticlesRoute'],
      ['AwsSolutions-APIG4', 'SupportDesk-test/Api/GetUploadLimitsRoute'],
      ['AwsSolutions-IAM5[Resource::<bucket.Arn>/uploads/*]', 'SupportDesk-test/Api/ApiTicketIntake/Role'],
      ['AwsSolutions-IAM5[Resource::<bucket.Arn>/attachments/api/*]', 'SupportDesk-test/Api/ApiTicketIntake/Role'],
      ['AwsSolutions-APIG4', 'SupportDesk-test/Api/GetArticleRoute'],
      ['AwsSolutions-APIG4', 'SupportDesk-test/Api/ArticleFeedbackRoute'],
      ['AwsSolutions-APIG4', 'SupportDesk-test/Api/DefaultRoute'],
      // DLQs are not work queues: no DLQ of their own.
      ['AwsSolutions-SQS3', 'SupportDesk-test/Timers/DeadLetterQueue'],
      // X-Ray's two actions take no resource (active tracing of the background functions).
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/Timers/Timer/Role'],
      // Schedules are named per ticket at run time, within the stack's own group.
      [schedules, 'SupportDesk-test/Timers/Timer/Role'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/Timers/TimerFailureQueue'],
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/OutboundMail/Outbox/Role'],
      [schedules, 'SupportDesk-test/OutboundMail/Outbox/Role'],
      // dynamodb:ListStreams (the stream event source mapping) takes no resource.
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/OutboundMail/Outbox/Role'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/OutboundMail/OutboxDeadLetterQueue'],
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/OutboundMail/MailEvents/Role'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/OutboundMail/MailEventsFailureQueue'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/OutboundMail/MailEventsDeadLetterQueue'],
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/Reports/Run/Role'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/Reports/RunFailureQueue'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/Reports/DeadLetterQueue'],
      // The access-log bucket does not log itself.
      ['AwsSolutions-S1', 'SupportDesk-test/InboundMail/AccessLogs'],
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/InboundMail/InboundMail/Role'],
      // Object keys made at run time, each wildcard confined to its prefix.
      ['AwsSolutions-IAM5[Resource::<bucket.Arn>/inbound/*]', 'SupportDesk-test/InboundMail/InboundMail/Role'],
      ['AwsSolutions-IAM5[Resource::<bucket.Arn>/attachments/*]', 'SupportDesk-test/InboundMail/InboundMail/Role'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/InboundMail/InboundFailureQueue'],
      // The search index: one derived object; the builder's stream mapping needs ListStreams.
      ['AwsSolutions-S1', 'SupportDesk-test/KnowledgeBase/Index'],
      // X-Ray's two actions, and ListStreams for the builder's stream mapping, take no resource.
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/KnowledgeBase/IndexBuilder/Role'],
      ['AwsSolutions-IAM5[Resource::*]', 'SupportDesk-test/KnowledgeBase/IndexBuilder/Role'],
      ['AwsSolutions-SQS3', 'SupportDesk-test/KnowledgeBase/IndexDeadLetterQueue'],
    ]));
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });

  it('does report a finding when there is one, and not once it is acknowledged', () => {
    // Guards the check above against passing vacuously (e.g. rules that never match).
    const bare = new Stack(newApp(), 'Bare');
    const table = new dynamodb.Table(bare, 'NoPitr', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
    });
    expect(nagFindings(bare)).toEqual(['AwsSolutions-DDB3 (warning) at Bare/NoPitr/Resource']);

    Validations.of(table).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'test: an acknowledged finding' });
    expect(nagFindings(bare)).toEqual([]);
  });

  // Registered as bin/app.ts does, a finding (even a warning) fails the synth.
  const appWithChecks = () => {
    const app = newApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    return app;
  };

  it('lets the stack synthesize when registered as in bin/app.ts', () => {
    const app = appWithChecks();
    new SupportDeskStack(app, 'SupportDesk-test');
    expect(() => app.synth()).not.toThrow();
  }, SYNTH_TIMEOUT_MS);

  it('fails the synth of an app with a finding', () => {
    const app = appWithChecks();
    new dynamodb.Table(new Stack(app, 'Bare'), 'NoPitr', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
