import { randomUUID } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  attachmentsRefusedEvent, confirmResolution, defaultPolicy, DomainError, recordCustomerReply, recordUnverifiedMail, rejectResolution, withRefusedAttachments,
  type Actor, type Contact, type Severity, type Ticket, type TicketType,
} from '../domain/index.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../adapters/dynamo-ticket-store.js';
import {
  authenticateSender, DEFAULT_MAIL_LIMITS, parseInboundMail, rawMessageIdOf, type DnsResolver, type InboundMail, type MailLimits, type ParseInboundOptions,
} from '../adapters/mail/index.js';
import { DynamoNotificationLog, type NotificationLog } from '../adapters/notification-log.js';
import { S3Objects, type AttachmentWriter, type RawMailReader } from '../adapters/object-store.js';
import { S3Bucket } from '../adapters/s3.js';
import type { DirectoryStore, Message, MessageSender, TicketStore } from '../adapters/store.js';
import { retryOnConflict } from './http/command.js';
import { policyOf, policyRegistry, type PolicyRegistry } from './http/deps.js';
import { jsonLog, type Log } from './log.js';
import { emailMessage, refusedOf } from './mail/email-message.js';
import { decisionOf, describeAuth, describeSender, orphansUnlessWritten, senderOf } from './mail/mail-decisions.js';
import { findTicket, type TicketReference } from './mail/find-ticket.js';
import { failedVerdicts, SesReceiptEventSchema, type SesReceiptRecord } from './mail/ses-events.js';
import { openTicketFor } from './open-ticket.js';
import { observeInbound } from './observe.js';
import { readInboundRuntimeConfig } from './runtime-config.js';

export type InboundMailDeps = {
  /** The raw MIME the receipt rule's S3 action stored, by key (`rawMailPrefix` + SES message id). */
  rawMail: RawMailReader;
  rawMailPrefix: string;
  attachments: AttachmentWriter;
  tickets: Pick<TicketStore, 'get' | 'commit' | 'create' | 'nextTicketNumber' | 'findIdByNumber' | 'findIdByInboundMessageId' | 'findIdsByInboundMessageIds'>;
  directory: Pick<DirectoryStore, 'findContact' | 'getOrganisation'>;
  mailLog: Pick<NotificationLog, 'findByRfcMessageId'>;
  policies: PolicyRegistry;
  /** R-MAIL-1: DKIM keys are read through it (DNS in AWS; a table in tests and the local stack). */
  resolver: DnsResolver;
  /** Our domains and SES Message-ID suffixes: plus-addresses, loops. */
  mail: Omit<ParseInboundOptions, 'envelopeRecipients' | 'limits'>;
  /** Size, id, body and attachment limits; DEFAULT_MAIL_LIMITS unless told. */
  limits?: MailLimits;
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
  outcome: 'dropped' | 'refused' | 'duplicate' | 'replied' | 'confirmed' | 'reopened' | 'opened' | 'opened-follow-up' | 'recorded-unverified';
  reason: string;
  detail?: string;
  ticketId?: string;
  ticketNumber?: string;
  linkedTicketId?: string;
  attachments?: number;
  /** Attachments the policy refused (listed on the message; the sender told once). */
  refusedAttachments?: number;
  /** R-MAIL-1: how From was authenticated (`aligned-dkim`, `aligned-spf`), or `unverified`. */
  sender?: string;
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
  // Spam and viruses are dropped; an SPF, DKIM or DMARC failure only leaves the sender unverified (R-MAIL-1).
  const failed = failedVerdicts(record.ses.receipt).filter((v) => v === 'spam' || v === 'virus');
  if (failed.length) return { sesMessageId, messageId: null, from: record.ses.mail.source ?? null, outcome: 'dropped', reason: 'verdict-failed', detail: failed.join(',') };

  let mail: InboundMail;
  let raw: Buffer;
  try {
    raw = await deps.rawMail.read(`${deps.rawMailPrefix}${sesMessageId}`);
    // Over the total: refused whole, never bounced (a bounce to a forged sender is backscatter); the raw MIME stays in S3
    if (raw.length > limits(deps).maxMessageBytes) {
      return { sesMessageId, messageId: null, from: record.ses.mail.source ?? null, outcome: 'refused', reason: 'message-too-large', detail: `${raw.length} bytes > ${limits(deps).maxMessageBytes}` };
    }
    // our own mail by its exact Message-ID in the notification log, an input to the automatic-mail decision
    const claimedId = rawMessageIdOf(raw);
    const ours = claimedId && claimedId.length <= limits(deps).maxIdLength && (await deps.mailLog.findByRfcMessageId(claimedId)) ? [claimedId] : [];
    mail = await parseInboundMail(raw, { ...deps.mail, envelopeRecipients: record.ses.receipt.recipients, limits: limits(deps), ourMessageIds: ours });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid-input') {
      return { sesMessageId, messageId: null, from: record.ses.mail.source ?? null, outcome: 'dropped', reason: 'unreadable-mime', detail: error.message };
    }
    throw error;
  }
  const base: Base = { sesMessageId, messageId: mail.messageId, from: mail.from?.address ?? null };
  if (mail.autoReply.isAuto) return { ...base, outcome: 'dropped', reason: 'auto-reply', detail: `${mail.autoReply.reason}: ${mail.autoReply.detail}` };
  // A message without a Message-ID (rare, but legal) is known by SES's id for it.
  const marker = mail.messageId ?? `<${sesMessageId}@inbound.amazonses.com>`;
  const duplicate = (ticketId: string | null): InboundOutcome => ({ ...base, outcome: 'duplicate', reason: 'already-processed', ...(ticketId ? { ticketId } : {}) });
  const seen = await deps.tickets.findIdByInboundMessageId(marker);
  if (seen) return duplicate(seen);
  if (!mail.from) return { ...base, outcome: 'refused', reason: 'no-sender' };
  const contact = await deps.directory.findContact(mail.from.address);
  if (!contact) return { ...base, outcome: 'refused', reason: 'unknown-sender' };
  const receipt = record.ses.receipt;
  const auth = await authenticateSender({
    raw, fromAddress: mail.from.address, envelopeFrom: record.ses.mail.source ?? null, resolver: deps.resolver, now: deps.now(),
    receipt: { spf: receipt.spfVerdict?.status, dkim: receipt.dkimVerdict?.status, dmarc: receipt.dmarcVerdict?.status },
  });
  const sender = senderOf(mail.from.address, auth);

  try {
    const found = await findTicket({ tickets: deps.tickets, mailLog: deps.mailLog }, mail);
    // R-MAIL-1: an unverified sender opens no ticket in a contact's name; the refusal is logged with the evidence
    if (!found && !sender.verified) return { ...base, outcome: 'refused', reason: 'unverified-sender', detail: describeAuth(auth), sender: 'unverified' };
    if (!found) return await openFromMail(deps, base, contact, mail, marker, sender); // R-TKT-1
    return await writeToTicket(deps, base, contact, mail, marker, found.ticketId, describeReference(found.reference), sender);
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
async function writeToTicket(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string, ticketId: string, via: string, sender: MessageSender): Promise<InboundOutcome> {
  if (!sender.verified) return recordUnverified(deps, base, contact, mail, marker, ticketId, via, sender);
  const actor = customerActor(contact);
  let message: Message | undefined; // built (attachments stored) once, whatever the retries
  const result = await orphansUnlessWritten(deps.attachments, deps.log ?? jsonLog, () => message, async () => retryOnConflict(async () => {
    const record = await deps.tickets.get(ticketId);
    if (!record) return { kind: 'refused', reason: 'unknown-ticket' } as const;
    const ticket = record.ticket;
    if (!isPartyOf(contact, ticket)) return { kind: 'refused', reason: 'sender-not-a-party' } as const;
    if (ticket.status === 'closed') return { kind: 'closed', ticket } as const;
    const policy = policyOf(deps.policies, ticket);
    const now = deps.now();
    const decided = ticket.status === 'resolved' ? decisionOf(mail) : null;
    const change = decided === 'confirm' ? confirmResolution(ticket, actor, policy, now)
      : decided === 'reject' ? rejectResolution(ticket, actor, mail.text || mail.subject, policy, now)
      : recordCustomerReply(ticket, actor, policy, now); // R-CLOSE-2: anything else keeps it Resolved and asks for a decision
    message ??= { ...(await emailMessage(deps.attachments, deps.newId(), ticket.id, now, actor, mail, limits(deps))), sender };
    const written = withRefusedAttachments(change, actor, refusedOf(mail), now); // the sender told once
    await deps.tickets.commit(written, { expectedVersion: ticket.version, messages: [{ ...message, at: now }], once: { kind: 'inbound', messageId: marker } });
    return { kind: 'written', ticket: change.ticket, outcome: decided === 'confirm' ? 'confirmed' : decided === 'reject' ? 'reopened' : 'replied', decided } as const;
  }));
  if (result.kind === 'refused') return { ...base, outcome: 'refused', reason: result.reason, detail: via, ticketId };
  if (result.kind === 'closed') return openFollowUp(deps, base, contact, mail, marker, result.ticket, sender);
  return {
    ...base, outcome: result.outcome, reason: result.outcome === 'replied' ? 'customer-reply' : `R-CLOSE-2 ${mail.plusAddressAction ? `${result.decided} link` : mail.intent}`, detail: via,
    ticketId, ticketNumber: result.ticket.number, attachments: message?.attachments.length ?? 0, sender: describeSender(sender), ...refusedCount(mail),
  };
}

const limits = (deps: Pick<InboundMailDeps, 'limits'>) => deps.limits ?? DEFAULT_MAIL_LIMITS;

const refusedCount = (mail: InboundMail) => (mail.refusedAttachments.length ? { refusedAttachments: mail.refusedAttachments.length } : {});

/**
 * R-MAIL-1: mail from an unverified sender is kept on the ticket it names, marked so, and changes
 * nothing else: no status, no confirmation, no linked ticket when it is Closed. Still only a party's.
 */
async function recordUnverified(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string, ticketId: string, via: string, sender: MessageSender): Promise<InboundOutcome> {
  let message: Message | undefined;
  const result = await orphansUnlessWritten(deps.attachments, deps.log ?? jsonLog, () => message, async () => retryOnConflict(async () => {
    const record = await deps.tickets.get(ticketId);
    if (!record) return { kind: 'refused', reason: 'unknown-ticket' } as const;
    const ticket = record.ticket;
    if (!isPartyOf(contact, ticket)) return { kind: 'refused', reason: 'sender-not-a-party' } as const;
    const now = deps.now();
    const change = recordUnverifiedMail(ticket, sender.address, policyOf(deps.policies, ticket), now);
    message ??= { ...(await emailMessage(deps.attachments, deps.newId(), ticket.id, now, customerActor(contact), mail, limits(deps))), sender };
    await deps.tickets.commit(change, { expectedVersion: ticket.version, messages: [{ ...message, at: now }], once: { kind: 'inbound', messageId: marker } });
    return { kind: 'written', ticket: change.ticket } as const;
  }));
  if (result.kind === 'refused') return { ...base, outcome: 'refused', reason: result.reason, detail: via, ticketId, sender: 'unverified' };
  return {
    ...base, outcome: 'recorded-unverified', reason: 'R-MAIL-1', detail: via, ticketId, ticketNumber: result.ticket.number,
    attachments: message?.attachments.length ?? 0, sender: 'unverified', ...refusedCount(mail),
  };
}

/** R-CLOSE-5: a reply to a Closed ticket opens a new ticket linked to it, as the API does. */
async function openFollowUp(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string, closed: Ticket, sender: MessageSender): Promise<InboundOutcome> {
  const org = await deps.directory.getOrganisation(closed.organisationId);
  if (!org) return { ...base, outcome: 'refused', reason: 'organisation-gone', ticketId: closed.id };
  const opened = await open(deps, contact, mail, marker, org, {
    type: closed.type, severity: closed.severity, subject: closed.subject, outage: closed.outage, remoteAccess: closed.remoteAccess, linkedTicketId: closed.id,
  }, sender);
  return {
    ...base, outcome: 'opened-follow-up', reason: 'R-CLOSE-5', ticketId: opened.ticket.id, ticketNumber: opened.ticket.number, linkedTicketId: closed.id,
    attachments: opened.attachments, sender: describeSender(sender), ...refusedCount(mail),
  };
}

/** R-TKT-1: a known contact writing without a ticket reference opens a ticket for its organisation. */
async function openFromMail(deps: InboundMailDeps, base: Base, contact: Contact, mail: InboundMail, marker: string, sender: MessageSender): Promise<InboundOutcome> {
  const org = await deps.directory.getOrganisation(contact.organisationId);
  if (!org) return { ...base, outcome: 'refused', reason: 'organisation-gone' };
  const { type, severity } = deps.newTicket ?? DEFAULT_NEW_TICKET;
  const subject = mail.subject.trim().slice(0, 200) || '(no subject)';
  const opened = await open(deps, contact, mail, marker, org, { type, severity, subject, outage: false, remoteAccess: false, linkedTicketId: null }, sender);
  return {
    ...base, outcome: 'opened', reason: 'R-TKT-1', ticketId: opened.ticket.id, ticketNumber: opened.ticket.number, attachments: opened.attachments,
    sender: describeSender(sender), ...refusedCount(mail),
  };
}

async function open(
  deps: InboundMailDeps, contact: Contact, mail: InboundMail, marker: string, org: Parameters<typeof openTicketFor>[2], req: Parameters<typeof openTicketFor>[3], sender: MessageSender,
) {
  const actor = customerActor(contact);
  let attachments = 0;
  let built: Message | undefined;
  const ticket = await orphansUnlessWritten(deps.attachments, deps.log ?? jsonLog, () => built, async () => ({ kind: 'written' as const, ticket: await openTicketFor(deps, { actor, email: contact.email, channel: 'email' }, org, req, {
    once: { kind: 'inbound', messageId: marker },
    moreEvents: (at) => attachmentsRefusedEvent(actor, refusedOf(mail), at), // the sender told once
    messages: async (ticketId, at) => {
      const message = await emailMessage(deps.attachments, deps.newId(), ticketId, at, actor, mail, limits(deps));
      attachments = message.attachments.length;
      built = message;
      return [{ ...message, sender }];
    },
  }) })).then((r) => r.ticket);
  return { ticket, attachments };
}

// Live wiring, once per cold start (style §3); tests and the local stack call makeInboundMailHandler.
const config = readInboundRuntimeConfig(process.env);
// No Powertools Tracer here (functions/adapters/tracing.ts): it is ~85 KB and ~10 ms of this
// function's cold start, over issue 13's 2.5x; Lambda's active tracing still records each invocation.
const dynamo = new DynamoDBClient({});
export const handler = observeInbound(makeInboundMailHandler({
  rawMail: new S3Objects(new S3Bucket(config.rawMail.bucket)),
  rawMailPrefix: config.rawMail.prefix,
  attachments: new S3Objects(new S3Bucket(config.attachmentBucket)),
  tickets: new DynamoTicketStore(dynamo, config.tableName),
  directory: new DynamoDirectoryStore(dynamo, config.tableName),
  mailLog: new DynamoNotificationLog(dynamo, config.tableName),
  policies: policyRegistry(defaultPolicy),
  mail: { ourDomains: config.ourDomains, ourMessageIdSuffixes: config.ourMessageIdSuffixes },
  resolver: (name, rrtype) => dns.resolve(name, rrtype) as Promise<string[][] | string[]>,
  now: () => new Date().toISOString(),
  newId: randomUUID,
}));
