import type { QueueFilter } from '../../adapters/queue-query.js';
import { QUEUE_STATUSES } from '../../domain/queue.js';
import { slaStateOf } from '../../adapters/items.js';
import { DomainError, nextSlaTarget, type Ticket } from '../../domain/index.js';
import { isStaff, type Caller } from './caller.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Deps } from './deps.js';
import { QueueQuerySchema } from './desk-schemas.js';
import type { QueueItem } from './desk-view-schemas.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { toTicketView } from './views.js';
import { liveTickets } from './wiring.js';

const toQueueItem = (t: Ticket, caller: Caller): QueueItem => {
  const next = nextSlaTarget(t);
  return { ...toTicketView(t, caller), nextTarget: next?.target ?? null, nextDueAt: next?.dueAt ?? null, slaState: slaStateOf(t) };
};

/**
 * GET /queue: the agents' queue (R-PORTAL-2), every open ticket soonest next SLA deadline first
 * (a breached target still owed comes first of all, R-SLA-6), with the desk's filters; the center only.
 */
export const makeGetQueueHandler = (deps: Pick<Deps, 'tickets'>) => authedRoute(async (event, caller) => {
  if (!isStaff(caller)) throw new DomainError('not-allowed', 'the queue is the center\'s', { role: caller.role });
  const { limit, cursor, mine, unassigned, status, ...rest } = QueueQuerySchema.parse(event.queryStringParameters ?? {});
  const filter: QueueFilter = {
    ...rest, statuses: status ?? QUEUE_STATUSES,
    ...(mine ? { assignee: caller.email } : unassigned ? { assignee: null } : {}),
  };
  const storeCursor = decodeCursor(cursor, filter); // a cursor belongs to its filter ("mine" names the caller)
  const page = await deps.tickets.queue(filter, { limit, ...(storeCursor ? { cursor: storeCursor } : {}) });
  return json(200, { items: page.items.map((q) => toQueueItem(q.ticket, caller)), cursor: encodeCursor(page.cursor, filter) });
});

export const handler = makeGetQueueHandler({ tickets: liveTickets });
