import type * as z from '../../domain/zod.js';
import { DomainError } from '../../domain/index.js';
import { ticketReport } from '../../domain/reports/ticket-report.js';
import { canSeeTicket, listScope } from './access.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { allTickets, workOfPeriod } from '../report-reads.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { ReportPeriodQuerySchema } from './schemas.js';
import type { TicketReportSchema } from './view-schemas.js';
import { liveDirectory, livePolicies, liveTickets } from './wiring.js';

/**
 * GET /organisations/{id}/report?from&to: the period's tickets of an organisation with status,
 * severity, SLA targets met or breached and time spent (R-RPT-2). A customer reads its own, a
 * partner its own and its customers' (R-TKT-6, R-PARTY-2), the center any; another
 * organisation's is answered as if it did not exist. The report lists exactly the tickets the
 * caller may open: a partner sees a customer's tickets that record it as their partner, so after
 * a customer moves to another partner, the new one's report holds no ticket of the old one's
 * time, and the old one still reports on the tickets it served.
 */
export const makeGetTicketReportHandler = (deps: Pick<Deps, 'tickets' | 'directory' | 'policies'>) => authedRoute(async (event, caller) => {
  const organisationId = organisationIdOf(event);
  const period = ReportPeriodQuerySchema.parse(event.queryStringParameters ?? {});
  const scope = await listScope(caller, organisationId, deps.directory);
  const notFound = () => new DomainError('not-found', 'organisation not found');
  if ((!scope && caller.role !== 'partner') || !(await deps.directory.getOrganisation(organisationId))) throw notFound();
  const [all, allWork] = await Promise.all([
    allTickets(deps.tickets, { organisationId }),
    workOfPeriod(deps.tickets, deps.policies.current, organisationId, period.from, period.to),
  ]);
  const tickets = all.filter((t) => canSeeTicket(caller, t)); // the same access as each ticket's own
  if (!scope && tickets.length === 0) throw notFound(); // a partner that never served it
  const visible = new Set(tickets.map((t) => t.id));
  const work = allWork.filter((w) => visible.has(w.ticketId));
  const report: z.output<typeof TicketReportSchema> = ticketReport({ organisationId, period, tickets, work });
  return json(200, report);
});

export const handler = makeGetTicketReportHandler({ tickets: liveTickets, directory: liveDirectory, policies: livePolicies });
