import type * as z from '../../domain/zod.js';
import { complianceReport } from '../../domain/reports/compliance.js';
import { assertMayReadComplianceReport } from './access.js';
import type { Deps } from './deps.js';
import { allTickets } from '../report-reads.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { ReportPeriodQuerySchema } from './schemas.js';
import type { ComplianceReportSchema } from './view-schemas.js';
import { liveTickets } from './wiring.js';

/**
 * GET /reports/compliance?from&to: the center's SLA compliance of a period per severity, per
 * target and per organisation (R-RPT-2), for support managers, customer officers and the
 * administrator. It reads every ticket: a month's report, not a dashboard.
 */
export const makeGetComplianceReportHandler = (deps: Pick<Deps, 'tickets'>) => authedRoute(async (event, caller) => {
  assertMayReadComplianceReport(caller);
  const period = ReportPeriodQuerySchema.parse(event.queryStringParameters ?? {});
  const report: z.output<typeof ComplianceReportSchema> = complianceReport({ period, tickets: await allTickets(deps.tickets, {}) });
  return json(200, report);
});

export const handler = makeGetComplianceReportHandler({ tickets: liveTickets });
