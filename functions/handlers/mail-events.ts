import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultPolicy, DomainError, recordInternalNote, type Actor, type Contact, type Ticket } from '../domain/index.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory-store.js';
import { DynamoTicketStore } from '../adapters/dynamo-ticket-store.js';
import type { DirectoryStore, TicketFilter, TicketStore } from '../adapters/store.js';
import { retryOnConflict } from './http/command.js';
import { policyOf, policyRegistry, type PolicyRegistry } from './http/deps.js';
import { jsonLog, type Log } from './log.js';
import { observeMailEvents } from './observe.js';
import { traced } from '../adapters/tracing.js';
import { sesMailEventsOf, type SesMailEvent } from './mail/ses-events.js';
import { readMailEventsRuntimeConfig } from './runtime-config.js';

/**
 * Who writes the notes: an agent-party actor (only the center writes internal notes) whose id
 * names the automation, so the history shows no person did it and a filter can find them.
 */
export const MAIL_EVENTS_ACTOR: Actor = { party: 'agent', id: 'system:mail-events' };

export type MailEventsDeps = {
  directory: Pick<DirectoryStore, 'findContact' | 'putContact' | 'getOrganisation'>;
  tickets: Pick<TicketStore, 'list' | 'get' | 'commit'>;
  policies: PolicyRegistry;
  now: () => string;
  newId: () => string;
  log?: Log;
};

export type MailEventOutcome = {
  email: string;
  eventType: 'Bounce' | 'Complaint' | string;
  outcome: 'marked-unreachable' | 'ignored';
  reason: string;
  notedTickets?: string[];
};

type Unreachable = { email: string; eventId: string; note: string };

/** The recipients an event makes unreachable: a permanent bounce's, or a complaint's; none for a transient bounce. */
function unreachableOf(event: SesMailEvent): { type: string; recipients: Unreachable[]; ignored?: string } {
  const type = event.eventType ?? event.notificationType ?? '?';
  if (type === 'Bounce' && event.bounce) {
    const b = event.bounce;
    if (b.bounceType !== 'Permanent') return { type, recipients: [], ignored: `${b.bounceType} bounce` };
    const id = b.feedbackId ?? event.mail.messageId;
    return { type, recipients: b.bouncedRecipients.map((r) => ({
      email: r.emailAddress.toLowerCase(), eventId: `${id}#${r.emailAddress.toLowerCase()}`,
      note: `Email to ${r.emailAddress} bounced permanently (${[b.bounceSubType, r.diagnosticCode].filter(Boolean).join('; ')}). The contact is marked unreachable and gets no more email; please find another way to reach them.`,
    })) };
  }
  if (type === 'Complaint' && event.complaint) {
    const c = event.complaint;
    const id = c.feedbackId ?? event.mail.messageId;
    return { type, recipients: c.complainedRecipients.map((r) => ({
      email: r.emailAddress.toLowerCase(), eventId: `${id}#${r.emailAddress.toLowerCase()}`,
      note: `${r.emailAddress} reported our email as unwanted${c.complaintFeedbackType ? ` (${c.complaintFeedbackType})` : ''}. The contact is marked unreachable and gets no more email.`,
    })) };
  }
  return { type, recipients: [], ignored: `event type ${type}` };
}

/**
 * SES event destination (SNS or EventBridge) → Lambda: a permanent bounce or a complaint marks each
 * recipient contact unreachable (the outbox then skips them) and notes it on their open tickets.
 * Idempotent: each note is written with a `MAIL-EVENT#<feedback id>#<email>` marker per ticket, and
 * the contact is marked last, so a redelivery after a crash finishes what the first one began.
 */
export const makeMailEventsHandler = (deps: MailEventsDeps) => async (input: unknown): Promise<MailEventOutcome[]> => {
  const log = deps.log ?? jsonLog;
  const outcomes: MailEventOutcome[] = [];
  for (const event of sesMailEventsOf(input)) {
    const { type, recipients, ignored } = unreachableOf(event);
    if (ignored) {
      const outcome = { email: '', eventType: type, outcome: 'ignored', reason: ignored } as const;
      log('info', 'mail event', { ...outcome, sesMessageId: event.mail.messageId });
      outcomes.push(outcome);
    }
    for (const r of recipients) {
      const outcome = await markUnreachable(deps, type, r);
      log(outcome.outcome === 'ignored' ? 'warn' : 'info', 'mail event', { ...outcome, sesMessageId: event.mail.messageId });
      outcomes.push(outcome);
    }
  }
  return outcomes;
};

async function markUnreachable(deps: MailEventsDeps, eventType: string, r: Unreachable): Promise<MailEventOutcome> {
  const contact = await deps.directory.findContact(r.email);
  if (!contact) return { email: r.email, eventType, outcome: 'ignored', reason: 'not-a-contact' }; // staff, or a contact since removed
  const noted: string[] = [];
  for (const ticket of await openTicketsOf(deps, contact)) {
    if (await noteOnce(deps, ticket.id, r)) noted.push(ticket.number);
  }
  if (!contact.unreachable) await deps.directory.putContact({ ...contact, unreachable: true });
  return { email: r.email, eventType, outcome: 'marked-unreachable', reason: eventType === 'Bounce' ? 'permanent-bounce' : 'complaint', notedTickets: noted };
}

/** The contact's open tickets: those it opened, in its organisation or (a partner's person) its customers'. */
async function openTicketsOf(deps: MailEventsDeps, contact: Contact): Promise<Ticket[]> {
  const org = await deps.directory.getOrganisation(contact.organisationId);
  const filter: TicketFilter = org?.kind === 'partner' ? { partnerId: org.id } : { organisationId: contact.organisationId };
  const found: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.tickets.list(filter, { limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...page.items.filter((t) => t.status !== 'closed' && t.openedBy.toLowerCase() === contact.email));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return found;
}

/** The internal note, once: false when this event was noted on the ticket before. */
async function noteOnce(deps: MailEventsDeps, ticketId: string, r: Unreachable): Promise<boolean> {
  try {
    return await retryOnConflict(async () => {
      const record = await deps.tickets.get(ticketId);
      if (!record) return false;
      const now = deps.now();
      const change = recordInternalNote(record.ticket, MAIL_EVENTS_ACTOR, policyOf(deps.policies, record.ticket), now);
      await deps.tickets.commit(change, {
        expectedVersion: record.ticket.version, once: { kind: 'mail-event', eventId: r.eventId },
        messages: [{ id: deps.newId(), ticketId, at: now, author: MAIL_EVENTS_ACTOR, visibility: 'internal', body: r.note, attachments: [], channel: 'email', emailMessageId: null }],
      });
      return true;
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'idempotency-conflict' && error.context.marker === r.eventId) return false;
    throw error;
  }
}

// Live wiring, once per cold start (style §3); tests and the local stack call makeMailEventsHandler.
const config = readMailEventsRuntimeConfig(process.env);
const dynamo = traced(new DynamoDBClient({}));
export const handler = observeMailEvents(makeMailEventsHandler({
  directory: new DynamoDirectoryStore(dynamo, config.tableName),
  tickets: new DynamoTicketStore(dynamo, config.tableName),
  policies: policyRegistry(defaultPolicy),
  now: () => new Date().toISOString(),
  newId: randomUUID,
}));
