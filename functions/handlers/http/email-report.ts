import { DomainError } from '../../domain/index.js';
import type { ReportRequest } from '../../adapters/report-requests.js';
import { listScope } from './access.js';
import { readJsonBody } from './body.js';
import type { Deps } from './deps.js';
import { organisationIdOf } from './params.js';
import { reportRecipient } from './report-recipient.js';
import { json } from './respond.js';
import { authedRoute } from './route.js';
import { ReportEmailRequestSchema } from './schemas.js';
import { liveDirectory, liveNewId, liveNow, liveReportRequests } from './wiring.js';

/**
 * POST /organisations/{id}/report-emails: emails the caller the organisation's ticket report of a
 * period (R-RPT-1, on request). 202: the request is written; the outbox builds and sends the
 * report from the stream, once. Whoever may read the report may have it emailed.
 */
export const makeEmailReportHandler = (deps: Pick<Deps, 'directory' | 'reportRequests' | 'now' | 'newId'>) => authedRoute(async (event, caller) => {
  const organisationId = organisationIdOf(event);
  const period = readJsonBody(event, ReportEmailRequestSchema);
  if (!(await listScope(caller, organisationId, deps.directory)) || !(await deps.directory.getOrganisation(organisationId))) {
    throw new DomainError('not-found', 'organisation not found');
  }
  const request: ReportRequest = {
    id: deps.newId(), organisationId, recipient: await reportRecipient(deps.directory, caller.email, caller),
    period, frequency: 'on-request', requestedBy: caller.email, requestedAt: deps.now(),
    // R-PARTY-2: a partner's report holds the tickets it may open, as GET …/report does.
    ...(caller.role === 'partner' && caller.organisationId !== organisationId ? { partnerId: caller.organisationId! } : {}),
  };
  await deps.reportRequests.create(request);
  return json(202, request);
});

export const handler = makeEmailReportHandler({ directory: liveDirectory, reportRequests: liveReportRequests, now: liveNow, newId: liveNewId });
