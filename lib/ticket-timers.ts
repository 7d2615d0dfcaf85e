import { join } from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { asyncFailureQueue, deadLetterQueue } from './dead-letter-queue.js';
import { PROJECT_ROOT, SupportFunction } from './support-function.js';
import type { TicketTable } from './ticket-table.js';
import { nagArnParts } from './nag-arn.js';

export type TicketTimersProps = {
  readonly tickets: TicketTable;
};

// What a schedule owner calls (functions/adapters/scheduler/ticket-schedule.ts): Update, else
// Create, and Delete; Get for inspection. Never ListSchedules or a group-level action.
const SCHEDULE_ACTIONS = ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'];

/**
 * Per-ticket wake-ups (design §3): one one-time EventBridge Scheduler schedule per ticket in the
 * stack's schedule group, firing the timer function through an execution role that may invoke
 * that function only. A firing that still fails after Scheduler's retries lands in a DLQ.
 *
 * Scheduler fires a one-time schedule within 60 s after its time, never before: the adapter
 * rounds wake-ups up to the minute, and the timer re-evaluates at its own now.
 */
export class TicketTimers extends Construct {
  public readonly scheduleGroup: scheduler.ScheduleGroup;
  /** The role Scheduler assumes to invoke the timer function (and to dead-letter a firing). */
  public readonly executionRole: iam.Role;
  /** Firings Scheduler gave up on (after 24 h or 185 attempts). */
  public readonly deadLetterQueue: sqs.Queue;
  public readonly timerFunction: SupportFunction;
  /** Firings Scheduler delivered but the timer failed on after Lambda's retries. */
  public readonly timerFailureQueue: sqs.Queue;
  /** The wiring every schedule owner's runtime configuration needs (runtime-config.ts, TimerEnvSchema). */
  public readonly environment: Readonly<Record<'SCHEDULE_GROUP' | 'TIMER_TARGET_ARN' | 'SCHEDULER_ROLE_ARN' | 'SCHEDULER_DLQ_ARN', string>>;

  constructor(scope: Construct, id: string, props: TicketTimersProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // A fixed name: schedules are created at run time by the functions, so a stack deletion
    // cannot clean them up; the group (and every schedule in it) goes with the stack.
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: `${stack.stackName}-tickets`,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue', 'the ticket schedules (EventBridge Scheduler)');

    // The timer is the target of the schedules it re-arms itself, so its ARN goes into its own
    // environment: a generated name would make the function depend on itself.
    const timerName = `${stack.stackName}-timer`;
    const timerArn = stack.formatArn({ service: 'lambda', resource: 'function', resourceName: timerName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        // Only this account's schedules, in this group, may assume it (confused deputy).
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
      description: 'EventBridge Scheduler: invokes the ticket timer function, nothing else',
    });
    this.executionRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [timerArn] }));
    // Scheduler sends a failed firing to the schedule's DLQ as this role.
    this.deadLetterQueue.grantSendMessages(this.executionRole);

    this.environment = {
      SCHEDULE_GROUP: this.scheduleGroup.scheduleGroupName,
      TIMER_TARGET_ARN: timerArn,
      SCHEDULER_ROLE_ARN: this.executionRole.roleArn,
      SCHEDULER_DLQ_ARN: this.deadLetterQueue.queueArn,
    };

    this.timerFunction = new SupportFunction(this, 'Timer', {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'timer.ts'),
      description: 'Ticket timer: commits what fell due when its schedule fires',
      functionName: timerName,
      timeout: Duration.seconds(30), // re-reads and re-arms up to five times on a racing command
      environment: { TABLE_NAME: props.tickets.table.tableName, ...this.environment },
    });
    // Scheduler's DLQ holds firings it could not deliver; a firing the timer failed on is Lambda's to keep.
    this.timerFailureQueue = asyncFailureQueue(this, 'TimerFailureQueue', this.timerFunction, 'the ticket timer');
    props.tickets.grantTicketWrite(this.timerFunction);
    // A stale or early firing re-arms the ticket's schedule (the fired one deleted itself).
    this.grantManageSchedules(this.timerFunction);
  }

  /** Lets `fn` create, update, delete and read the tickets' schedules in this group only, and hand Scheduler the execution role. */
  public grantManageSchedules(fn: SupportFunction): iam.Grant {
    const grantee = fn.grantPrincipal;
    const schedules = iam.Grant.addToPrincipal({ grantee, actions: SCHEDULE_ACTIONS, resourceArns: [this.scheduleArns()] });
    const { partition, region } = nagArnParts(this);
    Validations.of(fn.role).acknowledge({
      // As cdk-nag renders the ARN of scheduleArns(): the group's name is a literal, the rest pseudo-parameters (or the stack's region).
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:scheduler:${region}:<AWS::AccountId>:schedule/${this.scheduleGroup.scheduleGroupName}/*]`,
      reason: 'Schedules are named per ticket at run time (ticket-<id>), so they cannot be listed in advance; the wildcard is confined to the stack\'s own schedule group.',
    });
    const passRole = iam.Grant.addToPrincipal({
      grantee,
      actions: ['iam:PassRole'],
      resourceArns: [this.executionRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    return schedules.combine(passRole);
  }

  /** Every schedule of the group: names are per ticket, made at run time, hence the `*`. */
  private scheduleArns(): string {
    return Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.scheduleGroup.scheduleGroupName}/*` });
  }
}
