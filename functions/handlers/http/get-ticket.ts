import { loadTicketFor } from './command.js';
import type { Deps } from './deps.js';
import { ticketIdOf } from './params.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { toTicketDetail } from './views.js';
import { liveTickets } from './wiring.js';

/** GET /tickets/{id}: the ticket with its messages and history as the caller may see them (R-TKT-6); ETag for If-Match. */
export const makeGetTicketHandler = (deps: Pick<Deps, 'tickets'>) => authedRoute(async (event, caller) => {
  const record = await loadTicketFor(deps.tickets, caller, ticketIdOf(event));
  return versioned(200, toTicketDetail(record, caller));
});

export const handler = makeGetTicketHandler({ tickets: liveTickets });
