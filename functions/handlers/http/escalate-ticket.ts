import { escalateExternally, escalateInternally } from '../../domain/index.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { answerCommand, commandRequest } from './command.js';
import type { Deps } from './deps.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { EscalationRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveNow, livePolicies, liveTickets } from './wiring.js';

/** POST /tickets/{id}/escalations: internal, one tier up (R-ESC-1, the center only); external, to the HOS then the CCO (R-ESC-2). */
export const makeEscalateTicketHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now'>) => authedRoute(async (event, caller) => {
  const command = commandRequest(event, caller);
  const { kind, reason } = readJsonBody(event, EscalationRequestSchema);
  const actor = actorOf(caller);
  const escalate = kind === 'internal' ? escalateInternally : escalateExternally;
  return answerCommand(deps, command, (loaded, policy, now) => ({
    change: escalate(loaded.ticket, actor, reason, policy, now),
    messages: [],
  }), (after) => versioned(200, toTicketView(after.ticket, caller)));
});

export const handler = makeEscalateTicketHandler({ tickets: liveTickets, policies: livePolicies, now: liveNow });
