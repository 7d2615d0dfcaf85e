// How tickets, events, messages, organisations and contacts sit in the single table
// (design §Data). Keys are built here only; the stores never spell a key themselves.
import { nextSlaTarget, type Ticket } from '../domain/index.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const keys = {
  ticket: (id: string) => ({ PK: `TICKET#${id}`, SK: 'TICKET' }),
  event: (ticketId: string, version: number, index: number) => ({ PK: `TICKET#${ticketId}`, SK: `EVENT#${pad(version, 8)}#${pad(index, 3)}` }),
  message: (ticketId: string, at: string, id: string) => ({ PK: `TICKET#${ticketId}`, SK: `MSG#${at}#${id}` }),
  counter: () => ({ PK: 'COUNTER', SK: 'TICKET-NUMBER' }),
  idempotency: (scope: string, key: string) => ({ PK: `IDEMPOTENCY#${scope}#${key}`, SK: 'IDEMPOTENCY' }),
  organisation: (id: string) => ({ PK: `ORG#${id}`, SK: 'ORG' }),
  contact: (organisationId: string, email: string) => ({ PK: `ORG#${organisationId}`, SK: `CONTACT#${email}` }),
  /** The human number's pointer to its ticket, written with the ticket: how `[T-1042]` and `support+T-1042@` find it. */
  ticketNumber: (number: string) => ({ PK: `NUMBER#${number.toUpperCase()}`, SK: 'NUMBER' }),
  /** An inbound email's Message-ID, written with the ticket write it caused: processed once, and a later reply threads by it. */
  inbound: (messageId: string) => ({ PK: `INBOUND#${messageId}`, SK: 'INBOUND' }),
  /**
   * A ticket's notification log, one item per email: a partition of its own, so reading a ticket
   * (one Query of `TICKET#<id>`) does not grow with the mail it has caused.
   */
  mail: (ticketId: string, notificationId: string) => ({ PK: `TICKET-MAIL#${ticketId}`, SK: `MAIL#${notificationId}` }),
  /** A piece of logged work (R-BILL-3), beside its ticket: `WORK#<startedAt>#<entry id>`. */
  work: (ticketId: string, startedAt: string, entryId: string) => ({ PK: `TICKET#${ticketId}`, SK: `WORK#${startedAt}#${entryId}` }),
  /** A person's periodic ticket report (R-RPT-1), beside the organisation's contacts. */
  reportSubscription: (organisationId: string, email: string) => ({ PK: `ORG#${organisationId}`, SK: `REPORT-SUB#${email}` }),
  /** One ticket report to email (R-RPT-1), on request or on schedule: its stream record is the outbox's cue. */
  reportRequest: (requestId: string) => ({ PK: `REPORT#${requestId}`, SK: 'REPORT' }),
  /** A month's statement once closed (R-BILL-3): frozen, and no more work is logged into it. */
  statement: (billToOrganisationId: string, month: string) => ({ PK: `STATEMENT#${billToOrganisationId}`, SK: `MONTH#${month}` }),
  /** A file a person has been given an upload URL for; it expires (TTL) unless attached first. */
  upload: (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' }),
  /** A bounce or complaint noted on one ticket: the note is written once however often SES redelivers. */
  mailEvent: (eventId: string, ticketId: string) => ({ PK: `MAIL-EVENT#${eventId}`, SK: `TICKET#${ticketId}` }),
};

/** Index keys: GSI1 an organisation's tickets and work; GSI2 the queue by status and due time; GSI3 partners, emails, sent Message-IDs and billed work; GSI4 everything by time. */
export const indexKeys = {
  orgTickets: (organisationId: string) => `ORG#${organisationId}`,
  statusQueue: (status: string) => `STATUS#${status}`,
  partnerTickets: (partnerId: string) => `PARTNER-TICKETS#${partnerId}`,
  partnerOrganisations: (partnerId: string) => `PARTNER-ORGS#${partnerId}`,
  email: (email: string) => `EMAIL#${email}`,
  /** GSI1: an organisation's logged work of a month (its CSS quota, R-BILL-2; its report, R-RPT-2). */
  organisationWork: (organisationId: string, month: string) => `WORK#${organisationId}#${month}`,
  /** GSI3: the work of a month billed to an organisation (R-PARTY-2): its statement. */
  billedWork: (billToOrganisationId: string, month: string) => `BILL#${billToOrganisationId}#${month}`,
  /** The RFC Message-ID of an email we sent: how a reply's In-Reply-To finds its notification. */
  rfcMessageId: (rfcMessageId: string) => `MSGID#${rfcMessageId}`,
  /** GSI4: every subscription of a frequency, for the scheduled run (R-RPT-1). */
  reportSubscriptions: (frequency: string) => `REPORT-SUBS#${frequency}`,
  allTickets: 'TICKETS',
  allOrganisations: 'ORGS',
};

/** R-SLA-6 at a glance: breached when a target is breached, at risk when a running one has been warned. */
export function slaStateOf(ticket: Ticket): 'ok' | 'at-risk' | 'breached' {
  const targets = Object.values(ticket.sla);
  if (targets.some((t) => t.breachedAt !== null)) return 'breached';
  if (targets.some((t) => t.warnedAt !== null && t.metAt === null && t.stoppedAt === null)) return 'at-risk';
  return 'ok';
}

/**
 * The earliest due time of a target still owed, breached ones included (an unanswered breach
 * stays at the top of the agents' queue): the queue's order ('~' sorts after every instant).
 */
const queueDue = (ticket: Ticket) => nextSlaTarget(ticket)?.dueAt ?? '~';

/** The ticket item: the ticket as a map, its version on top for the condition, and what the filters read. */
export function ticketItem(ticket: Ticket): Record<string, unknown> {
  const created = `${ticket.createdAt}#${ticket.id}`;
  return {
    ...keys.ticket(ticket.id),
    entity: 'ticket',
    version: ticket.version,
    ticket,
    status: ticket.status,
    severity: ticket.severity,
    organisationId: ticket.organisationId,
    assignee: ticket.assignee,
    slaState: slaStateOf(ticket),
    GSI1PK: indexKeys.orgTickets(ticket.organisationId), GSI1SK: created,
    GSI2PK: indexKeys.statusQueue(ticket.status), GSI2SK: `${queueDue(ticket)}#${ticket.id}`,
    ...(ticket.partnerId ? { GSI3PK: indexKeys.partnerTickets(ticket.partnerId), GSI3SK: created } : {}),
    GSI4PK: indexKeys.allTickets, GSI4SK: created,
  };
}
