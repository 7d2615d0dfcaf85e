import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportSchedule } from '../../lib/report-schedule.js';
import { TicketTable } from '../../lib/ticket-table.js';
import { nagFindings, newApp, theResource } from './cdk-app.js';

const RUN = 'Periodic ticket reports: one request per subscriber for the week or month that ended';

let stack: Stack;
let template: Template;

beforeAll(() => {
  stack = new Stack(newApp({ bundle: false }), 'Reports-test');
  new ReportSchedule(stack, 'Reports', { tickets: new TicketTable(stack, 'Tickets') });
  template = Template.fromStack(stack);
});

describe('ReportSchedule (R-RPT-1)', () => {
  it('R-RPT-1: runs weekly on Sunday 06:00 and monthly on the 1st 06:00, Israel time, with the frequency and the scheduled time', () => {
    const [fnId] = theResource(template, 'AWS::Lambda::Function', { Description: RUN });
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((r) => r.Properties);
    expect(schedules.map((s) => [s.ScheduleExpression, s.ScheduleExpressionTimezone, JSON.parse(s.Target.Input)]).sort()).toEqual([
      ['cron(0 6 1 * ? *)', 'Asia/Jerusalem', { frequency: 'monthly', at: '<aws.scheduler.scheduled-time>' }],
      ['cron(0 6 ? * SUN *)', 'Asia/Jerusalem', { frequency: 'weekly', at: '<aws.scheduler.scheduled-time>' }],
    ]);
    for (const s of schedules) {
      expect(s.Target.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
      expect(s.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 21_600 });
      expect(s.Target.DeadLetterConfig.Arn['Fn::GetAtt'][1]).toBe('Arn');
    }
  });

  it('invokes through a role that may invoke that function only, and dead-letter a run', () => {
    const [roleId] = theResource(template, 'AWS::IAM::Role', { Description: 'EventBridge Scheduler: invokes the report schedule function, nothing else' });
    const [fnId] = theResource(template, 'AWS::Lambda::Function', { Description: RUN });
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } }));
    expect(statements.map((s) => s.Action).flat().sort()).toEqual(['lambda:InvokeFunction', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].sort());
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
