import { DomainError, recordAgentReply, recordCustomerReply, recordInternalNote, type Ticket } from '../../domain/index.js';
import { readJsonBody } from './body.js';
import { actorOf, type Caller } from './caller.js';
import { answerCommand, apiMessage, commandRequest, loadTicketFor, replayIfSeen } from './command.js';
import { attachUploads } from './attach-uploads.js';
import { assertMayWorkTickets } from './access.js';
import type { Attachment } from '../../adapters/store.js';
import type { TicketWriteDeps } from './attachment-wiring.js';
import { idempotencyRecord, type IdempotencyRequest } from './idempotency.js';
import { openTicketFor } from './open-ticket.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { AddMessageRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveTicketWriteDeps } from './attachment-wiring.js';

const created = (ticket: Ticket, caller: Caller) => versioned(201, toTicketView(ticket, caller), { location: `/tickets/${ticket.id}` });

/** R-CLOSE-5: a customer's reply to a Closed ticket opens a new ticket linked to it, the reply its description. */
async function openFollowUp(deps: TicketWriteDeps, caller: Caller, closed: Ticket, body: string, attachments: Attachment[], idempotency: IdempotencyRequest | null) {
  const org = await deps.directory.getOrganisation(closed.organisationId);
  if (!org) throw new DomainError('invalid-transition', 'the organisation of this closed ticket is no longer registered', { id: closed.id });
  const ticket = await openTicketFor(deps, caller, org, {
    type: closed.type, severity: closed.severity, subject: closed.subject, description: body,
    outage: closed.outage, remoteAccess: closed.remoteAccess, linkedTicketId: closed.id, attachments,
  }, idempotency ? (opened) => idempotencyRecord(idempotency, opened.id, created(opened, caller)) : undefined);
  return created(ticket, caller);
}

/**
 * POST /tickets/{id}/messages: an agent's public reply is the SLA response/update (R-SLA-2); a
 * customer's moves Pending Customer back to In Progress (R-PEND-1); an internal note changes
 * nothing but is one write. 200 with the ticket, or 201 with a new ticket (R-CLOSE-5).
 */
export const makeAddMessageHandler = (deps: TicketWriteDeps) => authedRoute(async (event, caller) => {
  const command = commandRequest(event, caller);
  const req = readJsonBody(event, AddMessageRequestSchema);
  const actor = actorOf(caller);
  // Attachments are checked (and the ticket's visibility with them) before anything is written;
  // a retry is answered before, so its files are neither checked nor copied again.
  if (req.attachments.length > 0) {
    const replayed = await replayIfSeen(deps, command);
    if (replayed) return replayed;
    assertMayWorkTickets(caller);
    await loadTicketFor(deps.tickets, caller, command.ticketId);
  }
  const attachments = await attachUploads(deps, caller, req.attachments);
  return answerCommand(deps, command, (loaded, policy, now) => {
    const t = loaded.ticket;
    if (actor.party === 'customer' && req.visibility === 'public' && t.status === 'closed') return null; // R-CLOSE-5, below
    const change = req.visibility === 'internal' ? recordInternalNote(t, actor, policy, now)
      : actor.party === 'customer' ? recordCustomerReply(t, actor, policy, now) : recordAgentReply(t, actor, policy, now);
    return { change, messages: [apiMessage(deps.newId(), t.id, now, actor, req.body, req.visibility, attachments)] };
  }, (after) => versioned(200, toTicketView(after.ticket, caller)), (closed) => openFollowUp(deps, caller, closed.ticket, req.body, attachments, command.idempotency));
});

export const handler = makeAddMessageHandler(liveTicketWriteDeps());
