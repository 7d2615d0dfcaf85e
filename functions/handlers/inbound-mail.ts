import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import {
  confirmResolution, defaultPolicy, DomainError, recordCustomerReply, rejectResolution,
  type Actor, type Contact, type Severity, type Ticket, type TicketType,
} from '../domain/index.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../adapters/dynamo-ticket-store.js';
import { parseInboundMail, type InboundMail, type ParseInboundOptions } from '../adapters/mail/index.js';
import { DynamoNotificationLog, type NotificationLog } from '../adapters/notification-log.js';
import { S3Objects, type AttachmentWriter, type RawMailReader } from '../adapters/object-store.js';
import type { DirectoryStore, Message, TicketStore } from '../adapters/store.js';
import { retryOnConflict } from './http/command.js';
import { policyOf, policyRegistry, type PolicyRegistry } from './http/deps.js';
import { jsonLog, type Log } from './log.js';
import { emailMessage } from './mail/email-message.js';
import { findTicket, type TicketReference } from './mail/find-ticket.js';
import { failedVerdicts, SesReceiptEventSchema, type SesReceiptRecord } from './mail/ses-events.js';
import { openTicketFor } from './open-ticket.js';
import { observeInbound } from './observe.js';
import { traced } from '../adapters/tracing.js';
import { readInboundRuntimeConfig } from './runtime-config.js';

export type InboundMailDeps = {
  /** The raw MIME the receipt rule's S3 action stored, by key (`rawMailPrefix` + SES message id). */
  rawMail: RawMailReader;
  rawMailPrefix: string;
  attachments: AttachmentWriter;
  tickets: Pick<TicketStore, 'get' | 'commit' | 'create' | 'nextTicketNumber' | 'findIdByNumber' | 'findIdByInboundMessageId'>;
  directory: Pick<DirectoryStore, 'findContact' | 'getOrganisation'>;
  mailLog: Pick<NotificationLog, 'findByRfcMessageId'>;
  policies: PolicyRegistry;
  /** Our domains and SES Message-ID suffixes: plus-addresses, loops. */
  mail: Omit<ParseInboundOptions, 'envelopeRecipients'>;
  /** R-TKT-1: what an emailed ticket opens as; the sender cannot say (an agent reclassifies, R-TKT-5). */
  newTicket?: { type: TicketType; severity: Severity };
  now: () => string;
  newId: () => string;
  log?: Log;
};

/** What became of one inbound email: one JSON log line each, `reason` saying why. */
export type InboundOutcome = {
  sesMessageId: string;
  messageId: string | null;
  from: string | null;
  outcome: 'dropped' | 'refused' | 'duplicate' | 'replied' | 'confirmed' | 'reopened' | 'opened' | 'opened-follow-up';
  reason: string;
  detail?: string;
  ticketId?: string;
  ticketNumber?: string;
  linkedTicketId?: string;
  attachments?: number;
};

type Base = Pick<InboundOutcome, 'sesMessageId' | 'messageId' | 'from'>;
const DEFAULT_NEW_TICKET = { type: 'incident', severity: 'normal' } as const;
const describeReference = (r: TicketReference) => ('messageId' in r ? `${r.via} ${r.messageId}` : `${r.via} ${r.number}`);

/**
 * SES receipt rule → Lambda (design §Email): drops what SES convicted and what is automatic or
 * ours, refuses strangers (no ticket, no reply: an answer would confirm the address to a spammer),
 * then writes the email to its ticket in one transaction with an `INBOUND#<Message-ID>` marker,
 * so a redelivery is a no-op. The outbox mails whatever the write's events call for.
 */
export const makeInboundMailHandler = (deps: InboundMailDeps) => async (event: unknown): Promise<InboundOutcome[]> => {
  const log = deps.log ?? jsonLog;
  const { Records } = SesReceiptEventSchema.parse(event);
  const outcomes: InboundOutcome[] = [];
  for (const record of Records) {
    const outcome = await receive(deps, record);
    const written = !['dropped', 'refused'].includes(outcome.outcome);
    log(written ? 'info' : 'warn', 'inbound mail', { ...outcome });
    outcomes.push(outcome);
  }
  return outcomes;
};

async function receive(deps: InboundMailDeps, record: SesReceiptRecord): Promise<InboundOutcome> {
  const sesMessageId = record.ses.mail.messageId;
  const failed = failedVerdicts(record.ses.receipt);
  if (failed.length) return { sesMessageId, messageId: null, from: record.ses.mail.source ?? null, outcome: 'dropped', reason: 'verdict-failed', detail: failed.join(',') };

  let mail: InboundMail;
  try {
    const raw = await deps.rawMail.read(`${deps.rawMailPrefix}${sesMessageId}`);
    mail = await parseInboundMail(raw, { ...deps.mail, envelopeRecipients: record.ses.receipt.recipients });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid-input') {
      return { sesMessageId, messageId: null, from: record.ses.mail.source ?? null, outcome: 'dropped', reason: 'unreadable-mime', detail: error.message };
    }
    throw error;
  }
  const base: Base = { sesMessageId, messageId: mail.messageId, from: mail.from?.address ?? null };
  if (mail.autoReply.isAuto) return { ...base, outcome: 'dropped', reason: 'auto-reply', detail: `${mail.autoReply.reason}: ${mail.autoReply.detail}` };
  // A Message-ID we sent under a suffix the config does not list (another region) is a loop too.
  if (mail.messageId && (await deps.mailLog.findByRfcMessageId(mail.messageId))) {
    return { ...base, outcome: 'dropped', reason: 'auto-reply', detail: `own-message-id: ${mail.messageId}` };
  }
  // A message without a Message-ID (rare, but legal) is known by SES's id for it.
  const marker = mail.messageId ?? `<${sesMessageId}@inbound.amazonses.com>`;
  const duplicate = (ticketId: string | null): InboundOutcome => ({ ...base, outcome: 'duplicate', reason: 'already-processed', ...(ticketId ? { ticketId } : {}) });
  const seen = await deps.tickets.findIdByInboundMessageId(marker);
  if (seen) return duplicate(seen);
  if (!mail.from) return { ...base, outcome: 'refused', reason: 'no-sender' };
  const contact = await deps.directory.findContact(mail.from.address);
  if (!contact) return { ...base, outcome: 'refused', reason: 'unknown-sender' };

  try {
    const found = await findTicket({ tickets: deps.tickets, mailLog: deps.mailLog }, mail);
    if (!found) return await openFromMail(deps, base, contact, mail, marker); // R-TKT-1
    return await writeToTicket(deps, base, contact, mail, marker, found.ticketId, describeReference(found.reference));
  } catch (error) {
    // Two deliveries of one message raced past the check above: the transaction let one through.
    if (error instanceof DomainError && error.code === 'idempotency-conflict' && error.context.marker === marker) return duplicate(null);
    throw error;
  }
}

/** R-PARTY-2: a contact of the ticket's organisation, or of the partner that follows it. */
const isPartyOf = (contact: Contact, ticket: Ticket) =>
  contact.organisationId === ticket.organisationId || (ticket.partnerId !== null && contact.organisationId === ticket.partnerId);

const customerActor = (contact: Contact): Actor => ({ party: 'customer', id: contact.email });

/**
 * A reply to a known ticket: R-CLOSE-2 "confirm"/"reopen" on a Resolved ticket, else a customer
 * reply (R-PEND-1; on Resolved it reopens too); R-CLOSE-5 a Closed ticket gets a linked new one.
 */
async function writeToTicket(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string, ticketId: string, via: string): Promise<InboundOutcome> {
  const actor = customerActor(contact);
  let message: Message | undefined; // built (attachments stored) once, whatever the retries
  const result = await retryOnConflict(async () => {
    const record = await deps.tickets.get(ticketId);
    if (!record) return { kind: 'refused', reason: 'unknown-ticket' } as const;
    const ticket = record.ticket;
    if (!isPartyOf(contact, ticket)) return { kind: 'refused', reason: 'sender-not-a-party' } as const;
    if (ticket.status === 'closed') return { kind: 'closed', ticket } as const;
    const policy = policyOf(deps.policies, ticket);
    const now = deps.now();
    const decided = ticket.status === 'resolved' && mail.intent ? mail.intent : null;
    const change = decided === 'confirm' ? confirmResolution(ticket, actor, policy, now)
      : decided === 'reopen' ? rejectResolution(ticket, actor, mail.text || mail.subject, policy, now)
      : recordCustomerReply(ticket, actor, policy, now);
    message ??= await emailMessage(deps.attachments, deps.newId(), ticket.id, now, actor, mail);
    await deps.tickets.commit(change, { expectedVersion: ticket.version, messages: [{ ...message, at: now }], once: { kind: 'inbound', messageId: marker } });
    return { kind: 'written', ticket: change.ticket, outcome: decided === 'confirm' ? 'confirmed' : decided === 'reopen' ? 'reopened' : 'replied' } as const;
  });
  if (result.kind === 'refused') return { ...base, outcome: 'refused', reason: result.reason, detail: via, ticketId };
  if (result.kind === 'closed') return openFollowUp(deps, base, contact, mail, marker, result.ticket);
  return {
    ...base, outcome: result.outcome, reason: result.outcome === 'replied' ? 'customer-reply' : `R-CLOSE-2 ${mail.intent}`, detail: via,
    ticketId, ticketNumber: result.ticket.number, attachments: message?.attachments.length ?? 0,
  };
}

/** R-CLOSE-5: a reply to a Closed ticket opens a new ticket linked to it, as the API does. */
async function openFollowUp(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string, closed: Ticket): Promise<InboundOutcome> {
  const org = await deps.directory.getOrganisation(closed.organisationId);
  if (!org) return { ...base, outcome: 'refused', reason: 'organisation-gone', ticketId: closed.id };
  const opened = await open(deps, contact, mail, marker, org, {
    type: closed.type, severity: closed.severity, subject: closed.subject, outage: closed.outage, remoteAccess: closed.remoteAccess, linkedTicketId: closed.id,
  });
  return { ...base, outcome: 'opened-follow-up', reason: 'R-CLOSE-5', ticketId: opened.ticket.id, ticketNumber: opened.ticket.number, linkedTicketId: closed.id, attachments: opened.attachments };
}

/** R-TKT-1: a known contact writing without a ticket reference opens a ticket for its organisation. */
async function openFromMail(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string): Promise<InboundOutcome> {
  const org = await deps.directory.getOrganisation(contact.organisationId);
  if (!org) return { ...base, outcome: 'refused', reason: 'organisation-gone' };
  const { type, severity } = deps.newTicket ?? DEFAULT_NEW_TICKET;
  const subject = mail.subject.trim().slice(0, 200) || '(no subject)';
  const opened = await open(deps, contact, mail, marker, org, { type, severity, subject, outage: false, remoteAccess: false, linkedTicketId: null });
  return { ...base, outcome: 'opened', reason: 'R-TKT-1', ticketId: opened.ticket.id, ticketNumber: opened.ticket.number, attachments: opened.attachments };
}

async function open(deps: InboundMailDeps, contact: Contact, mail: InboundMail, marker: string, org: Parameters<typeof openTicketFor>[2], req: Parameters<typeof openTicketFor>[3]) {
  const actor = customerActor(contact);
  let attachments = 0;
  const ticket = await openTicketFor(deps, { actor, email: contact.email, channel: 'email' }, org, req, {
    once: { kind: 'inbound', messageId: marker },
    messages: async (ticketId, at) => {
      const message = await emailMessage(deps.attachments, deps.newId(), ticketId, at, actor, mail);
      attachments = message.attachments.length;
      return [message];
    },
  });
  return { ticket, attachments };
}

// Live wiring, once per cold start (style §3); tests and the local stack call makeInboundMailHandler.
const config = readInboundRuntimeConfig(process.env);
const dynamo = traced(new DynamoDBClient({}));
const s3 = traced(new S3Client({}));
export const handler = observeInbound(makeInboundMailHandler({
  rawMail: new S3Objects(s3, config.rawMail.bucket),
  rawMailPrefix: config.rawMail.prefix,
  attachments: new S3Objects(s3, config.attachmentBucket),
  tickets: new DynamoTicketStore(dynamo, config.tableName),
  directory: new DynamoDirectoryStore(dynamo, config.tableName),
  mailLog: new DynamoNotificationLog(dynamo, config.tableName),
  policies: policyRegistry(defaultPolicy),
  mail: { ourDomains: config.ourDomains, ourMessageIdSuffixes: config.ourMessageIdSuffixes },
  now: () => new Date().toISOString(),
  newId: randomUUID,
}));
