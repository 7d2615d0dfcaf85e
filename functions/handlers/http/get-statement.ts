import type * as z from '../../domain/zod.js';
import { DomainError } from '../../domain/index.js';
import { assertMayReadStatement } from './access.js';
import type { Deps } from './deps.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { liveStatement, statementOf } from './statement.js';
import type { StatementSchema } from './view-schemas.js';
import { liveDirectory, livePolicies, liveTickets } from './wiring.js';

/**
 * GET /organisations/{id}/statements/{month}: the month's work billed to the organisation, each
 * line free or billable with the rule that decides it (R-BILL-1..3, R-CAL-4; a partner's carries
 * its customers' work, R-PARTY-2). Once the month is closed, the statement as it was closed.
 */
export const makeGetStatementHandler = (deps: Pick<Deps, 'tickets' | 'directory' | 'policies'>) => authedRoute(async (event, caller) => {
  const { billTo, month } = statementOf(event);
  assertMayReadStatement(caller, billTo);
  if (!(await deps.directory.getOrganisation(billTo))) throw new DomainError('not-found', 'organisation not found');
  const closed = await deps.tickets.getClosedStatement(billTo, month);
  const body: z.output<typeof StatementSchema> = closed ?? { ...(await liveStatement(deps, billTo, month)), closedAt: null, closedBy: null };
  return json(200, body);
});

export const handler = makeGetStatementHandler({ tickets: liveTickets, directory: liveDirectory, policies: livePolicies });
