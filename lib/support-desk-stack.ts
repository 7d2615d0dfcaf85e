import { join } from 'node:path';
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/handlers/http/routes.js';
import { InboundMail } from './inbound-mail.js';
import { Monitoring } from './monitoring.js';
import { OutboundMail } from './outbound-mail.js';
import { Portal } from './portal.js';
import { readStageContext, type StageContext } from './stage-context.js';
import { ReportSchedule } from './report-schedule.js';
import { SupportApi } from './support-api.js';
import { PROJECT_ROOT } from './support-function.js';
import { SupportIdentity } from './support-identity.js';
import { TicketTable } from './ticket-table.js';
import { TicketTimers } from './ticket-timers.js';

export type SupportDeskStackProps = StackProps & {
  /** Per-stage values. @default read from the context (readStageContext) */
  readonly stageContext?: Pick<StageContext, 'mail' | 'staffRoster'>;
};

const handlerEntry = (name: string): string => join(PROJECT_ROOT, 'functions', 'handlers', `${name}.ts`);


/** The whole support desk; it only composes the constructs, one per concern. */
export class SupportDeskStack extends Stack {
  public readonly tickets: TicketTable;
  public readonly identity: SupportIdentity;
  public readonly api: SupportApi;
  public readonly monitoring: Monitoring;
  public readonly timers: TicketTimers;
  public readonly outboundMail: OutboundMail;
  public readonly inboundMail: InboundMail;
  public readonly reports: ReportSchedule;
  public readonly portal: Portal;

  constructor(scope: Construct, id: string, props?: SupportDeskStackProps) {
    super(scope, id, props);
    const { mail, staffRoster } = props?.stageContext ?? readStageContext(this);
    this.tickets = new TicketTable(this, 'Tickets');
    this.identity = new SupportIdentity(this, 'Identity');
    // The portal first: the API answers its origin only (CORS); the portal learns the API's URL at deploy time.
    this.portal = new Portal(this, 'Portal', { identity: this.identity, apiUrl: Lazy.string({ produce: () => this.api.url }) });
    this.api = new SupportApi(this, 'Api', { routes: ROUTES, tickets: this.tickets, identity: this.identity, allowedOrigins: [this.portal.url] });
    this.monitoring = new Monitoring(this, 'Monitoring');
    this.timers = new TicketTimers(this, 'Timers', { tickets: this.tickets });
    this.outboundMail = new OutboundMail(this, 'OutboundMail', {
      tickets: this.tickets,
      timers: this.timers,
      mailDomain: mail.domain,
      mailFrom: mail.from,
      staffRoster,
      mailEventsEntry: handlerEntry('mail-events'),
    });
    this.reports = new ReportSchedule(this, 'Reports', { tickets: this.tickets });
    this.inboundMail = new InboundMail(this, 'InboundMail', {
      tickets: this.tickets,
      mailDomain: mail.domain,
      handlerEntry: handlerEntry('inbound-mail'),
    });
    // Portal attachments share the mail bucket: email attachments are already there, one download route serves both.
    this.api.grantAttachments(this.inboundMail.bucket);

    const m = this.monitoring;
    m.alarmOnDeadLetters('SchedulerDeadLetters', this.timers.deadLetterQueue, 'Ticket wake-ups Scheduler gave up on');
    m.alarmOnDeadLetters('OutboxDeadLetters', this.outboundMail.outboxDeadLetterQueue, 'Outbox stream batches given up on');
    m.alarmOnDeadLetters('TimerFailures', this.timers.timerFailureQueue, 'Ticket wake-ups the timer failed on');
    m.alarmOnDeadLetters('MailEventsFailures', this.outboundMail.mailEventsFailureQueue, 'Bounces and complaints the handler failed on');
    m.alarmOnDeadLetters('InboundMailFailures', this.inboundMail.inboundFailureQueue, 'Inbound emails the handler failed on');
    m.alarmOnErrors('TimerErrors', this.timers.timerFunction, 'Ticket timer');
    m.alarmOnErrors('OutboxErrors', this.outboundMail.outboxFunction, 'Outbox');
    m.alarmOnDeadLetters('MailEventsDeadLetters', this.outboundMail.mailEventsDeadLetterQueue, 'Bounces and complaints not delivered');
    m.alarmOnErrors('MailEventsErrors', this.outboundMail.mailEventsFunction, 'Mail events');
    m.alarmOnErrors('InboundMailErrors', this.inboundMail.inboundFunction, 'Inbound mail');
    m.alarmOnDeadLetters('ReportScheduleDeadLetters', this.reports.deadLetterQueue, 'Report runs Scheduler gave up on');
    m.alarmOnDeadLetters('ReportRunFailures', this.reports.runFailureQueue, 'Report runs the function failed on');
    m.alarmOnErrors('ReportRunErrors', this.reports.runFunction, 'Report schedule');

    new CfnOutput(this, 'TableName', { value: this.tickets.table.tableName });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'PortalUrl', { value: this.portal.url, description: 'The customer portal' });
    new CfnOutput(this, 'PortalLoginDomain', { value: this.portal.loginDomain, description: 'Cognito managed login' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topicArn, description: 'Subscribe operators to it' });
    new CfnOutput(this, 'InboundRuleSetName', {
      value: this.inboundMail.ruleSet.receiptRuleSetName,
      description: 'Activate by hand: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    this.outboundMail.dkimRecords.forEach((record, i) => new CfnOutput(this, `DkimRecord${i + 1}`, {
      value: record,
      description: `Publish in the DNS of ${mail.domain} so SES verifies it and signs with DKIM`,
    }));
  }
}
