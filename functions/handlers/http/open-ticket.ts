import type { Organisation, Ticket } from '../../domain/index.js';
import type { Attachment, IdempotencyRecord } from '../../adapters/store.js';
import { openTicketFor as openTicket } from '../open-ticket.js';
import { actorOf, type Caller } from './caller.js';
import { apiMessage } from './command.js';
import type { Deps } from './deps.js';
import type { CreateTicketRequest } from './schemas.js';

/** `attachments`: already checked and in place (attach-uploads.ts), on the description. */
export type OpeningRequest = Omit<CreateTicketRequest, 'organisationId' | 'attachments'> & { linkedTicketId: string | null; attachments?: Attachment[] };

/** Opens a ticket through the API (R-TKT-1): the caller opens it, the description its first public message. */
export async function openTicketFor(
  deps: Pick<Deps, 'tickets' | 'policies' | 'now' | 'newId'>, caller: Caller, org: Organisation, req: OpeningRequest,
  idempotency?: (ticket: Ticket) => IdempotencyRecord,
): Promise<Ticket> {
  const actor = actorOf(caller);
  return openTicket(deps, { actor, email: caller.email, channel: 'api' }, org, req, {
    messages: (id, at) => [apiMessage(deps.newId(), id, at, actor, req.description, 'public', req.attachments ?? [])],
    ...(idempotency ? { idempotency } : {}),
  });
}
