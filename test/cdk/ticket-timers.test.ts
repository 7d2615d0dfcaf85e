import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TicketTable } from '../../lib/ticket-table.js';
import { TicketTimers } from '../../lib/ticket-timers.js';
import { actionsOfFunction, nagFindings, newApp, statementsOfFunction, theResource } from './cdk-app.js';

const TIMER = 'Ticket timer: commits what fell due when its schedule fires';
// Sorted, as the minimized policies list them.
const SCHEDULE_ACTIONS = ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule', 'scheduler:UpdateSchedule'];
const schedulesOfGroup = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':schedule/Timers-test-tickets/*']],
};
const timerArn = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':function:Timers-test-timer']],
};

let stack: Stack;
let template: Template;
let roleId: string;
let queueId: string;

beforeAll(() => {
  stack = new Stack(newApp({ bundle: false }), 'Timers-test');
  new TicketTimers(stack, 'Timers', { tickets: new TicketTable(stack, 'Tickets') });
  template = Template.fromStack(stack);
  [roleId] = theResource(template, 'AWS::IAM::Role', { Description: 'EventBridge Scheduler: invokes the ticket timer function, nothing else' });
  const [, timer] = theResource(template, 'AWS::Lambda::Function', { Description: TIMER });
  queueId = timer.Properties.Environment.Variables.SCHEDULER_DLQ_ARN['Fn::GetAtt'][0] as string;
});

describe('TicketTimers schedule group and timer function', () => {
  it('has one schedule group named after the stack', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'Timers-test-tickets' });
  });

  it('gives the timer its wiring: its own ARN as the schedules\' target, the role, the group and the DLQ', () => {
    const [, fn] = theResource(template, 'AWS::Lambda::Function', { Description: TIMER });
    expect(fn.Properties.FunctionName).toBe('Timers-test-timer');
    expect(fn.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: expect.any(String) },
      SCHEDULE_GROUP: 'Timers-test-tickets',
      TIMER_TARGET_ARN: timerArn,
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [roleId, 'Arn'] },
      SCHEDULER_DLQ_ARN: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
  });
});

describe('TicketTimers Scheduler execution role', () => {
  it('is assumable by Scheduler only, for this account and schedule group', () => {
    const role = template.findResources('AWS::IAM::Role')[roleId]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
    })]);
  });

  it('may invoke the timer function and dead-letter a firing, nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: timerArn },
      { Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } },
    ]);
  });
});

describe('TicketTimers DLQ', () => {
  it('is encrypted, kept 14 days, and refuses anything but TLS', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', Match.objectLike({
      Queues: [{ Ref: queueId }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      }),
    }));
  });
});

describe('TicketTimers failed firings', () => {
  it('a firing the timer failed on after Lambda\'s two retries goes to its own queue, not to Scheduler\'s DLQ', () => {
    const [timerId] = theResource(template, 'AWS::Lambda::Function', { Description: TIMER });
    const [, config] = theResource(template, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: timerId } });
    expect(config.Properties).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21_600 });
    const failureQueue = config.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(failureQueue).not.toBe(queueId);
    expect(template.findResources('AWS::SQS::Queue')[failureQueue]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
  });
});

describe('TicketTimers least privilege', () => {
  it('the timer: the table, the schedules of its group, PassRole of the execution role to Scheduler; no SES, no S3', () => {
    const [fnId] = theResource(template, 'AWS::Lambda::Function', { Description: TIMER });
    const actions = actionsOfFunction(template, fnId);
    expect(actions).toEqual([
      'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'iam:PassRole', 'logs:CreateLogStream', 'logs:PutLogEvents', ...SCHEDULE_ACTIONS,
      'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage', // its own failure queue (below)
      'xray:PutTelemetryRecords', 'xray:PutTraceSegments', // active tracing (Powertools Tracer)
    ]);
    expect(actions.some((a) => a.startsWith('ses:') || a.startsWith('s3:'))).toBe(false);
    const statements = statementsOfFunction(template, fnId);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: SCHEDULE_ACTIONS, Resource: schedulesOfGroup });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
  });

  it('has no unacknowledged cdk-nag findings (the per-ticket schedule wildcard is acknowledged in its group)', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
