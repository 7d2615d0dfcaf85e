import { assertMayReadWorkLog } from './access.js';
import { loadTicketFor } from './command.js';
import type { Deps } from './deps.js';
import { ticketIdOf } from './params.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { liveTickets } from './wiring.js';

/** GET /tickets/{id}/work: the ticket's logged work in time order, and its total (R-BILL-3). */
export const makeListWorkHandler = (deps: Pick<Deps, 'tickets'>) => authedRoute(async (event, caller) => {
  const ticketId = ticketIdOf(event);
  assertMayReadWorkLog(caller);
  const { ticket } = await loadTicketFor(deps.tickets, caller, ticketId);
  const items = await deps.tickets.listWork(ticket.id);
  return json(200, { items, totalMinutes: items.reduce((sum, e) => sum + e.minutes, 0) });
});

export const handler = makeListWorkHandler({ tickets: liveTickets });
