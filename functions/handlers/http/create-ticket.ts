import { DomainError, type Ticket } from '../../domain/index.js';
import type { IdempotencyRecord } from '../../adapters/store.js';
import { openingOrganisation } from './access.js';
import { attachUploads } from './attach-uploads.js';
import { readJsonBody } from './body.js';
import type { Caller } from './caller.js';
import type { TicketWriteDeps } from './attachment-wiring.js';
import { idempotencyKeyOf, replay, requestHashOf } from './idempotency.js';
import { openTicketFor } from './open-ticket.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { CreateTicketRequestSchema } from './schemas.js';
import type { HttpResult } from './types.js';
import { toTicketView } from './views.js';
import { liveTicketWriteDeps } from './attachment-wiring.js';

const created = (ticket: Ticket, caller: Caller): HttpResult => versioned(201, toTicketView(ticket, caller), { location: `/tickets/${ticket.id}` });

/**
 * POST /tickets (R-TKT-1): opens a ticket for the caller's organisation, or the one it names
 * (R-PARTY-2), its description carrying the files uploaded for it. With `Idempotency-Key`, a
 * retry gets the first answer back, stored with the ticket in the same transaction; the same key
 * with another request is a 422.
 */
export const makeCreateTicketHandler = (deps: TicketWriteDeps) => authedRoute(async (event, caller) => {
  const req = readJsonBody(event, CreateTicketRequestSchema);
  const key = idempotencyKeyOf(event);
  const scope = `create-ticket#${caller.sub}`; // a key is the caller's own
  const requestHash = requestHashOf(req);
  if (key) {
    const seen = await deps.tickets.findIdempotency(scope, key);
    if (seen) return replay(deps.tickets, caller, seen, requestHash);
  }
  const org = await openingOrganisation(caller, req.organisationId, deps.directory);
  const attachments = await attachUploads(deps, caller, req.attachments); // all checked, or a 400 and nothing written
  let answer: HttpResult | undefined;
  const remember = (ticket: Ticket): IdempotencyRecord => {
    answer = created(ticket, caller);
    return { scope, key: key!, requestHash, ticketId: ticket.id, response: { status: answer.statusCode, headers: answer.headers, body: answer.body! } };
  };
  try {
    const ticket = await openTicketFor(deps, caller, org, { ...req, attachments, linkedTicketId: null }, key ? remember : undefined);
    return answer ?? created(ticket, caller);
  } catch (err) {
    // Two retries raced with one key: the one that lost answers as the winner did.
    if (!(key && err instanceof DomainError && err.code === 'idempotency-conflict')) throw err;
    const winner = await deps.tickets.findIdempotency(scope, key);
    if (!winner) throw err;
    return replay(deps.tickets, caller, winner, requestHash);
  }
});

export const handler = makeCreateTicketHandler(liveTicketWriteDeps());
