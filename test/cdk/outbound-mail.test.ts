import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutboundMail } from '../../lib/outbound-mail.js';
import { TicketTable } from '../../lib/ticket-table.js';
import { TicketTimers } from '../../lib/ticket-timers.js';
import { actionsOfFunction, nagFindings, newApp, statementsOfFunction, theResource } from './cdk-app.js';

const STUB = fileURLToPath(new URL('./fixtures/stub-handler.ts', import.meta.url));
const OUTBOX = 'Outbox: the emails and the schedule each new ticket event calls for';
const MAIL_EVENTS = 'Mail events: marks a contact that bounced or complained unreachable';
const ROSTER = JSON.stringify({ tierDuty: {}, hos: {}, cco: {} }); // OutboundMail passes it through; readStageContext checks it

let stack: Stack;
let template: Template;
let tableId: string;
let outboxId: string;
let configSetId: string;

beforeAll(() => {
  stack = new Stack(newApp({ bundle: false }), 'Outbound-test');
  const tickets = new TicketTable(stack, 'Tickets');
  const timers = new TicketTimers(stack, 'Timers', { tickets });
  new OutboundMail(stack, 'OutboundMail', {
    tickets, timers, mailDomain: 'support.center.example', mailFrom: 'Support <support@support.center.example>', staffRoster: ROSTER, mailEventsEntry: STUB,
  });
  template = Template.fromStack(stack);
  tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
  [outboxId] = theResource(template, 'AWS::Lambda::Function', { Description: OUTBOX });
  configSetId = Object.keys(template.findResources('AWS::SES::ConfigurationSet'))[0]!;
});

describe('OutboundMail stream mapping (the outbox)', () => {
  it('reads the table\'s stream from the oldest record, new events only, reporting failed items, retrying a bounded number of times', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    const [, mapping] = theResource(template, 'AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: outboxId } });
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      BisectBatchOnFunctionError: true,
      MaximumRecordAgeInSeconds: 82_800,
      ParallelizationFactor: 1,
    });
    expect(mapping.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['event', 'report-request'] } } } },
    ]);
  });

  it('sends a batch it gave up on to an encrypted, TLS-only DLQ', () => {
    const [, mapping] = theResource(template, 'AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: outboxId } });
    const queueId = mapping.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::SQS::Queue')[queueId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', Match.objectLike({
      Queues: [{ Ref: queueId }],
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) }),
    }));
  });

  it('gives the outbox its mail and schedule wiring', () => {
    const fn = template.findResources('AWS::Lambda::Function')[outboxId]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      SCHEDULE_GROUP: 'Outbound-test-tickets',
      TIMER_TARGET_ARN: expect.anything(),
      SCHEDULER_ROLE_ARN: expect.anything(),
      SCHEDULER_DLQ_ARN: expect.anything(),
      MAIL_FROM: 'Support <support@support.center.example>',
      MAIL_REPLY_TO_DOMAIN: 'support.center.example',
      SES_CONFIGURATION_SET: { Ref: configSetId },
      STAFF_ROSTER: ROSTER,
    });
  });
});

describe('OutboundMail SES', () => {
  it('has a configuration set requiring TLS, suppressing bounced and complaining addresses', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', Match.objectLike({
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    }));
  });

  it('publishes bounces and complaints, and nothing else, to the default event bus', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configSetId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: { EventBusArn: { 'Fn::Join': ['', Match.arrayWith([':event-bus/default'])] } },
      },
    });
  });

  it('routes them to the mail-events function, with retries and a DLQ', () => {
    const [mailEventsId] = theResource(template, 'AWS::Lambda::Function', { Description: MAIL_EVENTS });
    template.hasResourceProperties('AWS::Events::Rule', Match.objectLike({
      EventPattern: { source: ['aws.ses'], detail: { eventType: ['Bounce', 'Complaint'], mail: { tags: { 'ses:configuration-set': [{ Ref: configSetId }] } } } },
      Targets: [Match.objectLike({
        Arn: { 'Fn::GetAtt': [mailEventsId, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
      })],
    }));
  });

  it('verifies the sender domain as an identity sending through the configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', Match.objectLike({
      EmailIdentity: 'support.center.example',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configSetId } },
    }));
  });
});

describe('OutboundMail least privilege', () => {
  it('the outbox: the table, the stream, its DLQ, the schedules, SendEmail; no S3, no SendRawEmail', () => {
    const actions = actionsOfFunction(template, outboxId);
    expect(actions).toEqual([
      'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeStream', 'dynamodb:GetItem', 'dynamodb:GetRecords',
      'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'iam:PassRole', 'logs:CreateLogStream', 'logs:PutLogEvents',
      'scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule', 'scheduler:UpdateSchedule',
      'ses:SendEmail', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage',
      'xray:PutTelemetryRecords', 'xray:PutTraceSegments', // active tracing (Powertools Tracer)
    ]);
    expect(actions.some((a) => a.startsWith('s3:'))).toBe(false);
  });

  it('the outbox sends only from its identity, through its configuration set', () => {
    const identityId = Object.keys(template.findResources('AWS::SES::EmailIdentity'))[0];
    const arn = (resource: string, ref: string | undefined) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}/`, { Ref: ref }]],
    });
    expect(statementsOfFunction(template, outboxId)).toContainEqual({
      Effect: 'Allow', Action: 'ses:SendEmail', Resource: [arn('configuration-set', configSetId), arn('identity', identityId)],
    });
  });

  it('the outbox queries the contacts by email on GSI3', () => {
    const queries = statementsOfFunction(template, outboxId).filter((s) => [s.Action].flat().includes('dynamodb:Query'));
    expect(JSON.stringify(queries)).toContain('/index/GSI3');
  });

  it('the mail-events function: the table only; no SES, no Scheduler', () => {
    const [mailEventsId] = theResource(template, 'AWS::Lambda::Function', { Description: MAIL_EVENTS });
    expect(actionsOfFunction(template, mailEventsId)).toEqual([
      'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'logs:CreateLogStream', 'logs:PutLogEvents',
      'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage', // its failure queue
      'xray:PutTelemetryRecords', 'xray:PutTraceSegments', // active tracing (Powertools Tracer)
    ]);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
