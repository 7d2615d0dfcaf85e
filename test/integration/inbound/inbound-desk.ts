// The inbound side of the desk on DynamoDB Local under a manual clock: the real stores, the
// notification log, raw mail and attachments in a temporary folder, and the two mail handlers.
import './live-env.js'; // first: the handler modules read their wiring at import
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  changeStatus, confirmResolution, ContactSchema, defaultPolicy, type Actor, type Organisation, type Ticket,
} from '../../../functions/domain/index.js';
import type { Notification } from '../../../functions/domain/notifications/index.js';
import { DynamoDirectoryStore } from '../../../functions/adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../../../functions/adapters/dynamo-ticket-store.js';
import { DynamoNotificationLog } from '../../../functions/adapters/notification-log.js';
import { FolderObjects } from '../../../functions/adapters/object-store.js';
import type { TicketRecord } from '../../../functions/adapters/store.js';
import { policyRegistry } from '../../../functions/handlers/http/deps.js';
import { makeInboundMailHandler, type InboundMailDeps, type InboundOutcome } from '../../../functions/handlers/inbound-mail.js';
import { makeMailEventsHandler } from '../../../functions/handlers/mail-events.js';
import type { Log } from '../../../functions/handlers/log.js';
import { openTicketFor } from '../../../functions/handlers/open-ticket.js';
import type { DynamoDbLocalContext } from '../../support/dynamodb.js';
import { signAsTestSender, tableResolver, testDomainRecords } from '../../../bin/local/local-dns.js';

/** R-MAIL-1: the DNS the desk reads DKIM keys from; the fixtures' customer domains publish the test key. */
export const RESOLVER = tableResolver(Object.assign({}, ...['acme.example', 'globex.example', 'contoso.example', 'northwind.example', 'fabrikam.example'].map((d) => testDomainRecords(d))));

export const OUR_DOMAIN = 'support.center.example';
const PREFIX = 'inbound/';
export const AGENT: Actor = { party: 'agent', id: 'avi@center.example' };

/** The Message-IDs SES gave the desk's mail in the fixtures' thread of T-1042. */
export const SENT = {
  opened: '<0100018fdb7e3c11-a8e4b2c9-7f1d-4c6a-b3e5-9d2f8a1c4e70-000000@email.amazonses.com>',
  agent1: '<0100018fe0c4a7b2-5d1e8f3a-9b6c-4e2d-8a7f-3c1b0e9d2f4a-000000@email.amazonses.com>',
  agent2: '<0100018fe5d90a6e-3b7c1f2d-4e8a-4b9c-a1d2-6f5e4c3b2a19-000000@email.amazonses.com>',
  agent3: '<0100018fe9f2b7c4-7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928-000000@email.amazonses.com>',
  agent4: '<0100018fea3c5d7e-2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d-000000@email.amazonses.com>',
  resolved: '<0100018ff1a2b3c4-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b-000000@email.amazonses.com>',
};
/** The customers' own Message-IDs in those fixtures. */
export const GMAIL_DANA1 = '<CAJ8vN2mT4qWz7Kp1RxY9bL3dF6sH0uE2cA5gI8kO1pQ3rS7tXw@mail.gmail.com>';

const YEAR = { validFrom: '2026-01-01', validTo: '2026-12-31' };
const org = (id: string, kind: Organisation['kind'], partnerId: string | null = null): Organisation =>
  ({ id, name: id, kind, partnerId, subscription: YEAR, packages: [], csm: null, cse: null });

export const ORGS = {
  acme: org('acme', 'direct'),
  globex: org('globex', 'direct'),
  northwind: org('northwind', 'partner'),
  contoso: org('contoso', 'partner-customer', 'northwind'),
  fabrikam: org('fabrikam', 'partner'),
};
/** The fixtures' senders, and a few more for R-PARTY-2. */
export const CONTACTS = {
  dana: { email: 'dana.levi@acme.example', organisationId: 'acme' },
  moshe: { email: 'moshe.cohen@acme.example', organisationId: 'acme' },
  yossi: { email: 'yossi.mizrahi@acme.example', organisationId: 'acme' },
  noa: { email: 'noa.peretz@acme.example', organisationId: 'acme' },
  gil: { email: 'gil@globex.example', organisationId: 'globex' },
  tom: { email: 'tom@contoso.example', organisationId: 'contoso' },
  pat: { email: 'pat@northwind.example', organisationId: 'northwind' },
  fay: { email: 'fay@fabrikam.example', organisationId: 'fabrikam' },
};

export type Verdicts = Partial<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED'>>;
export type Delivery = {
  replace?: ReadonlyArray<readonly [string | RegExp, string]>; verdicts?: Verdicts; sesMessageId?: string;
  /** R-MAIL-1: DKIM-sign the message as this domain with the test key (after the replacements). */
  signAs?: string;
  /** The envelope MAIL FROM (SES `mail.source`) instead of the fixture's. */
  envelopeFrom?: string;
  /** A message written by the test instead of the fixture (the name is then only a label). */
  raw?: string;
  /** The envelope recipients (SES `receipt.recipients`) instead of the fixture's. */
  recipients?: string[];
};

const RECEIPT_JSON = await readFile(new URL('../../fixtures/events/ses-receipt-lambda.json', import.meta.url), 'utf8');
export const BOUNCE_SNS_EVENT = JSON.parse(await readFile(new URL('../../fixtures/events/ses-bounce-sns.json', import.meta.url), 'utf8'));

/** The fixture's raw text (latin1 keeps every byte as it is, whatever the charset). */
export const fixture = (name: string) => readFile(new URL(`../../fixtures/mail/${name}`, import.meta.url), 'latin1');

export type InboundDesk = Awaited<ReturnType<typeof openInboundDesk>>;

/** A desk on a fresh table with the organisations and contacts above; the clock at `start`, a minute on per delivery. */
export async function openInboundDesk(db: DynamoDbLocalContext, start: string, options: { inboundTickets?: (t: DynamoTicketStore) => InboundMailDeps['tickets'] } = {}) {
  const table = await db.newTable();
  const folder = await mkdtemp(join(tmpdir(), 'inbound-'));
  const objects = new FolderObjects(folder);
  let now = Date.parse(start);
  const clock = { now: () => new Date(now).toISOString(), tick: (minutes = 1) => { now += minutes * 60_000; } };
  const tickets = new DynamoTicketStore(db.client, table.tableName);
  const directory = new DynamoDirectoryStore(db.client, table.tableName);
  const mailLog = new DynamoNotificationLog(db.client, table.tableName);
  const policies = policyRegistry(defaultPolicy);
  const lines: Record<string, unknown>[] = [];
  const log: Log = (level, message, fields = {}) => { lines.push({ level, message, ...fields }); };
  const inbound = makeInboundMailHandler({
    rawMail: objects, rawMailPrefix: PREFIX, attachments: objects, tickets: options.inboundTickets?.(tickets) ?? tickets, directory, mailLog, policies,
    mail: { ourDomains: [OUR_DOMAIN], ourMessageIdSuffixes: ['@email.amazonses.com>', '@eu-west-1.amazonses.com>'] },
    now: clock.now, newId: randomUUID, log, resolver: RESOLVER,
  });
  const mailEvents = makeMailEventsHandler({ directory, tickets, policies, now: clock.now, newId: randomUUID, log });

  for (const o of [ORGS.northwind, ORGS.fabrikam, ORGS.acme, ORGS.globex, ORGS.contoso]) await directory.putOrganisation(o, 0);
  for (const [name, c] of Object.entries(CONTACTS)) await directory.putContact(ContactSchema.parse({ ...c, name, language: 'en' }));

  const doc = DynamoDBDocumentClient.from(db.client);
  const commitAs = async (id: string, decide: (t: Ticket) => ReturnType<typeof changeStatus>) => {
    clock.tick();
    const { ticket } = (await tickets.get(id))!;
    await tickets.commit(decide(ticket), { expectedVersion: ticket.version });
  };

  return {
    clock, tickets, directory, mailLog, objects, folder, lines, inbound, mailEvents,
    stop: () => rm(folder, { recursive: true, force: true }),
    /** A ticket opened through the API path's opener by `by` (a contact's email) for its organisation. */
    async open(by: string, orgId = 'acme'): Promise<Ticket> {
      clock.tick();
      const actor: Actor = { party: 'customer', id: by };
      return openTicketFor({ tickets, policies, now: clock.now, newId: randomUUID }, { actor, email: by, channel: 'api' }, ORGS[orgId as keyof typeof ORGS], {
        type: 'incident', severity: 'normal', subject: 'Nightly sync fails with error 0x80070005', outage: false, remoteAccess: false, linkedTicketId: null,
      }, { messages: (ticketId, at) => [{ id: randomUUID(), ticketId, at, author: actor, visibility: 'public', body: 'The nightly sync fails.', attachments: [], channel: 'api', emailMessageId: null }] });
    },
    /** As if the outbox had mailed the ticket under each of these SES Message-IDs (the notification log's items). */
    async sent(ticket: Ticket, ...rfcMessageIds: string[]) {
      for (const rfc of rfcMessageIds) {
        const n = { id: `n-${randomUUID()}`, eventId: `${ticket.id}#1#0`, ticketId: ticket.id, ticketNumber: ticket.number, template: 'agent-reply', to: { email: CONTACTS.dana.email }, language: 'en' } as unknown as Notification;
        await mailLog.claim(n, clock.now());
        await mailLog.markSent(n, { messageId: rfc.slice(1, rfc.indexOf('@')), rfcMessageId: rfc }, clock.now());
      }
    },
    resolve: (id: string) => commitAs(id, (t) => changeStatus(t, 'resolved', AGENT, defaultPolicy, clock.now(), { solution: 'Restarted the sync service.' })),
    close: (id: string) => commitAs(id, (t) => confirmResolution(t, { party: 'customer', id: CONTACTS.dana.email }, defaultPolicy, clock.now())),
    /** Stores the fixture (after the replacements) where the S3 action would, and invokes the handler as the receipt rule would. */
    async deliver(name: string, d: Delivery = {}): Promise<InboundOutcome> {
      clock.tick();
      let raw = d.raw ?? await fixture(name);
      let eventJson = RECEIPT_JSON; // the envelope names the same recipients as the message
      for (const [from, to] of d.replace ?? []) [raw, eventJson] = [raw.replaceAll(from, to), eventJson.replaceAll(from, to)];
      const sesMessageId = d.sesMessageId ?? randomUUID().replaceAll('-', '');
      const bytes = Buffer.from(raw, 'latin1');
      await objects.put(`${PREFIX}${sesMessageId}`, d.signAs ? await signAsTestSender(bytes, d.signAs, new Date(clock.now())) : bytes, 'message/rfc822');
      const event = JSON.parse(eventJson);
      const record = event.Records[0].ses;
      record.mail.messageId = sesMessageId;
      if (d.envelopeFrom !== undefined) record.mail.source = d.envelopeFrom;
      if (d.recipients) record.receipt.recipients = record.mail.destination = d.recipients;
      for (const [name, status] of Object.entries(d.verdicts ?? {})) record.receipt[`${name}Verdict`] = { status };
      const [outcome] = await inbound(event);
      return outcome!;
    },
    async record(id: string): Promise<TicketRecord> {
      const r = await tickets.get(id);
      if (!r) throw new Error(`no ticket ${id}`);
      return r;
    },
    /** Every item's key, sorted: "nothing changed" is this list unchanged. */
    async keys(): Promise<string[]> {
      const out: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
        out.push(...(page.Items ?? []).map((i) => `${i.PK} ${i.SK} ${i.version ?? ''}`));
        start = page.LastEvaluatedKey;
      } while (start);
      return out.sort();
    },
  };
}

/** The fixtures name T-1042: point them at a ticket of this table. */
export const toTicket = (ticket: Ticket) => [['T-1042', ticket.number]] as const;
