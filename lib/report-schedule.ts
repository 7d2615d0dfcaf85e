import { join } from 'node:path';
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REPORT_CRON, type ReportFrequency } from '../functions/domain/reports/schedule.js';
import { asyncFailureQueue, deadLetterQueue } from './dead-letter-queue.js';
import { PROJECT_ROOT, SupportFunction } from './support-function.js';
import type { TicketTable } from './ticket-table.js';

export type ReportScheduleProps = { readonly tickets: TicketTable };

/**
 * R-RPT-1: the periodic ticket reports. Two recurring EventBridge Scheduler schedules in Israel
 * time (weekly: Sunday 06:00; monthly: the 1st, 06:00) invoke one function with the frequency and
 * the scheduled time; it writes a report request per subscriber, and the outbox emails them.
 */
export class ReportSchedule extends Construct {
  public readonly runFunction: SupportFunction;
  /** Runs Scheduler could not deliver. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Runs delivered that the function failed on after Lambda's retries. */
  public readonly runFailureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ReportScheduleProps) {
    super(scope, id);
    this.runFunction = new SupportFunction(this, 'Run', {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'report-schedule.ts'),
      description: 'Periodic ticket reports: one request per subscriber for the week or month that ended',
      timeout: Duration.minutes(1),
      environment: { TABLE_NAME: props.tickets.table.tableName },
    });
    // Writes the report requests; reads the subscriptions (GSI4).
    props.tickets.grantTicketWrite(this.runFunction);
    this.runFailureQueue = asyncFailureQueue(this, 'RunFailureQueue', this.runFunction, 'the report schedule');
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', 'the report schedules (EventBridge Scheduler)');

    // Scheduler invokes the function as this role, which may invoke that function only (not its
    // versions: the L2 LambdaInvoke target would grant `<arn>:*`), and dead-letter a run.
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: 'EventBridge Scheduler: invokes the report schedule function, nothing else',
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.runFunction.function.functionArn] }));
    this.deadLetterQueue.grantSendMessages(role);

    for (const frequency of ['weekly', 'monthly'] as const satisfies readonly ReportFrequency[]) {
      new scheduler.Schedule(this, frequency === 'weekly' ? 'Weekly' : 'Monthly', {
        description: `R-RPT-1: the ${frequency} ticket reports`,
        schedule: scheduler.ScheduleExpression.expression(REPORT_CRON[frequency], TimeZone.ASIA_JERUSALEM),
        target: {
          bind: () => ({
            arn: this.runFunction.function.functionArn,
            role,
            // The scheduled time, not the delivery time: a retried run reports the same period.
            input: scheduler.ScheduleTargetInput.fromObject({ frequency, at: scheduler.ContextAttribute.scheduledTime }),
            retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: Duration.hours(6).toSeconds() },
            deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
          }),
        },
      });
    }
  }
}
