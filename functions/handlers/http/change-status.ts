import { changeStatus } from '../../domain/index.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { answerCommand, apiMessage, commandRequest } from './command.js';
import type { Deps } from './deps.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { TransitionRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveNewId, liveNow, livePolicies, liveTickets } from './wiring.js';

/**
 * POST /tickets/{id}/transitions: the domain's transition table decides who may (R-PEND-1,
 * R-VEND-1 with the vendor's case number, R-CLOSE-1 with the solution, R-CLOSE-2).
 */
export const makeChangeStatusHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now' | 'newId'>) => authedRoute(async (event, caller) => {
  const command = commandRequest(event, caller);
  const { ticketId } = command;
  const { to, ...details } = readJsonBody(event, TransitionRequestSchema);
  const actor = actorOf(caller);
  return answerCommand(deps, command, (loaded, policy, now) => ({
    change: changeStatus(loaded.ticket, to, actor, policy, now, details),
    // R-CLOSE-1: the solution is given to the customer, so it is also a public message.
    messages: to === 'resolved' && details.solution ? [apiMessage(deps.newId(), loaded.ticket.id, now, actor, details.solution, 'public')]
      // R-PEND-1: what the customer is asked for is theirs to read on the ticket too, not only in the email.
      : to === 'pending-customer' && details.comment ? [apiMessage(deps.newId(), loaded.ticket.id, now, actor, details.comment, 'public')] : [],
  }), (after) => versioned(200, toTicketView(after.ticket, caller)));
});

export const handler = makeChangeStatusHandler({ tickets: liveTickets, policies: livePolicies, now: liveNow, newId: liveNewId });
