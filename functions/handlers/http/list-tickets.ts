import type { TicketFilter } from '../../adapters/store.js';
import type { Status } from '../../domain/index.js';
import { canSeeTicket, listScope } from './access.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Deps } from './deps.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { ListTicketsQuerySchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveDirectory, liveTickets } from './wiring.js';

/** One status keeps the agents' queue order (GSI2); several are any of them. */
const statusFilter = (status: Status[] | undefined): Pick<TicketFilter, 'status' | 'statuses'> =>
  !status ? {} : status.length === 1 ? { status: status[0]! } : { statuses: status };

/** The ticket number a search names (`T-1042`, `t1042`, `1042`), if it is one. */
const numberIn = (q: string | undefined): string | undefined => {
  const digits = q === undefined ? undefined : /^(?:t-?)?(\d{1,12})$/i.exec(q)?.[1];
  return digits ? `T-${digits}` : undefined;
};

/**
 * GET /tickets: filtered, newest first, one page at a time. A customer's list is confined to its
 * organisation, a partner's to its own and its customers' (R-TKT-6, R-PARTY-2); asking for
 * someone else's organisation gives an empty page. `status` takes several (comma-separated); `q`
 * searches number and subject in any case, a whole number first (R-PORTAL-1), confined the same way.
 */
export const makeListTicketsHandler = (deps: Pick<Deps, 'tickets' | 'directory'>) => authedRoute(async (event, caller) => {
  const { limit, cursor, organisationId, status, q, ...filters } = ListTicketsQuerySchema.parse(event.queryStringParameters ?? {});
  const scope = await listScope(caller, organisationId, deps.directory);
  if (!scope) return json(200, { items: [], cursor: null });
  const filter: TicketFilter = { ...filters, ...statusFilter(status), ...(q === undefined ? {} : { text: q }), ...scope };
  // A number finds that ticket through its pointer (two reads); when it is not one the caller
  // may see, the search goes on as text: `1042` or `T-10` may be part of other numbers or subjects.
  const number = numberIn(q);
  if (number !== undefined && cursor === undefined) {
    const exact = (await deps.tickets.list({ ...filter, text: undefined, number }, { limit: 1 })).items.filter((t) => canSeeTicket(caller, t));
    if (exact.length > 0) return json(200, { items: exact.map((t) => toTicketView(t, caller)), cursor: null });
  }
  const storeCursor = decodeCursor(cursor, filter); // a cursor belongs to its filter (and confinement)
  const page = await deps.tickets.list(filter, { limit, ...(storeCursor ? { cursor: storeCursor } : {}) });
  // Every item is checked again: a list never shows what a read would refuse.
  const items = page.items.filter((t) => canSeeTicket(caller, t)).map((t) => toTicketView(t, caller));
  return json(200, { items, cursor: encodeCursor(page.cursor, filter) });
});

export const handler = makeListTicketsHandler({ tickets: liveTickets, directory: liveDirectory });
