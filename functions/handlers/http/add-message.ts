import { DomainError, recordAgentReply, recordCustomerReply, recordInternalNote, type Ticket } from '../../domain/index.js';
import { readJsonBody } from './body.js';
import { actorOf, type Caller } from './caller.js';
import { apiMessage, loadTicketFor, runCommand } from './command.js';
import { attachUploads } from './attach-uploads.js';
import { assertMayWorkTickets } from './access.js';
import type { Attachment } from '../../adapters/store.js';
import type { Deps } from './deps.js';
import { openTicketFor } from './open-ticket.js';
import { ticketIdOf } from './params.js';
import { readIfMatch } from './preconditions.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { AddMessageRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveAttachmentDeps } from './attachment-wiring.js';

/** R-CLOSE-5: a customer's reply to a Closed ticket opens a new ticket linked to it, the reply its description. */
async function openFollowUp(deps: Deps, caller: Caller, closed: Ticket, body: string, attachments: Attachment[]) {
  const org = await deps.directory.getOrganisation(closed.organisationId);
  if (!org) throw new DomainError('invalid-transition', 'the organisation of this closed ticket is no longer registered', { id: closed.id });
  const ticket = await openTicketFor(deps, caller, org, {
    type: closed.type, severity: closed.severity, subject: closed.subject, description: body,
    outage: closed.outage, remoteAccess: closed.remoteAccess, linkedTicketId: closed.id, attachments,
  });
  return versioned(201, toTicketView(ticket, caller), { location: `/tickets/${ticket.id}` });
}

/**
 * POST /tickets/{id}/messages: an agent's public reply is the SLA response/update (R-SLA-2); a
 * customer's moves Pending Customer back to In Progress (R-PEND-1); an internal note changes
 * nothing but is one write. 200 with the ticket, or 201 with a new ticket (R-CLOSE-5).
 */
export const makeAddMessageHandler = (deps: Deps) => authedRoute(async (event, caller) => {
  const ticketId = ticketIdOf(event);
  const req = readJsonBody(event, AddMessageRequestSchema);
  const actor = actorOf(caller);
  // Attachments are checked (and the ticket's visibility with them) before anything is written.
  if (req.attachments.length > 0) {
    assertMayWorkTickets(caller);
    await loadTicketFor(deps.tickets, caller, ticketId);
  }
  const attachments = await attachUploads(deps, caller, req.attachments);
  const { record, written } = await runCommand(deps, { ticketId, caller, ifMatch: readIfMatch(event) }, (loaded, policy, now) => {
    const t = loaded.ticket;
    if (actor.party === 'customer' && req.visibility === 'public' && t.status === 'closed') return null; // R-CLOSE-5, below
    const change = req.visibility === 'internal' ? recordInternalNote(t, actor, policy, now)
      : actor.party === 'customer' ? recordCustomerReply(t, actor, policy, now) : recordAgentReply(t, actor, policy, now);
    return { change, messages: [apiMessage(deps.newId(), t.id, now, actor, req.body, req.visibility, attachments)] };
  });
  return written ? versioned(200, toTicketView(record.ticket, caller)) : openFollowUp(deps, caller, record.ticket, req.body, attachments);
});

export const handler = makeAddMessageHandler(liveAttachmentDeps);
