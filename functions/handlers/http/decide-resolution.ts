import { confirmResolution, rejectResolution } from '../../domain/index.js';
import { assertCustomerSide } from './access.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { runCommand } from './command.js';
import type { Deps } from './deps.js';
import { ticketIdOf } from './params.js';
import { readIfMatch } from './preconditions.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { ResolutionRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveDeps } from './wiring.js';

/** POST /tickets/{id}/resolution (R-CLOSE-2): the customer confirms (Closed) or rejects with a reason (In Progress). */
export const makeDecideResolutionHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now'>) => authedRoute(async (event, caller) => {
  const ticketId = ticketIdOf(event);
  assertCustomerSide(caller);
  const req = readJsonBody(event, ResolutionRequestSchema);
  const actor = actorOf(caller);
  const { record } = await runCommand(deps, { ticketId, caller, ifMatch: readIfMatch(event) }, (loaded, policy, now) => ({
    change: req.decision === 'confirm'
      ? confirmResolution(loaded.ticket, actor, policy, now)
      : rejectResolution(loaded.ticket, actor, req.reason, policy, now),
    messages: [],
  }));
  return versioned(200, toTicketView(record.ticket, caller));
});

export const handler = makeDecideResolutionHandler(liveDeps);
