import { billingStatement, classifyWork } from '../../domain/billing/classify.js';
import type { WorkEntry, WorkTicket } from '../../domain/billing/types.js';
import { DomainError } from '../../domain/index.js';
import { assertMayReadStatement } from './access.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { MonthSchema } from './schemas.js';
import { liveDeps } from './wiring.js';

/**
 * GET /organisations/{id}/statements/{month}: the month's work billed to the organisation, each
 * line free or billable with the rule that decides it (R-BILL-1..3, R-CAL-4); a partner's
 * statement carries its customers' billable work (R-PARTY-2). The CSS advice quota (R-BILL-2) is
 * an organisation's across all its work of the month, so that work is read too.
 */
export const makeGetStatementHandler = (deps: Pick<Deps, 'tickets' | 'directory' | 'policies'>) => authedRoute(async (event, caller) => {
  const billTo = organisationIdOf(event);
  const month = MonthSchema.safeParse(event.pathParameters?.month ?? '');
  if (!month.success) throw new DomainError('not-found', 'no statement for that month');
  assertMayReadStatement(caller, billTo);
  if (!(await deps.directory.getOrganisation(billTo))) throw new DomainError('not-found', 'organisation not found');

  const billed = await deps.tickets.listWorkOf({ billToOrganisationId: billTo, month: month.data });
  const customers = [...new Set(billed.map((e) => e.organisationId))];
  const all = new Map<string, WorkEntry>(billed.map((e) => [e.id, e]));
  for (const work of await Promise.all(customers.map((organisationId) => deps.tickets.listWorkOf({ organisationId, month: month.data })))) {
    for (const e of work) all.set(e.id, e);
  }
  const tickets = new Map<string, WorkTicket>();
  await Promise.all([...new Set([...all.values()].map((e) => e.ticketId))].map(async (id) => {
    const record = await deps.tickets.get(id);
    if (!record) throw new Error(`work logged on ticket ${id}, which is gone`);
    tickets.set(id, { fault: record.ticket.fault, entitlement: record.ticket.entitlement });
  }));
  const lines = classifyWork([...all.values()], tickets, deps.policies.current);
  return json(200, billingStatement(billTo, month.data, lines));
});

export const handler = makeGetStatementHandler(liveDeps);
