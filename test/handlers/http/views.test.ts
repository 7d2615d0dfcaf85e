import { describe, expect, it } from 'vitest';
import {
  changeStatus, defaultPolicy, escalateExternally, escalateInternally, recordAgentReply, recordInternalNote, updateCase,
  type Change, type Ticket,
} from '../../../functions/domain/index.js';
import type { Message, StoredEvent, TicketRecord } from '../../../functions/adapters/store.js';
import type { Role } from '../../../functions/handlers/http/caller.js';
import { TicketDetailSchema, TicketViewSchema } from '../../../functions/handlers/http/view-schemas.js';
import { toTicketDetail, toTicketView } from '../../../functions/handlers/http/views.js';
import { AGENT, CUSTOMER, aTicket, fireTimer } from '../../fixtures/builders.js';
import { aCaller } from '../../fixtures/http.js';

const SUN_0900 = '2026-06-07T06:00:00.000Z';
const SUN_0930 = '2026-06-07T06:30:00.000Z';
const SUN_1000 = '2026-06-07T07:00:00.000Z';
const THU_1700 = '2026-06-11T14:00:00.000Z'; // long after the first-response target: warned and breached

const stored = (change: Change): StoredEvent[] =>
  change.events.map((e, i) => ({ ...e, id: `${change.ticket.id}#${change.ticket.version}#${i}`, ticketId: change.ticket.id, ticketNumber: change.ticket.number, version: change.ticket.version }));
const message = (id: string, at: string, author: Message['author'], visibility: Message['visibility'], body: string): Message => ({
  id, ticketId: 't-1', at, author, visibility, body, attachments: [{ name: 'log.txt', contentType: 'text/plain', size: 12, key: 'attachments/t-1/log.txt' }], channel: 'api', emailMessageId: null,
});

/** A ticket worked by the center: a breach, an internal note, a tier escalation, a reply, an external escalation. */
function aWorkedRecord(): TicketRecord {
  const events: StoredEvent[] = [];
  let ticket: Ticket = aTicket(SUN_0900);
  const step = (change: Change) => { events.push(...stored(change)); ticket = change.ticket; };
  step(fireTimer(ticket, THU_1700)); // sla-warning, sla-breached (with its notification plan)
  step(recordInternalNote(ticket, AGENT, defaultPolicy, THU_1700));
  step(escalateInternally(ticket, AGENT, 'needs the CTO', defaultPolicy, THU_1700));
  step(updateCase(ticket, { assignee: 'senior@center.example', remoteAccess: false }, AGENT, defaultPolicy, THU_1700));
  step(recordAgentReply(ticket, AGENT, defaultPolicy, THU_1700));
  step(escalateExternally(ticket, CUSTOMER, 'too slow', defaultPolicy, THU_1700));
  const messages = [
    message('m-1', SUN_0930, CUSTOMER, 'public', 'The night reload fails'),
    message('m-2', SUN_1000, AGENT, 'internal', 'Customer is on an unsupported build; do not tell them yet'),
    message('m-3', THU_1700, AGENT, 'public', 'We are on it'),
  ];
  return { ticket, messages, events };
}

const CUSTOMER_SIDE: Array<[Role, string]> = [['customer', 'acme'], ['partner', 'reseller']];

describe('visibility: internal notes and internal history never reach customers or partners', () => {
  const record = aWorkedRecord();
  it.each(CUSTOMER_SIDE)('%s sees only public messages, and no storage keys', (role, org) => {
    const detail = toTicketDetail(record, aCaller(role, org));
    expect(detail.messages.map((m) => m.id)).toEqual(['m-1', 'm-3']);
    expect(JSON.stringify(detail)).not.toContain('unsupported build');
    expect(JSON.stringify(detail)).not.toContain('attachments/t-1');
  });
  it.each(CUSTOMER_SIDE)('%s sees no note, tier escalation, warning or notification plan in the history', (role, org) => {
    const detail = toTicketDetail(record, aCaller(role, org));
    const types = detail.history.map((e) => e.type);
    expect(types).not.toContain('note-added');
    expect(types).not.toContain('sla-warning');
    expect(detail.history.filter((e) => e.type === 'escalated').map((e) => e.data.kind)).toEqual(['external']); // R-ESC-2 is theirs, R-ESC-1 is not
    expect(detail.history.find((e) => e.type === 'sla-breached')?.data).toEqual({ target: 'firstResponse', dueAt: record.ticket.sla.firstResponse!.dueAt });
    expect(JSON.stringify(detail.history)).not.toContain('needs the CTO');
    expect(detail.tier).toBeUndefined();
  });
  it('a customer sees the public fields of a case update, not the rest of it', () => {
    const update = toTicketDetail(record, aCaller('customer', 'acme')).history.find((e) => e.type === 'ticket-updated');
    expect(update?.data).toEqual({ changes: { assignee: { from: null, to: 'senior@center.example' }, remoteAccess: { from: true, to: false } } });
  });
  it.each(['agent-tier1', 'support-manager', 'admin'] as const)('%s sees everything: notes, internal history, the tier', (role) => {
    const detail = toTicketDetail(record, aCaller(role));
    expect(detail.messages).toHaveLength(3);
    expect(detail.history).toHaveLength(record.events.length);
    expect(detail.tier).toBe(2);
  });
  it('a history event type nobody has classified stays internal', () => {
    const extra = { ...record.events[0]!, id: 'x', type: 'brand-new-event', data: { secret: 1 } };
    const detail = toTicketDetail({ ...record, events: [extra] }, aCaller('customer', 'acme'));
    expect(detail.history).toEqual([]);
  });
});

describe('the ticket view: the names the API promises', () => {
  it('answers the issue\'s names with one sla entry per target that applies, null where not yet', () => {
    const view = toTicketView(aTicket(SUN_0900), aCaller('agent-tier1'));
    expect(TicketViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ id: 't-1', number: 'T-1001', type: 'incident', severity: 'high', status: 'new', organisationId: 'acme', createdAt: SUN_0900, version: 1 });
    expect(Object.keys(view.sla)).toEqual(['firstResponse']);
    expect(view.sla.firstResponse).toMatchObject({ metAt: null, breachedAt: null });
  });
  it('R-ENT-1: an expired subscription is shown as such, with no SLA clock', () => {
    const view = toTicketView(aTicket(SUN_0900, { entitlement: { subscription: 'expired' } }), aCaller('agent-tier1'));
    expect(view.entitlement.subscription).toBe('expired');
    expect(view.sla).toEqual({});
  });
  it('R-SLA-3: a CSS service request shows its cssResponse target', () => {
    const view = toTicketView(aTicket(SUN_0900, { type: 'service-request', entitlement: { css: true } }), aCaller('customer', 'acme'));
    expect(Object.keys(view.sla).sort()).toEqual(['cssResponse', 'firstResponse']);
  });
  it('every detail matches its response schema, for each kind of caller', () => {
    const record = aWorkedRecord();
    const resolved = changeStatus(record.ticket, 'resolved', AGENT, defaultPolicy, THU_1700, { solution: 'patched' });
    for (const caller of [aCaller('customer', 'acme'), aCaller('agent-tier2')]) {
      const detail = toTicketDetail({ ...record, ticket: resolved.ticket, events: [...record.events, ...stored(resolved)] }, caller);
      expect(TicketDetailSchema.parse(detail)).toEqual(detail);
    }
  });
});
