// The ports the handlers use to reach the table. The DynamoDB implementation lives in
// dynamo-ticket-store.ts / dynamo-directory-store.ts; one command = one write (design: §1).
import type { Change, Contact, DomainEvent, Organisation, Party, Severity, Status, Ticket } from '../domain/index.js';
import type { Statement, WorkEntry } from '../domain/billing/types.js';
import type { ReportFrequency } from '../domain/reports/schedule.js';
import type { QueueFilter, QueuedTicket } from './queue-query.js';

/** A file on a message; `id` is the upload's for one attached through the API (an email's is derived from its key: views.ts). */
export type Attachment = { id?: string; name: string; contentType: string; size: number; key: string };

/** A message on a ticket: a public reply (the customer sees it) or an internal note (never shown to customers). */
export type Message = {
  id: string;
  ticketId: string;
  at: string;
  author: { party: Party; id: string };
  visibility: 'public' | 'internal';
  body: string;
  attachments: Attachment[];
  channel: 'api' | 'email';
  emailMessageId: string | null; // inbound mail's Message-ID, for threading and de-duplication
  /** Inbound mail only (R-MAIL-1): the From address and whether its domain authenticated it. */
  sender?: MessageSender;
  /** A body too large for the item: `body` is a preview, the whole text is this object. */
  fullBody?: { key: string; size: number };
  /** Attachments the mail policy refused, with why (the sender is told once). */
  refusedAttachments?: RefusedAttachment[];
};

export type MessageSender = { address: string; verified: boolean; method: 'aligned-dkim' | 'aligned-spf' | null };
export type RefusedAttachment = { name: string; contentType: string; size: number; reason: 'too-large' | 'too-many' | 'type-not-allowed' | 'total-too-large' };

/** A stored event: the domain event plus its stable id (`<ticketId>#<version>#<index>`), the outbox key. */
export type StoredEvent = DomainEvent & { id: string; ticketId: string; ticketNumber: string; version: number };

/** A ticket with its messages and history, as one Query reads it. */
export type TicketRecord = { ticket: Ticket; messages: Message[]; events: StoredEvent[] };

export type TicketFilter = {
  status?: Status;
  statuses?: readonly Status[]; // any of them (R-PORTAL-1: several statuses in one filter)
  text?: string; // in the number or subject, any case
  number?: string; // exactly this ticket (`T-1042`), through its number's pointer
  severity?: Severity;
  organisationId?: string;
  partnerId?: string; // R-PARTY-2: a partner's own tickets and its customers'
  assignee?: string;
  sla?: 'at-risk' | 'breached';
};

export type Page<T> = { items: T[]; cursor: string | null };

/**
 * An Idempotency-Key of a create or a ticket command, written in the same transaction as its
 * effect. `response` is the first answer (status, headers, body), so a retry gets exactly it
 * back; a store that does not keep it makes the API rebuild it from the ticket.
 */
export type IdempotencyRecord = {
  scope: string;
  key: string;
  requestHash: string;
  ticketId: string;
  response?: { status: number; headers: Record<string, string>; body: string };
};

/**
 * A once-only marker written in the same transaction as a ticket write: the same marker a second
 * time cancels the write as an `idempotency-conflict` (context `marker`), so a redelivery changes nothing.
 */
export type OnceMarker =
  | { kind: 'inbound'; messageId: string } // an inbound email, by its Message-ID
  | { kind: 'mail-event'; eventId: string }; // an SES bounce or complaint, by its feedback id

/** R-RPT-1: a person's periodic ticket report of an organisation; one per organisation and email (lowercase). */
export type ReportSubscription = {
  organisationId: string;
  email: string;
  name: string;
  language: 'he' | 'en';
  frequency: ReportFrequency;
  createdAt: string;
};

/** Logged work to write with a command, with its month in the policy's time zone (the index of quotas and statements). */
export type WorkWrite = { entry: WorkEntry; month: string };

/** A month's statement as it was closed: what was billed stays what it was (R-BILL-3). */
export type ClosedStatement = Statement & { closedAt: string; closedBy: string };

/** Which month's work to read: an organisation's own (its quota, its report), or what is billed to one. */
export type WorkQuery = { month: string } & ({ organisationId: string } | { billToOrganisationId: string });

export interface TicketStore {
  /** The ticket with its messages and events: one Query. Null when there is none. */
  get(id: string): Promise<TicketRecord | null>;
  /** Creates a ticket with its events and first messages in one transaction; with `idempotency`, that record too (a taken key is an `idempotency-conflict`). */
  create(change: Change, options: { messages: Message[]; idempotency?: IdempotencyRecord; once?: OnceMarker }): Promise<StoredEvent[]>;
  /**
   * Commits a command: the ticket (conditioned on `expectedVersion`), its new events and messages, in one transaction. A lost race is a `version-conflict`.
   * With `idempotency`, that record too: a key already taken cancels the write (`idempotency-conflict`, unless the version lost first).
   */
  commit(change: Change, options: { expectedVersion: number; messages?: Message[]; work?: WorkWrite[]; once?: OnceMarker; idempotency?: IdempotencyRecord }): Promise<StoredEvent[]>;
  /** A ticket's logged work, in time order. */
  listWork(ticketId: string): Promise<WorkEntry[]>;
  /** A month's logged work, of an organisation or billed to one, in time order. */
  listWorkOf(query: WorkQuery): Promise<WorkEntry[]>;
  /** Freezes a month's statement; from then on `commit` refuses work into that month and bill-to (`invalid-transition`). A closed month is an `invalid-transition`. */
  closeStatement(statement: ClosedStatement): Promise<void>;
  /** The statement as closed, or null while the month is open. */
  getClosedStatement(billToOrganisationId: string, month: string): Promise<ClosedStatement | null>;
  /** The ticket id of a human number (`T-1042`), from the pointer `create` writes; null when unknown. */
  findIdByNumber(number: string): Promise<string | null>;
  /** The ticket an inbound email (by its Message-ID) was written to; null when none was. */
  findIdByInboundMessageId(messageId: string): Promise<string | null>;
  /** The tickets of several INBOUND# markers in one batched read (at most 100 ids): Message-ID → ticket id, the unknown left out. */
  findIdsByInboundMessageIds(messageIds: readonly string[]): Promise<Map<string, string>>;
  /** The next human ticket number (`T-1001`, `T-1002`, …) from an atomic counter. */
  nextTicketNumber(): Promise<string>;
  /** The ticket an idempotency key already created, if any. */
  findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Tickets by filter, newest first, with an opaque cursor. */
  list(filter: TicketFilter, page: { limit: number; cursor?: string }): Promise<Page<Ticket>>;
  /** The agents' queue: tickets of the filter's statuses, soonest next SLA deadline first, with an opaque cursor. */
  queue(filter: QueueFilter, page: { limit: number; cursor?: string }): Promise<Page<QueuedTicket>>;
}

export interface DirectoryStore {
  getOrganisation(id: string): Promise<(Organisation & { version: number }) | null>;
  /** Creates (expectedVersion 0) or replaces an organisation; a lost race is a `version-conflict`. */
  putOrganisation(org: Organisation, expectedVersion: number): Promise<Organisation & { version: number }>;
  listOrganisations(page: { limit: number; cursor?: string; partnerId?: string }): Promise<Page<Organisation & { version: number }>>;
  /** A contact by email, whatever its organisation (GSI by email). */
  findContact(email: string): Promise<Contact | null>;
  putContact(contact: Contact): Promise<Contact>;
  listContacts(organisationId: string): Promise<Contact[]>;
  deleteContact(organisationId: string, email: string): Promise<void>;
  /** Creates or replaces the subscription of an organisation and email (R-RPT-1); the email is kept lowercase. */
  putReportSubscription(subscription: ReportSubscription): Promise<ReportSubscription>;
  /** Deletes a subscription; true when there was one. */
  deleteReportSubscription(organisationId: string, email: string): Promise<boolean>;
  /** An organisation's subscriptions, by email. */
  listReportSubscriptions(organisationId: string): Promise<ReportSubscription[]>;
  /** Every organisation's subscriptions of a frequency (the scheduled run), by organisation then email. */
  listReportSubscriptionsByFrequency(frequency: ReportFrequency): Promise<ReportSubscription[]>;
}
