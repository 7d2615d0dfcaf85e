import { createHash } from 'node:crypto';
import type { Contact, Organisation, SlaTarget, Ticket } from '../../domain/index.js';
import type { Attachment, Message, StoredEvent, TicketRecord } from '../../adapters/store.js';
import { partyOf, type Caller } from './caller.js';
import type { ContactView, HistoryEntry, MessageView, OrganisationView, TicketDetail, TicketView } from './view-schemas.js';

// Every visibility rule of the API, in one place. Customers and partners never see internal
// notes, internal-only history or the support tier (R-ESC-1 is the center's business).

type Data = Record<string, unknown>;
const pick = (...keys: string[]) => (data: Data): Data => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]]));
const CUSTOMER_CASE_FIELDS = new Set(['outage', 'remoteAccess', 'fault', 'assignee', 'subject']);

/**
 * The history a customer-side person sees: each listed event type with the data it may see.
 * Anything not listed (internal notes, tier escalations, re-plans, warnings, new types) stays
 * internal until someone decides otherwise: the default is to hide.
 */
const CUSTOMER_HISTORY: Readonly<Record<string, (data: Data) => Data | null>> = {
  'ticket-opened': pick('number', 'type', 'severity', 'subject', 'channel', 'linkedTicketId'),
  'status-changed': pick('from', 'to', 'reason', 'rule', 'solution', 'vendorCaseNumber', 'comment'),
  'agent-replied': pick(),
  'customer-replied': pick(),
  'severity-reclassified': pick('from', 'to', 'reason'), // R-TKT-5: recorded in the ticket's history
  escalated: (data) => (data.kind === 'external' ? pick('kind', 'from', 'to', 'reason', 'rule')(data) : null), // R-ESC-2 is theirs
  'ticket-updated': (data) => {
    const changes = Object.entries((data.changes ?? {}) as Data).filter(([field]) => CUSTOMER_CASE_FIELDS.has(field));
    return changes.length ? { changes: Object.fromEntries(changes) } : null;
  },
  'sla-met': pick('target', 'dueAt', 'late'),
  'sla-breached': pick('target', 'dueAt'), // not who was notified
  'pending-customer-reminder': pick('n', 'rule'),
  'resolution-check-in': pick('n', 'rule'),
  'article-linked': pick('articleId', 'title', 'language'), // R-KB-1: the customer sees the article linked
};

const isCenter = (caller: Caller) => partyOf(caller.role) === 'agent';

const slaEntry = (t: SlaTarget) => ({
  startAt: t.startAt, dueAt: t.dueAt, warnAt: t.warnAt, metAt: t.metAt, breachedAt: t.breachedAt, pausedAt: t.pausedAt, stoppedAt: t.stoppedAt,
});

/** A ticket as `caller` may see it (lists, and the head of a detail). */
export function toTicketView(t: Ticket, caller: Caller): TicketView {
  const sla: TicketView['sla'] = {};
  for (const name of ['firstResponse', 'contact', 'cssResponse'] as const) {
    const target = t.sla[name];
    if (target) sla[name] = slaEntry(target);
  }
  return {
    id: t.id, number: t.number, type: t.type, severity: t.severity, status: t.status, organisationId: t.organisationId,
    subject: t.subject, createdAt: t.createdAt, version: t.version, statusSince: t.statusSince, channel: t.channel, openedBy: t.openedBy,
    sla, slaHistory: t.slaHistory.map(slaEntry), entitlement: { ...t.entitlement }, packages: [...t.packages], csm: t.csm, cse: t.cse,
    outage: t.outage, remoteAccess: t.remoteAccess, fault: t.fault, assignee: t.assignee,
    ...(isCenter(caller) ? { tier: t.tier } : {}),
    externalEscalation: t.externalEscalation, vendorCaseNumber: t.vendorCaseNumber, linkedTicketId: t.linkedTicketId,
    partnerId: t.partnerId, workStartedAt: t.workStartedAt, policyVersion: t.policyVersion,
  };
}

/** An attachment's id in URLs: the upload's, or (an email's, which has none) a digest of its storage key. */
export const attachmentIdOf = (a: Attachment): string => a.id ?? createHash('sha256').update(a.key).digest('base64url').slice(0, 22);

const toMessageView = (m: Message): MessageView => ({
  id: m.id, at: m.at, author: { ...m.author }, visibility: m.visibility, body: m.body, channel: m.channel,
  attachments: m.attachments.map((a) => ({ id: attachmentIdOf(a), name: a.name, contentType: a.contentType, size: a.size })), // the storage key stays inside
  ...(m.sender ? { sender: { ...m.sender } } : {}),
  ...(m.fullBody ? { truncated: { size: m.fullBody.size } } : {}),
  ...(m.refusedAttachments?.length ? { refusedAttachments: m.refusedAttachments.map((a) => ({ ...a })) } : {}),
});

/** The messages `caller` may read: internal notes only for the center (R-TKT-6). */
export const visibleMessages = (record: TicketRecord, caller: Caller): Message[] =>
  isCenter(caller) ? record.messages : record.messages.filter((m) => m.visibility === 'public');

/** A history entry as `caller` may see it, or null when it is internal. */
export function toHistoryEntry(e: StoredEvent, caller: Caller): HistoryEntry | null {
  const data = isCenter(caller) ? e.data : CUSTOMER_HISTORY[e.type]?.(e.data) ?? null;
  return data === null ? null : { id: e.id, type: e.type, at: e.at, actor: { ...e.actor }, data };
}

/** A ticket with its messages and history: internal notes and internal history only for the center. */
export function toTicketDetail(record: TicketRecord, caller: Caller): TicketDetail {
  const messages = visibleMessages(record, caller);
  const history = record.events.flatMap((e) => toHistoryEntry(e, caller) ?? []);
  return { ...toTicketView(record.ticket, caller), messages: messages.map(toMessageView), history };
}

// Field by field, so nothing the store keeps beside a record (keys, index attributes) leaks out.
export const toOrganisationView = (o: Organisation & { version: number }): OrganisationView => ({
  id: o.id, name: o.name, kind: o.kind, partnerId: o.partnerId, subscription: o.subscription, packages: o.packages, csm: o.csm, cse: o.cse, version: o.version,
});
export const toContactView = (c: Contact): ContactView => ({
  email: c.email, organisationId: c.organisationId, name: c.name, language: c.language, unreachable: c.unreachable,
});
