import { join } from 'node:path';
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/handlers/http/routes.js';
import { InboundMail } from './inbound-mail.js';
import { KnowledgeBase } from './knowledge-base.js';
import { Monitoring } from './monitoring.js';
import { OutboundMail } from './outbound-mail.js';
import { Portal } from './portal.js';
import { readStageContext, type StageContext } from './stage-context.js';
import { RateLimitFirewall, readFirewallEnabled } from './rate-limit-firewall.js';
import { ReportSchedule } from './report-schedule.js';
import { SupportApi } from './support-api.js';
import { PROJECT_ROOT } from './support-function.js';
import { SupportIdentity } from './support-identity.js';
import { TicketTable } from './ticket-table.js';
import { TicketTimers } from './ticket-timers.js';

export type SupportDeskStackProps = StackProps & {
  /** Per-stage values. @default read from the context (readStageContext) */
  readonly stageContext?: Pick<StageContext, 'mail' | 'staffRoster'>;
  /**
   * The CLOUDFRONT web ACL with the API's per-client rate rules (ApiEdgeStack, us-east-1), put in
   * front of the portal's distribution, which serves the API at `/api`. @default none
   */
  readonly apiFirewall?: RateLimitFirewall;
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
  /** Per-client rate limits on the user pool; in prod unless context firewall=false. */
  public readonly firewall?: RateLimitFirewall;
  public readonly knowledgeBase: KnowledgeBase;
  public readonly portal: Portal;

  constructor(scope: Construct, id: string, props?: SupportDeskStackProps) {
    super(scope, id, props);
    const { mail, staffRoster } = props?.stageContext ?? readStageContext(this);
    this.tickets = new TicketTable(this, 'Tickets');
    this.identity = new SupportIdentity(this, 'Identity');
    // The portal first: the attachment bucket answers its origin only (CORS). The app calls the API
    // on the portal's own origin (`/api`, behind the web ACL when there is one), so the API needs no
    // CORS for it; naming the distribution in the API's CORS would be a cycle (it names the API).
    this.portal = new Portal(this, 'Portal', { identity: this.identity });
    this.api = new SupportApi(this, 'Api', { routes: ROUTES, tickets: this.tickets, identity: this.identity, uploadOrigins: [this.portal.url] });
    if (props?.apiFirewall) {
      // CloudFront and the API's functions share a secret, so nothing reaches the API around the web
      // ACL (docs/operations.md, "Rate limits": a new generation replaces it in one deployment).
      const generation = String(this.node.tryGetContext('apiOriginSecretGeneration') ?? 1);
      const secret = new secretsmanager.Secret(this, `ApiOriginSecret${generation}`, {
        description: 'The header CloudFront adds to every API request; the API functions refuse a request without it',
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'CloudFront\'s origin header and the API functions\' environment take the value at deployment; it is replaced by deploying a new generation (context apiOriginSecretGeneration), which updates both at once, as a rotation function could not.',
      });
      const value = secret.secretValue.unsafeUnwrap(); // a dynamic reference, resolved by CloudFormation at deployment
      this.portal.serveApi(this.api.httpApi, { webAclArn: props.apiFirewall.webAcl.attrArn, originSecret: value });
      this.api.requireOrigin(value);
    } else {
      this.portal.serveApi(this.api.httpApi);
    }
    this.monitoring = new Monitoring(this, 'Monitoring');
    if (readFirewallEnabled(this)) {
      this.firewall = new RateLimitFirewall(this, 'Firewall');
      this.firewall.protect('UserPoolAssociation', this.identity.userPool.userPoolArn);
      this.monitoring.watchFirewall(this.firewall, 'User pool web ACL', { alarmId: 'UserPoolRateLimited' });
    }
    // Its alarm is in its own stack (us-east-1): an alarm watches only its own region's metrics.
    if (props?.apiFirewall) this.monitoring.watchFirewall(props.apiFirewall, 'API web ACL (us-east-1)');
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

    // R-KB-1: the search index, rebuilt from the stream, read by the search route.
    this.knowledgeBase = new KnowledgeBase(this, 'KnowledgeBase', { tickets: this.tickets });
    const search = this.api.functions.get('search-articles');
    if (search) this.knowledgeBase.grantIndexRead(search);

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
    m.alarmOnDeadLetters('KbIndexDeadLetters', this.knowledgeBase.indexDeadLetterQueue, 'Knowledge base index rebuilds given up on');
    m.alarmOnErrors('KbIndexErrors', this.knowledgeBase.indexFunction, 'Knowledge base index');
    // Every function's errors and throttles (those above keep their names), the API, the stream, SES, the timer's lag.
    m.watch(this, { api: this.api.httpApi, streamConsumer: this.outboundMail.outboxFunction });

    new CfnOutput(this, 'TableName', { value: this.tickets.table.tableName });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'PortalApiUrl', { value: this.portal.apiUrl, description: 'The API on the portal\'s origin (CloudFront, the web ACL when on); the app calls it' });
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
