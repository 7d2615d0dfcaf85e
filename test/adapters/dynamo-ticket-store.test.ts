import { describe, expect, it } from 'vitest';
import { DynamoTicketStore } from '../../functions/adapters/dynamo-ticket-store.js';
import type { Message } from '../../functions/adapters/store.js';
import type { WorkEntry } from '../../functions/domain/billing/types.js';
import { changeStatus, defaultPolicy, openTicket, recordAgentReply, recordInternalNote, type Ticket } from '../../functions/domain/index.js';
import { AGENT, CUSTOMER, aCase, anEntitlement } from '../fixtures/builders.js';
import { useDynamoDbLocal } from '../support/dynamodb.js';

const db = useDynamoDbLocal();
const store = () => new DynamoTicketStore(db.client, db.tableName);
const SUN_0900 = '2026-06-07T06:00:00.000Z';
let seq = 0;

const open = (over: { organisationId?: string; partnerId?: string | null; at?: string } = {}) => openTicket({
  id: `t-${++seq}-${Date.now()}`, type: 'incident', severity: 'high', organisationId: over.organisationId ?? 'acme', actor: CUSTOMER,
  entitlement: anEntitlement(), case: aCase({ number: `T-${seq}`, partnerId: over.partnerId ?? null }),
}, defaultPolicy, over.at ?? SUN_0900);

const aMessage = (ticket: Ticket, body: string, visibility: Message['visibility'] = 'public'): Message => ({
  id: `m-${++seq}`, ticketId: ticket.id, at: SUN_0900, author: CUSTOMER, visibility, body, attachments: [], channel: 'api', emailMessageId: null,
});

describe('DynamoTicketStore on DynamoDB Local', () => {
  it('creates a ticket with its events and first message in one transaction, and reads them back with one Query', async () => {
    const change = open();
    const events = await store().create(change, { messages: [aMessage(change.ticket, 'It fails at night')] });
    expect(events.map((e) => e.id)).toEqual([`${change.ticket.id}#1#0`]);
    const record = await store().get(change.ticket.id);
    expect(record?.ticket).toEqual(change.ticket);
    expect(record?.messages.map((m) => m.body)).toEqual(['It fails at night']);
    expect(record?.events).toMatchObject([{ type: 'ticket-opened', ticketId: change.ticket.id, version: 1 }]);
    expect(await store().get('no-such-ticket')).toBeNull();
  });

  it('commits on the expected version and refuses a stale one as version-conflict, writing nothing', async () => {
    const opened = open();
    await store().create(opened, { messages: [] });
    const replied = recordAgentReply(opened.ticket, AGENT, defaultPolicy, '2026-06-07T07:00:00.000Z');
    await store().commit(replied, { expectedVersion: 1, messages: [aMessage(opened.ticket, 'Looking into it')] });
    const stale = changeStatus(opened.ticket, 'pending-vendor', AGENT, defaultPolicy, '2026-06-07T07:05:00.000Z', { vendorCaseNumber: 'Q-1' });
    await expect(store().commit(stale, { expectedVersion: 1 })).rejects.toMatchObject({ code: 'version-conflict' });
    const record = await store().get(opened.ticket.id);
    expect(record?.ticket.version).toBe(2);
    expect(record?.events.map((e) => e.type)).toEqual(['ticket-opened', ...replied.events.map((e) => e.type)]);
    expect(record?.messages).toHaveLength(1);
  });

  it('numbers tickets from an atomic counter, never twice', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => store().nextTicketNumber()));
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.every((n) => /^T-1\d{3}$/.test(n))).toBe(true);
  });

  it('keeps an idempotency key with the ticket it created; a second create with the key is refused', async () => {
    const first = open();
    const record = { scope: 'dana@acme.example', key: `k-${seq}`, requestHash: 'h1', ticketId: first.ticket.id };
    await store().create(first, { messages: [], idempotency: record });
    expect(await store().findIdempotency(record.scope, record.key)).toEqual(record);
    const second = open();
    await expect(store().create(second, { messages: [], idempotency: { ...record, ticketId: second.ticket.id } })).rejects.toMatchObject({ code: 'idempotency-conflict' });
    expect(await store().get(second.ticket.id)).toBeNull();
  });

  it('lists by organisation, by partner and by status, newest first, with a cursor', async () => {
    const org = `org-${seq}`;
    const opened = [];
    for (const at of ['2026-06-07T06:00:00.000Z', '2026-06-08T06:00:00.000Z', '2026-06-09T06:00:00.000Z']) {
      const change = open({ organisationId: org, partnerId: `p-${org}`, at });
      await store().create(change, { messages: [] });
      opened.push(change.ticket.id);
    }
    const first = await store().list({ organisationId: org }, { limit: 2 });
    expect(first.items.map((t) => t.id)).toEqual([opened[2], opened[1]]);
    const second = await store().list({ organisationId: org }, { limit: 2, cursor: first.cursor! });
    expect(second.items.map((t) => t.id)).toEqual([opened[0]]);
    expect((await store().list({ partnerId: `p-${org}` }, { limit: 10 })).items).toHaveLength(3);
    expect((await store().list({ organisationId: org, severity: 'urgent' }, { limit: 10 })).items).toHaveLength(0);
    const queue = await store().list({ status: 'new' }, { limit: 100 });
    expect(queue.items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a cursor it did not give out, as invalid-input naming the cursor', async () => {
    for (const cursor of ['not-base64!', Buffer.from('{"PK":{"S":"x"}}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      await expect(store().list({}, { limit: 5, cursor })).rejects.toMatchObject({ code: 'invalid-input', context: { field: 'cursor' } });
    }
  });

  it('writes logged work with its command, and reads it by ticket, by organisation and month, and by bill-to and month', async () => {
    const org = `org-w-${++seq}`;
    const opened = open({ organisationId: org, partnerId: `p-${org}` });
    await store().create(opened, { messages: [] });
    const t = { ...opened.ticket, billToOrganisationId: `p-${org}` };
    const entry = (id: string, startedAt: string): WorkEntry => ({
      id, ticketId: t.id, ticketNumber: t.number, organisationId: org, billToOrganisationId: t.billToOrganisationId, agent: AGENT.id,
      startedAt, minutes: 30, kind: 'remote', outOfScope: false, note: null, loggedAt: '2026-07-01T08:00:00.000Z',
    });
    const june = [entry('w-2', '2026-06-07T09:00:00.000Z'), entry('w-1', '2026-06-07T06:00:00.000Z')];
    const july = entry('w-3', '2026-06-30T22:30:00.000Z'); // 01:30 on 1 July in Israel: the caller names the month
    const noted = recordInternalNote(opened.ticket, AGENT, defaultPolicy, '2026-07-01T08:00:00.000Z');
    await store().commit(noted, { expectedVersion: 1, work: [...june.map((e) => ({ entry: e, month: '2026-06' })), { entry: july, month: '2026-07' }] });

    expect((await store().listWork(t.id)).map((e) => e.id)).toEqual(['w-1', 'w-2', 'w-3']);
    expect((await store().listWorkOf({ organisationId: org, month: '2026-06' })).map((e) => e.id)).toEqual(['w-1', 'w-2']);
    expect(await store().listWorkOf({ billToOrganisationId: `p-${org}`, month: '2026-07' })).toEqual([july]);
    expect(await store().listWorkOf({ billToOrganisationId: org, month: '2026-06' })).toEqual([]);
    expect((await store().get(t.id))?.ticket.version).toBe(2);

    const stale = recordInternalNote(opened.ticket, AGENT, defaultPolicy, '2026-07-01T08:05:00.000Z');
    await expect(store().commit(stale, { expectedVersion: 1, work: [{ entry: entry('w-4', '2026-06-08T06:00:00.000Z'), month: '2026-06' }] }))
      .rejects.toMatchObject({ code: 'version-conflict' });
    expect((await store().listWork(t.id)).map((e) => e.id)).toEqual(['w-1', 'w-2', 'w-3']); // nothing of the refused command
  });

  it('closes a month: its statement is frozen, work into that month and bill-to is refused, closing again is refused', async () => {
    const org = `org-c-${++seq}`;
    const opened = open({ organisationId: org });
    await store().create(opened, { messages: [] });
    const t = opened.ticket;
    const entry = (id: string, startedAt: string): WorkEntry => ({
      id, ticketId: t.id, ticketNumber: t.number, organisationId: org, billToOrganisationId: t.billToOrganisationId, agent: AGENT.id,
      startedAt, minutes: 30, kind: 'remote', outOfScope: false, note: null, loggedAt: '2026-07-01T08:00:00.000Z',
    });
    const statement = { billToOrganisationId: t.billToOrganisationId, month: '2026-06', lines: [], totals: { billableMinutes: 0, freeMinutes: 0, byReason: {} }, closedAt: '2026-07-01T08:00:00.000Z', closedBy: 'manager@center.example' };
    expect(await store().getClosedStatement(t.billToOrganisationId, '2026-06')).toBeNull();
    await store().closeStatement(statement);
    expect(await store().getClosedStatement(t.billToOrganisationId, '2026-06')).toEqual(statement);
    await expect(store().closeStatement({ ...statement, closedAt: '2026-07-02T08:00:00.000Z' })).rejects.toMatchObject({ code: 'invalid-transition' });

    const noted = recordInternalNote(t, AGENT, defaultPolicy, '2026-07-01T08:05:00.000Z');
    await expect(store().commit(noted, { expectedVersion: 1, work: [{ entry: entry('w-june', '2026-06-30T06:00:00.000Z'), month: '2026-06' }] }))
      .rejects.toMatchObject({ code: 'invalid-transition', context: { field: 'startedAt', month: '2026-06' } });
    expect((await store().get(t.id))?.ticket.version).toBe(1); // nothing of the refused command
    await store().commit(noted, { expectedVersion: 1, work: [{ entry: entry('w-july', '2026-07-01T06:00:00.000Z'), month: '2026-07' }] });
    expect((await store().listWork(t.id)).map((e) => e.id)).toEqual(['w-july']);
  });
});

