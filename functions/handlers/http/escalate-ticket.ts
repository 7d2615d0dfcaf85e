import { escalateExternally, escalateInternally } from '../../domain/index.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { runCommand } from './command.js';
import type { Deps } from './deps.js';
import { ticketIdOf } from './params.js';
import { readIfMatch } from './preconditions.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { EscalationRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveDeps } from './wiring.js';

/** POST /tickets/{id}/escalations: internal, one tier up (R-ESC-1, the center only); external, to the HOS then the CCO (R-ESC-2). */
export const makeEscalateTicketHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now'>) => authedRoute(async (event, caller) => {
  const ticketId = ticketIdOf(event);
  const { kind, reason } = readJsonBody(event, EscalationRequestSchema);
  const actor = actorOf(caller);
  const escalate = kind === 'internal' ? escalateInternally : escalateExternally;
  const { record } = await runCommand(deps, { ticketId, caller, ifMatch: readIfMatch(event) }, (loaded, policy, now) => ({
    change: escalate(loaded.ticket, actor, reason, policy, now),
    messages: [],
  }));
  return versioned(200, toTicketView(record.ticket, caller));
});

export const handler = makeEscalateTicketHandler(liveDeps);
