import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { asyncFailureQueue, deadLetterQueue } from './dead-letter-queue.js';
import { PROJECT_ROOT, SupportFunction } from './support-function.js';
import type { TicketTable } from './ticket-table.js';
import type { TicketTimers } from './ticket-timers.js';

export type OutboundMailProps = {
  readonly tickets: TicketTable;
  readonly timers: TicketTimers;
  /** The sending domain (an SES domain identity); replies come back to `support+T-…@` it. */
  readonly mailDomain: string;
  /** The From of every email, an address at `mailDomain`. */
  readonly mailFrom: string;
  /** The staff roster as JSON (StaffRosterSchema, checked by readStageContext). */
  readonly staffRoster: string;
  /** The bounce and complaint handler's file (functions/handlers/mail-events.ts). */
  readonly mailEventsEntry: string;
};

/** How long the stream keeps a record (24 h): an older record is gone anyway, so stop retrying it a little before. */
const MAX_RECORD_AGE = Duration.hours(23);

/**
 * Email out (design §2): the outbox function reads new events from the table's stream and sends
 * what they call for through SES v2 with a configuration set, whose bounces and complaints go to
 * the mail-events function through EventBridge.
 */
export class OutboundMail extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly configurationSet: ses.ConfigurationSet;
  public readonly outboxFunction: SupportFunction;
  /** Stream batches the outbox gave up on (their position; the records stay in the table). */
  public readonly outboxDeadLetterQueue: sqs.Queue;
  /** Bounces and complaints, from the configuration set (SES publishes to the default bus only). */
  public readonly feedbackRule: events.Rule;
  public readonly mailEventsFunction: SupportFunction;
  /** Feedback events EventBridge could not deliver to the mail-events function. */
  public readonly mailEventsDeadLetterQueue: sqs.Queue;
  /** Feedback events the mail-events function failed on after Lambda's retries. */
  public readonly mailEventsFailureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: OutboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      // SES stops sending to an address that bounced or complained, whatever the outbox does.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // SES publishes a sending event to the default bus only.
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.eventBus(defaultBus),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    // Easy DKIM (the default): operators publish its three CNAMEs (stack outputs) before SES verifies the domain.
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });

    this.outboxFunction = new SupportFunction(this, 'Outbox', {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'outbox.ts'),
      description: 'Outbox: the emails and the schedule each new ticket event calls for',
      timeout: Duration.seconds(60), // a batch of events, each a few SES sends and a schedule call
      environment: {
        TABLE_NAME: props.tickets.table.tableName,
        ...props.timers.environment,
        MAIL_FROM: props.mailFrom,
        MAIL_REPLY_TO_DOMAIN: props.mailDomain,
        SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
        STAFF_ROSTER: props.staffRoster,
      },
    });
    // Writes: the notification log's claims and marks. Reads: tickets, and contacts by email on GSI3.
    props.tickets.grantTicketWrite(this.outboxFunction);
    props.timers.grantManageSchedules(this.outboxFunction);
    this.outboxFunction.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      // SES v2 authorises a send on both the From identity and the configuration set.
      resources: [
        this.identity.emailIdentityArn,
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
      ],
    }));

    this.outboxDeadLetterQueue = deadLetterQueue(this, 'OutboxDeadLetterQueue', 'the outbox stream mapping (Lambda on-failure destination)');
    this.outboxFunction.function.addEventSource(new DynamoEventSource(props.tickets.table, {
      // From the oldest record the stream keeps: events written before a (re)deploy still go out.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      // Only new domain events and report requests (R-RPT-1); tickets, messages and mail items
      // written beside them do not wake the outbox.
      filters: [lambda.FilterCriteria.filter({
        eventName: lambda.FilterRule.isEqual('INSERT'),
        dynamodb: { NewImage: { entity: { S: lambda.FilterRule.or('event', 'report-request') } } },
      })],
      reportBatchItemFailures: true, // the handler names the first failed record; the ones before it are done
      retryAttempts: 10,
      bisectBatchOnError: true,
      maxRecordAge: MAX_RECORD_AGE,
      // One batch at a time per shard: a ticket's events are sent in the order they were written.
      parallelizationFactor: 1,
      onFailure: new SqsDlq(this.outboxDeadLetterQueue),
    }));
    Validations.of(this.outboxFunction.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which Lambda\'s stream event source mapping needs, has no resource type (it only takes "*"); the stream reads themselves are on this table\'s stream ARN.',
    });

    this.feedbackRule = new events.Rule(this, 'FeedbackRule', {
      description: 'SES bounces and complaints of the support desk\'s configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detail: {
          eventType: ['Bounce', 'Complaint'],
          mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } },
        },
      },
    });
    this.mailEventsFunction = new SupportFunction(this, 'MailEvents', {
      entry: props.mailEventsEntry,
      description: 'Mail events: marks a contact that bounced or complained unreachable',
      environment: { TABLE_NAME: props.tickets.table.tableName },
    });
    this.mailEventsFailureQueue = asyncFailureQueue(this, 'MailEventsFailureQueue', this.mailEventsFunction, 'the mail-events handler');
    props.tickets.grantTicketWrite(this.mailEventsFunction);
    this.mailEventsDeadLetterQueue = deadLetterQueue(this, 'MailEventsDeadLetterQueue', 'the bounce and complaint rule (EventBridge target)');
    this.feedbackRule.addTarget(new targets.LambdaFunction(this.mailEventsFunction.function, {
      deadLetterQueue: this.mailEventsDeadLetterQueue,
      retryAttempts: 185,
      maxEventAge: Duration.hours(24),
    }));
  }

  /** The CNAMEs that verify the domain and sign its mail (Easy DKIM), as `name CNAME value`. */
  public get dkimRecords(): string[] {
    return this.identity.dkimRecords.map((r) => `${r.name} CNAME ${r.value}`);
  }
}
