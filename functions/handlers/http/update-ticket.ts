import { reclassifySeverity, updateCase, type Change } from '../../domain/index.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { runCommand } from './command.js';
import type { Deps } from './deps.js';
import { ticketIdOf } from './params.js';
import { requireIfMatch } from './preconditions.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { UpdateTicketRequestSchema } from './schemas.js';
import { toTicketView } from './views.js';
import { liveNow, livePolicies, liveTickets } from './wiring.js';

/**
 * PATCH /tickets/{id}, If-Match required (428 without, 412 when stale): reclassify the severity
 * with a reason (R-TKT-5), vendor or application fault (R-TKT-3, R-TKT-7), outage (R-TKT-4),
 * assignee, remote access (R-ACC-1). Both domain commands go into the one write.
 */
export const makeUpdateTicketHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now'>) => authedRoute(async (event, caller) => {
  const ticketId = ticketIdOf(event);
  const ifMatch = requireIfMatch(event);
  const { severity, severityReason, ...fields } = readJsonBody(event, UpdateTicketRequestSchema);
  const caseChanges = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const actor = actorOf(caller);
  const { record } = await runCommand(deps, { ticketId, caller, ifMatch }, (loaded, policy, now) => {
    const steps: Change[] = [];
    if (severity) steps.push(reclassifySeverity(loaded.ticket, severity, severityReason!, actor, policy, now));
    if (Object.keys(caseChanges).length > 0) steps.push(updateCase(steps.at(-1)?.ticket ?? loaded.ticket, caseChanges, actor, policy, now));
    return { change: { ticket: steps.at(-1)!.ticket, events: steps.flatMap((s) => s.events) }, messages: [] };
  });
  return versioned(200, toTicketView(record.ticket, caller));
});

export const handler = makeUpdateTicketHandler({ tickets: liveTickets, policies: livePolicies, now: liveNow });
