import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { defaultPolicy } from '../domain/index.js';
import { planNotifications, type Notification } from '../domain/notifications/index.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../adapters/dynamo-ticket-store.js';
import { MailError, SesMailer } from '../adapters/email/ses-mailer.js';
import { renderEmail } from '../adapters/email/templates.js';
import { DynamoNotificationLog, type NotificationLog } from '../adapters/notification-log.js';
import { TicketScheduler } from '../adapters/scheduler/ticket-schedule.js';
import type { DirectoryStore, StoredEvent, TicketStore } from '../adapters/store.js';
import { policyRegistry, type PolicyRegistry } from './http/deps.js';
import { jsonLog, type Log } from './log.js';
import { loadTicketContext, type TicketContext } from './outbox-context.js';
import { countingMailer, observeOutbox } from './observe.js';
import { traced } from '../adapters/tracing.js';
import { deliverReport, reportRequestOf, type ReportMailDeps } from './report-mail.js';
import { DynamoReportRequests } from '../adapters/report-requests.js';
import { readOutboxRuntimeConfig, type StaffRoster } from './runtime-config.js';

export type OutboxDeps = ReportMailDeps & {
  tickets: Pick<TicketStore, 'get' | 'list' | 'listWorkOf'>;
  directory: Pick<DirectoryStore, 'findContact' | 'listContacts' | 'getOrganisation'>;
  scheduler: Pick<TicketScheduler, 'upsert' | 'remove'>;
  mailer: Pick<SesMailer, 'send'> & Partial<Pick<SesMailer, 'actionAddress'>>;
  mailLog: NotificationLog;
  policies: PolicyRegistry;
  staff: StaffRoster;
  now: () => string;
  log?: Log;
};

type Tally = { events: number; tickets: number; reports: number; sent: number; skipped: number; rejected: number };

/** The stored domain event an INSERT of an `event` item carries; null for every other record (tickets, messages, mail). */
export function storedEventOf(record: DynamoDBRecord): StoredEvent | null {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.entity?.S !== 'event') return null;
  // Lambda's JSON and the SDK's AttributeValue agree for the types events use (no binaries).
  const item = unmarshall(image as Record<string, AttributeValue>);
  return (item.event as StoredEvent | undefined) ?? null;
}

/**
 * The outbox (design §2): for each new event on the table's stream, (a) the ticket's schedule
 * set to its CURRENT `nextWakeAt` (removed when none), once per ticket per batch, and (b) the
 * emails the event calls for (planNotifications), each sent once: a conditional claim in the
 * notification log before the send, marked `sent` with SES's Message-ID after it. Redelivery is
 * expected (at-least-once): a `sent` notification is skipped; one left `sending` by a crash
 * between claim and mark is sent again (the one duplicate we accept rather than lose a mail).
 * A failure reports that record (ReportBatchItemFailures): Lambda retries it and the ones after
 * it, then the DLQ. SES refusing an email for good (MessageRejected) is logged as `rejected` and
 * does not hold the ticket's other effects back. A new report request (R-RPT-1) is the other
 * record it acts on: report-mail.ts claims, builds and sends it the same way.
 */
export const makeOutboxHandler = (deps: OutboxDeps) => async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const log = deps.log ?? jsonLog;
  const tickets = new Map<string, Promise<TicketContext | null>>();
  const tally: Tally = { events: 0, tickets: 0, reports: 0, sent: 0, skipped: 0, rejected: 0 };
  for (const record of event.Records) {
    let stored: StoredEvent | null = null;
    try {
      const report = reportRequestOf(record); // R-RPT-1: a ticket report to email
      if (report) {
        tally.reports += 1;
        tally[await deliverReport(deps, report, log)] += 1;
        continue;
      }
      stored = storedEventOf(record);
      if (!stored) continue;
      tally.events += 1;
      let context = tickets.get(stored.ticketId);
      if (!context) { // the ticket read once per batch; its schedule set then, from its current state
        tickets.set(stored.ticketId, (context = loadTicketContext(deps, stored.ticketId)));
        tally.tickets += 1;
      }
      const loaded = await context;
      if (!loaded) {
        log('warn', 'outbox: event of a ticket that is not there', { eventId: stored.id, ticketId: stored.ticketId });
        continue;
      }
      const plan = planNotifications(stored, loaded.ticket, loaded.people, loaded.policy, { replyText: loaded.replyTextOf(stored) });
      for (const skipped of plan.skipped) log('info', 'outbox: recipient skipped', { eventId: stored.id, ticketId: stored.ticketId, ticketNumber: stored.ticketNumber, ...skipped });
      for (const n of plan.notifications) await deliver(deps, n, tally, log);
    } catch (error) {
      log('error', 'outbox: record failed; Lambda retries it and the records after it', {
        eventId: stored?.id, ticketId: stored?.ticketId, ticketNumber: stored?.ticketNumber, type: stored?.type, sequenceNumber: record.dynamodb?.SequenceNumber, error, ...tally,
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  log('info', 'outbox: batch done', { records: event.Records.length, ...tally });
  return { batchItemFailures: [] };
};

/** One email, at most once per notification id as far as the log can tell (see makeOutboxHandler). */
async function deliver(deps: OutboxDeps, n: Notification, tally: Tally, log: Log): Promise<void> {
  const claim = await deps.mailLog.claim(n, deps.now());
  if (claim.action === 'done') {
    tally.skipped += 1;
    return;
  }
  if (claim.attempts > 1) log('warn', 'outbox: sending again a notification a previous delivery claimed', { notificationId: n.id, attempts: claim.attempts });
  try {
    const sent = await deps.mailer.send(renderEmail(n, { actionAddress: deps.mailer.actionAddress?.bind(deps.mailer) })); // R-CLOSE-2 links
    await deps.mailLog.markSent(n, sent, deps.now());
    tally.sent += 1;
  } catch (error) {
    if (!(error instanceof MailError) || error.retryable) throw error;
    await deps.mailLog.markRejected(n, error.message, deps.now());
    tally.rejected += 1;
    log('error', 'outbox: SES refused an email for good', { notificationId: n.id, to: n.to.email, error });
  }
}

// Live wiring, once per cold start (style §3); tests and the local stack call makeOutboxHandler.
const config = readOutboxRuntimeConfig(process.env);
const dynamo = traced(new DynamoDBClient({}));
const now = () => new Date().toISOString();
export const handler = observeOutbox(makeOutboxHandler({
  tickets: new DynamoTicketStore(dynamo, config.tableName),
  directory: new DynamoDirectoryStore(dynamo, config.tableName),
  scheduler: new TicketScheduler(traced(new SchedulerClient({})), config.scheduler, now),
  mailer: countingMailer(new SesMailer(traced(new SESv2Client({ region: config.mail.region })), config.mail)),
  mailLog: new DynamoNotificationLog(dynamo, config.tableName),
  reportRequests: new DynamoReportRequests(dynamo, config.tableName),
  policies: policyRegistry(defaultPolicy),
  staff: config.staff,
  now,
}), storedEventOf);
