import { logWork } from '../../domain/billing/log-work.js';
import { monthOf } from '../../domain/billing/classify.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { answerCommand, commandRequest } from './command.js';
import type { Deps } from './deps.js';
import { etagOf } from './preconditions.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { LogWorkRequestSchema } from './schemas.js';
import { liveNewId, liveNow, livePolicies, liveTickets } from './wiring.js';

/**
 * POST /tickets/{id}/work: an agent logs work on the ticket (R-BILL-3), in the same write as the
 * ticket's `work-logged` event. 201 with the entry; the ETag is the ticket's new version.
 */
export const makeLogWorkHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now' | 'newId'>) => authedRoute(async (event, caller) => {
  const command = commandRequest(event, caller);
  const req = readJsonBody(event, LogWorkRequestSchema);
  const actor = actorOf(caller);
  const entryId = deps.newId();
  let entry: ReturnType<typeof logWork>['entry'] | undefined;
  return answerCommand(deps, command, (loaded, policy, now) => {
    const logged = logWork(loaded.ticket, { ...req, note: req.note ?? null }, entryId, actor, policy, now);
    entry = logged.entry;
    return { change: logged.change, messages: [], work: [{ entry: logged.entry, month: monthOf(policy, logged.entry.startedAt) }] };
  }, (after) => json(201, entry, { etag: etagOf(after.ticket.version), location: `/tickets/${after.ticket.id}/work` }));
});

export const handler = makeLogWorkHandler({ tickets: liveTickets, policies: livePolicies, now: liveNow, newId: liveNewId });
