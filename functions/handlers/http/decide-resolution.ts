import { confirmResolution, rejectResolution } from '../../domain/index.js';
import { assertCustomerSide } from './access.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { answerCommand, commandRequest } from './command.js';
import type { Deps } from './deps.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { ResolutionRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveNow, livePolicies, liveTickets } from './wiring.js';

/** POST /tickets/{id}/resolution (R-CLOSE-2): the customer confirms (Closed) or rejects with a reason (In Progress). */
export const makeDecideResolutionHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now'>) => authedRoute(async (event, caller) => {
  const command = commandRequest(event, caller);
  assertCustomerSide(caller);
  const req = readJsonBody(event, ResolutionRequestSchema);
  const actor = actorOf(caller);
  return answerCommand(deps, command, (loaded, policy, now) => ({
    change: req.decision === 'confirm'
      ? confirmResolution(loaded.ticket, actor, policy, now)
      : rejectResolution(loaded.ticket, actor, req.reason, policy, now),
    messages: [],
  }), (after) => versioned(200, toTicketView(after.ticket, caller)));
});

export const handler = makeDecideResolutionHandler({ tickets: liveTickets, policies: livePolicies, now: liveNow });
