// The desk end to end on one machine, under a manual clock: the HTTP handlers, DynamoDB Local and
// its real stream read by the Lambda-shaped poller into the outbox handler, the local Scheduler
// firing the timer handler as the clock passes each wake-up, and the local SES keeping the mail.
import './live-env.js'; // first: the handler modules read their wiring at import
import { randomUUID } from 'node:crypto';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createLocalScheduler, type LocalScheduler } from '../../../bin/local/local-scheduler.js';
import { startLocalSes, type LocalSes } from '../../../bin/local/local-ses.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { pollStream, type DynamoDBStreamRecord } from '../../../bin/local/stream-poller.js';
import { defaultPolicy, type Contact, type Organisation, type Ticket } from '../../../functions/domain/index.js';
import { DynamoDirectoryStore } from '../../../functions/adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../../../functions/adapters/dynamo-ticket-store.js';
import { SesMailer } from '../../../functions/adapters/email/ses-mailer.js';
import { DynamoReportRequests } from '../../../functions/adapters/report-requests.js';
import { DynamoArticleStore } from '../../../functions/adapters/article-store.js';
import { noArticleIndex } from '../../../functions/adapters/search/index-reader.js';
import { DynamoNotificationLog, type MailRecord } from '../../../functions/adapters/notification-log.js';
import { TicketScheduler } from '../../../functions/adapters/scheduler/ticket-schedule.js';
import type { Role } from '../../../functions/handlers/http/caller.js';
import { makeAddMessageHandler } from '../../../functions/handlers/http/add-message.js';
import { makeChangeStatusHandler } from '../../../functions/handlers/http/change-status.js';
import { makeCreateTicketHandler } from '../../../functions/handlers/http/create-ticket.js';
import { makeDecideResolutionHandler } from '../../../functions/handlers/http/decide-resolution.js';
import { policyRegistry } from '../../../functions/handlers/http/deps.js';
import type { HttpHandler } from '../../../functions/handlers/http/route.js';
import { makeUpdateTicketHandler } from '../../../functions/handlers/http/update-ticket.js';
import { silentLog } from '../../../functions/handlers/log.js';
import { makeOutboxHandler, type OutboxDeps } from '../../../functions/handlers/outbox.js';
import { StaffRosterSchema } from '../../../functions/handlers/runtime-config.js';
import { makeTimerHandler, type TimerOutcome } from '../../../functions/handlers/timer.js';
import { anHttpEvent, claimsFor } from '../../fixtures/http.js';
import type { DynamoDbLocalContext, LocalTable } from '../../support/dynamodb.js';

export const STAFF = StaffRosterSchema.parse({
  tierDuty: {
    1: { email: 'duty1@center.example', name: 'Tier 1 duty' },
    2: { email: 'duty2@center.example', name: 'רונית לוי', language: 'he' }, // a Hebrew-speaking duty contact
    3: { email: 'cto@center.example', name: 'CTO' },
    4: { email: 'vendor-desk@center.example', name: 'Vendor desk' },
  },
  hos: { email: 'hos@center.example', name: 'Head of Support' },
  cco: { email: 'cco@center.example', name: 'Chief Customer Officer' },
  staff: [{ email: 'avi@center.example', name: 'Avi Agent', language: 'en' }],
});
const SCHEDULER_WIRING = {
  groupName: 'support-desk-tickets', targetArn: 'arn:aws:lambda:eu-west-1:000000000000:function:timer',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler', deadLetterArn: 'arn:aws:sqs:eu-west-1:000000000000:timer-dlq',
};
const MAIL = { from: 'Support <support@center.example>', replyToDomain: 'center.example', configurationSetName: 'support-desk', region: 'eu-west-1' };

export type Person = { email: string; role: Role; organisationId: string | null; name: string; language: 'he' | 'en' };
export const DANA: Person = { email: 'dana@acme.example', role: 'customer', organisationId: 'acme', name: 'דנה כהן', language: 'he' };
export const MOSHE: Person = { email: 'moshe@globex.example', role: 'customer', organisationId: 'globex', name: 'משה', language: 'he' };
export const RESELLER_OPS: Person = { email: 'ops@reseller.example', role: 'partner', organisationId: 'reseller', name: 'Reseller Ops', language: 'en' };
export const AVI: Person = { email: 'avi@center.example', role: 'agent-tier1', organisationId: null, name: 'Avi Agent', language: 'en' };

const THIS_YEAR = { validFrom: '2026-01-01', validTo: '2026-12-31' };
const org = (id: string, kind: Organisation['kind'], partnerId: string | null = null): Organisation =>
  ({ id, name: id, kind, partnerId, subscription: THIS_YEAR, packages: [], csm: null, cse: null });

/** An email as the test sees it: the local SES's copy joined with the notification log's item. */
export type SeenMail = { template: string; to: string; language: string; subject: string; ticketNumber: string; log: MailRecord };

export type Desk = Awaited<ReturnType<typeof openDesk>>;

/** A desk on a fresh table, its clock at `start`. `outbox` lets a test wrap the deps the outbox gets. */
export async function openDesk(db: DynamoDbLocalContext, ses: LocalSes, start: string, options: { outbox?: (deps: OutboxDeps) => OutboxDeps } = {}) {
  const table: LocalTable = await db.newTable();
  let now = start;
  const clock = {
    now: () => now,
    set(at: string) {
      if (at < now) throw new Error(`the clock does not go back: ${at} < ${now}`);
      now = at;
    },
  };
  const tickets = new DynamoTicketStore(db.client, table.tableName);
  const directory = new DynamoDirectoryStore(db.client, table.tableName);
  const mailLog = new DynamoNotificationLog(db.client, table.tableName);
  const scheduler: LocalScheduler = createLocalScheduler({ now: clock.now });
  const ticketScheduler = new TicketScheduler(scheduler.client, SCHEDULER_WIRING, clock.now);
  const policies = policyRegistry(defaultPolicy);
  const mailer = new SesMailer(new SESv2Client(ses.clientConfig), MAIL);
  const timer = makeTimerHandler({ tickets, scheduler: ticketScheduler, policies, now: clock.now, log: silentLog });
  const reportRequests = new DynamoReportRequests(db.client, table.tableName);
  const outboxDeps: OutboxDeps = { tickets, directory, scheduler: ticketScheduler, mailer, mailLog, reportRequests, policies, staff: STAFF, now: clock.now, log: silentLog };
  const outbox = makeOutboxHandler(options.outbox ? options.outbox(outboxDeps) : outboxDeps);
  const batches: DynamoDBStreamRecord[][] = [];
  const poller = pollStream({
    streamsClient: db.streamsClient, streamArn: table.streamArn, pollIntervalMs: 0,
    onBatch: async (records) => {
      batches.push(records);
      // The poller's records are Lambda's JSON; @types/aws-lambda spells attribute values as an exclusive union.
      return outbox({ Records: records as unknown as DynamoDBStreamEvent['Records'] });
    },
  });
  const http = { tickets, directory, policies, now: clock.now, newId: randomUUID, reportRequests, articles: new DynamoArticleStore(db.client, table.tableName), articleIndex: noArticleIndex };
  const routes = {
    create: makeCreateTicketHandler(http), message: makeAddMessageHandler(http), transition: makeChangeStatusHandler(http),
    decide: makeDecideResolutionHandler(http), update: makeUpdateTicketHandler(http),
  };
  const call = async (route: HttpHandler, as: Person, over: Parameters<typeof anHttpEvent>[0]) => {
    const claims = claimsFor(as.role, as.organisationId)!;
    Object.assign(claims, { email: as.email, sub: `sub-${as.email}` });
    const res = await route(anHttpEvent({ ...over, claims }));
    if (res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
    return JSON.parse(res.body ?? 'null');
  };
  const onTicket = (id: string) => ({ pathParameters: { id } });

  await Promise.all([
    directory.putOrganisation(org('acme', 'direct'), 0),
    directory.putOrganisation(org('reseller', 'partner'), 0),
    directory.putOrganisation(org('globex', 'partner-customer', 'reseller'), 0),
  ]);
  for (const p of [DANA, MOSHE, RESELLER_OPS]) {
    const contact: Contact = { email: p.email, organisationId: p.organisationId!, name: p.name, language: p.language, unreachable: false };
    await directory.putContact(contact);
  }

  const ticketIds = new Set<string>();
  const seen = new Set<string>();
  const drain = () => poller.drain();

  return {
    clock, tickets, directory, mailLog, reportRequests, scheduler, timer, outbox, batches, table, drain,
    /** Every email the local SES holds, raw (reports included, which no ticket's log knows). */
    sentEmails: () => ses.sentEmails(),
    stop: () => poller.stop(),
    async ticket(id: string): Promise<Ticket> {
      const record = await tickets.get(id);
      if (!record) throw new Error(`no ticket ${id}`);
      return record.ticket;
    },
    /** POST /tickets as `as`; the outbox has run when it returns. */
    async open(as: Person, over: { severity?: 'urgent' | 'high' | 'normal'; type?: 'incident' | 'service-request' } = {}): Promise<Ticket> {
      const view = await call(routes.create, as, { method: 'POST', path: '/tickets', pathParameters: undefined, body: {
        type: over.type ?? 'incident', severity: over.severity ?? 'normal', subject: 'Night reload fails', description: 'Since Sunday the night reload stops at 40%.',
      } });
      ticketIds.add(view.id);
      await drain();
      return this.ticket(view.id);
    },
    async reply(as: Person, id: string, body: string) {
      await call(routes.message, as, { method: 'POST', ...onTicket(id), body: { body } });
      await drain();
    },
    async transition(as: Person, id: string, body: Record<string, string>) {
      await call(routes.transition, as, { method: 'POST', ...onTicket(id), body });
      await drain();
    },
    async decide(as: Person, id: string, body: Record<string, string>) {
      await call(routes.decide, as, { method: 'POST', ...onTicket(id), body });
      await drain();
    },
    async assign(as: Person, id: string, assignee: string) {
      const { version } = await this.ticket(id);
      await call(routes.update, as, { method: 'PATCH', ...onTicket(id), headers: { 'if-match': `"${version}"` }, body: { assignee } });
      await drain();
    },
    /**
     * Moves the clock to `at`, stopping at each wake-up on the way: the clock is set to the
     * schedule's time, the local Scheduler fires the timer handler, the outbox drains the stream.
     */
    async advanceTo(at: string): Promise<TimerOutcome[]> {
      const outcomes: TimerOutcome[] = [];
      for (;;) {
        const next = scheduler.pending()[0];
        if (!next || next.at > at) break;
        clock.set(next.at);
        await scheduler.fireDue(next.at, async (input) => { outcomes.push(await timer(input)); });
        await drain();
      }
      clock.set(at);
      await drain();
      return outcomes;
    },
    /** The emails sent since the last call, in sending order. */
    async newMail(): Promise<SeenMail[]> {
      const fresh = (await ses.sentEmails()).filter((e) => !seen.has(e.messageId));
      if (fresh.length === 0) return [];
      const logged = new Map<string, MailRecord>();
      for (const id of ticketIds) {
        for (const record of await mailLog.listForTicket(id)) if (record.sesMessageId) logged.set(record.sesMessageId, record);
      }
      return fresh.map((e) => {
        seen.add(e.messageId);
        const log = logged.get(e.messageId);
        if (!log) throw new Error(`an email the notification log does not know: ${e.subject} to ${e.to.join(', ')}`);
        const language = /<html dir="(?:rtl|ltr)" lang="(he|en)">/.exec(e.html ?? '')?.[1] ?? '?';
        return { template: log.template, to: e.toAddresses.join(','), language, subject: e.subject, ticketNumber: log.ticketNumber, log };
      });
    },
  };
}

/** [template, recipient, language] of each email, for compact assertions. */
export const who = (mail: SeenMail[]) => mail.map((m) => [m.template, m.to, m.language]);

/**
 * The hooks every outbox test file needs: one local SES for the file, desks opened per test
 * and stopped after it, sent mail cleared between tests. Call at the top of the file.
 */
export function useDesks(db: DynamoDbLocalContext) {
  let ses: LocalSes | undefined;
  const open: Desk[] = [];
  beforeAll(async () => { ses = await startLocalSes(); });
  afterAll(async () => { await ses?.stop(); });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.stop()));
    await ses?.clear();
  });
  return async (start: string, options?: Parameters<typeof openDesk>[3]): Promise<Desk> => {
    const d = await openDesk(db, ses!, start, options);
    open.push(d);
    return d;
  };
}
