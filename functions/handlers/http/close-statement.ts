import type * as z from '../../domain/zod.js';
import { monthBounds } from '../../domain/billing/classify.js';
import { DomainError } from '../../domain/index.js';
import type { ClosedStatement } from '../../adapters/store.js';
import { assertMayCloseStatement } from './access.js';
import type { Deps } from './deps.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { liveStatement, statementOf } from './statement.js';
import type { StatementSchema } from './view-schemas.js';
import { liveDirectory, liveNow, livePolicies, liveTickets } from './wiring.js';

/**
 * POST /organisations/{id}/statements/{month}/close: freezes an ended month's statement as it now
 * stands, so what was billed stays what it was; work logged into that month and bill-to
 * afterwards is refused (409). 201 with the closed statement; closing it again is a 409.
 */
export const makeCloseStatementHandler = (deps: Pick<Deps, 'tickets' | 'directory' | 'policies' | 'now'>) => authedRoute(async (event, caller) => {
  const { billTo, month } = statementOf(event);
  assertMayCloseStatement(caller);
  if (!(await deps.directory.getOrganisation(billTo))) throw new DomainError('not-found', 'organisation not found');
  const now = deps.now();
  if (Date.parse(now) < Date.parse(monthBounds(deps.policies.current, month).to)) {
    throw new DomainError('invalid-transition', `${month} has not ended yet`, { month });
  }
  const closed: ClosedStatement = { ...(await liveStatement(deps, billTo, month)), closedAt: now, closedBy: caller.email };
  await deps.tickets.closeStatement(closed);
  const body: z.output<typeof StatementSchema> = closed;
  return json(201, body, { location: `/organisations/${billTo}/statements/${month}` });
});

export const handler = makeCloseStatementHandler({ tickets: liveTickets, directory: liveDirectory, policies: livePolicies, now: liveNow });
