import { computeEntitlement, openTicket, type Organisation, type Ticket } from '../../domain/index.js';
import type { IdempotencyRecord } from '../../adapters/store.js';
import { actorOf, type Caller } from './caller.js';
import { apiMessage } from './command.js';
import type { Deps } from './deps.js';
import type { CreateTicketRequest } from './schemas.js';

export type OpeningRequest = Omit<CreateTicketRequest, 'organisationId'> & { linkedTicketId: string | null };

/**
 * Opens a ticket for `org` under the current policy: the entitlements in force now (R-ENT-1..3,
 * R-CAL-3, R-SLA-3), the partner that follows it and is billed (R-PARTY-2), a human number from
 * the counter, and the description as its first public message; one create transaction.
 */
export async function openTicketFor(
  deps: Pick<Deps, 'tickets' | 'policies' | 'now' | 'newId'>, caller: Caller, org: Organisation, req: OpeningRequest,
  idempotency?: (ticket: Ticket) => IdempotencyRecord,
): Promise<Ticket> {
  const policy = deps.policies.current;
  const now = deps.now();
  const { subscription, calendar, css, packages, csm, cse, billToOrganisationId } = computeEntitlement(org, policy, now);
  const number = await deps.tickets.nextTicketNumber();
  const id = deps.newId();
  const actor = actorOf(caller);
  // R-PARTY-2: the partner that follows the ticket: a partner's customer's partner, or the partner
  // itself on its own tickets, so one index (TicketFilter.partnerId) lists all a partner follows.
  const partnerId = org.kind === 'partner' ? org.id : org.kind === 'partner-customer' ? org.partnerId : null;
  const { ticket, events } = openTicket({
    id, type: req.type, severity: req.severity, organisationId: org.id, actor, entitlement: { subscription, calendar, css },
    case: {
      number, subject: req.subject, channel: 'api', openedBy: caller.email, outage: req.outage, remoteAccess: req.remoteAccess,
      partnerId, billToOrganisationId, packages, csm, cse, linkedTicketId: req.linkedTicketId,
    },
  }, policy, now);
  const messages = [apiMessage(deps.newId(), id, now, actor, req.description, 'public')];
  await deps.tickets.create({ ticket, events }, { messages, ...(idempotency ? { idempotency: idempotency(ticket) } : {}) });
  return ticket;
}
