import { computeEntitlement, openTicket, type Actor, type DomainEvent, type Organisation, type Severity, type Ticket, type TicketCase, type TicketType } from '../domain/index.js';
import type { IdempotencyRecord, Message, OnceMarker, TicketStore } from '../adapters/store.js';
import type { PolicyRegistry } from './http/deps.js';

/** Who opens a ticket and how: an API caller, or a contact writing by email (R-TKT-1). */
export type Opener = { actor: Actor; email: string; channel: TicketCase['channel'] };

export type Opening = {
  type: TicketType; severity: Severity; subject: string; outage: boolean; remoteAccess: boolean; linkedTicketId: string | null;
};

export type OpenOptions = {
  /** The ticket's first messages, given its id and the opening instant (the description, an email with its attachments). */
  messages: (ticketId: string, at: string) => Message[] | Promise<Message[]>;
  idempotency?: (ticket: Ticket) => IdempotencyRecord;
  once?: OnceMarker;
  /** The new ticket's id; by default `newId()`. An inbound mail names it first, to store attachments under it. */
  id?: string;
  /** Events stored with the opening beside the domain's (an inbound mail's refused attachments). */
  moreEvents?: (at: string) => DomainEvent[];
};

export type OpenDeps = { tickets: Pick<TicketStore, 'nextTicketNumber' | 'create'>; policies: PolicyRegistry; now: () => string; newId: () => string };

/**
 * Opens a ticket for `org` under the current policy: the entitlements in force now (R-ENT-1..3,
 * R-CAL-3, R-SLA-3), the partner that follows it and is billed (R-PARTY-2), a human number from
 * the counter, and its first messages; one create transaction. Shared by the API and inbound mail.
 */
export async function openTicketFor(deps: OpenDeps, opener: Opener, org: Organisation, req: Opening, options: OpenOptions): Promise<Ticket> {
  const policy = deps.policies.current;
  const now = deps.now();
  const { subscription, calendar, css, packages, csm, cse, billToOrganisationId } = computeEntitlement(org, policy, now);
  const number = await deps.tickets.nextTicketNumber();
  const id = options.id ?? deps.newId();
  // R-PARTY-2: the partner that follows the ticket: a partner's customer's partner, or the partner
  // itself on its own tickets, so one index (TicketFilter.partnerId) lists all a partner follows.
  const partnerId = org.kind === 'partner' ? org.id : org.kind === 'partner-customer' ? org.partnerId : null;
  const { ticket, events } = openTicket({
    id, type: req.type, severity: req.severity, organisationId: org.id, actor: opener.actor, entitlement: { subscription, calendar, css },
    case: {
      number, subject: req.subject, channel: opener.channel, openedBy: opener.email, outage: req.outage, remoteAccess: req.remoteAccess,
      partnerId, billToOrganisationId, packages, csm, cse, linkedTicketId: req.linkedTicketId,
    },
  }, policy, now);
  const messages = await options.messages(id, now);
  await deps.tickets.create({ ticket, events: [...events, ...(options.moreEvents?.(now) ?? [])] }, {
    messages, ...(options.idempotency ? { idempotency: options.idempotency(ticket) } : {}), ...(options.once ? { once: options.once } : {}),
  });
  return ticket;
}
