import { billingStatement, classifyWork } from '../../domain/billing/classify.js';
import type { Statement, WorkEntry, WorkTicket } from '../../domain/billing/types.js';
import { DomainError } from '../../domain/index.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { MonthSchema } from './schemas.js';
import type { HttpEvent } from './types.js';

/** The bill-to organisation and month of a statement route; a malformed month is a statement that cannot exist (404). */
export function statementOf(event: HttpEvent): { billTo: string; month: string } {
  const billTo = organisationIdOf(event);
  const month = MonthSchema.safeParse(event.pathParameters?.month ?? '');
  if (!month.success) throw new DomainError('not-found', 'no statement for that month');
  return { billTo, month: month.data };
}

/**
 * The month's work billed to `billTo` as it stands now, each line classified (R-BILL-1..3,
 * R-CAL-4, R-PARTY-2). The CSS advice quota (R-BILL-2) is an organisation's across all its work of
 * the month, whoever is billed, so that work is read too.
 */
export async function liveStatement(deps: Pick<Deps, 'tickets' | 'policies'>, billTo: string, month: string): Promise<Statement> {
  const billed = await deps.tickets.listWorkOf({ billToOrganisationId: billTo, month });
  const customers = [...new Set(billed.map((e) => e.organisationId))];
  const all = new Map<string, WorkEntry>(billed.map((e) => [e.id, e]));
  for (const work of await Promise.all(customers.map((organisationId) => deps.tickets.listWorkOf({ organisationId, month })))) {
    for (const e of work) all.set(e.id, e);
  }
  const tickets = new Map<string, WorkTicket>();
  await Promise.all([...new Set([...all.values()].map((e) => e.ticketId))].map(async (id) => {
    const record = await deps.tickets.get(id);
    if (!record) throw new Error(`work logged on ticket ${id}, which is gone`);
    tickets.set(id, { fault: record.ticket.fault, entitlement: record.ticket.entitlement });
  }));
  return billingStatement(billTo, month, classifyWork([...all.values()], tickets, deps.policies.current));
}
