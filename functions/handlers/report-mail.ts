// The outbox's second kind of record: a ticket report to email (R-RPT-1). The report is built when
// the email goes out, from the tickets and logged work as they are then (R-RPT-2).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ticketReport } from '../domain/reports/ticket-report.js';
import { MailError, type SesMailer } from '../adapters/email/ses-mailer.js';
import { renderTicketReportEmail } from '../adapters/email/report-email.js';
import { REPORT_REQUEST_ENTITY, type ReportRequest, type ReportRequests } from '../adapters/report-requests.js';
import type { DirectoryStore, TicketStore } from '../adapters/store.js';
import type { PolicyRegistry } from './http/deps.js';
import type { Log } from './log.js';
import { allTickets, seenByPartner, workOfPeriod } from './report-reads.js';

export type ReportMailDeps = {
  tickets: Pick<TicketStore, 'list' | 'listWorkOf'>;
  directory: Pick<DirectoryStore, 'getOrganisation'>;
  reportRequests: ReportRequests;
  mailer: Pick<SesMailer, 'send'>;
  policies: PolicyRegistry;
  now: () => string;
};

/** The request a new `report-request` item carries; null for every other record. */
export function reportRequestOf(record: DynamoDBRecord): ReportRequest | null {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.entity?.S !== REPORT_REQUEST_ENTITY) return null;
  return (unmarshall(image as Record<string, AttributeValue>).request as ReportRequest | undefined) ?? null;
}

/**
 * Sends one requested report, at most once as far as the request's own status can tell: claimed
 * before the send, marked sent after it (a crash in between sends it again rather than never).
 * SES refusing it for good marks it rejected and is logged; anything else throws for a retry.
 */
export async function deliverReport(deps: ReportMailDeps, request: ReportRequest, log: Log): Promise<'sent' | 'skipped' | 'rejected'> {
  const claim = await deps.reportRequests.claim(request.id, deps.now());
  if (claim.action === 'done') return 'skipped';
  if (claim.attempts > 1) log('warn', 'outbox: sending again a report a previous delivery claimed', { requestId: request.id, attempts: claim.attempts });
  const { organisationId, period } = request;
  const policy = deps.policies.current;
  const [organisation, allOfThem, allWork] = await Promise.all([
    deps.directory.getOrganisation(organisationId),
    allTickets(deps.tickets, { organisationId }),
    workOfPeriod(deps.tickets, policy, organisationId, period.from, period.to),
  ]);
  const { tickets, work } = request.partnerId ? seenByPartner(request.partnerId, allOfThem, allWork) : { tickets: allOfThem, work: allWork };
  const email = renderTicketReportEmail({
    requestId: request.id, report: ticketReport({ organisationId, period, tickets, work }), organisationName: organisation?.name ?? organisationId,
    to: { email: request.recipient.email, name: request.recipient.name }, language: request.recipient.language, timeZone: policy.timeZone,
    frequency: request.frequency,
  });
  try {
    const sent = await deps.mailer.send(email);
    await deps.reportRequests.markSent(request.id, sent, deps.now());
    return 'sent';
  } catch (error) {
    if (!(error instanceof MailError) || error.retryable) throw error;
    await deps.reportRequests.markRejected(request.id, error.message, deps.now());
    log('error', 'outbox: SES refused a report for good', { requestId: request.id, to: request.recipient.email, error });
    return 'rejected';
  }
}
